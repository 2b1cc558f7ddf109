"""One level of replies, and only to approved comments of the same article."""

from comments.models import Comment
from tests.comments.conftest import article_page
from tests.factories import ArticleFactory, CommentFactory


def test_a_reader_replies_to_an_approved_comment(article, approved_comment, post_comment):
    response = post_comment(article, body="同意楼上", parent=approved_comment.pk)

    assert response.status_code == 201
    reply = Comment.objects.get(body="同意楼上")
    assert reply.parent == approved_comment
    assert reply.status == Comment.Status.PENDING


def test_approved_replies_show_under_their_comment(client, article, approved_comment):
    CommentFactory(article=article, parent=approved_comment, body="同意楼上")
    CommentFactory(article=article, parent=approved_comment, body="还在审核的回复", status=Comment.Status.PENDING)

    html = article_page(client, article)

    replies = html.split(f'id="comment-{approved_comment.pk}"')[1].split("comment-replies")[1]
    assert "同意楼上" in replies
    assert "还在审核的回复" not in html


def test_replies_only_go_to_approved_top_level_comments_of_this_article(article, approved_comment, post_comment):
    pending = CommentFactory(article=article, status=Comment.Status.PENDING)
    reply = CommentFactory(article=article, parent=approved_comment)
    elsewhere = CommentFactory(article=ArticleFactory())

    for parent in (pending, reply, elsewhere):
        response = post_comment(article, body=f"回复{parent.pk}", parent=parent.pk)
        assert response.status_code == 400
        assert response.json()["errors"]["parent"] == ["只能回复本文已通过审核的评论。"]


def test_comments_and_their_replies_load_in_two_queries(
    client, article, approved_comment, django_assert_max_num_queries
):
    from comments.models import Comment as C

    for n in range(5):
        top = CommentFactory(article=article, body=f"评论{n}")
        CommentFactory(article=article, parent=top, body=f"回复{n}")

    # 1 the comments, 1 their approved replies.
    with django_assert_max_num_queries(2):
        comments = list(C.objects.for_article_page(article))
        assert sum(len(c.approved_replies) for c in comments) == 5


def test_without_javascript_the_reply_link_opens_a_form_naming_the_comment(client, article, approved_comment):
    from django.urls import reverse

    html = client.get(reverse("comments:write", args=[article.pk]), {"parent": approved_comment.pk}).content.decode()

    assert f'name="parent" value="{approved_comment.pk}"' in html
    assert '回复 <span class="comment-replying-to">老张</span>' in html


def test_a_reply_names_the_comment_it_answers_and_can_itself_only_be_liked_or_reported(
    client, article, approved_comment
):
    reply = CommentFactory(article=article, parent=approved_comment, nickname="小李", body="同意楼上")

    html = article_page(client, article)

    shown = html.split(f'id="comment-{reply.pk}"')[1].split("</li>")[0]
    assert '<strong class="comment-nickname">小李</strong> <span class="comment-reply-to">回复 老张</span>' in shown
    assert "comment-like" in shown and "comment-report" in shown
    assert 'comment-reply"' not in shown  # one level: no 回复 on a reply


def test_odd_parents_are_refused_with_a_message_never_an_error(article, post_comment):
    for n, parent in enumerate(("abc", "-1", "1.5", "99999999999999999999", "0")):
        response = post_comment(article, ip=f"198.51.100.{n + 100}", body=f"回复 {parent}", parent=parent)
        assert response.status_code == 400, parent
        assert "parent" in response.json()["errors"], parent


def test_a_reply_to_a_comment_of_another_article_is_refused(article, post_comment):
    elsewhere = CommentFactory(article=ArticleFactory(), nickname="外人")

    response = post_comment(article, body="串门回复", parent=elsewhere.pk)

    assert response.status_code == 400
    assert not Comment.objects.filter(body="串门回复").exists()
