"""Which pages each change makes stale: the one place that decides.

Pages and kept values name what they show (core.kept): an article read from
the database names ``article:<id>`` by itself, a region, source, author or
column its own name, and each page its subject. A change makes stale every
page and value that names any of these:

| change (articles.changes)             | stale names                                                        |
| ------------------------------------- | ------------------------------------------------------------------ |
| article published, edited, withdrawn, | ``article:<id>`` (every page showing it: its own, lists, side      |
| moved, re-tagged, byline or photos    | lists, hot lists), ``page:<id>`` (its page), the lists it is or    |
|                                       | was in: ``list:home``, ``list:region:<id>`` for its region and     |
|                                       | those above (and the ones it left), ``list:tag:<id>``,             |
|                                       | ``list:column:<id>``, ``list:author:<id>``, ``list:source:<id>``,  |
|                                       | ``list:search``, ``list:photos`` (图文看点); ``page:<id>`` of its    |
|                                       | neighbours before and after;                                       |
|                                       | ``list:promoted`` when it is 头条 or 置顶 (新闻推荐, 频道推荐)        |
|                                       | (a region's kept lists, articles.region_lists, name its channel's  |
|                                       | ``list:region:<id>`` and its 乡里乡亲 column's ``list:column:<id>``)  |
| article deleted                       | the same, from what it was                                         |
| comments changed under an article     | ``comments:<id>`` (its page, and lists whose cards show the count) |
| comments under an article liked       | ``likes:<id>`` (its page only)                                     |
| tag, source, author, column renamed   | ``tag:<id>`` … (every page showing the name) and its list page,    |
|                                       | ``nav`` (home's channel and column lists) for columns              |
| region renamed, moved, switched on/off| ``region:<id>``, ``regions`` (the tree), ``nav``                   |
| (or its 乡里乡亲 column chosen)         |                                                                    |
| friend link added, edited, removed    | ``links:<region id>`` (pages of the region and those below it), or |
|                                       | ``links`` for a site-wide one (every page's footer)                |
| ad added, edited, removed, or its     | ``ads:<region id>`` for the region and each region below it, or    |
| regions changed (ads.changes)         | ``ads`` for a site-wide one (every page's slots); start and end    |
|                                       | times need none: ads.slots is fresh only until the next of them    |
| 专题 edited, sections or choices      | ``topic:<id>`` (its page, and article pages naming it),            |
| changed                               | ``list:topics`` (the index), ``topics-of:<id>`` of the articles    |
|                                       | chosen in it (their "本文收录于专题" line); its listed articles'   |
|                                       | own changes reach it through the names above                       |
| deploy (``migrate``)                  | ``site`` (everything)                                              |

Before marking, the article's own side lists and its neighbours' are chosen
again (articles.side_lists), so the pages rebuilt next read new lists. The
same names are sent to the caching proxies in front (core.proxies).
"""

from django.dispatch import receiver

from ads.changes import AdsChanged
from articles import schedule, side_lists
from articles.changes import (
    ArticleChanged,
    ArticleGone,
    CommentsChanged,
    CommentsLiked,
    LabelChanged,
    SiteDeployed,
    TopicChanged,
)
from articles.models import Article
from core import proxies
from core.changes import changed
from core.kept import SITE, mark_changed
from links.changes import LinksChanged
from regions.models import Region


@receiver(changed, dispatch_uid="articles_staleness")
def make_stale(sender, changes, **kwargs):
    names = set()
    for change in changes:
        names |= stale_names(change)
    schedule.forget_next_go_live()
    mark_changed(names)
    proxies.purge(names)


def stale_names(change):
    if isinstance(change, ArticleChanged):
        return _article_changed(change)
    if isinstance(change, ArticleGone):
        return _article_gone(change)
    if isinstance(change, CommentsChanged):
        return {f"comments:{change.article_pk}"}
    if isinstance(change, CommentsLiked):
        return {f"likes:{change.article_pk}"}
    if isinstance(change, LabelChanged):
        names = {f"{change.kind}:{change.pk}", f"list:{change.kind}:{change.pk}"}
        if change.kind == "region":
            names |= {"regions", "nav"}
        return names | ({"nav"} if change.kind == "column" else set())
    if isinstance(change, LinksChanged):
        return {f"links:{change.region_id}" if change.region_id else "links"}
    if isinstance(change, AdsChanged):
        return _ads_changed(change)
    if isinstance(change, TopicChanged):
        topic = {f"topic:{change.pk}"} if change.pk else set()
        return topic | {"list:topics", *(f"topics-of:{pk}" for pk in change.article_ids)}
    if isinstance(change, SiteDeployed):
        return {SITE}
    return set()


def _ads_changed(change):
    """A region's kept ads (ads.slots) name only ``ads:<region>``: an ad
    targeting a city shows on its counties' pages, so theirs go stale too."""
    if change.region_id is None:
        return {"ads"}
    below = Region.objects.filter(pk=change.region_id).first()
    if below is None:
        return {f"ads:{change.region_id}"}
    ids = Region.objects.self_and_descendants(below).values_list("pk", flat=True)
    return {f"ads:{pk}" for pk in ids}


def _article_changed(change):
    article = (
        Article.objects.filter(pk=change.pk).select_related("region").prefetch_related("tagged_items", "byline").first()
    )
    if article is None:
        return set()
    neighbours = side_lists.neighbour_ids(article)
    side_lists.refresh(article)
    for neighbour in Article.objects.published().filter(pk__in=neighbours).select_related("region"):
        side_lists.refresh(neighbour)
    # Un-marking one is covered by article:<id>: the promoted list names each article in it.
    promoted = {"list:promoted"} if article.is_featured or article.is_pinned else set()
    return promoted | {
        f"article:{article.pk}",
        f"page:{article.pk}",
        *(f"page:{pk}" for pk in neighbours),
        *_lists(
            regions=[article.region_id, change.was_in_region],
            tag_ids=[item.tag_id for item in article.tagged_items.all()] + [change.was_tagged],
            column_id=article.column_id,
            source_id=article.source_id,
            author_ids=[line.author_id for line in article.byline.all()],
        ),
    }


def _article_gone(change):
    for neighbour in Article.objects.published().filter(pk__in=change.was_next_to).select_related("region"):
        side_lists.refresh(neighbour)
    return {
        f"article:{change.pk}",
        f"page:{change.pk}",
        *(f"page:{pk}" for pk in change.was_next_to),
        *_lists([change.region_id], change.tag_ids, change.column_id, change.source_id, change.author_ids),
    }


def _lists(regions, tag_ids, column_id, source_id, author_ids):
    """The lists an article is shown in, by the ids of what it belongs to."""
    # nav: the region tree lists the channels that have news.
    names = {"list:home", "list:search", "list:photos", "nav"}
    region_ids = {pk for pk in regions if pk}
    for region in Region.objects.filter(pk__in=region_ids).select_related("parent__parent"):
        names |= {
            f"list:region:{pk}" for pk in (region.pk, region.parent_id, region.parent and region.parent.parent_id)
        }
    names |= {f"list:tag:{pk}" for pk in tag_ids}
    names |= {f"list:author:{pk}" for pk in author_ids}
    names |= {f"list:column:{column_id}", f"list:source:{source_id}"}
    return {name for name in names if not name.endswith(":None")}
