"""IP属地: each comment keeps the province (abroad, the country) of its address, shown beside it."""

from importlib import import_module

import pytest
from django.apps import apps

from comments.ip_places import _table, place_of
from comments.models import Comment
from tests.comments.conftest import article_page
from tests.factories import CommentFactory

SICHUAN = "61.139.2.69"  # 四川电信's DNS server in 成都
SICHUAN_IPV6 = "2001:250:2000::1"  # CERNET in 成都


@pytest.mark.parametrize(
    "ip, place",
    [
        (SICHUAN, "四川"),
        ("202.96.134.133", "广东"),
        ("203.198.7.66", "香港"),
        ("8.8.8.8", "美国"),
        (f"::ffff:{SICHUAN}", "四川"),  # an IPv4 address as IPv6 sockets report it
        (SICHUAN_IPV6, "四川"),
        ("240e:47d:c20:1627:30a3:ba0d:a5e6:ec19", "广东"),  # 中国电信 broadband
        ("2001:da8:248::1", "北京"),  # CERNET, a university in Beijing
        ("2a00:1450:4001::1", "德国"),
        ("2002:3d8b:0245::1", "四川"),  # 6to4 carries the IPv4 address 61.139.2.69
    ],
)
def test_public_addresses_have_their_province_or_country(ip, place):
    assert place_of(ip) == place


@pytest.mark.parametrize(
    "ip",
    [
        "192.168.1.10", "10.0.0.1", "127.0.0.1", "100.64.0.1", "0.0.0.0", "2001:db8::1", "fe80::1", "::1",
        "fd00::1",
        "2408:8000::1",  # 中国联通, but the data names no province for it
        "2001:4860:4860::8888",  # anycast: the data says 全球
        "", None, "x",
    ],
)  # fmt: skip
def test_private_reserved_unknown_and_malformed_addresses_have_none(ip):
    assert place_of(ip) == ""


@pytest.mark.parametrize("version, bits", [(4, 32), (6, 64)])
def test_each_table_covers_its_address_family_in_order(version, bits):
    starts, indexes, places = _table(version)

    assert starts[0] == 0 and starts[-1] < 2**bits
    assert all(a < b for a, b in zip(starts, starts[1:]))
    assert len(starts) == len(indexes) > 100_000
    assert {"四川", "北京", "台湾", "香港", "内蒙古", "美国", ""} <= set(places)
    assert not any(place.endswith(("省", "市")) for place in places)


def test_ipv6_places_use_the_same_names_as_ipv4_places():
    assert set(_table(6)[2]) <= set(_table(4)[2])


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


def test_comments_from_ipv6_addresses_get_their_place_from_the_second_backfill(article):
    from_ipv6 = CommentFactory(article=article, ip_address=SICHUAN_IPV6, ip_place="")
    kept = CommentFactory(article=article, ip_address=SICHUAN_IPV6, ip_place="重庆")

    import_module("comments.migrations.0010_backfill_ipv6_places").backfill(apps, None)

    places = dict(Comment.objects.values_list("pk", "ip_place"))
    assert (places[from_ipv6.pk], places[kept.pk]) == ("四川", "重庆")
