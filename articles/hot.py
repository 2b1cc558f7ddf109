"""Hot lists (热点排行): what readers read most lately, fading as articles age.

For a window of ``days`` days (today included, days counted in Asia/Shanghai
like ``ArticleDailyViews``) an article's score is

    score = V × 0.5 ** (A / H)

- V: its views inside the window (sum of its ArticleDailyViews rows),
- A: its age in hours (now − published_at),
- H: the half-life, half the window (12 h for the day list, 84 h for the week).

So an article as old as the window needs four times the views of a brand-new
one to rank level with it, and an article with no views in the window is not
hot at all. Ties go to the newer article. A region's list counts the region
and everything under it (a city's list includes its counties).

The database sums V and returns the ``POOL_FACTOR × limit`` (at least
``MIN_POOL``) articles with most views; the decay is applied to that pool in
Python. One query, portable to SQLite; an article outside the pool would need
many times fewer raw views than the pool's last entry to be left out unfairly.
"""

from datetime import timedelta

from django.db.models import Q, Sum
from django.utils import timezone

POOL_FACTOR = 5
MIN_POOL = 50


def half_life_hours(days):
    return days * 24 / 2


def score(views, published_at, now, days):
    age_hours = max((now - published_at).total_seconds() / 3600, 0)
    return views * 0.5 ** (age_hours / half_life_hours(days))


def hot_articles(articles, region=None, days=7, limit=10, now=None):
    """The ``limit`` hottest published articles of ``articles`` (a queryset),
    each with ``recent_views`` and ``hot_score``; see the module docstring."""
    now = now or timezone.now()
    since = timezone.localdate(now) - timedelta(days=days - 1)
    candidates = articles.published(now)
    if region is not None:
        # The same articles as in_region(), matched on the region's path: the
        # planner estimates a path prefix well (a province: 200 regions), where
        # it takes in_region's subquery for five regions and loops over them.
        candidates = candidates.filter(Q(region=region) | Q(region__path__startswith=f"{region.path}/"))
    pool = list(
        # The body and search columns would only widen the rows grouped and sorted.
        candidates.defer("body", "search_document", "search_vector")
        .filter(daily_views__day__gte=since)
        .annotate(recent_views=Sum("daily_views__views"))
        .filter(recent_views__gt=0)
        .select_related("region")
        .order_by("-recent_views", "-published_at")[: max(limit * POOL_FACTOR, MIN_POOL)]
    )
    for article in pool:
        article.hot_score = score(article.recent_views, article.published_at, now, days)
    pool.sort(key=lambda a: (a.hot_score, a.published_at), reverse=True)
    return pool[:limit]
