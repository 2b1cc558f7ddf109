"""Cleaning of the rich-text article body.

The body comes from CKEditor, but a POST can carry anything, so the body is
cleaned on every save with nh3 against an allow-list: the formatting, links,
images and tables a newsroom uses, and nothing that runs code or hides text.
"""

import html
import re

import nh3

from core.text import without_control_characters

ALLOWED_TAGS = {
    "p", "br", "hr", "div", "span", "h2", "h3", "h4", "h5", "h6",
    "strong", "b", "em", "i", "u", "s", "del", "ins", "sub", "sup", "small", "mark",
    "blockquote", "q", "cite", "abbr", "pre", "code", "ul", "ol", "li", "dl", "dt", "dd",
    "a", "img", "figure", "figcaption",
    "table", "caption", "thead", "tbody", "tfoot", "tr", "th", "td", "colgroup", "col",
}  # fmt: skip

# Removed together with everything inside them: their content is code, markup
# from another language (SVG/MathML can carry script and foreign styling), or
# text the reader never sees.
DROPPED_WITH_CONTENT = {
    "script", "style", "iframe", "frame", "frameset", "object", "embed", "applet",
    "noscript", "noembed", "noframes", "template", "svg", "math", "title", "textarea", "select", "xmp",
}  # fmt: skip

ALLOWED_ATTRIBUTES = {
    "*": {"style", "title", "lang", "dir"},
    "a": {"href"},
    "img": {"src", "alt", "width", "height"},
    "td": {"colspan", "rowspan", "align", "valign"},
    "th": {"colspan", "rowspan", "align", "valign", "scope"},
    "table": {"border", "cellpadding", "cellspacing", "summary", "align"},
    "col": {"span", "width"},
    "ol": {"start", "type"},
}

# CKEditor's link dialog writes target="_blank"; other targets address named
# frames and serve no purpose in an article.
ALLOWED_ATTRIBUTE_VALUES = {"a": {"target": {"_blank"}}}

URL_SCHEMES = {"http", "https", "mailto", "tel"}

# Each style property CKEditor writes, with the only values it may carry.
# Nothing that can hide or move text (display, visibility, opacity, position,
# font-size, color, margin ...) is on the list; sizes must be at least 1.
_SIZE = r"(auto|[1-9]\d*(\.\d+)?(px|%|em|rem)?)"
STYLE_VALUES = {
    "text-align": r"(left|right|center|justify|start|end)",
    "float": r"(left|right|none)",
    "width": _SIZE,
    "height": _SIZE,
    "font-weight": r"(normal|bold|bolder|lighter|[1-9]00)",
    "font-style": r"(normal|italic|oblique)",
    "text-decoration": r"((none|underline|line-through|overline)\s*){1,3}",
}
_STYLE_VALUE_PATTERNS = {name: re.compile(pattern, re.IGNORECASE) for name, pattern in STYLE_VALUES.items()}
# CSS escapes and comments let a declaration say something other than what
# a simple reading sees; a style attribute containing them is dropped whole.
_STYLE_OBFUSCATION = re.compile(r"[\\(){}<>\"'@]|/\*")


# CKEditor's image dialog stores the picture's size in the editor as a
# height and a width; a fixed height squashes the picture wherever the column
# is narrower than that width (a phone). A picture keeps at most its width:
# the page gives it the file's proportions (articles.body_images).
IMAGE_DROPPED_PROPERTIES = {"height"}


def clean_style(value, dropped=()):
    """Keep only the allowed declarations of a style attribute, or return None."""
    if _STYLE_OBFUSCATION.search(value):
        return None
    kept = []
    for declaration in value.split(";"):
        name, _, raw = declaration.partition(":")
        name, raw = name.strip().lower(), raw.replace("!important", "").strip()
        pattern = _STYLE_VALUE_PATTERNS.get(name)
        if pattern and name not in dropped and pattern.fullmatch(raw):
            kept.append(f"{name}: {raw}")
    return "; ".join(kept) or None


def _filter_attribute(tag, attribute, value):
    if tag == "img" and attribute == "height":
        return None
    if attribute == "style":
        return clean_style(value, IMAGE_DROPPED_PROPERTIES if tag == "img" else ())
    return value


def sanitize_body(html):
    if not html:
        return ""
    return nh3.clean(
        # Before nh3, which cannot even read a lone surrogate.
        without_control_characters(html),
        tags=ALLOWED_TAGS,
        clean_content_tags=DROPPED_WITH_CONTENT,
        attributes=ALLOWED_ATTRIBUTES,
        tag_attribute_values=ALLOWED_ATTRIBUTE_VALUES,
        attribute_filter=_filter_attribute,
        url_schemes=URL_SCHEMES,
        filter_style_properties=set(STYLE_VALUES),
        strip_comments=True,
        link_rel="noopener noreferrer nofollow",
    ).strip()


def plain_text(rich_text):
    """Text of a sanitized HTML body, entities decoded and whitespace collapsed.

    nh3 allowing no tag strips them all (and drops what a script or style
    would hold) a few times faster than Django's strip_tags, which parses in
    Python: search shows a snippet of a body for every result on a page.
    """
    return " ".join(html.unescape(nh3.clean(rich_text or "", tags=set())).split())
