"""Impressions and clicks, counted like article views (articles.counters).

A shown ad (the beacon static/js/ads.js sends) or a click adds one to a
counter in the cache, once per reader (articles.readers) per
``settings.VIEW_DEDUPE_SECONDS``: one cache command, no database access.
With Redis each day is one hash, ``ads:day:<YYYYMMDD>``, with the fields
``<ad>:i`` (impressions) and ``<ad>:c`` (clicks). ``manage.py flush_ads``
(run by ``minutely``) adds them to ``AdDailyStats`` the same safe way
``flush_views`` adds views: the hash is renamed to a batch first, added in
one transaction that records the batch (``FlushedAdBatch``), then deleted,
so no failure or kill counts a hit twice or loses one. Without Redis the
counters are keys of the local cache, flushed by the same process.
"""

import logging
import uuid
from contextlib import contextmanager, suppress
from datetime import date, timedelta

from django.conf import settings
from django.core.cache import cache
from django.db import connection, transaction
from django.db.models import F
from django.utils import timezone

from ads.models import Ad, AdDailyStats, FlushedAdBatch
from articles.counters import _guarded, _redis, uses_redis
from articles.readers import reader_of
from core import changelog
from core.changelog import Counter

logger = logging.getLogger(__name__)

IMPRESSION, CLICK = "i", "c"
KEEP_DAYS = 3
BATCH_MEMORY_DAYS = 7
FLUSH_LOCK_ID = 6_000_019  # the advisory lock number; flush_views has 6_000_006


def day_key(day):
    return cache.make_key(f"ads:day:{day:%Y%m%d}")


def local_key(ad_id, kind, day):
    return f"ads:{day:%Y%m%d}:{ad_id}:{kind}"


def hit_of(ad_id, kind, reader=None, now=None):
    day = timezone.localdate(now or timezone.now())
    window = settings.VIEW_DEDUPE_SECONDS
    dedupe = cache.make_key(f"ads:seen:{ad_id}:{kind}:{reader}") if reader and window > 0 else None
    return Counter(
        redis_hash=day_key(day),
        field=f"{ad_id}:{kind}",
        local_key=local_key(ad_id, kind, day),
        dedupe_key=dedupe,
        dedupe_seconds=window,
    )


def record(ad_id, kind, request=None, now=None):
    """Count one impression or click of an ad, once per window per reader of ``request``."""
    changelog.store().count(hit_of(ad_id, kind, reader_of(request) if request is not None else None, now))


def buffered(ad_id, kind, now=None):
    """Hits of an ad counted today and not flushed yet."""
    day = timezone.localdate(now or timezone.now())
    if uses_redis():
        return _guarded(lambda: int(_redis().hget(day_key(day), f"{ad_id}:{kind}") or 0), lambda: 0)
    return cache.get(local_key(ad_id, kind, day)) or 0


def add_to_database(day, counts):
    """Add ``counts`` ({(ad_id, kind): n}) to the day's rows; ads deleted meanwhile are skipped."""
    known = set(Ad.objects.filter(pk__in={pk for pk, _ in counts}).values_list("pk", flat=True))
    per_ad = {}
    for (pk, kind), n in counts.items():
        if pk in known and n > 0 and kind in (IMPRESSION, CLICK):
            per_ad.setdefault(pk, {IMPRESSION: 0, CLICK: 0})[kind] += n
    for pk, n in per_ad.items():
        # Flushes never overlap (flush_lock): the row is created or added to by one of them at a time.
        row, _ = AdDailyStats.objects.get_or_create(ad_id=pk, day=day)
        AdDailyStats.objects.filter(pk=row.pk).update(
            impressions=F("impressions") + n[IMPRESSION], clicks=F("clicks") + n[CLICK]
        )
    return sum(sum(n.values()) for n in per_ad.values())


@contextmanager
def flush_lock():
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_try_advisory_lock(%s)", [FLUSH_LOCK_ID])
        got = cursor.fetchone()[0]
    try:
        yield got
    finally:
        if got:
            with connection.cursor() as cursor:
                cursor.execute("SELECT pg_advisory_unlock(%s)", [FLUSH_LOCK_ID])


def flush(now=None):
    """Move every buffered count into ``AdDailyStats``: the number of hits moved,
    or None when another flush runs or Redis is unreachable."""
    with flush_lock() as mine:
        if not mine:
            return None
        if not uses_redis():
            return _flush_local(now)

        def unreachable():
            logger.warning("flush_ads: Redis is unreachable; the buffered counts wait for the next run")

        return _guarded(_flush_redis, unreachable)


def _parsed(counts):
    parsed = {}
    for name, n in counts.items():
        pk, _, kind = name.decode().partition(":")
        with suppress(ValueError):
            parsed[(int(pk), kind)] = int(n)
    return parsed


def _flush_redis():
    from redis.exceptions import ResponseError

    client = _redis()
    live_prefix, flushing_prefix = cache.make_key("ads:day:"), cache.make_key("ads:flushing:")
    for key in client.scan_iter(match=live_prefix + "*"):
        day = key.decode()[len(live_prefix) :]
        with suppress(ResponseError):  # gone between SCAN and RENAME
            client.rename(key, f"{flushing_prefix}{day}:{uuid.uuid4().hex}")
    moved = 0
    for key in client.scan_iter(match=flushing_prefix + "*"):
        batch = key.decode()[len(flushing_prefix) :]
        day_text = batch.split(":")[0]
        day = date(int(day_text[:4]), int(day_text[4:6]), int(day_text[6:]))
        with transaction.atomic():
            if not FlushedAdBatch.objects.filter(batch=batch).exists():
                moved += add_to_database(day, _parsed(client.hgetall(key)))
                FlushedAdBatch.objects.create(batch=batch)
        client.delete(key)
    since = timezone.now() - timedelta(days=BATCH_MEMORY_DAYS)
    FlushedAdBatch.objects.filter(flushed_at__lt=since).delete()
    return moved


def _flush_local(now=None):
    today = timezone.localdate(now or timezone.now())
    ad_ids = list(Ad.objects.values_list("pk", flat=True))
    moved = 0
    for back in range(KEEP_DAYS):
        day = today - timedelta(days=back)
        keys = {local_key(pk, kind, day): (pk, kind) for pk in ad_ids for kind in (IMPRESSION, CLICK)}
        counts = {keys[key]: int(n) for key, n in cache.get_many(keys).items() if n}
        if not counts:
            continue
        with transaction.atomic():
            moved += add_to_database(day, counts)
        for (pk, kind), n in counts.items():
            with suppress(ValueError):
                cache.decr(local_key(pk, kind, day), n)
    return moved
