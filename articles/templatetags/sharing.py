"""The article page's share block (articles.share)."""

from django import template
from django.conf import settings
from django.urls import reverse

from articles import share

register = template.Library()


@register.inclusion_tag("includes/share_block.html")
def share_block(article):
    if article.pk is None:
        raise template.TemplateSyntaxError(f"share_block needs a saved article, not {article!r}")
    return {
        "site_name": settings.SITE_NAME,
        "url": share.canonical_url(article.pk),
        "qr_url": reverse("articles:qr", kwargs={"pk": article.pk}),
        "weibo_url": share.weibo_share_url(article),
    }
