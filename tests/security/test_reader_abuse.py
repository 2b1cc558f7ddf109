"""Reader-side abuse (issue 23, item 7): hiding any comment with a handful of
addresses, and posting under a staff name or a reversed-text nickname.

Three reports used to re-queue (hide) a comment whatever their addresses, and
an IPv6 user has a whole /64 or more: reports now count once per /24 (IPv4)
or /48 (IPv6) network. Nicknames like admin, 本站编辑, 管理员 and names with a
right-to-left override (U+202E) used to be accepted.
"""

import pytest
from django.urls import reverse

from comments.models import Comment, CommentReport
from tests.factories import ArticleFactory, CommentFactory


@pytest.fixture
def target(db, settings):
    settings.COMMENT_REPORTS_TO_REQUEUE = 3
    return CommentFactory(body="一条正常的评论")


def report(client, comment, ip):
    return client.post(
        reverse("comments:report", args=[comment.pk]),
        {"reason": "abuse"},
        headers={"Accept": "application/json"},
        REMOTE_ADDR=ip,
    )


def post_as(client, nickname):
    return client.post(
        reverse("comments:post", args=[ArticleFactory().pk]),
        {"nickname": nickname, "body": "我来说两句"},
        headers={"Accept": "application/json"},
        REMOTE_ADDR="198.51.100.20",
    )


def status_of(comment):
    comment.refresh_from_db()
    return comment.status


@pytest.mark.parametrize(
    "addresses",
    [
        [f"198.51.100.{n}" for n in range(1, 40)],  # one IPv4 /24
        [f"2001:db8:1:{n:x}::{n}" for n in range(1, 40)],  # one IPv6 /48, many /64s
        ["198.51.100.1", "::ffff:198.51.100.2", "::ffff:c633:6403"],  # IPv4 written as IPv6
    ],
    ids=["ipv4-slash24", "ipv6-slash48", "ipv4-mapped"],
)
def test_many_addresses_in_one_network_cannot_hide_a_comment(client, target, addresses):
    for ip in addresses:
        assert report(client, target, ip).status_code == 200

    assert status_of(target) == Comment.Status.APPROVED
    assert CommentReport.objects.count() == len(addresses)  # every report is kept for the moderator


def test_reports_from_three_networks_do(client, target):
    for ip in ["198.51.100.1", "203.0.113.9", "2001:db8:2::1"]:
        report(client, target, ip)

    assert status_of(target) == Comment.Status.PENDING


def test_a_reader_cannot_report_the_same_comment_twice_by_changing_address(client, target, django_user_model):
    reader = django_user_model.objects.create_user("xiaoli")
    client.force_login(reader)

    report(client, target, "198.51.100.1")
    again = report(client, target, "203.0.113.9")

    assert again.json()["message"] == "您已经举报过这条评论，我们会尽快处理。"
    assert CommentReport.objects.get().reporter == reader


def test_a_report_without_a_readable_address_is_kept_once_and_does_not_count(client, target):
    assert report(client, target, "not-an-ip").status_code == 200
    assert report(client, target, "").json()["message"] == "您已经举报过这条评论，我们会尽快处理。"

    assert CommentReport.objects.get().network == ""
    assert status_of(target) == Comment.Status.APPROVED


@pytest.mark.parametrize(
    "nickname",
    [
        "admin",
        "Admin",
        "ＡＤＭＩＮ",
        "a d m i n",
        "admin123",
        "Mr Admin",
        "editor",
        "Editor_Li",
        "编辑",
        "編輯",
        "本站编辑",
        "管理员",
        "管 理 员",
        "管\u200b理员",
        "管理員",
        "站长",
        "川中地方网",
        "川中地方網",
    ],
)
def test_staff_impersonating_nicknames_are_refused(client, db, nickname):
    response = post_as(client, nickname)

    assert response.status_code == 400
    assert response.json()["errors"]["nickname"]
    assert not Comment.objects.exists()


@pytest.mark.parametrize("control", ["\u202e", "\u202d", "\u2066", "\u2067", "\u2068", "\u200f", "\u061c"])
def test_nicknames_carrying_bidi_controls_are_refused(client, db, control):
    response = post_as(client, f"moc.{control}evil")

    assert response.status_code == 400
    assert not Comment.objects.exists()
