"""Tags for the <head> of article pages: absolute URLs and schema.org JSON-LD."""

import json

from django import template
from django.conf import settings
from django.utils import timezone
from django.utils.safestring import mark_safe

register = template.Library()

# What json_script escapes, so no title can close the <script> element early.
_SCRIPT_SAFE = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}


@register.simple_tag
def absolute_url(path_or_url):
    """SITE_URL + path: the canonical address, the same whichever host served the page."""
    if not path_or_url or "://" in path_or_url:
        return path_or_url or ""
    return settings.SITE_URL.rstrip("/") + path_or_url


def news_article_data(article):
    """schema.org NewsArticle for ``article``; its byline must be prefetched (for_listing)."""
    url = absolute_url(article.get_absolute_url())
    data = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": article.title,
        "description": article.summary,
        "datePublished": _local_iso(article.published_at),
        "dateModified": _local_iso(article.updated_at),
        "author": [{"@type": "Person", "name": name} for name in article.author_names()],
        "publisher": {"@type": "Organization", "name": settings.SITE_NAME, "url": absolute_url("/")},
        "mainEntityOfPage": {"@type": "WebPage", "@id": url},
        "url": url,
    }
    if article.cover_image:
        data["image"] = [absolute_url(article.cover_image.url)]
    if article.video:
        data["video"] = video_data(article)
    return {key: value for key, value in data.items() if value not in (None, "", [])}


def video_data(article):
    """schema.org VideoObject for the article's video: search engines list the story as a video."""
    data = {
        "@type": "VideoObject",
        "name": article.video_caption or article.title,
        "description": article.summary or article.title,
        "contentUrl": absolute_url(article.video.url),
        "thumbnailUrl": [absolute_url(article.video_poster.url)] if article.video_poster else [],
        "uploadDate": _local_iso(article.published_at or article.updated_at),
        "duration": f"PT{round(article.video_duration)}S" if article.video_duration else None,
    }
    return {key: value for key, value in data.items() if value not in (None, "", [])}


def _local_iso(moment):
    return timezone.localtime(moment).isoformat() if moment else None


@register.simple_tag
def news_article_json_ld(article):
    payload = json.dumps(news_article_data(article), ensure_ascii=False).translate(_SCRIPT_SAFE)
    # < > & are \u-escaped above, so no value can close the element (tests/security).
    return mark_safe(f'<script type="application/ld+json">{payload}</script>')  # nosec
