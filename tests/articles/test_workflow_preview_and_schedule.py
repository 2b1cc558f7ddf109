"""Preview before publication, scheduled visibility, and the roles' groups."""

from datetime import timedelta

import pytest
from django.contrib.auth.models import Group
from django.utils import timezone

from articles.models import Article
from tests.articles.newsroom import article_by
from tests.factories import UserFactory

S = Article.Status


def preview_url(article):
    return f"/admin/articles/article/{article.pk}/preview/"


@pytest.fixture
def draft(regions, journalist):
    return article_by(journalist, regions["wuhou"], title="武侯区新图书馆开放", body="<p>馆藏二十万册。</p>")


def test_the_author_and_an_editor_preview_a_draft_in_the_article_template(client, draft, journalist, editor):
    for user in (journalist, editor):
        client.force_login(user)
        response = client.get(preview_url(draft))
        assert response.status_code == 200
        assert "articles/article_detail.html" in [t.name for t in response.templates]
        html = response.content.decode()
        assert "武侯区新图书馆开放" in html and "馆藏二十万册" in html and "预览" in html


def test_readers_get_404_for_a_preview(client, draft):
    assert client.get(preview_url(draft)).status_code == 404
    client.force_login(UserFactory(username="reader", password=None))
    assert client.get(preview_url(draft)).status_code == 404


@pytest.mark.parametrize("who", ["other_journalist", "ziyang_editor", "moderator"])
def test_staff_who_may_not_see_the_article_get_404(client, request, draft, who):
    client.force_login(request.getfixturevalue(who))

    assert client.get(preview_url(draft)).status_code == 404


def test_a_scheduled_article_appears_to_readers_from_its_minute(regions, journalist, editor):
    at = (timezone.now() + timedelta(hours=2)).replace(second=0, microsecond=0)
    article = article_by(journalist, regions["lezhi"], status=S.PENDING)

    article.publish(editor, at=at)

    assert not Article.objects.published(now=at - timedelta(seconds=1)).filter(pk=article.pk).exists()
    assert Article.objects.published(now=at).filter(pk=article.pk).exists()
    assert Article.objects.published(now=at + timedelta(minutes=1)).filter(pk=article.pk).exists()


def test_readers_cannot_open_a_scheduled_article_yet(client, regions, journalist, editor):
    article = article_by(journalist, regions["lezhi"], status=S.PENDING)
    article.publish(editor, at=timezone.now() + timedelta(minutes=1))

    assert client.get(article.get_absolute_url()).status_code == 404

    Article.objects.filter(pk=article.pk).update(published_at=timezone.now() - timedelta(seconds=1))
    assert client.get(article.get_absolute_url()).status_code == 200


def codenames(group_name):
    return set(Group.objects.get(name=group_name).permissions.values_list("codename", flat=True))


@pytest.mark.django_db
def test_the_migration_creates_the_three_roles():
    journalist_perms, editor_perms, moderator_perms = codenames("记者"), codenames("编辑"), codenames("审核员")

    assert {
        "add_article",
        "change_article",
        "view_article",
        "add_byline",
        "add_articlephoto",
        "view_region",
    } <= journalist_perms
    assert "review_article" not in journalist_perms and "delete_article" not in journalist_perms
    assert {"review_article", "delete_article", "change_source", "change_author", "change_column"} <= editor_perms
    assert not {code for code in moderator_perms if code.endswith("article")}
