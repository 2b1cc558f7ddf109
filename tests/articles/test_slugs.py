"""Whatever name an editor types for a tag or a column, its page has an address.

A tag typed as ``……`` or ``！！`` used to get an empty slug: the tag link on
the article page could not be built and every article carrying it answered
500. Chinese names now read as pinyin in the address, and a name with nothing
to spell gets a fallback such as ``tag-1a2b3c4d``.
"""

import re
from importlib import import_module

import pytest
from django.apps import apps
from django.urls import reverse
from django.utils.html import escape
from taggit.models import Tag

from articles.models import Article, Column
from tests.articles.newsroom import change_url, form_data
from tests.factories import ArticleFactory, ColumnFactory

pytestmark = pytest.mark.django_db

URL_SAFE = re.compile(r"^[a-z0-9]+(?:[-_][a-z0-9]+)*$")
PUNCTUATION_NAMES = [">", "#", "/", "……", "！！", "?", "%", "..", "《》", "——"]


def test_an_article_tagged_with_punctuation_still_opens_for_readers_and_in_the_preview(client, regions, editor):
    client.force_login(editor)
    draft = Article(title="乐至县举办柠檬节", summary="柠檬节开幕。", body="<p>正文</p>", region=regions["lezhi"])
    response = client.post(
        "/admin/articles/article/add/", form_data(draft, tags='">", 柠檬, ……, ！！', _publish="发布")
    )
    assert response.status_code == 302, response.content.decode()
    article = Article.objects.get(title="乐至县举办柠檬节")
    assert article.is_visible_to_readers

    preview = client.get(f"/admin/articles/article/{article.pk}/preview/")
    client.logout()
    page = client.get(article.get_absolute_url())

    assert preview.status_code == 200 and page.status_code == 200
    for tag in article.tags.all():
        link = reverse("articles:tag", args=[tag.slug])
        assert f'href="{link}">{escape(tag.name)}</a>' in page.content.decode()
        assert [a.title for a in client.get(link).context["articles"]] == ["乐至县举办柠檬节"]


def test_every_punctuation_only_tag_gets_its_own_url_safe_slug():
    tags = [Tag.objects.create(name=name) for name in PUNCTUATION_NAMES]

    slugs = [tag.slug for tag in tags]
    assert all(URL_SAFE.match(slug) for slug in slugs), slugs
    assert len(set(slugs)) == len(slugs)
    assert all(slug.startswith("tag-") for slug in slugs)


def test_chinese_tag_names_read_as_pinyin_in_the_address():
    assert Tag.objects.create(name="乡村振兴").slug == "xiangcunzhenxing"
    assert Tag.objects.create(name="5G网络").slug == "5g-wangluo"
    assert Tag.objects.create(name="重庆").slug == "chongqing"


def test_two_names_that_sound_alike_get_two_addresses():
    lemon, mongolia = Tag.objects.create(name="柠檬"), Tag.objects.create(name="宁蒙")

    assert lemon.slug == "ningmeng"
    assert mongolia.slug != lemon.slug and mongolia.slug.startswith("ningmeng")


def test_an_editor_may_leave_a_columns_address_blank_and_gets_pinyin(client, editor):
    client.force_login(editor)

    response = client.post("/admin/articles/column/add/", {"name": "乡里乡亲", "slug": "", "sort_order": 0})

    assert response.status_code == 302, response.content.decode()
    assert Column.objects.get(name="乡里乡亲").slug == "xianglixiangqin"


def test_a_punctuation_column_gets_a_fallback_address_and_its_page_opens(client, regions):
    column = Column.objects.create(name="》》")
    ArticleFactory(region=regions["lezhi"], column=column, title="栏目里的新闻")

    assert URL_SAFE.match(column.slug) and column.slug.startswith("column-")
    assert [a.title for a in client.get(column.get_absolute_url()).context["articles"]] == ["栏目里的新闻"]


def test_a_tag_added_in_the_tag_admin_without_an_address_gets_one(client, editor):
    client.force_login(editor)

    response = client.post("/admin/taggit/tag/add/", {"name": "……", "slug": ""})

    assert response.status_code == 302, response.content.decode()
    assert URL_SAFE.match(Tag.objects.get(name="……").slug)


def test_the_migration_repairs_tags_and_columns_saved_with_an_empty_slug(client, regions):
    article = ArticleFactory(region=regions["lezhi"])
    article.tags.add(Tag.objects.create(name="柠檬", slug="柠檬"))  # a slug from before pinyin
    Tag.objects.create(name="……")
    Tag.objects.filter(name="……").update(slug="")  # as taggit left it before the fix
    ColumnFactory(name="！！", slug="column-placeholder")
    Column.objects.filter(name="！！").update(slug="")
    article.tags.add("……")

    import_module("articles.migrations.0011_repair_empty_slugs").repair_empty_slugs(apps, None)

    assert URL_SAFE.match(Tag.objects.get(name="……").slug)
    assert URL_SAFE.match(Column.objects.get(name="！！").slug)
    assert Tag.objects.get(name="柠檬").slug == "柠檬"  # a working address is never changed
    assert client.get(article.get_absolute_url()).status_code == 200


def test_a_renamed_tag_keeps_its_address(client, regions, editor):
    tag = Tag.objects.create(name="柠檬")
    client.force_login(editor)

    client.post(f"/admin/taggit/tag/{tag.pk}/change/", {"name": "乐至柠檬", "slug": tag.slug})

    tag.refresh_from_db()
    assert (tag.name, tag.slug) == ("乐至柠檬", "ningmeng")


def test_an_article_change_form_with_a_punctuation_tag_opens(client, regions, editor):
    article = ArticleFactory(region=regions["lezhi"], created_by=editor)
    article.tags.add("……")
    client.force_login(editor)

    assert client.get(change_url(article)).status_code == 200
