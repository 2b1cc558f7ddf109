"""Buffered view counting.

A page view only adds one to a counter in the cache (with the page's lookup
in ``core.pagecache`` through ``page_hit_counter``, else ``record_view`` from
the view); ``manage.py flush_views`` later adds the counts to
``ArticleDailyViews`` (per article per day, Asia/Shanghai) and
``Article.view_count`` in batches. No request writes to the database to count
itself.

One reader (``articles.readers``) counts one view of an article per
``settings.VIEW_DEDUPE_SECONDS``: the counter's command first sets a
``views:seen:<article>:<reader>`` key that expires after the window, in the
same round trip, and adds one only if the key was not there. So reloading,
or requesting a page thousands of times, cannot push an article up the hot
lists.

With Redis (REDIS_URL) each day is one hash, ``HINCRBY views:day:<day> <id> 1``,
shared by every app server. A flush first RENAMEs each day's hash to a unique
``views:flushing:`` key, atomically: views arriving meanwhile start a new hash.
It then adds each flushing hash to the database in one transaction and deletes
the hash only after the commit, so a flush that fails halfway leaves its hash
for the next run and loses nothing. The same transaction records the hash's
name as a ``FlushedViewBatch``: a flush killed after its commit but before
the delete leaves a hash the next run recognises and only deletes, so no
kill, at any point, counts a view twice. Batch names are forgotten after
``BATCH_MEMORY_DAYS``, by which time every run since has deleted them.

Without Redis the counters are per-article keys in the local cache, which only
the same process can flush (development and tests); production counts need
REDIS_URL.

Every Redis command here goes through the cache's circuit breaker
(core.redis_cache): while Redis is down or hung a view is not counted and a
flush moves nothing, each without waiting.

Flushes never overlap: each holds a PostgreSQL advisory lock (released by the
server even if the flush is killed), and a second one started meanwhile (cron
every minute, a slow database) returns at once without touching anything.
"""

import logging
import time
import uuid
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from django.conf import settings
from django.core.cache import cache, caches
from django.core.cache.backends.redis import RedisCache
from django.db import connection, transaction
from django.db.models import Case, F, IntegerField, When
from django.utils import timezone

from articles.readers import reader_of
from core import changelog
from core.changelog import Counter
from core.redis_cache import REDIS_DOWN, ResilientRedisCache

ARTICLE_PAGE = "articles:detail"

logger = logging.getLogger(__name__)

KEEP_DAYS = 3
BATCH_MEMORY_DAYS = 7
CHUNK = 1000
FLUSH_LOCK_ID = 6_000_006  # the advisory lock number; any constant unused elsewhere


def uses_redis():
    # ``cache`` is a proxy; the backend itself says which kind it is.
    return isinstance(caches["default"], RedisCache)


def _redis():
    # Django's Redis backend keeps its redis-py client behind a private name;
    # the hash commands this module needs are not in the cache API.
    backend = caches["default"]
    if isinstance(backend, ResilientRedisCache):
        return backend.raw_client()
    return backend._cache.get_client(write=True)


def day_key(day):
    return cache.make_key(f"views:day:{day:%Y%m%d}")


def counter_key(article_id, day):
    """The per-article counter of the local-cache buffer."""
    return f"views:{day:%Y%m%d}:{article_id}"


def view_counter(article_id, now=None):
    """The Redis hash and field that count today's views of an article."""
    return (todays_counter().key if now is None else day_key(timezone.localdate(now))), str(article_id)


@dataclass(frozen=True)
class _Today:
    starts: float  # Unix times of the site's midnights around ``key``'s day
    ends: float
    key: str
    cache: object  # the cache backend that made ``key`` (its prefix is in it)
    day: str = ""  # %Y%m%d


_today = _Today(0.0, 0.0, "", None)


