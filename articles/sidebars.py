"""Lists that belong to a region, not to one article: hot lists and navigation.

Kept with core.kept and shared by every page that shows them: a county's
热点 is the same on its channel page and on each of its articles. Hot lists
are ranked again every minute by ``manage.py minutely`` (``rank_hot_lists``),
off the request path; a reader builds one only when nothing is kept yet.
"""

from datetime import timedelta

from django.db.models import Exists, OuterRef, Q
from django.utils import timezone

from articles.models import Article, ArticleDailyViews, Column
from core.kept import building, get_or_build, keep
from regions.models import Region

# Ranked beyond what any block shows, so one ranking serves them all: 热点
# (8), the article page's 热点阅读 (8, less the article itself and what the
# page shows already) and the 猜你喜欢 pool (6 from its city's 40).
HOT_RANKED = 40
# Ranked again each minute by the job; twice that, so a late job is not noticed.
HOT_SECONDS = 120
NAV_SECONDS = 3600


def _hot_key(region, days):
    return f"hot:{region.pk if region else 'all'}:{days}"


def hot_list(region=None, days=7):
    """The region's hottest articles, best first (``HOT_RANKED`` at most)."""
    return get_or_build(_hot_key(region, days), lambda: _rank(region, days), HOT_SECONDS)


def _rank(region, days):
    return Article.objects.hot(region=region, days=days, limit=HOT_RANKED)


def rank_hot_lists(days=(1, 7)):
    """Rank again every hot list read in the last week: the whole site's, and
    those of each region with views and of the regions above it."""
    since = timezone.localdate() - timedelta(days=max(days) - 1)
    with_views = ArticleDailyViews.objects.filter(day__gte=since).values("region").distinct()
    regions = Region.objects.filter(
        Q(pk__in=with_views) | Q(pk__in=Region.objects.filter(pk__in=with_views).values("parent"))
    )
    regions = Region.objects.filter(Q(pk__in=regions.values("pk")) | Q(pk__in=regions.values("parent")))
    ranked = 0
    for region in [None, *regions]:
        for window in days if region is None else (7,):
            with building() as build:
                ranking = _rank(region, window)
            keep(_hot_key(region, window), ranking, build, HOT_SECONDS)
            ranked += 1
    return ranked


def region_tree():
    """Province > city > county channels that have published news, as nested
    ``(region, children)`` pairs."""
    return get_or_build("nav:regions", _build_region_tree, NAV_SECONDS, names={"nav"})


def _build_region_tree():
    # One index probe per region ("has it any published article?") rather
    # than reading every article to collect their regions.
    with_news = Region.objects.filter(Exists(Article.objects.published().filter(region=OuterRef("pk"))))
    regions = list(
        Region.objects.active().filter(
            Q(pk__in=with_news.values("pk"))
            | Q(pk__in=with_news.values("parent_id"))
            | Q(pk__in=with_news.values("parent__parent_id"))
        )
    )
    children = {}
    for region in regions:
        children.setdefault(region.parent_id, []).append(region)

    def subtree(parent_id):
        return [(region, subtree(region.pk)) for region in children.get(parent_id, [])]

    return subtree(None)


def channel_region_ids(region):
    """Ids of the region and every region below it (a channel's articles come from these)."""

    def build():
        return list(Region.objects.self_and_descendants(region).values_list("pk", flat=True))

    return get_or_build(f"nav:channel:{region.pk}", build, NAV_SECONDS, names={"regions"})


def sub_regions(region):
    """The active regions right below ``region``: its channel's chips."""
    return get_or_build(
        f"nav:children:{region.pk}", lambda: list(region.children.active()), NAV_SECONDS, names={"regions"}
    )


def columns():
    return get_or_build("nav:columns", lambda: list(Column.objects.all()), NAV_SECONDS, names={"nav"})
