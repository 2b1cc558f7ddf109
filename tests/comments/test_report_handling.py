"""A moderator (审核员) works the 评论举报 list: who reported what, and three
ways to close a report (issue 20, item 5)."""

import pytest
from django.urls import reverse

from comments.models import Comment, CommenterBan, CommentReport
from tests.comments.conftest import article_page
from tests.factories import CommentFactory, UserFactory

REPORTS = "/admin/comments/commentreport/"


@pytest.fixture
def reported(article, settings):
    """老张's comment, reported by two readers: one logged in, one anonymous."""
    settings.COMMENT_REPORTS_TO_REQUEUE = 3
    comment = CommentFactory(article=article, nickname="老张", body="这条评论有问题", ip_address="203.0.113.7")
    Comment.objects.recount([article.pk])
    comment.add_report("abuse", "198.51.100.1", "骂人了", reporter=UserFactory(username="xiaoli"))
    comment.add_report("rumor", "2001:db8:5::1")
    return comment


@pytest.fixture
def moderating(client, moderator):
    client.force_login(moderator)
    return client


def act(client, action, reports):
    return client.post(REPORTS, {"action": action, "_selected_action": [r.pk for r in reports], "index": 0})


def test_the_report_list_shows_who_reported_and_links_to_the_comment_and_article(moderating, reported):
    html = moderating.get(REPORTS).content.decode()

    assert f'href="{reverse("admin:comments_comment_change", args=[reported.pk])}"' in html
    assert f'href="{reported.get_absolute_url()}"' in html and "乐至县举办柠檬采摘节" in html
    assert "xiaoli" in html and "匿名读者" in html
    assert "198.51.100.0/24" in html and "2001:db8:5::/48" in html
    assert "骂人了" in html


def test_the_title_counts_pending_reports(moderating, reported):
    html = moderating.get(REPORTS).content.decode()

    assert "评论举报（待处理 2 条，涉及 1 条评论）" in html


def test_the_comment_page_in_the_admin_lists_its_reporters(moderating, reported):
    html = moderating.get(reverse("admin:comments_comment_change", args=[reported.pk])).content.decode()

    assert "xiaoli" in html and "198.51.100.1" in html and "2001:db8:5::1" in html


def test_hiding_the_comment_handles_every_report_on_it_and_records_who(moderating, moderator, article, reported):
    first = reported.reports.first()

    act(moderating, "hide_comments", [first])

    reported.refresh_from_db()
    assert reported.status == Comment.Status.REJECTED and reported.moderated_by == moderator
    assert set(reported.reports.values_list("state", "handled_by")) == {("handled", moderator.pk)}
    assert all(r.handled_at for r in reported.reports.all())
    assert "这条评论有问题" not in article_page(moderating, article)
    assert "待处理 0 条" in moderating.get(REPORTS).content.decode()


def test_dismissing_shows_again_a_comment_the_reports_had_sent_back_to_the_queue(
    moderating, moderator, article, reported
):
    reported.add_report("spam", "192.0.2.50")
    reported.refresh_from_db()
    assert reported.status == Comment.Status.PENDING

    act(moderating, "dismiss_reports", [reported.reports.first()])

    reported.refresh_from_db()
    assert reported.status == Comment.Status.APPROVED
    assert set(reported.reports.values_list("state", flat=True)) == {"dismissed"}
    article.refresh_from_db()
    assert article.comment_count == 1


def test_dismissed_reports_no_longer_count_towards_the_queue(moderating, reported):
    act(moderating, "dismiss_reports", list(reported.reports.all()))

    reported.add_report("spam", "192.0.2.50")

    reported.refresh_from_db()
    assert reported.status == Comment.Status.APPROVED


def test_a_rejected_comment_stays_rejected_when_its_reports_are_dismissed(moderating, moderator, reported):
    reported.reject(moderator)

    act(moderating, "dismiss_reports", list(reported.reports.all()))

    reported.refresh_from_db()
    assert reported.status == Comment.Status.REJECTED


def test_banning_puts_the_commenter_on_the_ban_list_and_hides_the_comment(moderating, moderator, reported):
    act(moderating, "ban_commenters", [reported.reports.first()])

    ban = CommenterBan.objects.get()
    assert ban.network == "203.0.113.7/32" and ban.created_by == moderator
    reported.refresh_from_db()
    assert reported.status == Comment.Status.REJECTED
    assert set(reported.reports.values_list("state", flat=True)) == {"handled"}


def test_a_logged_in_commenter_is_banned_by_account(moderating, article):
    author = UserFactory(username="laowang")
    comment = CommentFactory(article=article, user=author, ip_address="2001:db8:9:1::5")
    comment.add_report("spam", "198.51.100.1")

    act(moderating, "ban_commenters", list(comment.reports.all()))

    assert CommenterBan.objects.get().user == author


def test_the_list_opens_on_pending_reports_with_the_others_one_filter_away(moderating, moderator, reported):
    CommentReport.objects.filter(reason="rumor").close(CommentReport.State.DISMISSED, moderator)

    pending = moderating.get(REPORTS).content.decode()
    everything = moderating.get(REPORTS, {"state": "all"}).content.decode()

    assert "198.51.100.0/24" in pending and "2001:db8:5::/48" not in pending
    assert "2001:db8:5::/48" in everything and "已驳回" in everything


@pytest.mark.parametrize("role", ["journalist", "editor"])
def test_journalists_and_editors_cannot_handle_reports(client, request, role, reported):
    client.force_login(request.getfixturevalue(role))

    act(client, "hide_comments", list(reported.reports.all()))

    reported.refresh_from_db()
    assert reported.status == Comment.Status.APPROVED
    assert not CommentReport.objects.exclude(state="pending").exists()
