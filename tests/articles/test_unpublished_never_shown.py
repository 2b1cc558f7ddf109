"""Drafts, pending, withdrawn and scheduled articles never show on any reader page or list."""

from datetime import timedelta

import pytest
from django.core.cache import cache
from django.urls import reverse
from django.utils import timezone

from articles.models import Article
from tests.factories import (
    ArticleDailyViewsFactory,
    ArticleFactory,
    ArticlePhotoFactory,
    AuthorFactory,
    BylineFactory,
    ColumnFactory,
    SourceFactory,
    sichuan_regions,
)

pytestmark = pytest.mark.django_db

HIDDEN = {
    "草稿不可见": {"status": Article.Status.DRAFT},
    "待审不可见": {"status": Article.Status.PENDING},
    "退回不可见": {"status": Article.Status.REJECTED},
    "撤稿不可见": {"status": Article.Status.WITHDRAWN},
    "定时不可见": {"status": Article.Status.PUBLISHED, "published_at_offset": timedelta(hours=3)},
}


@pytest.fixture
def world():
    regions = sichuan_regions()
    column, source, author = ColumnFactory(slug="xiangli"), SourceFactory(), AuthorFactory()
    common = {"region": regions.lezhi, "column": column, "source": source, "is_featured": True, "is_pinned": True}

    def make(title, status=Article.Status.PUBLISHED, published_at_offset=-timedelta(hours=1)):
        article = ArticleFactory(
            title=title, status=status, published_at=timezone.now() + published_at_offset, **common
        )
        article.tags.add("春耕")
        BylineFactory(article=article, author=author)
        ArticlePhotoFactory(article=article, image__width=60, image__height=40)
        ArticleDailyViewsFactory(article=article, views=1000)
        return article

    visible = make("看得见的新闻")
    for title, fields in HIDDEN.items():
        hidden = make(title, **fields)
        visible.recommended.add(hidden)
    return visible, regions, column, source, author


def test_hidden_articles_appear_on_no_page(client, world):
    visible, regions, column, source, author = world
    urls = [
        "/",
        "/?page=1",
        regions.sichuan.get_absolute_url(),
        regions.ziyang.get_absolute_url(),
        regions.lezhi.get_absolute_url(),
        column.get_absolute_url(),
        source.get_absolute_url(),
        author.get_absolute_url(),
        reverse("articles:tag", args=[visible.tags.get().slug]),
        visible.get_absolute_url(),
    ]
    for url in urls:
        cache.clear()
        page = client.get(url).content.decode()
        assert "看得见的新闻" in page, url
        for title in HIDDEN:
            assert title not in page, (url, title)


def test_hidden_articles_have_no_page_of_their_own(client, world):
    for article in Article.objects.filter(title__in=HIDDEN):
        assert client.get(article.get_absolute_url()).status_code == 404
