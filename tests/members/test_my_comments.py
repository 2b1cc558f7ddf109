"""我的评论: a reader sees each comment they wrote with its moderation state, and only theirs."""

import pytest
from django.urls import reverse

from comments.models import Comment
from tests.factories import ArticleFactory, CommentFactory
from tests.members.conftest import ask_code, enter_code, last_code

pytestmark = pytest.mark.django_db


def test_a_reader_sees_their_comments_with_their_state(logged_in, reader):
    article = ArticleFactory(title="乐至县举办柠檬采摘节")
    CommentFactory(article=article, user=reader.user, body="柠檬真好吃", status=Comment.Status.APPROVED)
    CommentFactory(article=article, user=reader.user, body="明年还来", status=Comment.Status.PENDING)
    CommentFactory(article=article, user=reader.user, body="被拒的话", status=Comment.Status.REJECTED)
    CommentFactory(article=article, body="别人的评论")

    page = logged_in.get(reverse("members:comments")).content.decode()

    assert "柠檬真好吃" in page and "已通过" in page
    assert "明年还来" in page and "待审核" in page
    assert "被拒的话" in page and "已拒绝" in page
    assert "别人的评论" not in page
    assert "乐至县举办柠檬采摘节" in page


def test_a_comment_posted_after_logging_in_by_code_is_listed_under_the_nickname(client):
    article = ArticleFactory()
    ask_code(client)
    enter_code(client, last_code())
    client.post(reverse("members:profile"), {"nickname": "柠檬姑娘"})

    client.post(reverse("comments:post", args=[article.pk]), {"nickname": "别的名字", "body": "支持家乡柠檬产业！"})

    comment = Comment.objects.get()
    assert comment.nickname == "柠檬姑娘", "the nickname, never the number that is the username"
    assert "13800138000" not in comment.nickname
    assert "支持家乡柠檬产业！" in client.get(reverse("members:comments")).content.decode()


def test_the_page_needs_a_login(client):
    assert client.get(reverse("members:comments")).status_code == 302


def test_reader_text_is_escaped(logged_in, reader):
    CommentFactory(user=reader.user, body="<script>alert(1)</script>")

    page = logged_in.get(reverse("members:comments")).content.decode()

    assert "<script>alert(1)</script>" not in page and "&lt;script&gt;" in page
