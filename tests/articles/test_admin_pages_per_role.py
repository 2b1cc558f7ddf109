"""Each demo role opens the admin pages of its job, and only those."""

import pytest
from django.urls import reverse

from tests.articles.newsroom import staff
from tests.factories import ArticleFactory, CommentFactory, SourceFactory, UserFactory

pytestmark = pytest.mark.django_db

ROLE_GROUPS = {"editor": "编辑", "journalist": "记者", "moderator": "审核员"}

# page name -> status for (admin, editor, journalist, moderator)
EXPECTED = {
    "admin:index": (200, 200, 200, 200),
    "admin:articles_article_changelist": (200, 200, 200, 403),
    "admin:articles_article_add": (200, 200, 200, 403),
    "admin:articles_source_changelist": (200, 200, 200, 403),
    "admin:regions_region_changelist": (200, 200, 200, 403),
    "admin:comments_comment_changelist": (200, 200, 200, 200),
    "admin:comments_sensitiveword_changelist": (200, 403, 403, 200),
    "admin:auth_user_changelist": (200, 403, 403, 403),
}


@pytest.fixture
def people(db):
    return {
        "admin": UserFactory(username="admin", is_staff=True, is_superuser=True),
        **{name: staff(name, group) for name, group in ROLE_GROUPS.items()},
    }


@pytest.fixture
def newsroom(regions):
    article = ArticleFactory(region=regions["lezhi"], source=SourceFactory(name="四川经济日报"))
    CommentFactory(article=article)
    return article


@pytest.mark.parametrize("page", EXPECTED)
def test_each_role_reaches_the_admin_pages_of_its_job(client, people, newsroom, page):
    for role, expected in zip(["admin", "editor", "journalist", "moderator"], EXPECTED[page]):
        client.force_login(people[role])

        response = client.get(reverse(page))

        assert response.status_code == expected, f"{role} on {page}"


def test_an_editor_opens_an_article_and_its_history(client, people, newsroom):
    client.force_login(people["editor"])

    assert client.get(reverse("admin:articles_article_change", args=[newsroom.pk])).status_code == 200
    assert client.get(reverse("admin:articles_article_history", args=[newsroom.pk])).status_code == 200


def test_a_journalist_gets_suggestions_of_existing_tags_while_typing(client, people, newsroom):
    newsroom.tags.add("乐至蚕桑", "乐至柠檬", "雁江蜜柑")
    client.force_login(people["journalist"])

    form = client.get(reverse("admin:articles_article_add")).content.decode()
    response = client.get(
        reverse("admin:autocomplete"),
        {"app_label": "articles", "model_name": "article", "field_name": "tags", "term": "乐至"},
    )

    assert "data-tag-autocomplete" in form and "<datalist" in form
    assert sorted(tag["text"] for tag in response.json()["results"]) == ["乐至柠檬", "乐至蚕桑"]
