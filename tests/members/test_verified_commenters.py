"""COMMENT_REQUIRE_VERIFIED: with it on, only readers with a verified number comment; the nickname stays free."""

import pytest
from django.urls import reverse

from comments.models import Comment
from comments.readers import VERIFICATION_REQUIRED_MESSAGE
from members.models import Reader
from tests.factories import ArticleFactory, UserFactory
from tests.members.conftest import ask_code, enter_code, last_code

pytestmark = pytest.mark.django_db


@pytest.fixture
def article(db):
    return ArticleFactory()


@pytest.fixture
def verified_only(settings):
    settings.COMMENT_REQUIRE_VERIFIED = True


def post_comment(client, article, **fields):
    data = {"nickname": "小李", "body": "支持家乡柠檬产业！", **fields}
    return client.post(reverse("comments:post", args=[article.pk]), data, headers={"Accept": "application/json"})


def test_anyone_comments_while_the_setting_is_off(client, article):
    assert post_comment(client, article).status_code == 201


def test_an_anonymous_reader_is_told_to_verify_a_number(client, article, verified_only):
    response = post_comment(client, article)

    assert response.status_code == 400
    assert response.json()["errors"]["__all__"] == [VERIFICATION_REQUIRED_MESSAGE]
    assert not Comment.objects.exists()


def test_a_reader_without_a_verified_number_is_refused(client, article, verified_only):
    user = UserFactory(username="13900139000")
    Reader.objects.create(user=user, phone="13900139000", nickname="未验证")
    client.force_login(user)

    assert post_comment(client, article).status_code == 400
    assert not Comment.objects.exists()


def test_a_reader_who_logged_in_by_code_comments_under_any_nickname_they_chose(client, article, verified_only):
    ask_code(client)
    enter_code(client, last_code())
    client.post(reverse("members:profile"), {"nickname": "乐至一枝花"})

    response = post_comment(client, article)

    assert response.status_code == 201
    comment = Comment.objects.get()
    assert comment.nickname == "乐至一枝花" and comment.user.reader.phone_verified


def test_the_no_javascript_form_shows_the_same_message_and_keeps_the_text(client, article, verified_only):
    response = client.post(reverse("comments:post", args=[article.pk]), {"nickname": "小李", "body": "我的看法"})

    assert response.status_code == 400
    page = response.content.decode()
    assert VERIFICATION_REQUIRED_MESSAGE in page and "我的看法" in page
