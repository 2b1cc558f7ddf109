"""Cached pages and feeds follow publishes at once, and a hot page that went
stale is rebuilt by one request while the others get the previous copy.

Which page goes stale after which change is told in
tests/articles/test_what_goes_stale.py; this file is about the page cache's
side of it."""

from datetime import timedelta

import pytest
from django.core.cache import cache
from django.test import RequestFactory
from django.utils import timezone

from articles import schedule, sidebars
from articles.models import Article
from core.kept import mark_changed
from core.pagecache import HEADER, page_at, page_key
from tests.articles.newsroom import article_by
from tests.factories import ColumnFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def story(regions, journalist, editor):
    article = article_by(journalist, regions["lezhi"], status=Article.Status.PENDING, title="乐至县蚕桑丰收")
    article.publish(editor)
    return article


def cached(client, url):
    """Visit twice, so the page is in the cache; return what readers see."""
    client.get(url)
    response = client.get(url)
    assert response[HEADER] == "HIT"
    return response


def test_publishing_shows_the_new_article_on_the_cached_home_page(client, regions, journalist, editor, story):
    cached(client, "/")
    fresh = article_by(journalist, regions["lezhi"], status=Article.Status.PENDING, title="乐至县新建图书馆开放")

    fresh.publish(editor)

    assert "乐至县新建图书馆开放" in client.get("/").content.decode()


def test_publishing_shows_the_new_article_in_the_cached_feeds(client, regions, journalist, editor, story):
    for feed in ["/feeds/latest/", "/feeds/region/sichuan/ziyang/"]:
        cached(client, feed)
    fresh = article_by(journalist, regions["lezhi"], status=Article.Status.PENDING, title="乐至县新建图书馆开放")

    fresh.publish(editor)

    for feed in ["/feeds/latest/", "/feeds/region/sichuan/ziyang/"]:
        assert "乐至县新建图书馆开放" in client.get(feed).content.decode()


def test_after_the_cache_was_emptied_the_next_page_built_learns_the_schedule(
    client, regions, journalist, editor, story
):
    scheduled = article_by(journalist, regions["lezhi"], status=Article.Status.PENDING, title="乐至县春季招聘会")
    scheduled.publish(editor, at=timezone.now() + timedelta(hours=2))
    cache.clear()  # a Redis restart: the time of the next publication is forgotten

    client.get("/")

    assert cache.get(schedule.NEXT_GO_LIVE) == scheduled.published_at.timestamp()


def test_the_column_list_follows_a_new_column(story):
    before = sidebars.columns()

    ColumnFactory(name="乡村振兴", slug="xiangcun")

    assert [c.slug for c in sidebars.columns()] == [c.slug for c in before] + ["xiangcun"]


def lock_of(url):
    return page_key(RequestFactory().get(url), page_at(url)) + ":lock"


def test_while_one_request_rebuilds_a_stale_page_the_others_get_the_old_copy(client, story, django_assert_num_queries):
    url = story.get_absolute_url()
    cached(client, url)
    story.title = "乐至县蚕桑丰收再创新高"
    story.save()
    # Another request is rebuilding this page right now: it holds the lock.
    assert cache.add(lock_of(url), 1, timeout=30)

    with django_assert_num_queries(0):
        meanwhile = client.get(url)

    assert meanwhile[HEADER] == "STALE"
    assert "乐至县蚕桑丰收" in meanwhile.content.decode()
    cache.delete(lock_of(url))
    rebuilt = client.get(url)
    assert rebuilt[HEADER] == "MISS"
    assert "乐至县蚕桑丰收再创新高" in rebuilt.content.decode()


def test_the_rebuilding_request_releases_its_lock(client, story):
    url = story.get_absolute_url()
    cached(client, url)
    mark_changed([f"article:{story.pk}"])

    assert client.get(url)[HEADER] == "MISS"
    assert cache.get(lock_of(url)) is None
    assert client.get(url)[HEADER] == "HIT"
