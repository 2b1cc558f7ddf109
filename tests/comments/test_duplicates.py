"""The same words twice on the same article within minutes are refused."""

from datetime import timedelta

import pytest
from django.utils import timezone

from comments.models import Comment


def test_the_same_body_from_the_same_ip_is_refused(article, post_comment):
    post_comment(article, body="重复的评论内容")

    again = post_comment(article, nickname="换个昵称", body="重复的评论内容")

    assert again.status_code == 400
    assert again.json()["errors"]["__all__"] == ["您已经发表过相同的评论，请勿重复提交。"]
    assert Comment.objects.count() == 1


def test_the_same_body_from_the_same_nickname_on_another_ip_is_refused(article, post_comment):
    post_comment(article, ip="198.51.100.1", body="重复的评论内容")

    assert post_comment(article, ip="198.51.100.2", body="重复的评论内容").status_code == 400


def test_the_same_words_are_fine_later_or_elsewhere(article, post_comment):
    from tests.factories import ArticleFactory

    post_comment(article, body="重复的评论内容")
    Comment.objects.update(created_at=timezone.now() - timedelta(minutes=11))

    assert post_comment(article, body="重复的评论内容").status_code == 201
    assert post_comment(ArticleFactory(), body="重复的评论内容").status_code == 201


@pytest.mark.parametrize(
    "again",
    [
        "重复的评论内容。",
        "重复的评论内容！！！",
        "重复的 评论 内容",
        " 重复的评论内容\n",
        "重複的評論內容",
        "重复的评论，内容",
    ],
)
def test_punctuation_spaces_or_traditional_characters_do_not_make_a_comment_new(article, post_comment, again):
    post_comment(article, body="重复的评论内容")

    response = post_comment(article, body=again)

    assert response.status_code == 400
    assert response.json()["errors"]["__all__"] == ["您已经发表过相同的评论，请勿重复提交。"]


def test_different_words_or_different_emoji_only_comments_are_not_duplicates(article, post_comment):
    post_comment(article, body="重复的评论内容")
    post_comment(article, body="👍👍")

    assert post_comment(article, body="重复的评论内容呀").status_code == 201
    assert post_comment(article, body="👏👏").status_code == 201
