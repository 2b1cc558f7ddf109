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

from django.contrib.postgres.fields import ArrayField
from django.db.models import JSONField
from django.db.models.expressions import RawSQL
from taggit.models import Tag

from articles import region_lists, side_lists, sidebars
from articles.models import ArticlePhoto, ArticleSideLists, Author, Byline
from articles.reading import channel_city
from comments.section import comments_for_page
from core.kept import depends_on
from topics.models import topics_choosing

HOT_LIMIT = 8
GUESS_LIMIT = 6
PHOTOS_LIMIT = 4
NEIGHBOURS_LIMIT = 5


# The byline, photos and tags of the outer query's article, each as an array
# of JSON objects: the SQL the ORM writes for ArraySubquery(...values(
# json=JSONObject(...))), written out because the ORM compiles those three
# subqueries anew for every page, at about the cost of the rest of the query.
# "articles_article" is the outer query's table. tests/articles pins the page
# these build.
JSON_ARRAY = ArrayField(JSONField())
BYLINE_ROWS = RawSQL(
    """ARRAY(SELECT JSONB_BUILD_OBJECT('id', b.id, 'author_id', b.author_id, 'name', a.name,
                                      'affiliation', a.affiliation, 'role', b.role)
             FROM articles_byline b JOIN articles_author a ON a.id = b.author_id
             WHERE b.article_id = articles_article.id ORDER BY b.sort_order, b.id)""",
    (),
    output_field=JSON_ARRAY,
)
PHOTO_ROWS = RawSQL(
    """ARRAY(SELECT JSONB_BUILD_OBJECT('id', p.id, 'image', p.image, 'caption', p.caption, 'credit', p.credit)
             FROM articles_articlephoto p
             WHERE p.article_id = articles_article.id ORDER BY p.sort_order, p.id)""",
    (),
    output_field=JSON_ARRAY,
)
TAG_ROWS = RawSQL(
    """ARRAY(SELECT JSONB_BUILD_OBJECT('id', t.id, 'name', t.name, 'slug', t.slug)
             FROM articles_taggedarticle ta JOIN taggit_tag t ON t.id = ta.tag_id
             WHERE ta.content_object_id = articles_article.id ORDER BY t.name)""",
    (),
    output_field=JSON_ARRAY,
)


def with_page_parts(articles):
    """``articles`` with what the page shows of each, in the same query."""
    return articles.select_related("region__parent__parent", "column", "source", "side_lists").annotate(
        byline_rows=BYLINE_ROWS, photo_rows=PHOTO_ROWS, tag_rows=TAG_ROWS, topic_rows=topics_choosing()
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
