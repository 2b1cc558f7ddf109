"""Two people editing one article: the later save is stopped, never applied blind.

The change form carries the article's ``updated_at`` as it was when the page
was opened (its version). A save whose version is not the stored one, or that
carries none, is compared field by field with what is stored now, under a row
lock: if nothing the person typed differs from it, nothing of the other
person's would be lost and the save goes through; otherwise nothing is saved
and the form comes back, with what they typed, beside a table of the fields
that differ, and a choice for each: keep the other person's, or theirs.
"""

import re
from dataclasses import dataclass
from datetime import datetime

from django import forms
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import models
from django.utils import timezone
from django.utils.html import strip_tags

from articles.sanitize import sanitize_body

VERSION_FIELD = "version"
CHOICE_PREFIX = "keep_"
THEIRS, MINE = "theirs", "mine"
UNKNOWN = object()  # what a field held when the form was opened, if the form did not say

# Form fields that are not the article's content.
NOT_COMPARED = {VERSION_FIELD, "reject_note"}

_BETWEEN_TAGS = re.compile(r">\s+<")


def parse_version(text):
    try:
        return datetime.fromisoformat(text) if text else None
    except ValueError:
        return None


def same_markup(one, other):
    """Equal bodies but for the line breaks CKEditor puts between blocks."""
    return _BETWEEN_TAGS.sub("><", one or "").strip() == _BETWEEN_TAGS.sub("><", other or "").strip()


def stored_value(article, name):
    """The stored value in the form a cleaned form field has."""
    if name == "tags":
        return list(article.tags.names())
    value = getattr(article, name)
    if isinstance(value, models.Manager):
        return value.all()
    return value


def _comparable(name, value):
    if name == "tags":
        return sorted({tag.casefold() for tag in value or []})
    if name == "body":
        return _BETWEEN_TAGS.sub("><", sanitize_body(value or "")).strip()
    if isinstance(value, models.Model):
        return value.pk
    if isinstance(value, models.QuerySet | list | tuple):
        return sorted(getattr(item, "pk", item) for item in value)
    if isinstance(value, UploadedFile):
        return f"new:{value.name}"
    if hasattr(value, "name") and hasattr(value, "storage"):  # a stored file
        return value.name or ""
    return "" if value is None else value


def _display(name, value):
    if name == "body":
        text = re.sub(r"</(p|h[1-6]|li|div|blockquote|tr)>|<br\s*/?>", "\n", sanitize_body(value or ""))
        return "\n".join(line.strip() for line in strip_tags(text).splitlines() if line.strip()) or "（空）"
    if name == "tags":
        return "、".join(value or []) or "（无）"
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, datetime):
        return f"{timezone.localtime(value):%Y-%m-%d %H:%M}"
    if isinstance(value, models.QuerySet | list | tuple):
        return "、".join(str(item) for item in value) or "（无）"
    if isinstance(value, UploadedFile):
        return f"新上传的 {value.name}（需要重新选择文件）"
    if hasattr(value, "name") and hasattr(value, "storage"):
        return value.name or "（无）"
    return str(value) if value not in (None, "") else "（空）"


@dataclass
class Conflict:
    name: str
    label: str
    theirs: str
    mine: str
    choice: str = ""


def as_shown(field, value):
    """``value`` as the form gets it back when nobody touches the field: the
    widget shows a time in minutes, so an untouched time comes back without
    its seconds."""
    widget = field.widget
    if isinstance(widget, forms.MultiWidget):
        shown = [sub.format_value(part) for sub, part in zip(widget.widgets, widget.decompress(value))]
    else:
        shown = widget.format_value(value)
    try:
        return field.clean(shown)
    except ValidationError:
        return None


def _same(field, name, one, other):
    if isinstance(field, forms.SplitDateTimeField | forms.DateTimeField):
        one, other = (as_shown(field, v) if isinstance(v, datetime) else v for v in (one, other))
    return _comparable(name, one) == _comparable(name, other)


def _opened(form, name):
    """What the field held when the form was opened (its hidden initial), or ``UNKNOWN``."""
    bound = form[name]
    if not bound.field.show_hidden_initial or not any(key.startswith(bound.html_initial_name) for key in form.data):
        return UNKNOWN
    raw = bound.field.hidden_widget().value_from_datadict(form.data, form.files, bound.html_initial_name)
    try:
        return bound.field.clean(raw)
    except ValidationError:
        return None


def review(form, stored, cleaned):
    """The fields to choose from when this save was made against an older
    version, or none when nothing the other person saved would be lost."""
    rows, theirs_lost = [], False
    for name, field in form.fields.items():
        if name in NOT_COMPARED or name not in cleaned:
            continue
        theirs, mine = stored_value(stored, name), cleaned[name]
        if _same(field, name, mine, theirs):
            continue
        opened = _opened(form, name)
        they_changed = opened is UNKNOWN or not _same(field, name, theirs, opened)
        you_changed = opened is UNKNOWN or not _same(field, name, mine, opened)
        theirs_lost = theirs_lost or they_changed
        # Preselect the side that changed it; when both did, the person decides.
        choice = form.data.get(CHOICE_PREFIX + name) or (
            THEIRS if they_changed and not you_changed else MINE if you_changed and not they_changed else ""
        )
        rows.append(Conflict(name, str(field.label), _display(name, theirs), _display(name, mine), choice))
    return rows if theirs_lost else []


def watch_opened_values(form):
    """Have the form carry each field's value as opened, to tell whose change is whose."""
    for name, field in form.fields.items():
        if name not in NOT_COMPARED and not isinstance(field, forms.FileField):
            field.show_hidden_initial = True


def apply_choices(form, stored, cleaned):
    """Fields the person chose to keep as the other person saved them."""
    for name in form.fields:
        if form.data.get(CHOICE_PREFIX + name) == THEIRS and name in cleaned:
            cleaned[name] = stored_value(stored, name)
