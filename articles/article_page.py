"""Everything the article page shows, in at most three queries however cold the caches.

1. the article with its region chain, column, source, stored side lists
   (``ArticleSideLists``) and, as JSON arrays, its byline, photos, tags and
   the 专题 that chose it (topics.models.topics_choosing);
2. the articles its side lists name (articles.side_lists.shown);
3. its comments (comments.section).

The region's lists (热点阅读 and the 猜你喜欢 pool, articles.sidebars; tabs,
图文看点, 乡里乡亲, 头条 and 置顶, 友情链接, articles.region_lists) are kept
per region and shared by its pages, so a page reads them from the cache.
"""

from django.contrib.postgres.expressions import ArraySubquery
from django.db.models import OuterRef
from django.db.models.functions import JSONObject
from taggit.models import Tag

from articles import region_lists, side_lists, sidebars
from articles.models import ArticlePhoto, ArticleSideLists, Author, Byline, TaggedArticle
from articles.reading import channel_city
from comments.section import comments_for_page
from core.kept import depends_on
from topics.models import topics_choosing

HOT_LIMIT = 8
GUESS_LIMIT = 6
PHOTOS_LIMIT = 4
NEIGHBOURS_LIMIT = 5


def with_page_parts(articles):
    """``articles`` with what the page shows of each, in the same query."""
    byline = Byline.objects.filter(article=OuterRef("pk")).order_by("sort_order", "pk")
    photos = ArticlePhoto.objects.filter(article=OuterRef("pk")).order_by("sort_order", "pk")
    tags = TaggedArticle.objects.filter(content_object=OuterRef("pk")).order_by("tag__name")
    return articles.select_related("region__parent__parent", "column", "source", "side_lists").annotate(
        byline_rows=ArraySubquery(
            byline.values(
                json=JSONObject(
                    id="pk", author_id="author_id", name="author__name", affiliation="author__affiliation", role="role"
                )
            )
        ),
        photo_rows=ArraySubquery(
            photos.values(json=JSONObject(id="pk", image="image", caption="caption", credit="credit"))
        ),
        tag_rows=ArraySubquery(tags.values(json=JSONObject(id="tag_id", name="tag__name", slug="tag__slug"))),
        topic_rows=topics_choosing(),
    )


def unpack(article):
    """Turn the JSON arrays into the byline, photos and tags the templates and
    model methods read (``article.byline.all()`` ...), with no further query."""
    authors = {}
    byline = []
    for row in article.byline_rows:
        author = authors.setdefault(
            row["author_id"], Author(pk=row["author_id"], name=row["name"], affiliation=row["affiliation"])
        )
        byline.append(Byline(pk=row["id"], article=article, author=author, role=row["role"]))
    photos = [ArticlePhoto(article=article, **row) for row in article.photo_rows]
    tags = [Tag(pk=row["id"], name=row["name"], slug=row["slug"]) for row in article.tag_rows]
    # What prefetch_related would have stored: the related managers read it.
    article._prefetched_objects_cache = {"byline": byline, "photos": photos, "tags": tags}
    depends_on(*(f"author:{pk}" for pk in authors), *(f"tag:{tag.pk}" for tag in tags))
    return article


def context(article):
    """The article page's context beyond the article itself."""
    depends_on(f"page:{article.pk}")
    try:
        stored = article.side_lists
    except ArticleSideLists.DoesNotExist:
        # Not chosen yet (a draft in preview, an article loaded in bulk and
        # not yet listed by refresh_side_lists): chosen now, not stored.
        stored = side_lists.choose(article) if article.published_at else None
    region = region_lists.for_region(article.region)
    lists = side_lists.shown(article, stored, region)
    # 上一篇/下一篇 are links to walk the channel, not a list: hot news may repeat them.
    shown = {article.pk, *(a.pk for a in lists.recommended + lists.related + lists.channel_picks)}
    hot = [a for a in sidebars.hot_list(article.region) if a.pk not in shown][:HOT_LIMIT]
    shown |= {a.pk for a in hot}
    guess = [a for a in sidebars.hot_list(channel_city(article.region)) if a.pk not in shown][:GUESS_LIMIT]
    shown |= {a.pk for a in guess}
    # 频道推荐 is never empty: what editors promoted in other channels, then
    # the channel's newest not shown yet (last, so it takes nothing from the others).
    missing = side_lists.CHANNEL_PICKS_LIMIT - len(lists.channel_picks)
    lists.channel_picks += [a for a in region.newest if a.pk not in shown][:missing]
    # 图文看点 and 乡里乡亲 are the channel's, not this article's: the same on
    # each of its pages, so they may repeat what the side lists show.
    return {
        "region_lists": region,
        "photos": [a for a in region.photos if a.pk != article.pk][:PHOTOS_LIMIT],
        "neighbours": [a for a in region.neighbours if a.pk != article.pk][:NEIGHBOURS_LIMIT],
        "lists": lists,
        "hot": hot,
        "guess": guess,
        "comments": comments_for_page(article),
    }
