"""点赞, and how likes reach the cached article page.

A like is a CommentLike row, one per account or, for a reader not logged
in, one per address (as reports are counted), and one more on the comment's
``like_count``; the database's unique constraints keep likes sent together
to one each.

The count shows in the comment section of the article page, which is cached
whole and shared by every reader. A like announces that the article's likes
changed (``likes:<article>``, see articles.staleness) at most once per
SHOWN_WITHIN seconds: the first like of a burst makes the page stale at
once, and a page built while the burst goes on is kept fresh only until it
ends (``settle_at``), then built again with every like since. A much-liked
article's page is thus built a few times a minute, not once per like, and
its counts are at most SHOWN_WITHIN seconds late.
"""

import time

from django.core.cache import cache
from django.db import IntegrityError, transaction
from django.db.models import F

from comments.models import Comment, CommentLike
from comments.signals import likes_changed

SHOWN_WITHIN = 10  # seconds


def like(comment, *, user=None, ip_address=None):
    """Count one reader's like of ``comment``; False if this reader already liked it."""
    user = user if user is not None and user.is_authenticated else None
    if user is None and not ip_address:
        return False  # no one to count once
    try:
        with transaction.atomic():
            CommentLike.objects.create(comment=comment, user=user, ip_address=ip_address)
            Comment.objects.filter(pk=comment.pk).update(like_count=F("like_count") + 1)
    except IntegrityError:
        return False
    finally:
        # Read again, not refreshed: the comment may have been deleted meanwhile.
        comment.like_count = Comment.objects.filter(pk=comment.pk).values_list("like_count", flat=True).first() or 0
    # core.changes holds the announcement until the outermost transaction commits.
    _announce(comment.article_id)
    return True


def unlike(comment, *, user=None, ip_address=None):
    """取消点赞: take back this reader's like of ``comment``; False if there was none."""
    user = user if user is not None and user.is_authenticated else None
    if user is not None:
        mine = CommentLike.objects.filter(comment=comment, user=user)
    elif ip_address:
        mine = CommentLike.objects.filter(comment=comment, user__isnull=True, ip_address=ip_address)
    else:
        return False
    with transaction.atomic():
        removed, _ = mine.delete()
        if removed:
            Comment.objects.filter(pk=comment.pk, like_count__gt=0).update(like_count=F("like_count") - 1)
    comment.like_count = Comment.objects.filter(pk=comment.pk).values_list("like_count", flat=True).first() or 0
    if removed:
        _announce(comment.article_id)
    return bool(removed)


def _key(article_id):
    return f"likes-shown:{article_id}"


def _announce(article_id):
    until = time.time() + SHOWN_WITHIN
    # add() is False both when a burst is on and when the cache is down; get() tells which.
    if cache.add(_key(article_id), until, timeout=SHOWN_WITHIN) or cache.get(_key(article_id)) is None:
        likes_changed.send(sender=CommentLike, article_ids=[article_id])


def settle_at(article_id):
    """When the likes of a burst on this article are all shown, or None when no burst is on."""
    until = cache.get(_key(article_id))
    return until if until is not None and until > time.time() else None
