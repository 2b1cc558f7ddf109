import pytest
from django.contrib.auth.models import Group
from django.urls import reverse

from tests.factories import ArticleFactory, CommentFactory, UserFactory

READER_IP = "198.51.100.20"


@pytest.fixture
def article(db):
    return ArticleFactory(title="乐至县举办柠檬采摘节")


@pytest.fixture
def approved_comment(article):
    return CommentFactory(article=article, nickname="老张", body="家乡越来越好了")


def staff_in(group_name, username):
    user = UserFactory(username=username, is_staff=True)
    user.groups.add(Group.objects.get(name=group_name))
    return user


@pytest.fixture
def moderator(db):
    return staff_in("审核员", "alice")


@pytest.fixture
def journalist(db):
    return staff_in("记者", "bob")


@pytest.fixture
def editor(db):
    return staff_in("编辑", "charlie")


@pytest.fixture
def post_comment(client):
    """Post like comments.js does (JSON answer), from READER_IP unless told."""

    def post(article, ip=READER_IP, as_json=True, **fields):
        data = {"nickname": "小李", "body": "支持家乡柠檬产业！", **fields}
        headers = {"Accept": "application/json"} if as_json else {}
        return client.post(
            reverse("comments:post", args=[article.pk]), data, headers=headers, REMOTE_ADDR=ip
        )

    return post


def article_page(client, article):
    return client.get(article.get_absolute_url()).content.decode()
