"""最热 / 最新: the page lists comments hottest first; comments.js re-orders them by 最新 in place."""

from datetime import timedelta

from django.utils import timezone

from comments.models import Comment
from tests.comments.conftest import article_page
from tests.factories import CommentFactory


def posted(comment, minutes_ago):
    Comment.objects.filter(pk=comment.pk).update(created_at=timezone.now() - timedelta(minutes=minutes_ago))
    return comment


def test_the_most_liked_come_first_and_equally_liked_the_newest_first(article):
    old_favourite = posted(CommentFactory(article=article, body="老评论", like_count=5), 60)
    older = posted(CommentFactory(article=article, body="较早"), 30)
    newer = posted(CommentFactory(article=article, body="较新"), 10)
    liked_once = posted(CommentFactory(article=article, body="一个赞", like_count=1), 20)

    shown = Comment.objects.for_article_page(article)

    assert shown == [old_favourite, liked_once, newer, older]


def test_replies_stay_under_their_comment_oldest_first_whatever_their_likes(article):
    top = CommentFactory(article=article)
    first = posted(CommentFactory(article=article, parent=top, body="先回复"), 20)
    second = posted(CommentFactory(article=article, parent=top, body="后回复", like_count=9), 10)

    [shown] = Comment.objects.for_article_page(article)

    assert shown.approved_replies == [first, second]


def test_each_comment_carries_what_the_sort_needs(client, article):
    comment = CommentFactory(article=article, like_count=3)
    CommentFactory(article=article)

    html = article_page(client, article)

    assert f'id="comment-{comment.pk}" data-likes="3" data-posted="{int(comment.created_at.timestamp())}"' in html
    # Shown by comments.js only, which does the sorting.
    assert 'class="comment-sort" role="group" aria-label="评论排序" hidden' in html
    assert '<button type="button" data-sort="hot" aria-pressed="true">最热</button>' in html
    assert '<button type="button" data-sort="new" aria-pressed="false">最新</button>' in html


def test_the_page_lists_them_in_that_order(client, article):
    posted(CommentFactory(article=article, body="没人点赞的新评论"), 1)
    posted(CommentFactory(article=article, body="大家都赞的旧评论", like_count=7), 90)

    html = article_page(client, article)

    assert html.index("大家都赞的旧评论") < html.index("没人点赞的新评论")
