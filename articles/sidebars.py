"""Side lists and navigation, computed once and kept in the cache briefly.

Template tags (articles.templatetags.news) call these; a page rendered on a
warm cache runs none of their queries. Keys carry the site-wide content
version (newsportal.invalidation). Keys are shared where the content is:
a region's hot list is the same on its channel page and on its articles.
"""

from django.core.cache import cache
from django.db.models import Exists, OuterRef, Q

from articles.models import Article, Column
from articles.reading import channel_city
from newsportal.invalidation import content_version
from newsportal.pagecache import get_or_build
from regions.models import Region

SIDE_TIMEOUT = 60
NAV_TIMEOUT = 300
RELATED_LIMIT = 6
RECOMMENDED_LIMIT = 5
CHANNEL_PICKS_LIMIT = 5
HOT_LIMIT = 8
# Views reach the database once a minute (flush_views); a hot list a few
# minutes behind them reads the same.
HOT_RANKING_TIMEOUT = 300
# Ranked beyond the limit, so a withdrawn article's place is filled.
HOT_SPARE = 3
GUESS_LIMIT = 6
GUESS_POOL = 40


def _cached(key, build, timeout=SIDE_TIMEOUT):
    # Under the content version, so a publish or a withdrawal refreshes side
    # lists together with the pages that show them.
    return get_or_build(f"{key}:v{content_version()}", build, timeout)


def hot_list(region=None, days=7, limit=HOT_LIMIT):
    """The region's hottest articles, best first.

    The ranking sums a week of view counts over the whole region (5 ms for a
    county, 21 ms for the whole site at a million articles), and publishing
    changes no view count, so the ranking (ids only) is kept for
    HOT_RANKING_TIMEOUT whatever is published. The articles themselves are
    read again under the content version, if still published and still in
    the region, so a withdrawal, an edit or a move shows at once.
    """
    scope = f"{region.pk if region else 'all'}:{days}:{limit}"

    def build():
        ranking = cache.get(f"side:hot-ranking:{scope}")
        if ranking is None:
            hottest = Article.objects.hot(region=region, days=days, limit=limit + HOT_SPARE)
            cache.set(f"side:hot-ranking:{scope}", [a.pk for a in hottest], HOT_RANKING_TIMEOUT)
            return hottest[:limit]
        return _still_shown(ranking, region)[:limit]

    return _cached(f"side:hot:{scope}", build)


def _still_shown(ids, region):
    articles = Article.objects.published().in_region(region).filter(pk__in=ids)
    found = articles.defer("body", "search_document", "search_vector").in_bulk()
    return [found[pk] for pk in ids if pk in found]


def _take(candidates, limit, shown, keep=lambda a: True):
    chosen = [a for a in candidates if a.pk not in shown and keep(a)][:limit]
    shown.update(a.pk for a in chosen)
    return chosen


def article_lists(article):
    """Every side list of an article page, as a dict of lists of articles."""
    return _cached(f"side:article:{article.pk}", lambda: _build_article_lists(article))


def _build_article_lists(article):
    """Each article appears once: editor picks win, then related news, then
    other channels' picks; 猜你喜欢 avoids everything above and 热点阅读."""
    neighbours = [article.previous_in_channel, article.next_in_channel]
    shown = {article.pk, *(neighbour["pk"] for neighbour in neighbours if neighbour)}
    candidates = article.editor_picks()
    recommended = _take(candidates, RECOMMENDED_LIMIT, shown, keep=lambda a: a.is_pick or a.is_top)
    related = _take(article.related(limit=RELATED_LIMIT + RECOMMENDED_LIMIT), RELATED_LIMIT, shown)
    home_channel = channel_city(article.region).pk
    channel_picks = _take(
        candidates, CHANNEL_PICKS_LIMIT, shown, keep=lambda a: (a.city_id or a.region_id) != home_channel
    )
    # One more than shown, from the region's shared list, so that leaving out
    # this article still fills the list.
    hot = [a for a in hot_list(article.region, limit=HOT_LIMIT + 1) if a.pk != article.pk][:HOT_LIMIT]
    shown.update(a.pk for a in hot)
    guess = _take(hot_list(channel_city(article.region), limit=GUESS_POOL), GUESS_LIMIT, shown)
    return {
        "related": related,
        "recommended": recommended,
        "channel_picks": channel_picks,
        "hot": hot,
        "guess": guess,
    }


def region_tree():
    """Province > city > county channels that have published news, as nested
    ``(region, children)`` pairs; one query, cached for a few minutes."""
    return _cached("nav:regions", _build_region_tree, NAV_TIMEOUT)


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

    return _cached(f"nav:channel:{region.pk}", build, NAV_TIMEOUT)


def columns():
    return _cached("nav:columns", lambda: list(Column.objects.all()), NAV_TIMEOUT)
