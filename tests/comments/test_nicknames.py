"""An anonymous reader picks a nickname; staff titles, the site's name and
hidden direction controls are refused, and the form keeps what was typed."""

import pytest

from comments.models import Comment
from comments.nicknames import HIDDEN_CHARACTERS_MESSAGE, IMPERSONATION_MESSAGE
from tests.factories import UserFactory


@pytest.mark.parametrize("nickname", ["乐至老张", "Badminton爱好者", "creditor", "编程爱好者", "Rootless", "老管理"])
def test_ordinary_nicknames_are_accepted(article, post_comment, nickname):
    assert post_comment(article, nickname=nickname).status_code == 201


def test_a_staff_title_is_refused_with_a_chinese_message_and_the_form_keeps_the_text(article, post_comment):
    response = post_comment(article, as_json=False, nickname="本站编辑", body="我说两句")

    html = response.content.decode()
    assert response.status_code == 400
    assert "工作人员的称呼" in html
    assert 'value="本站编辑"' in html and "我说两句" in html
    assert not Comment.objects.exists()


def test_the_site_name_is_refused(article, post_comment, settings):
    settings.SITE_NAME = "乐至新闻网"

    response = post_comment(article, nickname="乐至新闻网 小王")

    assert response.json()["errors"]["nickname"] == [IMPERSONATION_MESSAGE]


def test_a_nickname_with_a_direction_control_is_refused(article, post_comment):
    response = post_comment(article, nickname="老张\u202e说了")

    assert response.json()["errors"]["nickname"] == [HIDDEN_CHARACTERS_MESSAGE]


def test_an_emoji_nickname_with_a_joiner_is_fine(article, post_comment):
    assert post_comment(article, nickname="一家人👨\u200d👩\u200d👧").status_code == 201


def test_a_logged_in_member_of_staff_comments_under_their_username(article, post_comment, client):
    client.force_login(UserFactory(username="admin"))

    assert post_comment(article).status_code == 201
    assert Comment.objects.get().nickname == "admin"
