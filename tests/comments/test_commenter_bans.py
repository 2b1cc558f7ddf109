"""Moderators keep a ban list (评论禁言名单) by account or by address; a banned
commenter is told so in plain Chinese and keeps what they typed."""

from datetime import timedelta

import pytest
from django.utils import timezone

from comments.forms import BANNED_MESSAGE
from comments.models import Comment, CommenterBan
from comments.networks import parse_ban_network
from tests.comments.conftest import READER_IP
from tests.factories import UserFactory

BANS = "/admin/comments/commenterban/"


@pytest.mark.parametrize("network", [READER_IP, "198.51.100.0/24", "198.51.0.0/16"])
def test_a_banned_address_or_network_cannot_comment(article, post_comment, network):
    CommenterBan.objects.create(network=stored(network))

    response = post_comment(article, body="我又来了")

    assert response.status_code == 400
    assert response.json()["errors"]["__all__"] == [BANNED_MESSAGE]
    assert not Comment.objects.exists()


def stored(network):
    return parse_ban_network(network)


def test_the_refusal_page_keeps_what_was_typed(article, post_comment):
    CommenterBan.objects.create(network=stored(READER_IP))

    response = post_comment(article, as_json=False, nickname="小李", body="我想说的话很长")

    html = response.content.decode()
    assert response.status_code == 400
    assert BANNED_MESSAGE in html and "我想说的话很长" in html and 'value="小李"' in html


def test_a_banned_account_cannot_comment_from_any_address(article, post_comment, client):
    reader = UserFactory(username="xiaoli")
    CommenterBan.objects.create(user=reader)
    client.force_login(reader)

    assert post_comment(article, ip="203.0.113.99").json()["errors"]["__all__"] == [BANNED_MESSAGE]


def test_other_readers_and_expired_bans_are_not_affected(article, post_comment):
    CommenterBan.objects.create(network="198.51.100.0/24", expires_at=timezone.now() - timedelta(minutes=1))
    CommenterBan.objects.create(network="203.0.113.0/24")

    assert post_comment(article, ip=READER_IP).status_code == 201


def test_an_ipv6_ban_from_a_comment_covers_the_readers_slash_64(article, post_comment, moderator):
    from tests.factories import CommentFactory

    comment = CommentFactory(article=article, ip_address="2001:db8:7:1::10")
    Comment.objects.filter(pk=comment.pk).ban_authors(moderator)

    assert post_comment(article, ip="2001:db8:7:1:ffff::1").status_code == 400
    assert post_comment(article, ip="2001:db8:7:2::1").status_code == 201


def test_a_moderator_adds_a_ban_in_the_admin(client, moderator):
    client.force_login(moderator)

    response = client.post(f"{BANS}add/", {"network": "198.51.100.7", "reason": "刷广告"})

    assert response.status_code == 302
    ban = CommenterBan.objects.get()
    assert ban.network == "198.51.100.7/32" and ban.created_by == moderator and ban.is_active


@pytest.mark.parametrize(
    "fields, message",
    [
        ({"network": "not an address"}, "请填写 IP 地址或网段"),
        ({"network": "10.0.0.0/8"}, "网段太大"),
        ({"network": "2001:db8::/16"}, "网段太大"),
        ({}, "请填写账号或网络地址"),
    ],
)
def test_a_ban_the_admin_cannot_use_is_refused_with_a_message_and_keeps_the_form(client, moderator, fields, message):
    client.force_login(moderator)

    response = client.post(f"{BANS}add/", {"reason": "保留的原因", **fields})

    html = response.content.decode()
    assert response.status_code == 200 and message in html and "保留的原因" in html
    assert not CommenterBan.objects.exists()


def test_the_ban_list_shows_who_is_banned_and_whether_it_still_applies(client, moderator):
    CommenterBan.objects.create(user=UserFactory(username="laowang"), reason="辱骂")
    CommenterBan.objects.create(network="203.0.113.0/24", expires_at=timezone.now() - timedelta(days=1))
    client.force_login(moderator)

    html = client.get(BANS).content.decode()

    assert "账号 laowang" in html and "地址 203.0.113.0/24" in html and "辱骂" in html


def test_banning_an_address_twice_is_refused_in_chinese(client, moderator):
    CommenterBan.objects.create(network="198.51.100.7/32")
    client.force_login(moderator)

    response = client.post(f"{BANS}add/", {"network": "198.51.100.7", "reason": "又来了"})

    assert "这个网络地址已在禁言名单中" in response.content.decode()
    assert CommenterBan.objects.count() == 1