def todays_counter():
    """Today's ``day_key`` (``.key``) and date (``.day``), worked out again only when the day or the cache
    changes: every page-cache hit of an article asks for it, and converting the
    time to the site's zone and making the key each time was a large part of
    such a hit's Python. Replaced whole, so a thread never sees half of it."""
    global _today
    today, now, backend = _today, time.time(), caches["default"]
    if not (today.starts <= now < today.ends and today.cache is backend):
        day = timezone.localdate()
        midnight = datetime.combine(day, datetime.min.time(), tzinfo=timezone.get_current_timezone())
        today = _today = _Today(
            midnight.timestamp(), (midnight + timedelta(days=1)).timestamp(), day_key(day), backend, f"{day:%Y%m%d}"
        )
    return today


def view_of(article_id, reader=None, now=None):
    """The counter (``core.changelog.Counter``) of one view of an article: the
    day's hash and, for a ``reader``, the key that lets it count once per window."""
    if now is None:
        today = todays_counter()
        redis_hash, day = today.key, today.day
    else:
        day_date = timezone.localdate(now)
        redis_hash, day = day_key(day_date), f"{day_date:%Y%m%d}"
    window = settings.VIEW_DEDUPE_SECONDS
    seen = cache.make_key(f"views:seen:{article_id}:{reader}") if reader and window > 0 else None
    return Counter(
        redis_hash=redis_hash,
        field=str(article_id),
        local_key=f"views:{day}:{article_id}",
        dedupe_key=seen,
        dedupe_seconds=window,
    )


def page_hit_counter(match, request):
    """core.pagecache's hook (PAGE_CACHE_HIT_COUNTER): a hit on an article page is
    a view of its reader, counted in the same round trip as the page's lookup."""
    if match.view_name != ARTICLE_PAGE:
        return None
    return view_of(match.kwargs["pk"], reader_of(request))


def _guarded(func, fallback):
    """``func()`` through the Redis circuit breaker (core.redis_cache): while
    Redis is known to be down, or when the call finds it so, ``fallback()``
    instead of a wait. Django's plain RedisCache (some tests) calls straight through."""
    backend = caches["default"]
    if isinstance(backend, ResilientRedisCache):
        return backend.guarded(func, fallback)
    try:
        return func()
    except REDIS_DOWN:
        return fallback()


def record_view(article_id, reader=None, now=None):
    """Count one view of an article, once per window for a ``reader``
    (``articles.readers.reader_of``): one cache command, no database access."""
    changelog.store().count(view_of(article_id, reader, now))


def buffered_views(article_id, now=None):
    """Views of an article counted today and not flushed yet."""
    day = timezone.localdate(now or timezone.now())
    if uses_redis():
        return _guarded(lambda: int(_redis().hget(day_key(day), str(article_id)) or 0), lambda: 0)
    return cache.get(counter_key(article_id, day)) or 0


# --- Writing counts to the database ------------------------------------------


def add_to_database(day, counts):
    """Add ``counts`` ({article_id: n}) to the day's rows and the totals.

    Upserts, so two writers never lose each other's numbers; articles deleted
    since they were read are skipped rather than failing the batch.
    """
    from articles.models import Article, ArticleDailyViews

    region_of = dict(Article.objects.filter(pk__in=list(counts)).values_list("pk", "region_id"))
    counts = {pk: n for pk, n in counts.items() if pk in region_of and n > 0}
    items = list(counts.items())
    table = connection.ops.quote_name(ArticleDailyViews._meta.db_table)
    for start in range(0, len(items), CHUNK):
        batch = items[start : start + CHUNK]
        values = ", ".join(["(%s, %s, %s, %s)"] * len(batch))
        params = [p for pk, n in batch for p in (pk, region_of[pk], day, n)]
        with connection.cursor() as cursor:
            # bandit: the table name is our model's, quoted; every value is a placeholder.
            cursor.execute(
                f"INSERT INTO {table} (article_id, region_id, day, views) VALUES {values} "  # nosec B608
                f"ON CONFLICT (article_id, day) DO UPDATE SET views = {table}.views + EXCLUDED.views",
                params,
            )
        Article.objects.filter(pk__in=[pk for pk, _ in batch]).update(
            view_count=F("view_count")
            + Case(*(When(pk=pk, then=n) for pk, n in batch), default=0, output_field=IntegerField())
        )
    return sum(counts.values())


