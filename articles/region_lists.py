"""The lists every page of a region shows beside its own content, kept as one set.

    lists = region_lists.for_region(article.region)   # or None: the site's own set

- ``tabs``: the channel tabs at the top of the page (资阳新闻 安岳新闻 乐至新闻):
  the city and those of its counties that have news; a province and its
  cities; on pages of no region, the provinces (the cities when there is one);
- ``photos``: 图文看点, the channel's newest photo stories;
- ``neighbours``: 乡里乡亲, the newest articles of the column a region (or
  the nearest region above it) chose for that slot (``Region.neighbours_column``);
- ``newest``: the channel's newest, which fill 频道推荐 when editors chose too few;
- ``promoted``: the site's 头条 and 置顶 (新闻推荐, 频道推荐 of every article);
- ``links``: 友情链接, site-wide and of the region and those above it.

"The channel" is the city channel the region's news also appears in
(articles.reading.channel_city), as for 猜你喜欢.

The set is built in one query however cold the cache (each list an
``ARRAY(...)`` of JSON rows), kept with core.kept and shared by every page of
the region. It names what it shows, so articles.staleness makes it stale
exactly when one of these changes: ``list:region:<channel>`` (an article of
the channel published, edited, withdrawn, moved), ``list:column:<id>`` (the
乡里乡亲 column's articles), ``list:promoted``, ``links`` and
``links:<region>``, ``regions`` and the regions read. A scheduled article
going live is announced by ``manage.py minutely`` like a publish.
"""

import json
from dataclasses import dataclass, field

from django.db import connections, router
from django.db.models import Case, Exists, F, OuterRef, Q, Value, When
from django.db.models.functions import Coalesce, JSONObject, NullIf
from django.utils import timezone
from django.utils.dateparse import parse_datetime

from articles.models import Article, Column
from articles.reading import channel_city, city_id_of, is_featured_q, is_pinned_q
from core.kept import depends_on, fresh_until, get_or_build
from links.models import FriendLink
from regions.models import Region

PHOTOS_KEPT = 6
NEIGHBOURS_KEPT = 6
# Beyond what 频道推荐 shows: the article itself and what its page lists already are left out.
NEWEST_KEPT = 20
PROMOTED_KEPT = 40
KEPT_SECONDS = 3600


@dataclass
class RegionLists:
    region_id: int | None = None
    tabs: list = field(default_factory=list)
    photos: list = field(default_factory=list)
    neighbours_column: Column | None = None
    neighbours: list = field(default_factory=list)
    newest: list = field(default_factory=list)
    promoted: list = field(default_factory=list)
    links: list = field(default_factory=list)


def for_region(region):
    """The kept list set of ``region`` (its parents loaded), or of the site for None."""
    key = f"region-lists:{region.pk if region is not None else 'site'}"
    return get_or_build(key, lambda: build(region), KEPT_SECONDS)


def build(region):
    chain = _chain(region)
    column = next((r.neighbours_column_id for r in chain if r.neighbours_column_id), None)
    channel = channel_city(region) if region is not None else None
    now = timezone.now()
    queries = {
        "tabs": _tabs(_tab_head(region)),
        "promoted": _promoted(now),
        "links": FriendLink.objects.shown_in([r.pk for r in chain]).values(
            json=JSONObject(name="name", url="url", region_id="region_id")
        ),
    }
    if channel is not None:
        in_channel = Article.objects.published(now).filter(
            region__in=Region.objects.self_and_descendants(channel).values("pk")
        )
        queries["photos"] = _as_json(in_channel.illustrated().newest_first()[:PHOTOS_KEPT], picture=True)
        queries["newest"] = _as_json(in_channel.newest_first()[:NEWEST_KEPT])
        if column is not None:
            queries["column"] = Column.objects.filter(pk=column).values(json=JSONObject(name="name", slug="slug"))
            queries["neighbours"] = _as_json(in_channel.filter(column_id=column).newest_first()[:NEIGHBOURS_KEPT])
    rows = _in_one_query(queries)

    head = _tab_head(region)
    depends_on("regions", "list:promoted", "links", *(f"links:{r.pk}" for r in chain))
    depends_on(*(f"region:{r.pk}" for r in chain))  # its 乡里乡亲 column chosen
    if head is None:
        depends_on("nav")  # the site's tabs: channels gain their first news with any publish
    else:
        depends_on(*{f"list:region:{head.pk}", f"list:region:{channel.pk}"})
    if column is not None:
        depends_on(f"column:{column}", f"list:column:{column}")
    promoted = [_article(row, is_top=row["is_top"], city_id=row["city_id"]) for row in rows["promoted"]]
    ends = [parse_datetime(end) for row in rows["promoted"] for end in row["ends"].values() if end]
    fresh_until(min(ends).timestamp() if ends else None)
    found_column = rows.get("column")
    return RegionLists(
        region_id=region.pk if region is not None else None,
        tabs=_trimmed([_region(row) for row in rows["tabs"]], head),
        photos=[_article(row, first_photo=row["picture"]) for row in rows.get("photos", [])],
        neighbours_column=Column(pk=column, **found_column[0]) if found_column else None,
        neighbours=[_article(row) for row in rows.get("neighbours", [])] if found_column else [],
        newest=[_article(row) for row in rows.get("newest", [])],
        promoted=promoted,
        links=[FriendLink(**row) for row in rows["links"]],
    )


