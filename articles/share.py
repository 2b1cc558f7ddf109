"""The article page's share block: a QR code of the article's address for
WeChat (scan it to open the article and share it to 朋友圈) and a Weibo link.

The QR code is an SVG at an address of its own (``/article/<id>/qr.svg``),
not inlined in the page: a phone reader rarely scans their own screen, so the
page stays as it was and only a reader who opens the share block fetches the
picture, lazily. Its content is the article's canonical address (SITE_URL +
the article's path), which needs no database, so the answer needs none
either; it is made once per process and kept by browsers and proxies for
``QR_MAX_AGE`` (the address of an article never changes, only SITE_URL could).
"""

import io
from functools import lru_cache
from urllib.parse import urlencode

import segno
from django.conf import settings
from django.http import HttpResponse
from django.utils.cache import patch_cache_control
from django.views.decorators.http import require_safe

from articles.models import Article

QR_MAX_AGE = 30 * 24 * 3600
QR_SCALE = 4  # pixels a module: a version 3 code (29 modules + border) is 132 px
WEIBO_SHARE = "https://service.weibo.com/share/share.php"


def canonical_url(article_id):
    """The address readers share, as ``<link rel=canonical>`` gives it (seo_tags.absolute_url)."""
    return settings.SITE_URL.rstrip("/") + Article.url_of(article_id)


@lru_cache(maxsize=1024)
def qr_svg(url):
    """The QR code of ``url`` as an SVG document: dark modules on white, so it
    scans in dark mode too; medium error correction survives a scuffed screen."""
    out = io.BytesIO()
    segno.make(url, error="m", micro=False).save(
        out, kind="svg", scale=QR_SCALE, border=2, xmldecl=False, dark="#000", light="#fff", title="本文二维码"
    )
    return out.getvalue()


@require_safe
def qr_code(request, pk):
    response = HttpResponse(qr_svg(canonical_url(pk)), content_type="image/svg+xml")
    patch_cache_control(response, public=True, max_age=QR_MAX_AGE)
    return response


def weibo_share_url(article):
    return f"{WEIBO_SHARE}?{urlencode({'url': canonical_url(article.pk), 'title': article.title})}"
