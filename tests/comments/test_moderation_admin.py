"""A moderator works the queue in the admin: bulk actions and one-click buttons."""

from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone

from comments.models import Comment
from tests.factories import CommentFactory

CHANGELIST = "/admin/comments/comment/"


@pytest.fixture
def queue(article):
    now = timezone.now()
    comments = []
    for n, minutes in enumerate([5, 30, 10]):
        comment = CommentFactory(article=article, status=Comment.Status.PENDING, body=f"待审评论{n}")
        Comment.objects.filter(pk=comment.pk).update(created_at=now - timedelta(minutes=minutes))
        comments.append(comment)
    CommentFactory(article=article, body="早已通过的评论")
    return comments


@pytest.fixture
def moderating(client, moderator):
    client.force_login(moderator)
    return client


def test_the_queue_opens_on_pending_comments_oldest_first(moderating, queue):
    html = moderating.get(CHANGELIST).content.decode()

    assert "早已通过的评论" not in html
    assert html.index("待审评论1") < html.index("待审评论2") < html.index("待审评论0")


def test_all_statuses_are_one_filter_away(moderating, queue):
    html = moderating.get(CHANGELIST, {"status": "all"}).content.decode()

    assert "早已通过的评论" in html


@pytest.mark.parametrize("action, status", [("approve", "approved"), ("reject", "rejected"), ("mark_spam", "spam")])
def test_bulk_actions_decide_and_record_who(moderating, moderator, article, queue, action, status):
    picked = [queue[0].pk, queue[1].pk]

    moderating.post(CHANGELIST, {"action": action, "_selected_action": picked, "index": 0})

    for comment in Comment.objects.filter(pk__in=picked):
        assert comment.status == status
        assert comment.moderated_by == moderator and comment.moderated_at is not None
    assert Comment.objects.get(pk=queue[2].pk).status == Comment.Status.PENDING
    article.refresh_from_db()
    assert article.comment_count == 1 + (2 if status == "approved" else 0)


def test_one_click_approves_a_single_comment(moderating, moderator, article, queue):
    response = moderating.post(CHANGELIST, {"one_click": f"approve:{queue[0].pk}"})

    assert response.status_code == 302
    queue[0].refresh_from_db()
    assert queue[0].status == Comment.Status.APPROVED and queue[0].moderated_by == moderator
    article.refresh_from_db()
    assert article.comment_count == 2


def test_one_click_buttons_are_on_each_row(moderating, queue):
    html = moderating.get(CHANGELIST).content.decode()

    for comment in queue:
        for decision in ("approve", "reject", "mark_spam"):
            assert f'name="one_click" value="{decision}:{comment.pk}"' in html


def test_one_click_is_csrf_protected(moderator, queue):
    strict = Client(enforce_csrf_checks=True)
    strict.force_login(moderator)

    response = strict.post(CHANGELIST, {"one_click": f"approve:{queue[0].pk}"})

    assert response.status_code == 403
    queue[0].refresh_from_db()
    assert queue[0].status == Comment.Status.PENDING


def test_spam_and_hide_everything_from_that_ip(moderating, article, queue):
    flooder = CommentFactory(article=article, ip_address="192.0.2.66", status=Comment.Status.PENDING)
    earlier = CommentFactory(article=article, ip_address="192.0.2.66", body="以前通过的")

    moderating.post(CHANGELIST, {"action": "mark_spam_and_hide_ip", "_selected_action": [flooder.pk], "index": 0})

    assert set(Comment.objects.filter(ip_address="192.0.2.66").values_list("status", flat=True)) == {"spam"}
    assert Comment.objects.get(pk=queue[0].pk).status == Comment.Status.PENDING
    earlier.refresh_from_db()
    assert earlier.status == Comment.Status.SPAM


def test_changing_the_status_on_the_form_counts_as_a_decision(moderating, moderator, article, queue):
    comment = queue[0]
    url = f"{CHANGELIST}{comment.pk}/change/"

    moderating.post(
        url,
        {
            "nickname": comment.nickname,
            "body": comment.body,
            "status": "approved",
            "reports-TOTAL_FORMS": 0,
            "reports-INITIAL_FORMS": 0,
        },
    )

    comment.refresh_from_db()
    assert comment.status == Comment.Status.APPROVED and comment.moderated_by == moderator


def test_the_queue_filters_by_region_article_and_date_and_searches(moderating, queue):
    from tests.factories import ArticleFactory

    other = CommentFactory(article=ArticleFactory(), status=Comment.Status.PENDING, body="别处的评论")

    html = moderating.get(CHANGELIST, {"article__region__id__exact": other.article.region_id}).content.decode()
    assert "别处的评论" in html and "待审评论0" not in html
    html = moderating.get(CHANGELIST, {"q": "待审评论1"}).content.decode()
    assert "待审评论1" in html and "待审评论0" not in html
    today = timezone.localdate()
    html = moderating.get(CHANGELIST, {"created_at__year": today.year}).content.decode()
    assert "待审评论0" in html
