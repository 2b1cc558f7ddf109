"""Article revisions (django-reversion): what is kept, what changed, how two compare.

A revision holds the article with its byline, photos and tags (its tagged
items). Each revision made in the admin names the fields that really
changed, compared with the revision before it as reversion stored it (its
JSON, at that precision), so a save that changes nothing says so and a
workflow move names only itself. Rolling back (articles.rollback) restores
the content only.
"""

import difflib
import json
import re
from dataclasses import dataclass, field
from datetime import datetime

import reversion
from django.core import serializers
from django.utils import timezone
from reversion.models import Version
from taggit.models import Tag

from articles.models import Article, ArticlePhoto, Byline, TaggedArticle

# Bookkeeping that changes on every save and says nothing to an editor.
NOT_COMPARED = {
    "id",
    "created_at",
    "updated_at",
    "view_count",
    "comment_count",
    "created_by",
    "search_document",
    "search_vector",
    # Follow the video (articles.videos): a new video is one change, "视频".
    "video_poster",
    "video_duration",
    "video_width",
    "video_height",
}

# Set by a workflow move, whose name ("提交审核", "发布") already says so.
MOVED_BY_WORKFLOW = {"status", "submitted_by", "submitted_at", "review_note"}

_BLOCK_END = re.compile(r"(</(?:p|h[1-6]|li|div|blockquote|figure|tr|table|ul|ol)>|<br\s*/?>)", re.IGNORECASE)


@dataclass(frozen=True)
class Part:
    """Rows of another model that belong to the article and are kept in its revisions."""

    model: type
    label: str
    article_field: str
    keys: tuple

    def rows(self, serialized, article_pk):
        """The part's rows of one article as sorted tuples of their stored values."""
        mine = [row for row in serialized if row[self.article_field] == article_pk]
        return sorted((tuple(row[key] for key in self.keys) for row in mine), key=repr)


PARTS = {
    "byline": Part(Byline, "署名", "article", ("author", "role", "sort_order")),
    "photos": Part(ArticlePhoto, "组图", "article", ("image", "caption", "credit", "sort_order")),
    "tagged_items": Part(TaggedArticle, "标签", "content_object", ("tag",)),
}


def register_models():
    for model in (Byline, ArticlePhoto, TaggedArticle):
        if not reversion.is_registered(model):
            reversion.register(model)
    if not reversion.is_registered(Article):
        reversion.register(Article, follow=list(PARTS))


def _serialized(objects):
    return [item["fields"] for item in json.loads(serializers.serialize("json", objects))]


@dataclass(frozen=True)
class Snapshot:
    """An article with its parts as reversion stores them, so two compare at the stored precision."""

    fields: dict
    parts: dict

    @classmethod
    def of_version(cls, version):
        (fields,) = _serialized_data(version)
        rows = {name: [] for name in PARTS}
        models = {part.model: name for name, part in PARTS.items()}
        for other in version.revision.version_set.all():
            name = models.get(other._model)
            if name:
                rows[name].extend(_serialized_data(other))
        pk = int(version.object_id)
        return cls(fields, {name: part.rows(rows[name], pk) for name, part in PARTS.items()})

    @classmethod
    def of_article(cls, article):
        (fields,) = _serialized([article])
        parts = {name: part.rows(_serialized(getattr(article, name).all()), article.pk) for name, part in PARTS.items()}
        return cls(fields, parts)


def _serialized_data(version):
    return [item["fields"] for item in json.loads(version.serialized_data)]


def _label(name):
    if name in PARTS:
        return PARTS[name].label
    return str(Article._meta.get_field(name).verbose_name)


def changed_fields(old, new, names=None):
    """Names of the fields and parts that differ between two snapshots, in form order."""
    candidates = names or [
        f.name for f in Article._meta.concrete_fields + Article._meta.many_to_many if f.name in new.fields
    ] + list(PARTS)
    changed = []
    for name in candidates:
        if name in NOT_COMPARED:
            continue
        if name in PARTS:
            if old.parts.get(name) != new.parts.get(name):
                changed.append(name)
        elif old.fields.get(name) != new.fields.get(name):
            changed.append(name)
    return changed


def labels(names):
    return "、".join(_label(name) for name in names)


def version_of(article):
    """The version an admin page was opened at, sent back with its form: the
    article's ``updated_at``, which every save changes."""
    return article.updated_at.isoformat() if article.updated_at else ""


def previous_version(article):
    """The newest revision stored for the article, before the one being made."""
    return Version.objects.get_for_object(article).select_related("revision").first()


def describe_save(article, move=None):
    """The comment of the revision an admin save makes: the move, and what really changed."""
    previous = previous_version(article)
    if previous is None:
        what = "保存（此前没有修订记录可比较）"
        return f"{move}；{what}" if move else what
    changed = changed_fields(Snapshot.of_version(previous), Snapshot.of_article(article))
    if move:
        changed = [name for name in changed if name not in MOVED_BY_WORKFLOW]
        return f"{move}；修改了：{labels(changed)}" if changed else move
    return f"修改了：{labels(changed)}" if changed else "保存，内容没有改动"


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
    pk = int(version.object_id)
    return sorted(
        v.object_repr
        for v in version.revision.version_set.all()
        if v._model is model and v.field_dict.get("article_id") == pk
    )


def _tag_names(version):
    pk = int(version.object_id)
    ids = [
        v.field_dict["tag_id"]
        for v in version.revision.version_set.all()
        if v._model is TaggedArticle and v.field_dict.get("content_object_id") == pk
    ]
    return sorted(Tag.objects.filter(pk__in=ids).values_list("name", flat=True))


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
    for model_field in Article._meta.concrete_fields + Article._meta.many_to_many:
        key = model_field.attname
        if model_field.name in NOT_COMPARED or key not in old_fields and key not in new_fields:
            continue
        if model_field.many_to_many and not isinstance(old_fields.get(key) or [], list | tuple):
            continue  # tags are compared below, from the tagged items kept beside the article
        old_value = _display(model_field, old_fields.get(key))
        new_value = _display(model_field, new_fields.get(key))
        diff = _diff(str(model_field.verbose_name), _lines(old_value), _lines(new_value))
        if diff:
            diffs.append(diff)
    for model, label in ((Byline, "署名"), (ArticlePhoto, "组图")):
        diff = _diff(label, _related_reprs(old, model), _related_reprs(new, model))
        if diff:
            diffs.append(diff)
    diff = _diff("标签", _tag_names(old), _tag_names(new))
    if diff:
        diffs.append(diff)
    return diffs
