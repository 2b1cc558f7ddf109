import importlib

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


def ensure_roles():
    """The roles come from a data migration; re-run it if the groups are gone.

    Browser tests flush the database after themselves, so with --reuse-db a
    later run may start without the migration's data.
    """
    if not Group.objects.filter(name="审核员").exists():
        from django.apps import apps

        importlib.import_module("comments.migrations.0003_moderator_groups").grant(apps, None)


def staff_in(group_name, username):
    ensure_roles()
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
