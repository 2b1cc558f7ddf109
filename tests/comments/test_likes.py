"""点赞: one like per reader per comment, rate-limited, and shown on the shared cached page."""

import pytest
from django.db import IntegrityError
from django.urls import reverse

from comments import likes
from comments.models import Comment, CommentLike
from core.pagecache import HEADER
from tests.comments.conftest import READER_IP
from tests.factories import ArticleFactory, CommentFactory, UserFactory

OTHER_IP = "203.0.113.50"


@pytest.fixture
def like(client):
    """Like as comments.js does (JSON answer), from READER_IP unless told."""

    def send(comment_id, ip=READER_IP, as_json=True):
        headers = {"Accept": "application/json"} if as_json else {}
        return client.post(reverse("comments:like", args=[comment_id]), headers=headers, REMOTE_ADDR=ip)

    return send


def like_count(comment):
    comment.refresh_from_db()
    return comment.like_count


def test_a_reader_likes_a_comment_once(approved_comment, like):
    first = like(approved_comment.pk)
    again = like(approved_comment.pk)

    assert first.status_code == again.status_code == 200
    assert first.json() == {"ok": True, "message": "点赞成功", "liked": True, "likes": 1}
    assert again.json() == {"ok": True, "message": "您已经赞过这条评论了", "liked": True, "likes": 1}
    assert like_count(approved_comment) == 1
    assert CommentLike.objects.filter(comment=approved_comment).count() == 1


def test_each_address_counts_once(approved_comment, like):
    like(approved_comment.pk)
    response = like(approved_comment.pk, ip=OTHER_IP)

    assert response.json()["likes"] == 2


def test_a_logged_in_reader_counts_once_from_any_address(client, approved_comment, like):
    client.force_login(UserFactory(username="dave"))

    like(approved_comment.pk)
    like(approved_comment.pk, ip=OTHER_IP)

    assert like_count(approved_comment) == 1
    assert CommentLike.objects.get().user.username == "dave"


def unlike_as(client, comment_id, ip=READER_IP):
    return client.post(
        reverse("comments:like", args=[comment_id]),
        {"undo": "1"},
        headers={"Accept": "application/json"},
        REMOTE_ADDR=ip,
    )


def test_a_reader_takes_a_like_back_and_may_like_again(client, approved_comment, like):
    like(approved_comment.pk)
    like(approved_comment.pk, ip=OTHER_IP)

    taken_back = unlike_as(client, approved_comment.pk)
    again = unlike_as(client, approved_comment.pk)

    assert taken_back.json() == {"ok": True, "message": "已取消点赞", "liked": False, "likes": 1}
    assert again.json() == {"ok": True, "message": "您还没有赞过这条评论", "liked": False, "likes": 1}
    assert list(CommentLike.objects.values_list("ip_address", flat=True)) == [OTHER_IP]
    assert like(approved_comment.pk).json()["likes"] == 2


def test_a_logged_in_reader_takes_back_only_their_own_like(client, approved_comment, like):
    like(approved_comment.pk)  # anonymous, from READER_IP
    client.force_login(UserFactory(username="dave"))
    like(approved_comment.pk)

    assert unlike_as(client, approved_comment.pk).json()["message"] == "已取消点赞"
    assert unlike_as(client, approved_comment.pk).json()["message"] == "您还没有赞过这条评论"
    assert like_count(approved_comment) == 1
    assert CommentLike.objects.get().user is None


def test_a_missing_comment_answers_json_when_json_was_asked(db, client, like):
    response = like(999_999)

    assert response.status_code == 404
    assert response.json() == {"ok": False, "message": "这条评论不存在或已不再显示。"}
    assert client.post(reverse("comments:like", args=[999_999])).status_code == 404


def test_the_database_refuses_a_second_like_from_the_same_reader(approved_comment):
    CommentLike.objects.create(comment=approved_comment, ip_address=READER_IP)

    with pytest.raises(IntegrityError):
        CommentLike.objects.create(comment=approved_comment, ip_address=READER_IP)


