"""Autosave: what is typed into an article's form, kept as the person's draft copy.

Every ``ARTICLE_AUTOSAVE_SECONDS``, when the form changed since the last
time, the page sends its content fields here. They go into one
``ArticleDraft`` per article and person, replaced each time, never into the
article: readers, the history and the others editing see nothing of it. When
that person opens the article again and the draft is newer than the
article's last save, the page offers it back (恢复 fills the form, 丢弃
deletes it). Saving the article deletes the saver's draft.

Each autosave carries the version the form was opened at (articles.edit_conflicts).
One made against an older version is refused and not kept: offered back, it
would put someone else's newer save under old text; and an autosave still on
its way when its page saves the article must not come back as a draft of what
was just saved.

Only the content fields are kept: the region, column and source pickers and
the photo and byline rows would need their own widgets driven to be filled
back, and what is lost in them is quickly chosen again.
"""

import json

from django.db import transaction
from django.http import JsonResponse
from django.utils import timezone

from articles.admin_json import article_endpoint, refuse
from articles.edit_conflicts import VERSION_FIELD, parse_version
from articles.models import Article, ArticleDraft

AUTOSAVED_FIELDS = ("title", "subtitle", "summary", "body", "tags")


def offer(article, user):
    """The person's draft of the article if it is newer than the article's last save, else ``None``."""
    draft = ArticleDraft.objects.filter(article=article, user=user).first()
    return draft if draft and draft.saved_at > article.updated_at else None


def discard(article, user):
    ArticleDraft.objects.filter(article=article, user=user).delete()


def _read(body):
    """The version and the autosaved fields in a request body, or ``None`` when it is not what the page sends."""
    try:
        sent = json.loads(body)
        fields, version = sent.get("fields"), sent.get(VERSION_FIELD)
    except (ValueError, AttributeError):
        return None
    if not isinstance(version, str) or parse_version(version) is None:
        return None
    if not isinstance(fields, dict):
        return None
    kept = {name: value for name, value in fields.items() if name in AUTOSAVED_FIELDS}
    if not kept or not all(isinstance(value, str) for value in kept.values()):
        return None
    return parse_version(version), kept


@article_endpoint("POST", "DELETE")
def autosave_view(request, article):
    """POST ``{"version": ..., "fields": {...}}``: keep the fields as this person's draft. DELETE: 丢弃."""
    if request.method == "DELETE":
        discard(article, request.user)
        return JsonResponse({"discarded": True})
    sent = _read(request.body)
    if sent is None:
        return refuse(400, "自动保存的内容格式不对。")
    version, fields = sent
    with transaction.atomic():
        # The article's row lock, which a save holds until it commits
        # (ArticleAdminForm._check_version): an autosave racing a save is
        # checked against the version that save leaves.
        if not Article.objects.select_for_update().filter(pk=article.pk, updated_at=version).exists():
            return refuse(409, "这篇稿件在您打开之后已被保存过，自动保存已停止；保存时会请您核对双方的修改。")
        draft, _ = ArticleDraft.objects.update_or_create(
            article=article, user=request.user, defaults={"fields": fields, "saved_at": timezone.now()}
        )
    return JsonResponse({"saved_at": timezone.localtime(draft.saved_at).strftime("%H:%M:%S")})
