"""Autosave: what is typed into an article's form, kept as the person's draft copy.

Every ``ARTICLE_AUTOSAVE_SECONDS``, when the form changed since the last
time, the page sends its content fields here. They go into one
``ArticleDraft`` per article and person, replaced each time, never into the
article: readers, the history and the others editing see nothing of it. When
that person opens the article again and the draft is newer than the
article's last save, the page offers it back (恢复 fills the form, 丢弃
deletes it). Saving the article deletes the saver's draft.

Only the content fields are kept: the region, column and source pickers and
the photo and byline rows would need their own widgets driven to be filled
back, and what is lost in them is quickly chosen again.
"""

import json

from django.http import JsonResponse
from django.utils import timezone

from articles.admin_json import article_endpoint, refuse
from articles.models import ArticleDraft

AUTOSAVED_FIELDS = ("title", "subtitle", "summary", "body", "tags")


def offer(article, user):
    """The person's draft of the article if it is newer than the article's last save, else ``None``."""
    draft = ArticleDraft.objects.filter(article=article, user=user).first()
    return draft if draft and draft.saved_at > article.updated_at else None


def discard(article, user):
    ArticleDraft.objects.filter(article=article, user=user).delete()


def _fields(body):
    """The autosaved fields in a request body, or ``None`` when it is not what the page sends."""
    try:
        fields = json.loads(body).get("fields")
    except (ValueError, AttributeError):
        return None
    if not isinstance(fields, dict):
        return None
    kept = {name: value for name, value in fields.items() if name in AUTOSAVED_FIELDS}
    return kept if kept and all(isinstance(value, str) for value in kept.values()) else None


@article_endpoint("POST", "DELETE")
def autosave_view(request, article):
    """POST ``{"fields": {...}}``: keep them as this person's draft. DELETE: 丢弃."""
    if request.method == "DELETE":
        discard(article, request.user)
        return JsonResponse({"discarded": True})
    fields = _fields(request.body)
    if fields is None:
        return refuse(400, "自动保存的内容格式不对。")
    draft, _ = ArticleDraft.objects.update_or_create(
        article=article, user=request.user, defaults={"fields": fields, "saved_at": timezone.now()}
    )
    return JsonResponse({"saved_at": timezone.localtime(draft.saved_at).strftime("%H:%M:%S")})
