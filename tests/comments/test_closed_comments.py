"""Withdrawn, unpublished and closed articles take no comments."""

import pytest

from articles.models import Article
from comments.models import Comment
from tests.comments.conftest import article_page
from tests.factories import ArticleFactory


@pytest.mark.parametrize(
    "state",
    [
        {"status": Article.Status.WITHDRAWN},
        {"status": Article.Status.DRAFT},
        {"allow_comments": False},
    ],
    ids=["withdrawn", "draft", "closed-by-editor"],
)
def test_posting_is_refused_with_a_message(db, post_comment, state):
    article = ArticleFactory(**state)

    json_answer = post_comment(article)
    page_answer = post_comment(article, as_json=False)

    assert json_answer.status_code == page_answer.status_code == 403
    assert json_answer.json()["message"] == "本文评论已关闭。"
    assert "本文评论已关闭。" in page_answer.content.decode()
    assert not Comment.objects.exists()


def test_a_closed_article_shows_no_form(client, db):
    html = article_page(client, ArticleFactory(allow_comments=False))

    assert "本文评论已关闭。" in html
    assert 'id="comment-form"' not in html


def test_the_closed_answer_does_not_reveal_an_unpublished_title(db, post_comment, client):
    from django.urls import reverse

    draft = ArticleFactory(status=Article.Status.DRAFT, title="尚未发布的独家稿件")

    for response in (post_comment(draft, as_json=False), client.get(reverse("comments:write", args=[draft.pk]))):
        assert response.status_code == 403
        assert "尚未发布的独家稿件" not in response.content.decode()
