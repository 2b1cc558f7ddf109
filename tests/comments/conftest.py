import pytest
from django.urls import reverse

from tests.articles.newsroom import staff
from tests.factories import ArticleFactory, CommentFactory

READER_IP = "198.51.100.20"


@pytest.fixture
def article(db):
    return ArticleFactory(title="乐至县举办柠檬采摘节")


@pytest.fixture
def approved_comment(article):
    return CommentFactory(article=article, nickname="老张", body="家乡越来越好了")


@pytest.fixture
def moderator(db):
    return staff("alice", "审核员")


@pytest.fixture
def journalist(db):
    return staff("bob", "记者")


@pytest.fixture
def editor(db):
    return staff("charlie", "编辑")


@pytest.fixture
def post_comment(client):
    """Post like comments.js does (JSON answer), from READER_IP unless told."""

    def post(article, ip=READER_IP, as_json=True, **fields):
        data = {"nickname": "小李", "body": "支持家乡柠檬产业！", **fields}
        headers = {"Accept": "application/json"} if as_json else {}
        return client.post(reverse("comments:post", args=[article.pk]), data, headers=headers, REMOTE_ADDR=ip)

    return post


def article_page(client, article):
    return client.get(article.get_absolute_url()).content.decode()
