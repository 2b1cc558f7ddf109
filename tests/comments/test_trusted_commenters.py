"""With COMMENT_TRUSTED_AFTER set, a proven commenter skips the queue."""

from datetime import timedelta

import pytest
from django.utils import timezone

from comments.models import Comment, SensitiveWord
from tests.comments.conftest import READER_IP
from tests.factories import CommentFactory


@pytest.fixture
def proven_reader(article, settings):
    settings.COMMENT_TRUSTED_AFTER = 2
    for n in range(2):
        CommentFactory(article=article, nickname="小李", ip_address=READER_IP, body=f"以前的评论{n}")


def test_a_proven_reader_is_published_at_once(article, proven_reader, post_comment):
    response = post_comment(article, body="又来支持了")

    assert response.json()["message"] == "评论已发表"
    assert Comment.objects.get(body="又来支持了").status == Comment.Status.APPROVED
    article.refresh_from_db()
    assert article.comment_count == 3


def test_trust_is_off_by_default(article, proven_reader, post_comment, settings):
    settings.COMMENT_TRUSTED_AFTER = 0
    post_comment(article, body="又来支持了")

    assert Comment.objects.get(body="又来支持了").status == Comment.Status.PENDING


def test_the_same_nickname_from_another_ip_is_not_trusted(article, proven_reader, post_comment):
    post_comment(article, ip="198.51.100.99", body="冒名顶替")

    assert Comment.objects.get(body="冒名顶替").status == Comment.Status.PENDING


def test_a_recent_rejection_withdraws_trust(article, proven_reader, post_comment):
    CommentFactory(article=article, nickname="小李", ip_address=READER_IP, status=Comment.Status.REJECTED)

    post_comment(article, body="又来支持了")

    assert Comment.objects.get(body="又来支持了").status == Comment.Status.PENDING


def test_an_old_rejection_is_forgiven(article, proven_reader, post_comment):
    old = CommentFactory(article=article, nickname="小李", ip_address=READER_IP, status=Comment.Status.SPAM)
    Comment.objects.filter(pk=old.pk).update(created_at=timezone.now() - timedelta(days=31))

    post_comment(article, body="又来支持了")

    assert Comment.objects.get(body="又来支持了").status == Comment.Status.APPROVED


def test_a_held_word_always_goes_to_the_queue(article, proven_reader, post_comment):
    SensitiveWord.objects.create(word="发票", action=SensitiveWord.Action.HOLD)

    post_comment(article, body="哪里能开发票")

    assert Comment.objects.get(body="哪里能开发票").status == Comment.Status.PENDING


def test_a_logged_in_reader_earns_trust_by_account(article, settings, post_comment, client):
    from tests.factories import UserFactory

    settings.COMMENT_TRUSTED_AFTER = 1
    user = UserFactory(username="wangwu")
    CommentFactory(article=article, user=user, nickname="wangwu", ip_address="198.51.100.5")
    client.force_login(user)

    post_comment(article, body="换了个网络也认得我")

    assert Comment.objects.get(body="换了个网络也认得我").status == Comment.Status.APPROVED
