"""Scheduled articles: readers see them from their minute on, with no job having to run.

A list of the newest articles built while a scheduled article waits is
kept fresh until that minute at most (``shows_newest``), so the first
request after it builds the list again with the article in it. The next
such minute is kept in the cache and read again after every article change.

``announce_gone_live`` (``manage.py minutely``) then announces each article
that went live, as a publish is announced, so its neighbours' lists, search
rankings and the proxies in front catch up within the minute.
"""

import time
from datetime import timedelta

from django.core.cache import cache
from django.utils import timezone

from core.changes import announce
from core.kept import fresh_until

NEXT_GO_LIVE = "articles:next-go-live"
ANNOUNCED_UNTIL = "articles:gone-live-announced-until"
NOTHING = "none"
# How long the next minute is trusted without an article change re-reading it.
KEEP_SECONDS = 300


def next_go_live():
    """The Unix time the next scheduled article goes live, or None."""
    at = cache.get(NEXT_GO_LIVE)
    if at not in (None, NOTHING) and at <= time.time():
        at = None  # gone live since: find the one after it
    if at is None:
        from articles.models import Article

        upcoming = (
            Article.objects.filter(status=Article.Status.PUBLISHED, published_at__gt=timezone.now())
            .order_by("published_at")
            .values_list("published_at", flat=True)
            .first()
        )
        at = upcoming.timestamp() if upcoming else NOTHING
        cache.set(NEXT_GO_LIVE, at, KEEP_SECONDS)
    return None if at == NOTHING else at


def shows_newest():
    """Tell the page being built that it lists the newest articles: it must be
    built again when the next scheduled one goes live."""
    fresh_until(next_go_live())


def forget_next_go_live():
    cache.delete(NEXT_GO_LIVE)


def announce_gone_live(now=None):
    """Announce the articles whose publish time passed since the last call; returns how many."""
    from articles.changes import ArticleChanged
    from articles.models import Article

    now = now or timezone.now()
    since = cache.get(ANNOUNCED_UNTIL) or now - timedelta(minutes=10)
    gone_live = list(
        Article.objects.filter(status=Article.Status.PUBLISHED, published_at__gt=since, published_at__lte=now)
        .filter(published_at__gt=timezone.now() - timedelta(days=1))
        .values_list("pk", flat=True)
    )
    for pk in gone_live:
        announce(ArticleChanged(pk))
    cache.set(ANNOUNCED_UNTIL, now, timeout=None)
    forget_next_go_live()
    return len(gone_live)
