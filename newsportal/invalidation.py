"""When reader-visible content changes: the one place that says so.

Every cached page (``newsportal.pagecache``) and side list
(``articles.sidebars``) remembers the site-wide *content version* it was built
under. Bumping the version (an INCR in the shared cache) makes all of them
stale on every app server at once: there is no purge list to keep in step
with the templates.

The version is bumped, after the change is committed, when

- an article is published, edited while published, withdrawn or deleted;
- something shown beside articles changes (photos, bylines, columns, regions,
  authors, sources);
- moderation changes which comments readers see (``comments_changed``);
- a scheduled article reaches its minute. Nothing is saved then, so the cache
  also holds the time of the next scheduled publication; the first request
  after it bumps the version (see ``current_version``).

Each change bumps twice: at once, and again after the commit, because a page
rebuilt between the save and the commit read the old rows under the new
version.
"""

import time
from datetime import UTC, datetime
from functools import partial

from django.core.cache import cache
from django.db import router, transaction
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from comments.signals import comments_changed
from newsportal.cache import CacheUnavailable, cache_recovered

VERSION_KEY = "content:version"
GO_LIVE_KEY = "content:next-go-live"
GO_LIVE_LOCK = "content:next-go-live:lock"
NOTHING_SCHEDULED = "none"
# How long a page stays fresh when the schedule is not in the cache: a
# scheduled article then shows up within this many seconds of its minute.
UNKNOWN_SCHEDULE_SECONDS = 60

# Saves that touch only these fields change nothing a cached page shows.
QUIET_FIELDS = {"view_count", "comment_count", "search_document", "search_vector"}

# Shown next to or inside articles; any save or delete refreshes the site.
RELATED_MODELS = (
    "articles.ArticlePhoto",
    "articles.Byline",
    "articles.TaggedArticle",
    "articles.Column",
    "articles.Author",
    "articles.Source",
    "regions.Region",
)


def _fresh_start():
    # After an eviction or a Redis restart the version starts again from the
    # clock, so it never falls back to a number old pages were stored under.
    return int(time.time() * 1000)


def content_version():
    version = cache.get(VERSION_KEY)
    if version is None:
        cache.add(VERSION_KEY, _fresh_start(), timeout=None)
        version = cache.get(VERSION_KEY)
    return version


def bump_content_version():
    """Make every cached page and side list stale, on every app server."""
    try:
        return cache.incr(VERSION_KEY)
    except CacheUnavailable:
        return None  # Redis is down; cache_recovered bumps the version when it answers again
    except ValueError:  # never set, or evicted
        cache.add(VERSION_KEY, _fresh_start(), timeout=None)
        try:
            return cache.incr(VERSION_KEY)
        except ValueError:
            return None


@receiver(cache_recovered, dispatch_uid="pagecache_cache_recovered")
def cache_came_back(sender, **kwargs):
    # Changes made while the cache was unreachable could not bump the version.
    bump_content_version()


def refresh_next_go_live(now=None):
    """Remember when the next scheduled article becomes visible (one query)."""
    from articles.models import Article

    now = now or time.time()
    at = (
        Article.objects.using(router.db_for_write(Article))
        .filter(status=Article.Status.PUBLISHED, published_at__gt=_as_datetime(now))
        .order_by("published_at")
        .values_list("published_at", flat=True)
        .first()
    )
    cache.set(GO_LIVE_KEY, at.timestamp() if at else NOTHING_SCHEDULED, timeout=None)


def _as_datetime(timestamp):
    return datetime.fromtimestamp(timestamp, tz=UTC)


def current_version(version, go_live, now):
    """The version a request should use, from the values it read with its page.

    Bumps the version when a scheduled article has gone live since the last
    request (one query, once per scheduled article). An unknown schedule (the
    cache was emptied) costs nothing here: pages then stay fresh for at most
    ``UNKNOWN_SCHEDULE_SECONDS`` until the next article save records it.
    """
    if version is None:
        version = content_version()
    if go_live not in (None, NOTHING_SCHEDULED) and go_live <= now and cache.add(GO_LIVE_LOCK, 1, timeout=30):
        try:
            refresh_next_go_live(now)
            version = bump_content_version()
        finally:
            cache.delete(GO_LIVE_LOCK)
    return version


def article_changed(article):
    """Re-read the schedule when this save may have moved it, then make every
    page stale. Nothing scheduled and a live article: no query."""
    scheduled = article.published_at is not None and article.published_at.timestamp() > time.time()
    if scheduled or cache.get(GO_LIVE_KEY) != NOTHING_SCHEDULED:
        refresh_next_go_live()
    bump_content_version()


def _now_and_after_commit(func):
    # Now, so this process (and a test inside a transaction) sees the change
    # at once; again after the commit, because a page rebuilt in between read
    # the old rows under the new version.
    func()
    transaction.on_commit(func)


@receiver(post_save, sender="articles.Article", dispatch_uid="pagecache_article_saved")
def article_saved(sender, instance, update_fields=None, **kwargs):
    """Published, edited while published, scheduled, or moved by a transition."""
    if update_fields is not None and set(update_fields) <= QUIET_FIELDS:
        return
    touches_readers = instance.status in (sender.Status.PUBLISHED, sender.Status.WITHDRAWN)
    if touches_readers or (update_fields is not None and "status" in update_fields):
        _now_and_after_commit(partial(article_changed, instance))


@receiver(post_delete, sender="articles.Article", dispatch_uid="pagecache_article_deleted")
def article_deleted(sender, instance, **kwargs):
    _now_and_after_commit(partial(article_changed, instance))


def related_changed(sender, **kwargs):
    _now_and_after_commit(bump_content_version)


for _model in RELATED_MODELS:
    post_save.connect(related_changed, sender=_model, dispatch_uid=f"pagecache_saved_{_model}")
    post_delete.connect(related_changed, sender=_model, dispatch_uid=f"pagecache_deleted_{_model}")


@receiver(comments_changed, dispatch_uid="pagecache_comments_changed")
def comments_moderated(sender, article_ids, **kwargs):
    """Approved, rejected, marked spam, or sent back to the queue by reports."""
    _now_and_after_commit(bump_content_version)


def site_deployed(sender, **kwargs):
    """After ``migrate``, which every deploy runs (``make serve`` does): cached
    pages hold the templates and response headers of the code that built them."""
    bump_content_version()