@contextmanager
def flush_lock():
    """True inside if this process may flush now; False if another flush runs."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_try_advisory_lock(%s)", [FLUSH_LOCK_ID])
        got = cursor.fetchone()[0]
    try:
        yield got
    finally:
        if got:
            with connection.cursor() as cursor:
                cursor.execute("SELECT pg_advisory_unlock(%s)", [FLUSH_LOCK_ID])


def flush_views(now=None):
    """Move every buffered count into the database.

    Returns the number of views moved, or ``None`` when another flush is
    running (that one will move them) or Redis is unreachable (the counts
    wait in Redis for the next run).
    """
    with flush_lock() as mine:
        if not mine:
            return None
        if not uses_redis():
            return _flush_local(now)

        def unreachable():
            logger.warning("flush_views: Redis is unreachable; the buffered views wait for the next run")

        return _guarded(_flush_redis, unreachable)


def _flush_redis():
    from redis.exceptions import ResponseError

    client = _redis()
    live_prefix, flushing_prefix = cache.make_key("views:day:"), cache.make_key("views:flushing:")
    for key in client.scan_iter(match=live_prefix + "*"):
        day = key.decode()[len(live_prefix) :]
        try:
            client.rename(key, f"{flushing_prefix}{day}:{uuid.uuid4().hex}")
        except ResponseError:  # "no such key": it went between SCAN and RENAME
            continue
    moved = 0
    # Ours, and any left by a flush that failed or was killed: its views may still be owed.
    for key in client.scan_iter(match=flushing_prefix + "*"):
        batch = key.decode()[len(flushing_prefix) :]
        day_text = batch.split(":")[0]
        counts = {int(pk): int(n) for pk, n in client.hgetall(key).items()}
        moved += add_batch_once(batch, date(int(day_text[:4]), int(day_text[4:6]), int(day_text[6:])), counts)
        client.delete(key)
    forget_old_batches()
    return moved


def add_batch_once(batch, day, counts):
    """Add a batch's counts unless a flush before this one already did; the
    number of views added."""
    from articles.models import FlushedViewBatch

    with transaction.atomic():
        # Flushes never overlap (flush_lock), and the batch is the primary
        # key besides: a second insert of it would fail the whole transaction.
        if FlushedViewBatch.objects.filter(batch=batch).exists():
            return 0
        moved = add_to_database(day, counts)
        FlushedViewBatch.objects.create(batch=batch, views=moved)
    return moved


def forget_old_batches(now=None):
    from articles.models import FlushedViewBatch

    since = (now or timezone.now()) - timedelta(days=BATCH_MEMORY_DAYS)
    return FlushedViewBatch.objects.flushed_before(since).delete()[0]


def _flush_local(now=None):
    """The local-cache buffer has no list of keys: ask for the counters of
    every published article on the last ``KEEP_DAYS`` days, in chunks."""
    from articles.models import Article

    today = timezone.localdate(now or timezone.now())
    article_ids = list(Article.objects.published(now).values_list("pk", flat=True))
    moved = 0
    for back in range(KEEP_DAYS):
        day = today - timedelta(days=back)
        for start in range(0, len(article_ids), CHUNK):
            keys = {counter_key(pk, day): pk for pk in article_ids[start : start + CHUNK]}
            counts = {keys[key]: int(n) for key, n in cache.get_many(keys).items() if n}
            if not counts:
                continue
            with transaction.atomic():
                moved += add_to_database(day, counts)
            # Take off exactly what was written: views counted meanwhile stay.
            for pk, n in counts.items():
                with suppress(ValueError):  # expired meanwhile: nothing left to take off
                    cache.decr(counter_key(pk, day), n)
    return moved
