"""IP属地: each comment keeps the province (abroad, the country) of its address, shown beside it."""

from importlib import import_module

import pytest
from django.apps import apps

from comments.ip_places import _table, place_of
from comments.models import Comment
from tests.comments.conftest import article_page
from tests.factories import CommentFactory

SICHUAN = "61.139.2.69"  # 四川电信's DNS server in 成都


@pytest.mark.parametrize(
    "ip, place",
    [
        (SICHUAN, "四川"),
        ("202.96.134.133", "广东"),
        ("203.198.7.66", "香港"),
        ("8.8.8.8", "美国"),
        (f"::ffff:{SICHUAN}", "四川"),  # an IPv4 address as IPv6 sockets report it
    ],
)
def test_public_addresses_have_their_province_or_country(ip, place):
    assert place_of(ip) == place


@pytest.mark.parametrize(
    "ip",
    ["192.168.1.10", "10.0.0.1", "127.0.0.1", "100.64.0.1", "0.0.0.0", "2408:8000::1", "2001:db8::1", "", None, "x"],
)
def test_private_reserved_ipv6_and_malformed_addresses_have_none(ip):
    assert place_of(ip) == ""


def test_the_table_covers_every_ipv4_address_in_order():
    starts, indexes, places = _table()

    assert starts[0] == 0
    assert all(a < b for a, b in zip(starts, starts[1:]))
    assert len(starts) == len(indexes) > 100_000
    assert {"四川", "北京", "台湾", "澳门", "内蒙古", "美国", ""} <= set(places)
    assert not any(place.endswith("省") for place in places)


def test_a_posted_comment_keeps_the_place_of_its_address(article, post_comment):
    post_comment(article, ip=SICHUAN, body="柠檬节办得好")

    assert Comment.objects.get(body="柠檬节办得好").ip_place == "四川"


def test_behind_a_trusted_proxy_the_place_is_the_forwarded_clients(client, article, settings):
    from django.urls import reverse

    settings.TRUSTED_PROXY_COUNT = 1
    client.post(
        reverse("comments:post", args=[article.pk]),
        {"nickname": "小李", "body": "从成都来看看"},
        headers={"Accept": "application/json", "X-Forwarded-For": f"8.8.8.8, {SICHUAN}"},
        REMOTE_ADDR="10.0.0.2",
    )

    assert Comment.objects.get(body="从成都来看看").ip_place == "四川"


def test_the_article_page_shows_the_place_beside_each_comment(client, article):
    CommentFactory(article=article, nickname="老张", ip_place="四川")
    CommentFactory(article=article, nickname="老王", ip_place="")

    html = article_page(client, article)

    assert html.count("IP属地：") == 1
    assert "IP属地：四川" in html.split("老张")[1].split("comment-body")[0]


def test_older_comments_get_their_place_from_the_backfill_migration(article):
    old = CommentFactory(article=article, ip_address=SICHUAN, ip_place="")
    private = CommentFactory(article=article, ip_address="192.168.1.10", ip_place="")
    anonymous = CommentFactory(article=article, ip_address=None, ip_place="")

    import_module("comments.migrations.0009_backfill_ip_places").backfill(apps, None)

    places = dict(Comment.objects.values_list("pk", "ip_place"))
    assert (places[old.pk], places[private.pk], places[anonymous.pk]) == ("四川", "", "")
