"""Choosing an article's side lists when content changes, and showing them.

``refresh(article)`` runs after an article is published, edited, moved or
withdrawn (articles.staleness), for it and for its neighbours;
``manage.py refresh_side_lists`` chooses them again, off the request path,
for articles whose lists have grown old, and for every article at once
after a bulk load. A reader's page only reads the stored ids
(``ArticleSideLists``) and the articles behind them (``shown``).

What goes in each list is decided by the reader-site selections in
articles.reading (``related``, ``editor_picks``, neighbours). 新闻推荐 is
the editor's picks for this article, then the site's 头条; 频道推荐 the
articles promoted in other channels (kept per region, articles.region_lists;
the article page fills it up with the channel's newest). Each article
appears once on a page: picks win, then related news, then 频道推荐.
"""

from dataclasses import dataclass
from datetime import timedelta

from django.utils import timezone

from articles.models import Article, ArticleSideLists
from articles.reading import channel_city

RELATED_LIMIT = 6
RECOMMENDED_LIMIT = 5
CHANNEL_PICKS_LIMIT = 5
# Kept beyond what is shown, so a withdrawn article's place is filled.
SPARE = 4
# Lists older than this are chosen again by ``manage.py minutely``, the
# most recent articles first, this many each minute.
REFRESH_AFTER = timedelta(hours=6)
REFRESH_PER_RUN = 200
RECENT = timedelta(days=30)


def refresh(article):
    """Choose and store the side lists of a published ``article``; drop them otherwise."""
    if not article.is_visible_to_readers:
        ArticleSideLists.objects.filter(article=article).delete()
        return None
    lists = choose(article)
    ArticleSideLists.objects.bulk_create(
        [lists],
        update_conflicts=True,
        unique_fields=["article"],
        update_fields=["related", "recommended", "previous_id", "next_id", "built_at"],
    )
    return lists


def choose(article):
    """The side lists of ``article`` as they would be chosen now, not stored."""
    neighbours = [article.previous_in_channel, article.next_in_channel]
    shown = {article.pk, *(neighbour["pk"] for neighbour in neighbours if neighbour)}
    picks = [a for a in article.editor_picks() if a.is_pick]
    recommended = _take(picks, RECOMMENDED_LIMIT + SPARE, shown)
    related = _take(article.related(limit=RELATED_LIMIT + SPARE + RECOMMENDED_LIMIT), RELATED_LIMIT + SPARE, shown)
    return ArticleSideLists(
        article=article,
        related=related,
        recommended=recommended,
        previous_id=neighbours[0]["pk"] if neighbours[0] else None,
        next_id=neighbours[1]["pk"] if neighbours[1] else None,
        built_at=timezone.now(),
    )


def refresh_oldest(limit, now=None):
    """Choose again the lists of up to ``limit`` articles of the last month
    whose lists are older than REFRESH_AFTER (or missing), newest first."""
    now = now or timezone.now()
    stale = (
        Article.objects.published(now)
        .filter(published_at__gte=now - RECENT)
        .exclude(side_lists__built_at__gte=now - REFRESH_AFTER)
        .select_related("region")
        .newest_first()[:limit]
    )
    count = 0
    for article in stale:
        refresh(article)
        count += 1
    return count


def refresh_all(batch=500):
    """Choose the lists of every published article (after a bulk load)."""
    count = 0
    articles = Article.objects.published().select_related("region").defer("body", "search_document", "search_vector")
    for article in articles.order_by("pk").iterator(chunk_size=batch):
        refresh(article)
        count += 1
    return count


def _take(candidates, limit, shown):
    chosen = [a.pk for a in candidates if a.pk not in shown][:limit]
    shown.update(chosen)
    return chosen


def neighbour_ids(article):
    """The ids of the article's neighbours now, and of those its stored lists name."""
    ids = {n["pk"] for n in (article.previous_in_channel, article.next_in_channel) if n}
    stored = ArticleSideLists.objects.filter(article_id=article.pk).values_list("previous_id", "next_id").first()
    ids.update(pk for pk in stored or () if pk)
    return ids


@dataclass
class SideLists:
    """What an article page shows beside the article, read in one query."""

    previous: Article | None = None
    next: Article | None = None
    recommended: list | None = None
    related: list | None = None
    channel_picks: list | None = None


def shown(article, lists, region_lists):
    """What the page of ``article`` shows beside it: the articles its stored
    ``lists`` (an ArticleSideLists, or None) name, still published, and the
    promoted ones of its region's kept ``region_lists``
    (articles.region_lists); each article once, cut to what the page shows.
    One query."""
    ids = lists.shown_ids() if lists is not None else []
    found = (
        Article.objects.published().filter(pk__in=ids).only("pk", "title", "published_at", "region_id").in_bulk()
        if ids
        else {}
    )
    promoted = region_lists.promoted
    seen = {article.pk}

    def pick(candidates, limit):
        chosen = [a for a in candidates if a.pk not in seen][:limit]
        seen.update(a.pk for a in chosen)
        return chosen

    def stored(pks):
        return [found[pk] for pk in pks if pk in found]

    home_channel = channel_city(article.region).pk
    return SideLists(
        previous=found.get(lists.previous_id) if lists else None,
        next=found.get(lists.next_id) if lists else None,
        recommended=pick(
            stored(lists.recommended if lists else []) + [a for a in promoted if a.is_top], RECOMMENDED_LIMIT
        ),
        related=pick(stored(lists.related if lists else []), RELATED_LIMIT),
        channel_picks=pick([a for a in promoted if (a.city_id or a.region_id) != home_channel], CHANNEL_PICKS_LIMIT),
    )
