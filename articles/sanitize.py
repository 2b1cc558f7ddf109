"""Cleaning of the rich-text article body.

The body comes from CKEditor, but a POST can carry anything, so the body is
cleaned on every save with nh3 against an allow-list: the formatting, links,
images and tables a newsroom uses, and nothing that runs code or hides text.
"""

import nh3

ALLOWED_TAGS = {
    "p", "br", "hr", "div", "span", "h2", "h3", "h4", "h5", "h6",
    "strong", "b", "em", "i", "u", "s", "del", "sub", "sup", "small", "mark",
    "blockquote", "pre", "code", "ul", "ol", "li", "dl", "dt", "dd",
    "a", "img", "figure", "figcaption",
    "table", "caption", "thead", "tbody", "tfoot", "tr", "th", "td", "colgroup", "col",
}  # fmt: skip

ALLOWED_ATTRIBUTES = {
    "*": {"style", "title", "lang"},
    "a": {"href", "target"},
    "img": {"src", "alt", "width", "height"},
    "td": {"colspan", "rowspan", "align"},
    "th": {"colspan", "rowspan", "align", "scope"},
    "table": {"border", "cellpadding", "cellspacing", "summary"},
    "col": {"span", "width"},
    "ol": {"start", "type"},
}

# Layout that CKEditor writes (alignment, image size); anything that can hide
# or move text (display, visibility, position, opacity, font-size:0 ...) is dropped.
ALLOWED_STYLE_PROPERTIES = {"text-align", "float", "width", "height", "font-weight", "font-style", "text-decoration"}

URL_SCHEMES = {"http", "https", "mailto"}


def sanitize_body(html):
    if not html:
        return ""
    return nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        clean_content_tags={"script", "style", "iframe", "object", "embed", "noscript", "template", "svg", "math"},
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=URL_SCHEMES,
        filter_style_properties=ALLOWED_STYLE_PROPERTIES,
        strip_comments=True,
        link_rel="noopener noreferrer nofollow",
    )