def _chain(region):
    """The region and the regions above it, nearest first (loaded with it: no query)."""
    chain = []
    while region is not None:
        chain.append(region)
        region = region.parent if region.parent_id else None
    return chain


def _tab_head(region):
    """Whose tabs a region's pages show: a county's city (or province), a city or province its own."""
    if region is None or region.level != Region.Level.COUNTY:
        return region
    return region.parent


def _trimmed(tabs, head):
    """The site's tabs: the provinces, or the cities when the site covers one province."""
    provinces = [tab for tab in tabs if tab.parent_id is None]
    return provinces if head is None and len(provinces) > 1 else tabs


def _tabs(head):
    """The head channel and the channels right below it that have news, as JSON rows."""
    under = Region.objects.active() if head is None else Region.objects.active().self_and_descendants(head)
    with_news = under.filter(Exists(Article.objects.published().filter(region=OuterRef("pk"))))
    has_news = Q(pk__in=with_news.values("pk")) | Q(pk__in=with_news.values("parent_id"))
    has_news |= Q(pk__in=with_news.values("parent__parent_id"))
    if head is None:
        # The provinces, and the cities right below them (kept only when there is one province).
        tabs = Region.objects.active().filter(
            Q(parent__isnull=True) | Q(parent__parent__isnull=True, parent__is_active=True)
        )
    else:
        tabs = Region.objects.active().filter(Q(pk=head.pk) | Q(parent_id=head.pk))
    ordered = tabs.filter(has_news).order_by(
        Case(When(parent__isnull=True, then=Value(0)), default=Value(1)), "sort_order", "adcode"
    )
    return ordered.values(
        json=JSONObject(
            id="pk", name="name", short_name="short_name", path="path", level="level", parent_id="parent_id"
        )
    )


def _promoted(now):
    """头条 and 频道置顶, newest first, with ``is_top`` (头条) and ``city_id``."""
    chosen = Article.objects.published(now).filter(is_featured_q(now) | is_pinned_q(now))
    chosen = chosen.annotate(
        is_top=Case(When(is_featured_q(now), then=Value(True)), default=Value(False)), city_id=city_id_of()
    )
    return _as_json(
        chosen.newest_first()[:PROMOTED_KEPT],
        is_top="is_top",
        city_id="city_id",
        ends=JSONObject(featured="featured_until", pinned="pinned_until"),
    )


def _as_json(articles, picture=False, **extra):
    if picture:
        extra["picture"] = Coalesce(NullIf(F("cover_image"), Value("")), F("first_photo"))
    return articles.values(
        json=JSONObject(id="pk", title="title", published_at="published_at", region_id="region_id", **extra)
    )


def _in_one_query(querysets):
    """``{name: [row, ...]}``: the ``json`` column of each queryset, all read in one query.

    One ``SELECT ARRAY(...), ARRAY(...)``: a cold page pays one round trip
    for the whole set, as the ORM's ArraySubquery does for one list.
    """
    using = router.db_for_read(Article)
    selects, params = [], []
    for name, queryset in querysets.items():
        sql, values = queryset.query.get_compiler(using=using).as_sql()
        selects.append(f"ARRAY({sql}) AS {name}")
        params.extend(values)
    with connections[using].cursor() as cursor:
        cursor.execute("SELECT " + ", ".join(selects), params)
        row = cursor.fetchone()
    return {name: [_loaded(item) for item in items] for name, items in zip(querysets, row, strict=True)}


def _loaded(item):
    # Django reads json columns as text (JSONField parses them); these come raw.
    return json.loads(item) if isinstance(item, str) else item


def _article(row, **attributes):
    article = Article(
        pk=row["id"], title=row["title"], published_at=parse_datetime(row["published_at"]), region_id=row["region_id"]
    )
    for name, value in attributes.items():
        setattr(article, name, value)
    depends_on(f"article:{article.pk}")
    return article


def _region(row):
    region = Region(
        pk=row["id"],
        name=row["name"],
        short_name=row["short_name"],
        path=row["path"],
        level=row["level"],
        parent_id=row["parent_id"],
    )
    depends_on(f"region:{region.pk}")
    return region
