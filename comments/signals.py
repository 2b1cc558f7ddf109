"""Side effects of comment changes, all in one place.

``comments_changed`` is sent when the visible comments of some articles
changed: a moderation decision, a report sending a comment back to the
queue (both through ``CommentQuerySet.recount``), or an approved comment
edited or deleted (the handlers below). articles.changes announces it.
``likes_changed`` is sent when comments under some articles were liked
(comments.likes, at most every few seconds per article).

The sensitive-word automaton is built once per word-list version in each
process; saving or deleting a word bumps the version in the shared cache so
every app server rebuilds on its next check.
"""

from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.dispatch import Signal, receiver

comments_changed = Signal()
likes_changed = Signal()


@receiver(post_save, sender="comments.Comment", dispatch_uid="visible_comment_saved")
@receiver(post_delete, sender="comments.Comment", dispatch_uid="visible_comment_deleted")
def visible_comment_changed(sender, instance, **kwargs):
    """An approved comment edited in the admin, or deleted: readers see that."""
    was_visible = getattr(instance, "status_when_loaded", None) == instance.Status.APPROVED
    if was_visible or instance.status == instance.Status.APPROVED:
        comments_changed.send(sender=sender, article_ids=[instance.article_id])


@receiver(post_save, sender="comments.SensitiveWord", dispatch_uid="sensitive_words_saved")
@receiver(post_delete, sender="comments.SensitiveWord", dispatch_uid="sensitive_words_deleted")
def sensitive_words_changed(sender, **kwargs):
    word_list_changed()


def word_list_changed():
    """Called by the handlers above, and by bulk imports, which send no signals."""
    from comments.sensitive import bump_word_list_version

    # Bump now so this process sees the change at once, and again after the
    # commit: another server rebuilding between the two would otherwise keep
    # the old list under the new version.
    bump_word_list_version()
    transaction.on_commit(bump_word_list_version)
