"""A reader taps an ad: the click is counted and leads to the advertiser's
page stored with the ad, and nowhere else, whatever the address says."""

import re

import pytest

from ads import counting, slots
from tests.factories import AdFactory

pytestmark = pytest.mark.django_db


def click_url(client, ad):
    page = client.get("/").content.decode()
    return re.search(rf'href="(/ad/{ad.pk}/go/\?sig=[^"]+)"', page).group(1)


def test_a_signed_click_is_counted_and_leads_to_the_stored_link(client, lezhi_article):
    ad = AdFactory(link="https://shop.example.cn/spring?from=newsportal")

    response = client.get(click_url(client, ad))

    assert response.status_code == 302
    assert response["Location"] == "https://shop.example.cn/spring?from=newsportal"
    assert "no-cache" in response["Cache-Control"] or "max-age=0" in response["Cache-Control"]
    assert counting.buffered(ad.pk, counting.CLICK) == 1


def test_a_reader_clicking_again_counts_once_per_window(client, lezhi_article):
    ad = AdFactory()
    url = click_url(client, ad)

    for _ in range(5):
        assert client.get(url).status_code == 302

    assert counting.buffered(ad.pk, counting.CLICK) == 1


def test_another_ads_signature_leads_nowhere(client, lezhi_article):
    ad = AdFactory(link="https://shop.example.cn/")
    other = AdFactory(link="https://other.example.cn/")
    url = click_url(client, ad).replace(f"/ad/{ad.pk}/", f"/ad/{other.pk}/")

    response = client.get(url)

    assert response.status_code == 404
    assert counting.buffered(other.pk, counting.CLICK) == 0


@pytest.mark.parametrize("sig", ["", "forged", "x" * 43])
def test_a_missing_or_forged_signature_leads_nowhere(client, sig):
    ad = AdFactory()

    response = client.get(f"/ad/{ad.pk}/go/", {"sig": sig} if sig else {})

    assert response.status_code == 404 and "Location" not in response
    assert counting.buffered(ad.pk, counting.CLICK) == 0


def test_a_signature_made_for_another_target_leads_nowhere(client):
    ad = AdFactory(link="https://shop.example.cn/")
    forged = slots.click_signature(ad.pk, "https://evil.example.com/")

    assert client.get(f"/ad/{ad.pk}/go/", {"sig": forged}).status_code == 404


def test_a_target_in_the_address_is_ignored(client, lezhi_article):
    ad = AdFactory(link="https://shop.example.cn/")
    url = click_url(client, ad)

    for extra in ["&next=https://evil.example.com/", "&url=//evil.example.com", "&link=https://evil.example.com/"]:
        response = client.get(url + extra)
        assert response["Location"] == "https://shop.example.cn/"


def test_a_changed_link_needs_a_new_signature(client, lezhi_article):
    ad = AdFactory(link="https://shop.example.cn/")
    url = click_url(client, ad)

    ad.link = "https://new-shop.example.cn/"
    ad.save()

    assert client.get(url).status_code == 404
    assert client.get(click_url(client, ad))["Location"] == "https://new-shop.example.cn/"


def test_an_unknown_ad_is_not_found(client):
    assert (
        client.get("/ad/999999/go/", {"sig": slots.click_signature(999999, "https://x.example.cn/")}).status_code == 404
    )
