"""Moderators change comments; journalists and editors may only look."""

import pytest
from django.test import Client

from articles.models import Article
from comments.models import Comment
from tests.factories import CommentFactory

CHANGELIST = "/admin/comments/comment/"


@pytest.fixture
def pending(article):
    return CommentFactory(article=article, status=Comment.Status.PENDING, body="等待审核的评论")


def logged_in(user):
    client = Client()
    client.force_login(user)
    return client


def test_a_moderator_has_the_queue_reports_and_word_list_but_not_articles(moderator, pending):
    client = logged_in(moderator)

    for url in (CHANGELIST, "/admin/comments/commentreport/", "/admin/comments/sensitiveword/add/"):
        assert client.get(url).status_code == 200
    assert client.get("/admin/articles/article/").status_code == 403
    assert not moderator.has_perm("articles.change_article")


@pytest.mark.parametrize("role", ["journalist", "editor"])
def test_journalists_and_editors_see_comments_read_only(request, role, pending):
    user = request.getfixturevalue(role)
    # A journalist reads the comments on his own articles only (tests/security/test_comment_privacy.py).
    Article.objects.filter(pk=pending.article_id).update(created_by=user)
    client = logged_in(user)

    html = client.get(CHANGELIST).content.decode()
    assert "等待审核的评论" in html
    assert "one_click" not in html and 'name="action"' not in html

    client.post(CHANGELIST, {"one_click": f"approve:{pending.pk}"})
    client.post(CHANGELIST, {"action": "approve", "_selected_action": [pending.pk], "index": 0})
    client.post(f"{CHANGELIST}{pending.pk}/change/", {"status": "approved", "nickname": "x", "body": "xx"})
    pending.refresh_from_db()
    assert pending.status == Comment.Status.PENDING
    assert client.get("/admin/comments/sensitiveword/").status_code == 403


def test_nobody_adds_comments_in_the_admin(moderator):
    assert logged_in(moderator).get(f"{CHANGELIST}add/").status_code == 403
