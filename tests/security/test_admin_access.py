"""Every staff URL, walked by every role: who gets in, who is refused, and what leaks.

The people come from tests.articles.newsroom. Refused means a redirect away
(to the login or the admin index), 403 or 404, and never the article's
title or body in the answer.
"""

from urllib.parse import urlsplit

import pytest
import reversion
from django.contrib import admin
from reversion.models import Version

from articles.models import Article
from tests.articles.newsroom import article_by
from tests.factories import CommentFactory, UserFactory

S = Article.Status
SECRET_TITLE = "武侯区内部稿件不得外传"
SECRET_BODY = "这一段只有成都市的编辑能看到"


@pytest.fixture
def wuhou_draft(regions, other_journalist):
    """李明's article in 成都市, saved twice: not 汤斌's, not 赵编's (资阳市 only)."""
    article = article_by(
        other_journalist, regions["wuhou"], status=S.PENDING, title=SECRET_TITLE, body=f"<p>{SECRET_BODY}</p>"
    )
    for summary in ("初稿", "二稿"):
        with reversion.create_revision():
            article.summary = summary
            article.save()
    return article


def compare_query(article):
    old, new = Version.objects.get_for_object(article).order_by("pk").values_list("pk", flat=True)
    return f"?old={old}&new={new}"


@pytest.fixture
def reader(db):
    return UserFactory(username="reader-zhou")


def article_urls(article):
    pk = article.pk
    base = f"/admin/articles/article/{pk}"
    return [
        f"{base}/change/",
        f"{base}/delete/",
        f"{base}/history/",
        f"{base}/history/compare/{compare_query(article)}",
        f"{base}/preview/",
        "/admin/articles/article/?queue=pending",
        "/admin/articles/article/?q=" + SECRET_TITLE[:3],
    ]


def every_admin_url(article):
    """Changelist, add, change, delete and history of every registered model, plus our extras."""
    urls = ["/admin/", "/admin/articles/article/recover/", "/ckeditor/browse/"]
    for model in admin.site._registry:
        opts = model._meta
        prefix = f"/admin/{opts.app_label}/{opts.model_name}/"
        urls += [prefix, prefix + "add/", prefix + "1/change/", prefix + "1/delete/", prefix + "1/history/"]
    return urls + article_urls(article)


def refused(response):
    if response.status_code in (403, 404):
        return True
    return response.status_code == 302 and urlsplit(response["Location"]).path != response.request["PATH_INFO"]


def leaks(response):
    text = response.content.decode(errors="replace")
    return SECRET_TITLE in text or SECRET_BODY in text


def test_anonymous_visitors_are_sent_to_the_login_and_see_nothing(client, wuhou_draft):
    for url in every_admin_url(wuhou_draft):
        response = client.get(url)
        if url.endswith("/preview/"):
            assert response.status_code == 404, url  # readers must not learn the draft exists
        else:
            assert response.status_code == 302 and "/admin/login/" in response["Location"], url
        assert not leaks(response), url


def test_a_reader_account_is_no_staff_account(client, reader, wuhou_draft):
    client.force_login(reader)

    for url in every_admin_url(wuhou_draft):
        response = client.get(url)
        assert refused(response), url
        assert not leaks(response), url


def test_a_moderator_handles_comments_but_never_articles(client, moderator, wuhou_draft):
    client.force_login(moderator)

    for url in article_urls(wuhou_draft) + [
        "/admin/articles/article/",
        "/admin/articles/article/add/",
        "/ckeditor/browse/",
    ]:
        response = client.get(url)
        assert refused(response), url
        assert not leaks(response), url
    assert client.get("/admin/comments/comment/").status_code == 200


@pytest.mark.parametrize("who", ["journalist", "ziyang_editor"])
def test_a_colleagues_article_or_another_regions_cannot_be_opened_by_its_id(client, who, wuhou_draft, request):
    """A journalist with a colleague's article, a 资阳 editor with a 武侯 one."""
    client.force_login(request.getfixturevalue(who))

    for url in article_urls(wuhou_draft):
        response = client.get(url)
        assert not leaks(response), url
        if "/admin/articles/article/?" not in url:
            assert refused(response), url


def test_the_superuser_reaches_every_page(client, superuser, wuhou_draft):
    CommentFactory(article=wuhou_draft)
    client.force_login(superuser)

    for url in article_urls(wuhou_draft) + ["/admin/", "/admin/articles/article/recover/"]:
        if url.endswith("/delete/"):
            continue
        assert client.get(url).status_code == 200, url
    for model in admin.site._registry:
        opts = model._meta
        assert client.get(f"/admin/{opts.app_label}/{opts.model_name}/").status_code == 200, opts.label
    assert client.get(f"/admin/articles/article/{wuhou_draft.pk}/delete/").status_code == 200
