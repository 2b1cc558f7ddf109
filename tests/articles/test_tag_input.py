"""Editors type tags with whatever comma their Chinese input method gives them."""

import pytest

from articles.models import Article
from tests.articles.newsroom import form_data

pytestmark = pytest.mark.django_db


def write_article_with_tags(client, user, region, tags):
    client.force_login(user)
    draft = Article(title="乐至县柠檬产业带动就业", summary="柠檬收购价上涨。", body="<p>正文</p>", region=region)
    response = client.post("/admin/articles/article/add/", form_data(draft, tags=tags, _save="保存"))
    assert response.status_code == 302, response.content.decode()
    return Article.objects.get(title="乐至县柠檬产业带动就业")


def tag_names(article):
    return sorted(article.tags.names())


@pytest.mark.parametrize("typed", ["柠檬，乐至, 就业", "柠檬、乐至、就业", "柠檬；乐至;就业", "柠檬,乐至，就业、"])
def test_a_journalists_chinese_commas_separate_tags(client, regions, journalist, typed):
    article = write_article_with_tags(client, journalist, regions["lezhi"], typed)

    assert tag_names(article) == sorted(["柠檬", "乐至", "就业"])


def test_an_editor_can_still_quote_a_tag_that_contains_a_separator(client, regions, editor):
    article = write_article_with_tags(client, editor, regions["lezhi"], '"柠檬、血橙", 乐至')

    assert tag_names(article) == sorted(["柠檬、血橙", "乐至"])


def test_the_tags_an_editor_sees_again_save_back_unchanged(client, regions, editor):
    article = write_article_with_tags(client, editor, regions["lezhi"], '柠檬，乐至 就业, "柠檬、血橙"')

    html = client.get(f"/admin/articles/article/{article.pk}/change/").content.decode()
    shown = html.split('name="tags"', 1)[1].split('value="', 1)[1].split('"', 1)[0]
    unchanged = form_data(article, tags=shown.replace("&quot;", '"'), _save="保存")
    client.post(f"/admin/articles/article/{article.pk}/change/", unchanged)

    assert tag_names(article) == sorted(["柠檬", "乐至 就业", "柠檬、血橙"])
