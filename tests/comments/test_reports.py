"""Readers report (举报) comments; reports from enough networks send one back to the queue."""

from django.urls import reverse

from comments.models import Comment, CommentReport
from tests.comments.conftest import article_page


def report(client, comment, ip, reason="abuse"):
    return client.post(
        reverse("comments:report", args=[comment.pk]),
        {"reason": reason},
        headers={"Accept": "application/json"},
        REMOTE_ADDR=ip,
    )


def test_a_report_is_recorded_once_per_ip(client, approved_comment):
    first = report(client, approved_comment, "198.51.100.1")
    again = report(client, approved_comment, "198.51.100.1", reason="spam")

    assert first.json() == {"ok": True, "message": "感谢举报，我们会尽快处理。"}
    assert again.json()["message"] == "您已经举报过这条评论，我们会尽快处理。"
    assert CommentReport.objects.get().reason == CommentReport.Reason.ABUSE
    approved_comment.refresh_from_db()
    assert approved_comment.report_count == 1


def test_enough_reports_return_an_approved_comment_to_the_queue(client, settings, article, approved_comment):
    settings.COMMENT_REPORTS_TO_REQUEUE = 3
    Comment.objects.recount([article.pk])
    report(client, approved_comment, "198.51.100.1")
    report(client, approved_comment, "203.0.113.2")
    approved_comment.refresh_from_db()
    assert approved_comment.status == Comment.Status.APPROVED

    report(client, approved_comment, "192.0.2.3")

    approved_comment.refresh_from_db()
    article.refresh_from_db()
    assert approved_comment.status == Comment.Status.PENDING
    assert approved_comment.report_count == 3
    assert article.comment_count == 0
    assert "家乡越来越好了" not in article_page(client, article)


def test_a_report_needs_a_reason(client, approved_comment):
    response = report(client, approved_comment, "198.51.100.1", reason="")

    assert response.status_code == 400
    assert not CommentReport.objects.exists()


def test_without_javascript_the_report_link_opens_a_form(client, approved_comment):
    html = client.get(reverse("comments:report", args=[approved_comment.pk])).content.decode()

    assert "举报理由" in html and "家乡越来越好了" in html and "csrfmiddlewaretoken" in html


def test_only_visible_comments_can_be_reported(client, article):
    from tests.factories import CommentFactory

    pending = CommentFactory(article=article, status=Comment.Status.PENDING)

    assert report(client, pending, "198.51.100.1").status_code == 404
