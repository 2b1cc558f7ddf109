"""What the reader's pages select: featured, pinned, pictures, neighbours, related.

Mixed into ``ArticleQuerySet`` and ``Article`` (articles.models) so the
reader-site selections live in one file apart from the editorial workflow.
Every method starts from ``published()``, the one definition of "public".
"""

from django.contrib.postgres.expressions import ArraySubquery
from django.db import models
from django.db.models import Case, Count, F, Func, OuterRef, Q, Subquery, Value, When
from django.db.models.functions import RowNumber
from django.utils import timezone
from django.utils.functional import cached_property

from regions.models import Region

# How many of the newest candidates 相关新闻 ranks by shared tags.
RELATED_POOL = 200
# How many of the newest articles 图文看点 looks through for pictures.
ILLUSTRATED_POOL = 500


def city_id_of(region_field="region"):
    """SQL for the city a region belongs to: itself if a city, its parent if a
    county under a city, else NULL (provinces, counties directly under one)."""
    return Case(
        When(**{f"{region_field}__level": Region.Level.CITY}, then=F(f"{region_field}_id")),
        When(**{f"{region_field}__parent__level": Region.Level.CITY}, then=F(f"{region_field}__parent_id")),
        default=None,
        output_field=models.BigIntegerField(),
    )


def channel_city(region):
    """The city channel a region's news also appears in, or the region itself
    when it sits under no city (a province, or a county-level city directly
    under its province). Reads parents already loaded with select_related."""
    if region.level == Region.Level.COUNTY and region.parent_id and region.parent.level == Region.Level.CITY:
        return region.parent
    return region


def any_of_ids(ids):
    """``pk = ANY(ARRAY(ids))`` for a subquery of ids.

    Unlike ``pk__in=ids`` the subquery runs once, as an init plan, and its ids
    are fetched by primary key whatever the statistics say; two of them joined
    with OR become a bitmap OR on the primary key instead of a table scan.
    """
    return Func(
        F("pk"),
        ArraySubquery(ids),
        arg_joiner=" = ANY(",
        template="(%(expressions)s))",
        output_field=models.BooleanField(),
    )


class ProbedExists(Subquery):
    """EXISTS evaluated row by row through an index, for scans that stop early."""

    # OFFSET 0 keeps PostgreSQL from turning the EXISTS into one hash of every
    # row the subquery could return (for a common tag, 100,000 of them).
    template = "EXISTS(%(subquery)s OFFSET 0)"
    output_field = models.BooleanField()


def is_featured_q(now):
    """Top stories: marked 头条 and not past their ``featured_until``."""
    return Q(is_featured=True) & (Q(featured_until__isnull=True) | Q(featured_until__gt=now))


def is_pinned_q(now):
    """Pinned to their channel and not past their ``pinned_until``."""
    return Q(is_pinned=True) & (Q(pinned_until__isnull=True) | Q(pinned_until__gt=now))


class ReaderQuerySetMixin:
    def featured(self, now=None):
        return self.filter(is_featured_q(now or timezone.now()))

    def pinned(self, now=None):
        return self.filter(is_pinned_q(now or timezone.now()))

    def with_picture(self):
        """Annotate ``first_photo``, the file name of the first photo, so that
        ``article.picture`` (cover, else first photo) costs no extra query."""
        from articles.models import ArticlePhoto

        first = ArticlePhoto.objects.filter(article=OuterRef("pk")).order_by("sort_order", "pk").values("image")[:1]
        return self.annotate(first_photo=Subquery(first))

    def illustrated_all(self):
        """Articles with a cover image or at least one photo, ``first_photo`` annotated."""
        return self.with_picture().exclude(cover_image="", first_photo__isnull=True)

    def illustrated(self):
        """图文看点: articles with a cover image or at least one photo, among
        the newest ILLUSTRATED_POOL (call on ``published()``), so a portal
        with few pictures is not searched back to its first article."""
        newest = self.order_by("-published_at", "-pk").values("pk")[:ILLUSTRATED_POOL]
        return self.filter(any_of_ids(newest)).illustrated_all()

    def latest_by_city(self, per_city=4):
        """The newest ``per_city`` articles of every active city channel, in one
        query (a window function numbers each city's articles), each with
        ``city_id``. Call on ``published()``."""
        city = city_id_of()
        active_city = Q(region__level=Region.Level.CITY, region__is_active=True) | Q(
            region__parent__level=Region.Level.CITY, region__parent__is_active=True
        )
        ranked = self.filter(active_city).filter(any_of_ids(self._newest_of_each_region(per_city)))
        ranked = ranked.annotate(
            city_id=city,
            rank=models.Window(RowNumber(), partition_by=[city], order_by=[F("published_at").desc(), F("pk").desc()]),
        )
        return ranked.filter(rank__lte=per_city).select_related("region__parent").order_by("city_id", "rank")

    def _newest_of_each_region(self, per_city):
        """The ids of the newest ``per_city`` articles of each region: a city's
        newest are among those of its own and its counties' newest. Each region
        reads ``per_city`` rows off the (region, status, published_at) index,
        so the window above ranks a few thousand rows however many articles
        there are, instead of every published article."""
        newest = self.filter(region=OuterRef("pk")).order_by("-published_at", "-pk").values("pk")[:per_city]
        under_active_city = Q(level=Region.Level.CITY, is_active=True) | Q(
            parent__level=Region.Level.CITY, parent__is_active=True
        )
        return (
            Region.objects.filter(under_active_city)
            .annotate(article_id=Func(ArraySubquery(newest), function="unnest", output_field=models.BigIntegerField()))
            .values("article_id")
        )

    def hot(self, region=None, days=7, limit=10, now=None):
        """Hot list (热点排行) as a list of articles; the formula is in articles.hot."""
        from articles.hot import hot_articles

        return hot_articles(self, region=region, days=days, limit=limit, now=now)


