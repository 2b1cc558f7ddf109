"""Pictures in an article body: their true proportions and a srcset.

CKEditor's 图像 dialog stores a picture with the size it had in the editor;
the sanitizer keeps at most its width, never a fixed height. When the page is
built, each picture uploaded through the editor gets, like covers and photos,
copies made once by sorl-thumbnail (never wider than the file) in a srcset,
and a width and height in the file's proportions, so the browser reserves the
right space and keeps the shape at every screen width. Pictures from other
sites, or whose file is gone, are left as they are.

Reading tags with a regular expression is sound here because the body is the
sanitizer's output: every attribute value is double-quoted and a quote inside
one is written ``&quot;``.
"""

import re
from html import unescape
from urllib.parse import unquote

from django.conf import settings
from django.utils.html import escape

from articles.thumbnails import safe_thumbnails

BODY_WIDTHS = (640, 1280)
COLUMN_WIDTH = 720  # the article column on a wide screen, as for photos
COLUMN_SIZES = f"(min-width: 800px) {COLUMN_WIDTH}px, 100vw"
IMG_TAG = re.compile(r'<img((?:\s+[\w-]+(?:="[^"]*")?)*)\s*/?>')
ATTRIBUTE = re.compile(r'([\w-]+)(?:="([^"]*)")?')
STYLE_WIDTH_PX = re.compile(r"(?:^|;)\s*width:\s*(\d+)(?:px)?\s*(?:;|$)")


def with_srcsets(body):
    """``body`` with every uploaded picture given its proportions and a srcset."""
    return IMG_TAG.sub(_responsive_img, body) if body and "<img" in body else body


def uploaded_file(src):
    """The storage name of a picture uploaded through the editor, or None."""
    prefix = settings.MEDIA_URL + settings.CKEDITOR_UPLOAD_PATH
    if not src.startswith(prefix):
        return None
    name = unquote(src.removeprefix(settings.MEDIA_URL))
    return None if ".." in name.split("/") else name


def _responsive_img(match):
    attributes = {name: unescape(value) for name, value in ATTRIBUTE.findall(match.group(1))}
    name = uploaded_file(attributes.get("src", ""))
    copies = safe_thumbnails(name, BODY_WIDTHS, None) if name else None
    if not copies:
        return match.group(0)
    # A file narrower than a width gives a copy of its own width: list it once.
    by_width = {copy.width: copy for copy in copies}
    largest = copies[-1]
    width = _width_chosen_in_editor(attributes) or largest.width
    attributes.update(
        width=str(width),
        height=str(round(width * largest.height / largest.width)),
        srcset=", ".join(f"{copy.url} {copy_width}w" for copy_width, copy in by_width.items()),
        sizes=f"(max-width: {width}px) 100vw, {width}px" if width < COLUMN_WIDTH else COLUMN_SIZES,
        loading="lazy",
        decoding="async",
    )
    return "<img " + " ".join(f'{key}="{escape(value)}"' for key, value in attributes.items()) + ">"


def _width_chosen_in_editor(attributes):
    """The width in pixels the editor gave the picture (attribute or style), if any."""
    if attributes.get("width", "").isdigit():
        return int(attributes["width"]) or None
    match = STYLE_WIDTH_PX.search(attributes.get("style", ""))
    return int(match.group(1)) or None if match else None
