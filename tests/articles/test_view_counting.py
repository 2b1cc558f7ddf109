"""Reading an article counts a view in the cache; flush_views moves the counts to the database."""

import os
from datetime import timedelta

import pytest
from django.core.cache import cache
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from articles.counters import counter_key, flush_views, record_view
from articles.models import ArticleDailyViews
from tests.factories import ArticleDailyViewsFactory, ArticleFactory

pytestmark = pytest.mark.django_db


def test_reading_an_article_writes_nothing_to_the_database(client):
    article = ArticleFactory()

    with CaptureQueriesContext(connection) as queries:
        client.get(article.get_absolute_url())
        client.get(article.get_absolute_url())

    assert not [q for q in queries if not q["sql"].lstrip().upper().startswith("SELECT")]
    article.refresh_from_db()
    assert article.view_count == 0
    assert cache.get(counter_key(article.pk, timezone.localdate())) == 2


def test_flush_views_moves_counts_into_daily_rows_and_totals(client, capsys):
    article = ArticleFactory(view_count=7)
    ArticleDailyViewsFactory(article=article, day=timezone.localdate(), views=3)
    other = ArticleFactory()
    for _ in range(4):
        client.get(article.get_absolute_url())
    client.get(other.get_absolute_url())

    call_command("flush_views")

    article.refresh_from_db()
    other.refresh_from_db()
    assert (article.view_count, other.view_count) == (11, 1)
    assert ArticleDailyViews.objects.get(article=article, day=timezone.localdate()).views == 7
    assert ArticleDailyViews.objects.get(article=other).views == 1
    assert "已写入 5 次阅读" in capsys.readouterr().out


def test_a_second_flush_adds_only_new_views():
    article = ArticleFactory()
    record_view(article.pk)
    flush_views()
    record_view(article.pk)
    record_view(article.pk)

    assert flush_views() == 2
    assert flush_views() == 0
    article.refresh_from_db()
    assert article.view_count == 3


def test_yesterdays_buffered_views_land_on_yesterday():
    article = ArticleFactory(published_at=timezone.now() - timedelta(days=3))
    yesterday = timezone.now() - timedelta(days=1)
    record_view(article.pk, now=yesterday)

    flush_views()

    assert ArticleDailyViews.objects.get(article=article).day == timezone.localdate(yesterday)


@pytest.fixture
def redis_cache(settings):
    """The production setup: counters in Redis, shared by every app server."""
    url = os.environ.get("TEST_REDIS_URL")
    if not url:
        pytest.skip("TEST_REDIS_URL is not set")
    settings.CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": url, "KEY_PREFIX": "np-views-test"}
    }
    cache.clear()
    yield cache
    cache.clear()


def test_counting_and_flushing_through_redis(client, redis_cache):
    article = ArticleFactory()
    for _ in range(3):
        client.get(article.get_absolute_url())

    assert redis_cache.get(counter_key(article.pk, timezone.localdate())) == 3
    assert flush_views() == 3
    article.refresh_from_db()
    assert article.view_count == 3
    assert redis_cache.get(counter_key(article.pk, timezone.localdate())) == 0
