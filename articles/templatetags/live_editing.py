"""正在编辑 and autosave on an article's change page (articles.presence, articles.autosave)."""

from django import template
from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from articles import autosave
from articles.models import Article

register = template.Library()


@register.inclusion_tag("admin/articles/article/includes/live_editing.html", takes_context=True)
def live_editing(context, article):
    """The presence line, the autosave offer and their scripts, for someone who may change ``article``."""
    if not isinstance(article, Article) or article.pk is None:
        raise template.TemplateSyntaxError(f"live_editing needs a saved article, not {article!r}")
    draft = autosave.offer(article, context["request"].user)  # the page's one query for this
    return {
        "presence_url": reverse("admin:articles_article_presence", args=[article.pk]),
        "presence_seconds": settings.ARTICLE_PRESENCE_SECONDS,
        "autosave_url": reverse("admin:articles_article_autosave", args=[article.pk]),
        "autosave_seconds": settings.ARTICLE_AUTOSAVE_SECONDS,
        "autosaved_fields": " ".join(autosave.AUTOSAVED_FIELDS),
        "draft": draft,
        "draft_time": _when(draft.saved_at) if draft else "",
    }


def _when(moment):
    moment, now = timezone.localtime(moment), timezone.localtime()
    return f"{moment:%H:%M}" if moment.date() == now.date() else f"{moment.month}月{moment.day}日 {moment:%H:%M}"
