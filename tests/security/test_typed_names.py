"""No page answers 500 because of a name staff typed (issue 23, item 1).

An editor names a tag, a source, an author and a column with punctuation only
(``>``, ``#``, ``/``, ``……``, ``！！`` and friends), through the admin forms as
they would, and publishes an article carrying all four. Every reader page,
feed and sitemap that shows them, the preview and the admin lists answer 200.
"""

import pytest
from django.urls import reverse
from taggit.models import Tag

from articles.models import Article, Author, Column, Source
from tests.articles.newsroom import form_data

pytestmark = pytest.mark.django_db

TYPED = [">", "#", "/", "……", "！！", "?", "%", "..", "\\", "&", "'", '""', "<>", "《》", "——", "%2F", "😀"]


def admin_add(client, model, data):
    url = reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_add")
    response = client.post(url, data)
    assert response.status_code == 302, response.content.decode()


@pytest.mark.parametrize("name", TYPED)
def test_punctuation_names_for_tag_source_author_and_column_break_no_page(client, regions, editor, name):
    client.force_login(editor)
    admin_add(client, Source, {"name": name, "url": ""})
    admin_add(client, Author, {"name": name, "affiliation": name, "user": ""})
    admin_add(client, Column, {"name": name, "slug": "", "description": name, "sort_order": 0})
    source, column = Source.objects.get(name=name), Column.objects.get(name=name)
    draft = Article(title=f"标题{name}", summary=name, body="<p>正文</p>", region=regions["lezhi"])
    quoted_tag = '"' + name.replace('"', "") + '"' if name != '""' else "“”"
    data = form_data(draft, column=column.pk, source=source.pk, tags=quoted_tag, _publish="发布")
    data |= {
        "byline-TOTAL_FORMS": "1",
        "byline-0-author": Author.objects.get(name=name).pk,
        "byline-0-role": "text",
        "byline-0-sort_order": 0,
    }
    response = client.post("/admin/articles/article/add/", data)
    assert response.status_code == 302, response.content.decode()
    article = Article.objects.get(title=f"标题{name}")
    tag = article.tags.get()
    assert tag.slug and source and column.slug

    staff_pages = [
        f"/admin/articles/article/{article.pk}/preview/",
        f"/admin/articles/article/{article.pk}/change/",
        "/admin/articles/article/",
        "/admin/taggit/tag/",
        f"/admin/taggit/tag/{tag.pk}/change/",
        "/admin/articles/source/",
        "/admin/articles/author/",
        "/admin/articles/column/",
    ]
    for url in staff_pages:
        assert client.get(url).status_code == 200, url
    client.logout()
    reader_pages = [
        article.get_absolute_url(),
        reverse("articles:tag", args=[tag.slug]),
        source.get_absolute_url(),
        article.authors.get().get_absolute_url(),
        column.get_absolute_url(),
        "/",
        regions["lezhi"].get_absolute_url(),
        "/feeds/latest/",
        f"/feeds/region/{regions['lezhi'].path}/",
        "/sitemap.xml",
        "/sitemap-columns.xml",
        f"/search/?q={name}",
    ]
    for url in reader_pages:
        assert client.get(url).status_code == 200, url


def test_a_tag_whose_slug_was_emptied_by_hand_is_given_one_again(client, regions, editor):
    """The tag admin refills a slug an editor clears, rather than saving none."""
    tag = Tag.objects.create(name="！！")
    client.force_login(editor)

    response = client.post(f"/admin/taggit/tag/{tag.pk}/change/", {"name": "！！", "slug": ""})

    assert response.status_code == 302
    tag.refresh_from_db()
    assert tag.slug.startswith("tag-")
