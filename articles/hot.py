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
Python. One query; an article outside the pool would need
many times fewer raw views than the pool's last entry to be left out unfairly.
The sums come from the view rows alone, which carry their article's region
(migration 0009), and only the most viewed articles are read, rather than
the article of every view row of the week (several times slower at a
million articles; bench/explain.py shows the plans).
"""

from datetime import timedelta

from django.db.models import OuterRef, Subquery, Sum
from django.utils import timezone

from articles.models import ArticleDailyViews
from regions.models import Region

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
    pool_size = max(limit * POOL_FACTOR, MIN_POOL)
    rows = ArticleDailyViews.objects.filter(day__gte=since)
    if region is not None:
        # The rows carry their article's region: the region's rows of the
        # window come off the (region, day) index, and no other article is read.
        rows = rows.filter(region__in=Region.objects.self_and_descendants(region).values("pk"))
    # Summed on the narrow view rows first, and only the most viewed articles
    # read: twice the pool, as some may no longer be published.
    most_viewed = (
        rows.values("article").annotate(total=Sum("views")).filter(total__gt=0).order_by("-total").values("article")
    )
    # An article's rows all carry its region, so its total needs only the window.
    total = (
        ArticleDailyViews.objects.filter(article=OuterRef("pk"), day__gte=since)
        .values("article")
        .annotate(total=Sum("views"))
        .values("total")
    )
    pool = list(
        articles.published(now)
        .filter(pk__in=most_viewed[: pool_size * 2])
        .defer("body", "search_document", "search_vector")
        .annotate(recent_views=Subquery(total))
        .select_related("region")
        .order_by("-recent_views", "-published_at")[:pool_size]
    )
    for article in pool:
        article.hot_score = score(article.recent_views, article.published_at, now, days)
    pool.sort(key=lambda a: (a.hot_score, a.published_at), reverse=True)
    return pool[:limit]