def test_hidden_missing_and_unpublished_comments_cannot_be_liked(article, like):
    from articles.models import Article

    pending = CommentFactory(article=article, status=Comment.Status.PENDING)
    draft = CommentFactory(article=ArticleFactory(status=Article.Status.DRAFT))
    under_pending = CommentFactory(article=article, parent=pending)

    for comment_id in (pending.pk, draft.pk, under_pending.pk, 999_999, 10**20):
        assert like(comment_id).status_code == 404
    assert not CommentLike.objects.exists()


def test_likes_are_rate_limited_per_address(article, like, settings):
    settings.COMMENT_LIKE_RATE_LIMIT = 2
    comments = [CommentFactory(article=article) for _ in range(3)]

    answers = [like(comment.pk) for comment in comments]

    assert [answer.status_code for answer in answers] == [200, 200, 429]
    assert answers[2].json()["message"] == "点赞太频繁了，请休息一分钟再来。"
    assert like(comments[2].pk, ip=OTHER_IP).status_code == 200


def test_without_javascript_a_small_page_carries_the_like_button(client, approved_comment, like):
    page = client.get(reverse("comments:like", args=[approved_comment.pk])).content.decode()
    assert "csrfmiddlewaretoken" in page and "家乡越来越好了" in page

    answer = like(approved_comment.pk, as_json=False).content.decode()
    assert "点赞成功（共 1 个赞）" in answer


def test_the_article_page_shows_like_counts_and_links(client, article, approved_comment):
    CommentLike.objects.create(comment=approved_comment, ip_address=READER_IP)
    Comment.objects.filter(pk=approved_comment.pk).update(like_count=1)

    html = client.get(article.get_absolute_url()).content.decode()

    assert f'href="{reverse("comments:like", args=[approved_comment.pk])}"' in html
    assert 'class="comment-like-count">1<' in html


# The page is cached whole for every reader; a like makes it stale, and
# nothing else: lists showing the article's card stay cached.


def cached(client, url):
    client.get(url)
    response = client.get(url)
    assert response[HEADER] == "HIT"
    return response


def test_a_like_makes_the_article_page_stale_and_leaves_lists_alone(client, article, approved_comment, like):
    cached(client, article.get_absolute_url())
    cached(client, "/")

    like(approved_comment.pk)

    page = client.get(article.get_absolute_url())
    assert page[HEADER] == "MISS"
    assert 'class="comment-like-count">1<' in page.content.decode()
    assert client.get("/")[HEADER] == "HIT"


def test_likes_in_a_burst_make_the_page_stale_once_and_show_when_the_burst_ends(
    client, article, approved_comment, like, monkeypatch
):
    # Long enough for a loaded test machine to send the second like within it.
    monkeypatch.setattr(likes, "SHOWN_WITHIN", 4)
    cached(client, article.get_absolute_url())
    like(approved_comment.pk)
    during = client.get(article.get_absolute_url())
    assert during[HEADER] == "MISS"
    # Built during the burst: shared for the rest of it only.
    assert during["Cache-Control"].startswith("public, max-age=0, s-maxage=")
    assert int(during["Cache-Control"].split("s-maxage=")[1].split(",")[0]) <= 4

    like(approved_comment.pk, ip=OTHER_IP)
    assert client.get(article.get_absolute_url())[HEADER] == "HIT"

    import time

    time.sleep(4.1)
    after = client.get(article.get_absolute_url())
    assert after[HEADER] == "MISS"
    assert 'class="comment-like-count">2<' in after.content.decode()


def test_a_like_announces_which_article_changed(approved_comment, like):
    from comments.signals import likes_changed

    heard = []
    likes_changed.connect(lambda sender, article_ids, **kw: heard.append(article_ids), weak=False, dispatch_uid="t")
    try:
        like(approved_comment.pk)
        like(approved_comment.pk)  # not counted: nothing changed
    finally:
        likes_changed.disconnect(dispatch_uid="t")

    assert heard == [[approved_comment.article_id]]


def test_taking_back_a_like_makes_the_article_page_stale(client, article, approved_comment, like):
    CommentLike.objects.create(comment=approved_comment, ip_address=READER_IP)
    Comment.objects.filter(pk=approved_comment.pk).update(like_count=1)
    cached(client, article.get_absolute_url())

    unlike_as(client, approved_comment.pk)

    page = client.get(article.get_absolute_url())
    assert page[HEADER] == "MISS"
    assert 'class="comment-like-count">0<' in page.content.decode()
