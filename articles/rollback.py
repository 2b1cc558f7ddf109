"""Rolling an article back to one of its revisions: the content only.

What the article says goes back (title, subtitle, summary, body, cover,
video and its caption, source, byline, photos, tags); where and whether readers see it stays as it
is now (status, publish time, 头条, 置顶, region, column, 新闻推荐, comments
switch, review note, counters), so a rollback never moves a published story.
"""

import reversion
from django.db import transaction
from django.db.models import FileField
from django.utils import timezone
from taggit.models import Tag

from articles import revisions
from articles.models import Article, ArticlePhoto, Author, Byline, Source, TaggedArticle

RESTORED_FIELDS = ["title", "subtitle", "summary", "body", "cover_image", "video", "video_caption", "source"]
# Written by VideoField for a new upload only: an older video brings its own back.
VIDEO_FACTS = ["video_poster", "video_duration", "video_width", "video_height"]
RESTORED_PARTS = ["byline", "photos", "tagged_items"]
RESTORED = RESTORED_FIELDS + RESTORED_PARTS


def changes(article, version):
    """Names of what a rollback to ``version`` would change, in form order."""
    old = revisions.Snapshot.of_version(version)
    return revisions.changed_fields(old, revisions.Snapshot.of_article(article), RESTORED)


def preview(article, version):
    """Each change as lines an editor reads: "-" now, "+" after the rollback."""
    fields = version.field_dict
    diffs = []
    for name in changes(article, version):
        if name in revisions.PARTS:
            now, then = _part_lines(article, name), _version_part_lines(version, name)
            label = revisions.PARTS[name].label
        else:
            model_field = Article._meta.get_field(name)
            now = revisions._lines(revisions._display(model_field, model_field.value_from_object(article)))
            then = revisions._lines(revisions._display(model_field, fields.get(model_field.attname)))
            label = str(model_field.verbose_name)
        diffs.append(revisions._diff(label, now, then) or revisions.FieldDiff(label))
    return diffs


def _part_lines(article, name):
    if name == "tagged_items":
        return sorted(article.tags.names())
    return sorted(str(row) for row in getattr(article, name).all())


def _version_part_lines(version, name):
    if name == "tagged_items":
        return revisions._tag_names(version)
    return revisions._related_reprs(version, revisions.PARTS[name].model)


def _rows_of(version, model, article_field):
    pk = int(version.object_id)
    return [
        other.field_dict
        for other in version.revision.version_set.all()
        if other._model is model and other.field_dict.get(article_field) == pk
    ]


def roll_back(article, version, by):
    """Restore the content of ``version``; returns the names of what changed.

    Authors, sources and tags deleted since are left out rather than brought
    back: they were deleted on purpose, for every article at once.
    """
    with transaction.atomic(), reversion.create_revision():
        article = Article.objects.select_for_update().get(pk=article.pk)
        changed = changes(article, version)
        if not changed:
            return []
        fields = version.field_dict
        if "byline" in changed:
            _restore_byline(article, version)
        if "photos" in changed:
            _restore_photos(article, version)
        if "tagged_items" in changed:
            tag_ids = [row["tag_id"] for row in _rows_of(version, TaggedArticle, "content_object_id")]
            article.tags.set(list(Tag.objects.filter(pk__in=tag_ids)))
        restored = RESTORED_FIELDS + (VIDEO_FACTS if "video" in changed else [])
        for name in restored:
            model_field = Article._meta.get_field(name)
            value = fields.get(model_field.attname)
            if isinstance(model_field, FileField):
                value = getattr(value, "name", value) or ""
            if name == "source" and value is not None and not Source.objects.filter(pk=value).exists():
                value = None
            setattr(article, model_field.attname, value)
        article.save()
        when = f"{timezone.localtime(version.revision.date_created):%Y-%m-%d %H:%M:%S}"
        reversion.set_user(by)
        reversion.set_comment(f"回滚到 {when} 的版本，恢复了：{revisions.labels(changed)}")
        return changed


def _restore_byline(article, version):
    article.byline.all().delete()
    rows = _rows_of(version, Byline, "article_id")
    authors = set(Author.objects.filter(pk__in=[row["author_id"] for row in rows]).values_list("pk", flat=True))
    for row in rows:
        if row["author_id"] in authors:
            Byline.objects.create(
                article=article, author_id=row["author_id"], role=row["role"], sort_order=row["sort_order"]
            )


def _restore_photos(article, version):
    # The picture files stay in storage when a photo row is deleted, so the
    # old rows point at files that are still there.
    article.photos.all().delete()
    for row in _rows_of(version, ArticlePhoto, "article_id"):
        ArticlePhoto.objects.create(
            article=article,
            image=getattr(row["image"], "name", row["image"]),
            caption=row["caption"],
            credit=row["credit"],
            sort_order=row["sort_order"],
        )
