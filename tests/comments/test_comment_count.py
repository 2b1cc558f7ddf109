"""The article's comment count is the number of comments readers can see."""

from comments.models import Comment
from tests.factories import CommentFactory


def count(article):
    article.refresh_from_db()
    return article.comment_count


def test_approving_and_rejecting_move_the_count(article, moderator):
    first = CommentFactory(article=article, status=Comment.Status.PENDING)
    second = CommentFactory(article=article, status=Comment.Status.PENDING)

    first.approve(moderator)
    second.approve(moderator)
    assert count(article) == 2

    first.reject(moderator)
    assert count(article) == 1


def test_a_reply_counts_only_while_its_parent_is_visible(article, moderator):
    parent = CommentFactory(article=article, status=Comment.Status.PENDING)
    reply = CommentFactory(article=article, parent=parent, status=Comment.Status.PENDING)

    reply.approve(moderator)
    assert count(article) == 0

    parent.approve(moderator)
    assert count(article) == 2

    parent.mark_spam(moderator)
    assert count(article) == 0


def test_every_decision_records_who_and_when(article, moderator):
    comment = CommentFactory(article=article, status=Comment.Status.PENDING)

    comment.approve(moderator)

    assert comment.moderated_by == moderator
    assert comment.moderated_at is not None


def test_the_page_shows_the_new_count_right_away(client, article, moderator):
    comment = CommentFactory(article=article, status=Comment.Status.PENDING, body="刚刚通过的评论")

    comment.approve(moderator)
    html = client.get(article.get_absolute_url()).content.decode()

    assert "网友评论（1）" in html and "刚刚通过的评论" in html


def test_a_decision_announces_which_articles_changed(article, moderator):
    from comments.signals import comments_changed

    heard = []
    comments_changed.connect(lambda sender, article_ids, **kw: heard.append(article_ids), weak=False, dispatch_uid="t")
    try:
        CommentFactory(article=article, status=Comment.Status.PENDING).approve(moderator)
    finally:
        comments_changed.disconnect(dispatch_uid="t")

    assert heard == [[article.pk]]
