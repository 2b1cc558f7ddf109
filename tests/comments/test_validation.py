"""A rejected comment keeps what the reader typed and says what is wrong."""

import pytest

from comments.models import Comment


@pytest.mark.parametrize(
    "fields, field, message",
    [
        ({"body": "好"}, "body", "评论至少需要 2 个字。"),
        ({"body": "长" * 1001}, "body", "评论不能超过 1000 个字（现在 1001 个字）。"),
        ({"body": ""}, "body", "请填写评论内容。"),
        ({"nickname": "  "}, "nickname", "请填写昵称。"),
    ],
)
def test_each_rule_names_the_problem(article, post_comment, fields, field, message):
    response = post_comment(article, **fields)

    assert response.status_code == 400
    assert response.json()["errors"][field] == [message]
    assert not Comment.objects.exists()


def test_the_limits_follow_the_settings(article, post_comment, settings):
    settings.COMMENT_MIN_LENGTH = 5
    response = post_comment(article, body="四个字的")

    assert response.json()["errors"]["body"] == ["评论至少需要 5 个字。"]


def test_the_page_without_javascript_shows_the_error_and_keeps_the_input(article, post_comment):
    response = post_comment(article, as_json=False, nickname="小李 & 朋友", body="好")
    html = response.content.decode()

    assert response.status_code == 400
    assert "评论至少需要 2 个字。" in html
    assert 'value="小李 &amp; 朋友"' in html
    assert ">好</textarea>" in html
    assert "csrfmiddlewaretoken" in html
