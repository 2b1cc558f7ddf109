"""Article revisions (django-reversion): what is kept, and how two compare.

A revision holds the article with its byline and photos. Rolling back
restores the content only: the workflow state (status, publish time, review
note, counters) is the audit trail's business and never goes back in time.
"""

import difflib
import re
from dataclasses import dataclass, field
from datetime import datetime

import reversion
from django.utils import timezone

from articles.models import Article, ArticlePhoto, Byline

# Fields a rollback leaves as they are now (see the module docstring).
KEPT_ON_ROLLBACK = [
    "status",
    "published_at",
    "review_note",
    "submitted_by_id",
    "submitted_at",
    "created_by_id",
    "view_count",
    "comment_count",
]

# Bookkeeping that changes on every save and says nothing to an editor.
NOT_COMPARED = {"id", "created_at", "updated_at", "view_count", "comment_count"}

_BLOCK_END = re.compile(r"(</(?:p|h[1-6]|li|div|blockquote|figure|tr|table|ul|ol)>|<br\s*/?>)", re.IGNORECASE)


def register_models():
    for model in (Byline, ArticlePhoto):
        if not reversion.is_registered(model):
            reversion.register(model)
    if not reversion.is_registered(Article):
        reversion.register(Article, follow=["byline", "photos"])


@dataclass
class FieldDiff:
    label: str
    lines: list = field(default_factory=list)  # (marker, text): "+" added, "-" removed, " " same


def _lines(value):
    if value is None:
        return []
    text = _BLOCK_END.sub(lambda m: m.group(0) + "\n", str(value))
    return [line for line in text.splitlines() if line.strip()]


def _display(model_field, value):
    if model_field.is_relation and value not in (None, "", []):
        related = model_field.related_model._default_manager
        if model_field.many_to_many:
            return "、".join(str(obj) for obj in related.filter(pk__in=value).order_by("pk")) or ""
        obj = related.filter(pk=value).first()
        return str(obj) if obj else f"#{value}"
    if isinstance(value, datetime):
        return f"{timezone.localtime(value):%Y-%m-%d %H:%M:%S}"
    if model_field.choices and value is not None:
        return dict(model_field.flatchoices).get(value, value)
    return value


def _related_reprs(version, model):
    """The byline or photos of the revision, as the text an editor recognises."""
    return sorted(v.object_repr for v in version.revision.version_set.all() if v._model is model)


def _diff(label, old_lines, new_lines):
    if old_lines == new_lines:
        return None
    rows = []
    for line in difflib.ndiff(old_lines, new_lines):
        if line[:1] in "+- ":
            rows.append((line[:1], line[2:]))
    return FieldDiff(label, rows)


def compare(old, new):
    """Field-by-field differences between two versions of one article.

    Values are plain text; the template escapes them, so a body containing
    markup is shown as markup, never rendered.
    """
    old_fields, new_fields = old.field_dict, new.field_dict
    diffs = []
    for model_field in Article._meta.get_fields():
        name = model_field.name
        if name in NOT_COMPARED or name not in old_fields and name not in new_fields:
            continue
        old_value, new_value = old_fields.get(name), new_fields.get(name)
        if model_field.many_to_many and not isinstance(old_value or [], list | tuple):
            continue  # tags come from taggit's manager, not a plain list of ids
        old_value, new_value = _display(model_field, old_value), _display(model_field, new_value)
        diff = _diff(str(model_field.verbose_name), _lines(old_value), _lines(new_value))
        if diff:
            diffs.append(diff)
    for model, label in ((Byline, "署名"), (ArticlePhoto, "组图")):
        diff = _diff(label, _related_reprs(old, model), _related_reprs(new, model))
        if diff:
            diffs.append(diff)
    return diffs
