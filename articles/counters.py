"""Buffered view counting.

A page view only increments a counter in the cache (Redis when REDIS_URL is
set, so every app server shares it); ``manage.py flush_views`` later moves the
counts into ``ArticleDailyViews`` and ``Article.view_count`` in one batch. No
request writes to the database to count itself.

Counters are keyed per article per day (Asia/Shanghai) and live a few days,
so a flush that runs late still finds yesterday's views. Django's cache API
cannot list keys, so a flush asks for the counters of every published
article on the last ``KEEP_DAYS`` days with ``get_many`` in chunks.
"""

from datetime import timedelta

from django.core.cache import cache
from django.db import transaction
from django.db.models import Case, F, IntegerField, When
from django.utils import timezone

KEEP_DAYS = 3
CHUNK = 1000


def counter_key(article_id, day):
    return f"views:{day:%Y%m%d}:{article_id}"


def record_view(article_id, now=None):
    """Count one view of an article: a cache increment, no database access."""
    key = counter_key(article_id, timezone.localdate(now or timezone.now()))
    # add() is a no-op when the key exists, so concurrent first views don't reset it.
    cache.add(key, 0, timeout=KEEP_DAYS * 24 * 3600)
    try:
        cache.incr(key)
    except ValueError:  # evicted between add() and incr()
        cache.set(key, 1, timeout=KEEP_DAYS * 24 * 3600)


def pending_views(article_ids, day):
    """{article_id: buffered count} for one day, skipping zeros."""
    pending = {}
    article_ids = list(article_ids)
    for start in range(0, len(article_ids), CHUNK):
        chunk = article_ids[start : start + CHUNK]
        keys = {counter_key(pk, day): pk for pk in chunk}
        for key, count in cache.get_many(keys).items():
            if count:
                pending[keys[key]] = int(count)
    return pending


def flush_day(day, counts):
    """Add ``counts`` ({article_id: n}) to the day's rows and the totals, then
    take exactly those numbers off the counters: views that arrive meanwhile
    stay in the cache for the next flush."""
    from articles.models import Article, ArticleDailyViews

    with transaction.atomic():
        existing = {
            row.article_id: row
            for row in ArticleDailyViews.objects.select_for_update().filter(day=day, article_id__in=counts)
        }
        for row in existing.values():
            row.views += counts[row.article_id]
        ArticleDailyViews.objects.bulk_update(existing.values(), ["views"])
        ArticleDailyViews.objects.bulk_create(
            ArticleDailyViews(article_id=pk, day=day, views=n) for pk, n in counts.items() if pk not in existing
        )
        Article.objects.filter(pk__in=counts).update(
            view_count=F("view_count") + Case(*(When(pk=pk, then=n) for pk, n in counts.items()), default=0, output_field=IntegerField())
        )
    for pk, n in counts.items():
        try:
            cache.decr(counter_key(pk, day), n)
        except ValueError:  # the counter expired meanwhile: nothing left to take off
            pass


def flush_views(now=None):
    """Move every buffered count into the database; returns the views moved."""
    from articles.models import Article

    today = timezone.localdate(now or timezone.now())
    article_ids = list(Article.objects.published(now).values_list("pk", flat=True))
    moved = 0
    for back in range(KEEP_DAYS):
        day = today - timedelta(days=back)
        counts = pending_views(article_ids, day)
        for start in range(0, len(counts), CHUNK):
            batch = dict(list(counts.items())[start : start + CHUNK])
            flush_day(day, batch)
            moved += sum(batch.values())
    return moved
