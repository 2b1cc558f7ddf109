"""Reading an article counts a view in a buffer, never in the database;
``flush_views`` moves the counts into the daily rows and the totals. Each
reader counts once per article per window (tests/articles/
test_one_view_per_reader.py), so the readers here come from their own
addresses."""

from datetime import datetime, timedelta

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from articles import counters
from articles.counters import BATCH_MEMORY_DAYS, buffered_views, day_key, flush_views, record_view, view_counter
from articles.models import ArticleDailyViews, FlushedViewBatch
from core.pagecache import HEADER
from tests.factories import ArticleDailyViewsFactory, ArticleFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def buffer(local_or_redis_cache):
    """Both buffers: the local cache, and Redis as every app server shares it."""
    return local_or_redis_cache


def reader(n):
    return {"REMOTE_ADDR": f"198.51.100.{n}"}


def test_reading_an_article_writes_nothing_to_the_database(client, buffer):
    article = ArticleFactory()

    with CaptureQueriesContext(connection) as queries:
        client.get(article.get_absolute_url(), **reader(1))
        client.get(article.get_absolute_url(), **reader(2))

    assert [q["sql"] for q in queries if not q["sql"].lstrip("( ").upper().startswith("SELECT")] == []
    article.refresh_from_db()
    assert article.view_count == 0
    assert buffered_views(article.pk) == 2


def test_a_view_served_from_the_cache_is_counted_without_any_query(client, buffer, django_assert_num_queries):
    article = ArticleFactory()
    client.get(article.get_absolute_url(), **reader(1))

    with django_assert_num_queries(0):
        response = client.get(article.get_absolute_url(), **reader(2))

    assert response[HEADER] == "HIT"
    assert buffered_views(article.pk) == 2


@pytest.mark.parametrize(
    "query, answered", [("?ref=weibo", None), ("", "HIT")], ids=["by-the-view", "from-the-page-cache"]
)
def test_the_same_reader_reading_again_adds_no_view(client, buffer, query, answered):
    article = ArticleFactory()
    url = article.get_absolute_url() + query  # an unknown parameter passes the page cache by
    client.get(url, **reader(1))

    response = client.get(url, **reader(1))

    assert response.get(HEADER) == answered
    assert buffered_views(article.pk) == 1


def test_missing_articles_are_not_counted(client, buffer):
    article = ArticleFactory(status="draft")
    assert client.get(article.get_absolute_url()).status_code == 404
    assert buffered_views(article.pk) == 0


def test_flush_views_moves_counts_into_daily_rows_and_totals(client, buffer, capsys):
    article = ArticleFactory(view_count=7)
    ArticleDailyViewsFactory(article=article, day=timezone.localdate(), views=3)
    other = ArticleFactory()
    for n in range(4):
        client.get(article.get_absolute_url(), **reader(n))
    client.get(other.get_absolute_url(), **reader(1))

    call_command("flush_views")

    article.refresh_from_db()
    other.refresh_from_db()
    assert (article.view_count, other.view_count) == (11, 1)
    assert ArticleDailyViews.objects.get(article=article, day=timezone.localdate()).views == 7
    assert ArticleDailyViews.objects.get(article=other).views == 1
    assert "已写入 5 次阅读" in capsys.readouterr().out


def test_flushing_again_adds_only_new_views(buffer):
    article = ArticleFactory()
    record_view(article.pk)
    flush_views()
    record_view(article.pk)
    record_view(article.pk)

    assert flush_views() == 2
    assert flush_views() == 0
    article.refresh_from_db()
    assert article.view_count == 3
    assert buffered_views(article.pk) == 0


def test_yesterdays_buffered_views_land_on_yesterday(buffer):
    article = ArticleFactory(published_at=timezone.now() - timedelta(days=3))
    yesterday = timezone.now() - timedelta(days=1)
    record_view(article.pk, now=yesterday)

    flush_views()

    assert ArticleDailyViews.objects.get(article=article).day == timezone.localdate(yesterday)


def test_a_page_cache_hit_just_after_midnight_counts_for_the_new_day(monkeypatch):
    before = datetime(2026, 11, 27, 23, 59, 59, tzinfo=timezone.get_current_timezone())
    after = before + timedelta(seconds=2)
    counted_in = []
    for moment in (before, after):
        monkeypatch.setattr(counters.time, "time", moment.timestamp)
        monkeypatch.setattr(timezone, "now", lambda moment=moment: moment)
        counted_in.append(view_counter(1)[0])

    assert counted_in == [day_key(before.date()), day_key(after.date())]


def test_views_of_an_article_deleted_before_the_flush_are_dropped_not_fatal(buffer):
    kept, gone = ArticleFactory(), ArticleFactory()
    record_view(kept.pk)
    record_view(gone.pk)
    gone.delete()

    assert flush_views() == 1
    kept.refresh_from_db()
    assert kept.view_count == 1


def test_each_flushed_batch_is_remembered_for_a_week_then_forgotten(redis_cache):
    article = ArticleFactory()
    week_old = FlushedViewBatch.objects.create(batch="20261101:lost-flush", views=3)
    FlushedViewBatch.objects.filter(pk=week_old.pk).update(
        flushed_at=timezone.now() - timedelta(days=BATCH_MEMORY_DAYS, minutes=1)
    )
    record_view(article.pk)
    record_view(article.pk)

    assert flush_views() == 2

    [batch] = FlushedViewBatch.objects.all()
    assert batch.views == 2 and batch.batch.startswith(f"{timezone.localdate():%Y%m%d}:")
