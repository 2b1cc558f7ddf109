"""Template tags of the reader's site: side lists, navigation, pictures.

Side lists come from articles.sidebars, which caches them briefly, so the
queries behind a list run at most once a minute whatever the traffic.
"""

from functools import lru_cache

from django import template
from django.conf import settings
from django.core.cache import cache
from django.db.models import Prefetch, prefetch_related_objects

from articles import sidebars
from articles.body_images import with_srcsets
from articles.models import Byline
from articles.thumbnails import safe_thumbnails
from newsportal.pagecache import Kept, rebuild_lock

register = template.Library()

CARD_WIDTHS = (360, 720)
LEAD_WIDTHS = (480, 960)
PHOTO_WIDTHS = (640, 1280)
PREFETCHED_FRAGMENTS = "cached_fragment:read_together"


@register.simple_tag
def site_setting(name):
    """A branding setting (SITE_NAME...) for pages rendered without context
    processors, such as the 500 page."""
    return getattr(settings, name, "") if name.startswith("SITE_") else ""


@register.simple_tag
def prefetch_article_details(article):
    """Loads the bylines with their authors, the photos and the tags of the
    article page's article: three queries, skipped when already loaded."""
    prefetch_related_objects(
        [article], Prefetch("byline", queryset=Byline.objects.select_related("author")), "photos", "tags"
    )
    return ""


@register.tag
def cached_fragment(parser, token):
    """``{% cached_fragment "name" value ... %}…{% endcached_fragment %}``

    The enclosed part, rendered once and kept in the cache under its name and
    values, together with the page's ``fragment_version`` (the content
    version) it was built under. It is fresh for FRAGMENT_CACHE_SECONDS and
    while the version holds, so a publish or a moderation decision renders it
    again. Then one request renders it while the others keep showing the
    kept copy for the moment that takes, as the page cache does for whole
    pages: a hot article after a publish is rendered once, not by every
    worker at the same time. A page without ``fragment_version`` in its
    context (the admin's preview of a draft) renders it every time and never
    stores it.
    """
    name, *values = [parser.compile_filter(bit) for bit in token.split_contents()[1:]]
    nodelist = parser.parse(("endcached_fragment",))
    parser.delete_first_token()
    return CachedFragmentNode(nodelist, name, values)


class CachedFragmentNode(template.Node):
    def __init__(self, nodelist, name, values):
        self.nodelist = nodelist
        self.name = name
        self.values = values

    def key(self, context):
        parts = [self.name.resolve(context), *(value.resolve(context) for value in self.values)]
        return "fragment:" + ":".join(str(part) for part in parts)

    def render(self, context):
        version = context.get("fragment_version")
        if version is None:
            return self.nodelist.render(context)
        key = self.key(context)
        kept = Kept.read(self.read(context, key))
        if kept is None:
            return self.render_and_keep(context, key, version)
        if kept.is_fresh(version):
            return kept.value
        with rebuild_lock(key) as locked:
            return self.render_and_keep(context, key, version) if locked else kept.value

    def render_and_keep(self, context, key, version):
        html = self.nodelist.render(context)
        Kept.keep(key, html, version, settings.FRAGMENT_CACHE_SECONDS)
        return html

    @staticmethod
    def read(context, key):
        """The page's fragments come in one round trip: the first to render
        reads them all. A fragment whose key could not be known then (one
        inside a loop) reads its own."""
        read_together = context.render_context.get(PREFETCHED_FRAGMENTS)
        if read_together is None:
            keys = {fragment.key(context) for fragment in fragments_of(context.template)} | {key}
            read_together = context.render_context[PREFETCHED_FRAGMENTS] = dict.fromkeys(keys)
            read_together.update(cache.get_many(keys))
        return read_together[key] if key in read_together else cache.get(key)


# Walking a template for its fragments takes about 30 µs; compiled templates
# live as long as the process, so each is walked once.
@lru_cache(maxsize=256)
def fragments_of(template):
    return template.nodelist.get_nodes_by_type(CachedFragmentNode)


@register.simple_tag
def article_lists(article):
    return sidebars.article_lists(article)


@register.inclusion_tag("includes/side_list.html")
def side_list(articles, title, ranked=False):
    return {"articles": articles, "title": title, "ranked": ranked}


@register.inclusion_tag("includes/side_list.html")
def hot_list(region=None, days=7, title="热点排行"):
    return {"articles": sidebars.hot_list(region, days=days), "title": title, "ranked": True}


@register.inclusion_tag("includes/region_nav.html")
def region_nav():
    return {"tree": sidebars.region_tree()}


@register.inclusion_tag("includes/column_nav.html")
def column_nav():
    return {"columns": sidebars.columns()}


@register.inclusion_tag("includes/breadcrumb.html")
def breadcrumb(region=None, tail=None):
    """首页 > 四川 > 资阳市 > 乐至新闻 [> tail]: the province by its short name,
    the city by its full name, the channel itself by its channel name. With a
    ``tail`` (an article page's "正文") the channel becomes a link too."""
    crumbs = []
    if region is not None:
        for ancestor in region.ancestors():
            label = ancestor.short_name if ancestor.parent_id is None else ancestor.name
            crumbs.append((label, ancestor.get_absolute_url()))
        crumbs.append((region.channel_name, region.get_absolute_url() if tail else None))
    if tail:
        crumbs.append((tail, None))
    return {"crumbs": crumbs}


@register.filter
def body_html(body):
    """The article body as the page shows it: pictures with a srcset (articles.body_images).

    The body was sanitized when saved; the page marks it safe, not this filter.
    """
    return with_srcsets(body)


@register.inclusion_tag("includes/picture.html")
def picture(image, alt="", kind="card", lazy=True):
    """An <img> with a srcset of sizes made once by sorl-thumbnail.

    ``kind`` picks widths and crop: "card" (3:2 thumbnails in lists), "lead"
    (the top story), "photo" (article photos, uncropped).
    """
    if not image:
        return {"image": None}
    widths, ratio, sizes = {
        "card": (CARD_WIDTHS, 3 / 2, "(min-width: 700px) 240px, 40vw"),
        "lead": (LEAD_WIDTHS, 16 / 9, "(min-width: 1000px) 640px, 100vw"),
        "photo": (PHOTO_WIDTHS, None, "(min-width: 800px) 720px, 100vw"),
    }[kind]
    thumbs = safe_thumbnails(image, widths, ratio)
    if not thumbs:
        return {"image": None}
    return {
        "image": thumbs[0],
        "srcset": ", ".join(f"{t.url} {t.width}w" for t in thumbs),
        "sizes": sizes,
        "alt": alt,
        "lazy": lazy,
        "kind": kind,
    }
