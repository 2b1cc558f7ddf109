"""Counting holds up under load and under failure: 10,000 readers' views
over 50 concurrent connections are all counted, two flushes at once count
nothing twice, and a flush that fails halfway loses nothing (Redis, as in
production)."""

import threading
import urllib.request
from concurrent.futures import ThreadPoolExecutor

import pytest
from django.core.cache import caches
from django.db import DataError, connection, connections
from django.utils import timezone

from articles.counters import (
    FLUSH_LOCK_ID,
    _redis,
    buffered_views,
    day_key,
    flush_views,
    record_view,
)
from articles.models import ArticleDailyViews
from tests.factories import ArticleFactory

READERS = 50
VIEWS_EACH = 200


@pytest.fixture
def redis_buffer(redis_cache):
    return redis_cache


@pytest.mark.django_db(transaction=True)
def test_ten_thousand_readers_over_fifty_connections_are_all_counted(live_server, redis_buffer, settings):
    # One view per reader: each request comes from its own address, as the
    # proxy in front (TRUSTED_PROXY_COUNT) reports it.
    settings.TRUSTED_PROXY_COUNT = 1
    article = ArticleFactory()
    url = live_server.url + article.get_absolute_url()

    def reader(connection_number):
        for n in range(VIEWS_EACH):
            address = f"10.{connection_number}.{n // 256}.{n % 256}"
            request = urllib.request.Request(url, headers={"X-Forwarded-For": address})
            with urllib.request.urlopen(request) as response:
                assert response.status == 200

    with ThreadPoolExecutor(max_workers=READERS) as pool:
        list(pool.map(reader, range(READERS)))

    assert buffered_views(article.pk) == READERS * VIEWS_EACH
    assert flush_views() == READERS * VIEWS_EACH
    article.refresh_from_db()
    assert article.view_count == READERS * VIEWS_EACH
    assert ArticleDailyViews.objects.get(article=article).views == READERS * VIEWS_EACH


@pytest.mark.django_db(transaction=True)
def test_a_flush_started_while_another_runs_steps_aside(redis_buffer):
    article = ArticleFactory()
    for _ in range(5):
        record_view(article.pk)
    other = connections.create_connection("default")
    try:
        with other.cursor() as cursor:  # another flush holds the lock
            cursor.execute("SELECT pg_advisory_lock(%s)", [FLUSH_LOCK_ID])
        assert flush_views() is None
        assert buffered_views(article.pk) == 5
        with other.cursor() as cursor:  # that flush ends
            cursor.execute("SELECT pg_advisory_unlock(%s)", [FLUSH_LOCK_ID])
    finally:
        other.close()

    assert flush_views() == 5


@pytest.mark.django_db(transaction=True)
def test_two_flushes_at_once_count_every_view_once(redis_buffer):
    articles = [ArticleFactory() for _ in range(20)]
    for article in articles:
        for _ in range(10):
            record_view(article.pk)
    start = threading.Barrier(2)
    moved = []

    def flush():
        start.wait()
        try:
            moved.append(flush_views())
        finally:
            connection.close()

    threads = [threading.Thread(target=flush) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert sum(n or 0 for n in moved) + (flush_views() or 0) == 200
    assert sorted(a.view_count for a in type(articles[0]).objects.all()) == [10] * 20


@pytest.mark.django_db(transaction=True)
def test_a_flush_that_fails_halfway_loses_nothing(redis_buffer):
    sane, broken = ArticleFactory(), ArticleFactory()
    for _ in range(5):
        record_view(sane.pk)
    # A count the database refuses (beyond its integer range) fails the batch.
    _redis().hset(day_key(timezone.localdate()), str(broken.pk), 3_000_000_000)

    with pytest.raises(DataError):
        flush_views()
    sane.refresh_from_db()
    assert sane.view_count == 0
    assert not ArticleDailyViews.objects.exists()

    record_view(sane.pk)  # reading goes on meanwhile
    client = _redis()
    [leftover] = client.scan_iter(match=caches["default"].make_key("views:flushing:*"))
    client.hset(leftover, str(broken.pk), 2)  # the operator repairs the bad count

    assert flush_views() == 8
    sane.refresh_from_db()
    broken.refresh_from_db()
    assert (sane.view_count, broken.view_count) == (6, 2)
    assert flush_views() == 0
