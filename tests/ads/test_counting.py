"""Impressions and clicks are counted like article views: once per reader per
window, in the cache, and written to the daily table by the minutely flush."""

import pytest
from django.core.management import call_command
from django.test import Client
from django.utils import timezone

from ads import counting, slots
from ads.models import AdDailyStats
from tests.factories import AdFactory

pytestmark = pytest.mark.django_db


def seen_url(ad):
    return f"/ad/{ad.pk}/seen/?sig={slots.seen_signature(ad.pk)}"


def beacon(client, ad):
    return client.post(seen_url(ad), content_type="text/plain")


def test_an_impression_counts_once_per_reader_per_window(local_or_redis_cache):
    ad = AdFactory()
    phone = Client(HTTP_USER_AGENT="iPhone", REMOTE_ADDR="203.0.113.5", enforce_csrf_checks=True)
    laptop = Client(HTTP_USER_AGENT="Firefox", REMOTE_ADDR="198.51.100.7", enforce_csrf_checks=True)

    answers = [beacon(phone, ad).status_code for _ in range(4)] + [beacon(laptop, ad).status_code]

    assert set(answers) == {204}  # a beacon carries no CSRF token
    assert counting.buffered(ad.pk, counting.IMPRESSION) == 2


def test_a_forged_or_fetched_beacon_counts_nothing(client):
    ad = AdFactory()

    assert client.post(f"/ad/{ad.pk}/seen/?sig=forged").status_code == 404
    assert client.post(f"/ad/{ad.pk + 1}/seen/?sig={slots.seen_signature(ad.pk)}").status_code == 404
    assert client.get(seen_url(ad)).status_code == 405
    assert counting.buffered(ad.pk, counting.IMPRESSION) == 0


def test_counting_writes_nothing_to_the_database(client, django_assert_num_queries):
    ad = AdFactory()

    with django_assert_num_queries(0):
        beacon(client, ad)


def test_the_minutely_job_flushes_impressions_and_clicks_into_the_day(local_or_redis_cache, client, lezhi_article):
    ad = AdFactory(link="https://shop.example.cn/")
    for n in range(3):
        beacon(Client(REMOTE_ADDR=f"203.0.113.{n + 1}"), ad)
    go = f"/ad/{ad.pk}/go/?sig={slots.click_signature(ad.pk, ad.link)}"
    assert client.get(go).status_code == 302

    call_command("minutely", stdout=open("/dev/null", "w"))  # noqa: SIM115

    row = AdDailyStats.objects.get(ad=ad, day=timezone.localdate())
    assert (row.impressions, row.clicks) == (3, 1)
    assert counting.buffered(ad.pk, counting.IMPRESSION) == 0

    beacon(Client(REMOTE_ADDR="203.0.113.99"), ad)
    counting.flush()
    row.refresh_from_db()
    assert (row.impressions, row.clicks) == (4, 1)


def test_a_flush_skips_ads_deleted_since(local_or_redis_cache, client):
    ad = AdFactory()
    beacon(client, ad)
    ad.delete()

    assert counting.flush() == 0
    assert not AdDailyStats.objects.exists()
