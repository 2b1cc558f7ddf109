"""What changes in the newsroom, as readers would notice it.

Each change is announced (core.changes) from the place that makes it: these
signal handlers are that place for saves made anywhere (the workflow, the
admin, the shell), so no save can slip past. articles.staleness decides
what each change makes stale.
"""

from dataclasses import dataclass

from django.db.models.signals import m2m_changed, post_delete, post_save, pre_delete
from django.dispatch import receiver
from taggit.models import Tag

from articles.models import Article, ArticlePhoto, Author, Byline, Column, Source, TaggedArticle
from comments.signals import comments_changed, likes_changed
from core.changes import Change, announce
from core.redis_cache import cache_recovered
from regions.models import Region
from topics.signals import topics_changed

# Saves that touch only these fields change nothing a reader sees.
QUIET_FIELDS = {"view_count", "comment_count", "search_document", "search_vector"}


@dataclass(frozen=True)
class ArticleChanged(Change):
    """Published, edited while published, withdrawn, moved, re-tagged, or its byline or photos changed.

    ``was_in_region`` is the region it left when moved; ``was_tagged`` a tag
    it gained or lost.
    """

    pk: int
    was_in_region: int | None = None
    was_tagged: int | None = None


@dataclass(frozen=True)
class ArticleGone(Change):
    """Deleted: where it was shown, since the row is no longer there to ask."""

    pk: int
    region_id: int
    tag_ids: frozenset
    column_id: int | None
    source_id: int | None
    author_ids: frozenset
    was_next_to: frozenset


@dataclass(frozen=True)
class CommentsChanged(Change):
    """The comments readers see under an article changed (approved, rejected, edited, deleted, re-queued)."""

    article_pk: int


@dataclass(frozen=True)
class CommentsLiked(Change):
    """Readers liked comments under an article: only its comment section shows that."""

    article_pk: int


@dataclass(frozen=True)
class TopicChanged(Change):
    """A 专题 was created, edited, published, withdrawn or deleted, or its
    sections or chosen articles changed. ``article_ids``: the articles whose
    "本文收录于专题" line may change."""

    pk: int | None
    article_ids: frozenset = frozenset()


@dataclass(frozen=True)
class LabelChanged(Change):
    """A name shown beside articles changed: a tag, source, author, column or region."""

    kind: str
    pk: int


@dataclass(frozen=True)
class SiteDeployed(Change):
    """New code (pages hold the templates and headers of the code that built
    them), or the cache is back after changes it could not record."""


def site_deployed(sender, **kwargs):
    """After ``migrate``, which every deploy runs (``make serve`` does)."""
    announce(SiteDeployed())


@receiver(cache_recovered, dispatch_uid="changes_cache_recovered")
def cache_came_back(sender, **kwargs):
    # Changes made while the cache was unreachable could not be recorded.
    announce(SiteDeployed())


@receiver(post_save, sender=Article, dispatch_uid="changes_article_saved")
def article_saved(sender, instance, update_fields=None, **kwargs):
    if update_fields is not None and set(update_fields) <= QUIET_FIELDS:
        return
    status_before, region_before = getattr(instance, "before_save", (None, None))
    if Article.Status.PUBLISHED not in (instance.status, status_before):
        return  # a draft, a submission, a rejection: never shown to readers
    moved_from = region_before if region_before not in (None, instance.region_id) else None
    announce(ArticleChanged(instance.pk, was_in_region=moved_from))


@receiver(pre_delete, sender=Article, dispatch_uid="changes_article_deleting")
def article_deleting(sender, instance, **kwargs):
    from articles.side_lists import neighbour_ids

    instance._gone = ArticleGone(
        pk=instance.pk,
        region_id=instance.region_id,
        tag_ids=frozenset(TaggedArticle.objects.filter(content_object=instance).values_list("tag_id", flat=True)),
        column_id=instance.column_id,
        source_id=instance.source_id,
        author_ids=frozenset(instance.byline.values_list("author_id", flat=True)),
        was_next_to=frozenset(neighbour_ids(instance)),
    )


@receiver(post_delete, sender=Article, dispatch_uid="changes_article_deleted")
def article_deleted(sender, instance, **kwargs):
    announce(instance._gone)


@receiver(post_save, sender=Byline, dispatch_uid="changes_byline_saved")
@receiver(post_delete, sender=Byline, dispatch_uid="changes_byline_deleted")
@receiver(post_save, sender=ArticlePhoto, dispatch_uid="changes_photo_saved")
@receiver(post_delete, sender=ArticlePhoto, dispatch_uid="changes_photo_deleted")
def article_part_changed(sender, instance, **kwargs):
    if Article.objects.filter(pk=instance.article_id).exists():  # not when deleted with its article
        announce(ArticleChanged(instance.article_id))


@receiver(post_save, sender=TaggedArticle, dispatch_uid="changes_tagging_saved")
@receiver(post_delete, sender=TaggedArticle, dispatch_uid="changes_tagging_deleted")
def tagging_changed(sender, instance, **kwargs):
    if Article.objects.filter(pk=instance.content_object_id).exists():
        announce(ArticleChanged(instance.content_object_id, was_tagged=instance.tag_id))


@receiver(m2m_changed, sender=Article.recommended.through, dispatch_uid="changes_picks")
def editor_picks_changed(sender, instance, action, reverse, pk_set, **kwargs):
    """An editor chose or dropped 新闻推荐 for an article."""
    if action not in ("post_add", "post_remove", "post_clear"):
        return
    choosing = set(pk_set or ()) if reverse else {instance.pk}
    for pk in Article.objects.filter(pk__in=choosing, status=Article.Status.PUBLISHED).values_list("pk", flat=True):
        announce(ArticleChanged(pk))


# A new column or region shows at once in the navigation; a new tag, source
# or author is shown nowhere until an article carries it.
SHOWN_WHEN_CREATED = {"column", "region"}


def label_changed(kind):
    def handler(sender, instance, created=False, **kwargs):
        if not created or kind in SHOWN_WHEN_CREATED:
            announce(LabelChanged(kind, instance.pk))

    return handler


for _kind, _model in [("tag", Tag), ("source", Source), ("author", Author), ("column", Column), ("region", Region)]:
    post_save.connect(label_changed(_kind), sender=_model, weak=False, dispatch_uid=f"changes_{_kind}_saved")
    post_delete.connect(label_changed(_kind), sender=_model, weak=False, dispatch_uid=f"changes_{_kind}_deleted")


@receiver(comments_changed, dispatch_uid="changes_comments")
def comments_moderated(sender, article_ids, **kwargs):
    for pk in article_ids:
        announce(CommentsChanged(pk))


@receiver(likes_changed, dispatch_uid="changes_likes")
def comments_liked(sender, article_ids, **kwargs):
    for pk in article_ids:
        announce(CommentsLiked(pk))


@receiver(topics_changed, dispatch_uid="changes_topics")
def topics_edited(sender, topic_ids, article_ids, **kwargs):
    for pk in topic_ids or [None]:
        announce(TopicChanged(pk, frozenset(article_ids)))
