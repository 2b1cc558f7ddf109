"""Template tags of the reader's site: side lists, navigation, pictures.

Hot lists and navigation come from articles.sidebars, kept per region and
ranked off the request path; the channel tabs and the footer's friend links
from the page's region lists (articles.region_lists).
"""

from django import template
from django.conf import settings

from articles import region_lists, sidebars
from articles.body_images import with_srcsets
from articles.thumbnails import safe_thumbnails
from core.kept import get_or_build

register = template.Library()

CARD_WIDTHS = (360, 720)
LEAD_WIDTHS = (480, 960)
PHOTO_WIDTHS = (640, 1280)
HOT_SHOWN = 8


@register.simple_tag
def site_setting(name):
    """A branding setting (SITE_NAME...) for pages rendered without context
    processors, such as the 500 page."""
    return getattr(settings, name, "") if name.startswith("SITE_") else ""


@register.tag
def kept_fragment(parser, token):
    """``{% kept_fragment "name" value ... %}…{% endkept_fragment %}``

    The enclosed part, rendered once and kept (core.kept) under its name and
    values, with the names of what it showed: fresh for FRAGMENT_CACHE_SECONDS
    until one of them changes, then rendered again by one request while the
    others show the kept copy.
    """
    bits = token.split_contents()[1:]
    if not bits:
        raise template.TemplateSyntaxError('kept_fragment needs a name: {% kept_fragment "name" value ... %}')
    name, *values = [parser.compile_filter(bit) for bit in bits]
    nodelist = parser.parse(("endkept_fragment",))
    parser.delete_first_token()
    return KeptFragmentNode(nodelist, name, values)


class KeptFragmentNode(template.Node):
    def __init__(self, nodelist, name, values):
        self.nodelist = nodelist
        self.name = name
        self.values = values

    def render(self, context):
        parts = [self.name.resolve(context), *(value.resolve(context) for value in self.values)]
        key = "fragment:" + ":".join(str(part) for part in parts)
        return get_or_build(key, lambda: self.nodelist.render(context), settings.FRAGMENT_CACHE_SECONDS)


@register.inclusion_tag("includes/side_list.html")
def side_list(articles, title, ranked=False):
    return {"articles": articles, "title": title, "ranked": ranked}


@register.inclusion_tag("includes/side_list.html")
def hot_list(region=None, days=7, title="热点排行"):
    return {"articles": sidebars.hot_list(region, days=days)[:HOT_SHOWN], "title": title, "ranked": True}


@register.inclusion_tag("includes/region_nav.html")
def region_nav():
    return {"tree": sidebars.region_tree()}


@register.inclusion_tag("includes/column_nav.html")
def column_nav():
    return {"columns": sidebars.columns()}


def _region_lists(context):
    """The region lists the view put in the page's context, else the site's own set."""
    return context.get("region_lists") or region_lists.for_region(None)


@register.inclusion_tag("includes/region_tabs.html", takes_context=True)
def region_tabs(context):
    """The channel tabs at the top of every page (资阳新闻 安岳新闻 乐至新闻)."""
    lists = _region_lists(context)
    return {"tabs": lists.tabs, "current": lists.region_id}


@register.inclusion_tag("includes/friend_links.html", takes_context=True)
def friend_links(context):
    return {"links": _region_lists(context).links}


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
