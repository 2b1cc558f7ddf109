"""A reader comments on an article and waits for a moderator."""

from django.urls import reverse

from comments.models import Comment
from tests.comments.conftest import READER_IP, article_page


def test_a_posted_comment_waits_for_moderation_and_is_not_shown(client, article, post_comment):
    response = post_comment(article, body="柠檬节办得真好\n明年还来")

    assert response.status_code == 201
    assert response.json() == {"ok": True, "message": "评论已提交，审核通过后显示"}
    comment = Comment.objects.get()
    assert comment.status == Comment.Status.PENDING
    assert comment.body == "柠檬节办得真好\n明年还来"
    assert comment.ip_address == READER_IP
    assert "柠檬节办得真好" not in article_page(client, article)
    article.refresh_from_db()
    assert article.comment_count == 0


def test_without_javascript_the_reader_gets_a_page_saying_so(article, post_comment):
    response = post_comment(article, as_json=False)

    assert response.status_code == 200
    assert "评论已提交，审核通过后显示" in response.content.decode()


def test_a_logged_in_reader_comments_under_their_account_name(client, article, post_comment):
    from tests.factories import UserFactory

    client.force_login(UserFactory(username="wangwu"))
    post_comment(article, nickname="冒充的名字")

    comment = Comment.objects.get()
    assert comment.nickname == "wangwu"
    assert comment.user.username == "wangwu"


def test_the_article_page_carries_no_token_so_it_can_be_cached_whole(client, article):
    html = article_page(client, article)

    assert 'id="comment-form"' in html
    assert "csrfmiddlewaretoken" not in html
    assert "csrftoken" not in client.cookies


def test_the_token_endpoint_hands_out_a_fresh_token_never_cached(client):
    response = client.get(reverse("comments:token"))

    assert response.json()["csrfToken"]
    assert response.json()["nickname"] == ""
    assert "no-store" in response["Cache-Control"]


def test_posting_needs_the_csrf_token(article):
    from django.test import Client

    strict = Client(enforce_csrf_checks=True)
    url = reverse("comments:post", args=[article.pk])

    assert strict.post(url, {"nickname": "小李", "body": "没有令牌"}).status_code == 403
    token = strict.get(reverse("comments:token")).json()["csrfToken"]
    response = strict.post(url, {"nickname": "小李", "body": "带着令牌"}, headers={"X-CSRFToken": token})
    assert response.status_code == 200
    assert Comment.objects.filter(body="带着令牌").exists()


def test_without_javascript_the_static_form_leads_to_a_confirm_page_with_a_token(article):
    from django.test import Client

    strict = Client(enforce_csrf_checks=True)
    typed = {"nickname": "小李", "body": "不用脚本也能评论"}

    confirm = strict.post(reverse("comments:write", args=[article.pk]), typed)
    html = confirm.content.decode()
    assert confirm.status_code == 200
    assert "不用脚本也能评论" in html and "csrfmiddlewaretoken" in html
    assert not Comment.objects.exists()

    token = strict.cookies["csrftoken"].value
    done = strict.post(reverse("comments:post", args=[article.pk]), {**typed, "csrfmiddlewaretoken": token})
    assert "评论已提交，审核通过后显示" in done.content.decode()
    assert Comment.objects.filter(body="不用脚本也能评论").exists()


def test_posting_is_post_only(client, article):
    assert client.get(reverse("comments:post", args=[article.pk])).status_code == 405


def test_the_token_endpoint_tells_the_page_who_is_logged_in(client, db):
    from tests.factories import UserFactory

    client.force_login(UserFactory(username="wangwu"))

    assert client.get(reverse("comments:token")).json()["nickname"] == "wangwu"