class ReaderArticleMixin:
    @property
    def picture(self):
        """The image that stands for the article in lists: cover, else first photo, else its video's poster."""
        if self.cover_image:
            return self.cover_image
        return getattr(self, "first_photo", None) or self.video_poster or None

    @property
    def video_length(self):
        """The video's duration as a reader reads it: "0:05", "12:40", "1:02:03"."""
        if not self.video_duration:
            return ""
        minutes, seconds = divmod(round(self.video_duration), 60)
        hours, minutes = divmod(minutes, 60)
        return f"{hours}:{minutes:02d}:{seconds:02d}" if hours else f"{minutes}:{seconds:02d}"

    def byline_entries(self):
        """[(author, "文/图")]: ``byline_display`` with the authors kept as
        objects, so the page can link each name to its author page."""
        roles_by_author = {}
        for line in self.byline.all():
            roles_by_author.setdefault(line.author, []).append(line.get_role_display())
        return [(author, "/".join(roles)) for author, roles in roles_by_author.items()]

    @cached_property
    def previous_in_channel(self):
        """``{"pk", "title"}`` of the previous published article of the same
        channel (region) by publish time, or None."""
        return self._neighbours["previous"]

    @cached_property
    def next_in_channel(self):
        return self._neighbours["next"]

    @cached_property
    def _neighbours(self):
        """Both neighbours in one query: four scalar subqueries, each an index probe.

        Each side is bounded by ``published_at`` alone (``<=``/``>=``), which
        the (region, status, published_at) index can seek to; the tie on the
        same minute is settled by id as a plain filter.
        """
        from articles.models import Article

        found = {"previous": None, "next": None}
        at = self.published_at
        if at is None:  # a draft in preview
            return found
        same_channel = Article.objects.published().filter(region_id=self.region_id).exclude(pk=self.pk)
        sides = {
            "previous": same_channel.filter(published_at__lte=at)
            .exclude(published_at=at, pk__gt=self.pk)
            .order_by("-published_at", "-pk"),
            "next": same_channel.filter(published_at__gte=at)
            .exclude(published_at=at, pk__lt=self.pk)
            .order_by("published_at", "pk"),
        }
        columns = {
            f"{side}_{field}": Subquery(articles.values(field)[:1])
            for side, articles in sides.items()
            for field in ("pk", "title")
        }
        row = Article.objects.filter(pk=self.pk).values(**columns).first() or {}
        for side in found:
            if row.get(f"{side}_pk") is not None:
                found[side] = {"pk": row[f"{side}_pk"], "title": row[f"{side}_title"]}
        return found

    def related(self, limit=6, now=None):
        """相关新闻: published articles sharing tags with this one or from the
        same city channel. More shared tags first, then the same region, then
        newest; never this article itself. Chosen among the newest
        RELATED_POOL such articles."""
        from articles.models import Article, TaggedArticle

        my_tags = TaggedArticle.objects.filter(content_object_id=self.pk).values("tag_id")
        # Probed per candidate, newest first, rather than collecting every
        # article that shares a tag (tens of thousands for a common one).
        sharing = TaggedArticle.objects.filter(content_object_id=OuterRef("pk"), tag_id__in=my_tags)
        city = channel_city(self.region)
        candidates = (
            Article.objects.published(now)
            .exclude(pk=self.pk)
            .filter(
                ProbedExists(sharing.values("pk"))
                | Q(region__in=Region.objects.self_and_descendants(city).values("pk"))
            )
        )
        # A common tag is shared by tens of thousands of articles; only the
        # newest RELATED_POOL candidates are ranked, read newest-first off the
        # published_at index until enough of them match.
        pool = candidates.order_by("-published_at", "-pk").values("pk")[:RELATED_POOL]
        return list(
            Article.objects.filter(pk__in=pool)
            .annotate(
                shared_tags=Count("tagged_items", filter=Q(tagged_items__tag_id__in=my_tags), distinct=True),
                same_region=Case(When(region_id=self.region_id, then=Value(1)), default=Value(0)),
            )
            .select_related("region")
            .order_by("-shared_tags", "-same_region", "-published_at", "-pk")[:limit]
        )

    def _newest_featured_or_pinned(self, now, limit):
        from articles.models import Article

        chosen = Article.objects.published(now).filter(is_featured_q(now) | is_pinned_q(now)).exclude(pk=self.pk)
        return chosen.order_by("-published_at", "-pk").values("pk")[:limit]

    def editor_picks(self, limit=40, now=None):
        """Candidates for 新闻推荐 and 频道推荐 in one query: this article's
        editor picks (``is_pick``), then featured (``is_top``) and pinned
        articles, newest first, each with its ``city_id``."""
        from articles.models import Article

        picks = Article.recommended.through.objects.filter(from_article_id=self.pk).values("to_article_id")
        now = now or timezone.now()
        return list(
            Article.objects.published(now)
            .exclude(pk=self.pk)
            .filter(Q(any_of_ids(picks)) | Q(any_of_ids(self._newest_featured_or_pinned(now, limit))))
            .annotate(
                is_pick=Case(When(pk__in=picks, then=Value(True)), default=Value(False)),
                is_top=Case(When(is_featured_q(now), then=Value(True)), default=Value(False)),
                city_id=city_id_of(),
            )
            .select_related("region")
            .order_by("-is_pick", "-published_at", "-pk")[:limit]
        )
