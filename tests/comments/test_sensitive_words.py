"""The word list: replace with ＊, hold for review, or reject, despite evasions."""

import pytest

from comments import folding, sensitive
from comments.models import Comment, SensitiveWord

EVASIONS = ["敏感词", "敏@感@词", "敏 感 词", "敏\u200b感词", "敏．感。词"]


@pytest.fixture
def words(db):
    SensitiveWord.objects.create(word="敏感词", action=SensitiveWord.Action.REPLACE)
    SensitiveWord.objects.create(word="MIN", action=SensitiveWord.Action.REPLACE)
    SensitiveWord.objects.create(word="发票", action=SensitiveWord.Action.HOLD)
    SensitiveWord.objects.create(word="赌博网站", action=SensitiveWord.Action.REJECT)


def test_normalizing_folds_width_and_case_and_drops_separators():
    text = "Ａ b—Ｃ！敏 感"
    normalized, positions = folding.normalize(text)

    assert normalized == "abc敏感"
    assert [text[i] for i in positions] == ["Ａ", "b", "Ｃ", "敏", "感"]


@pytest.mark.parametrize("written", EVASIONS)
def test_replace_stars_the_original_characters(words, article, post_comment, written):
    post_comment(article, body=f"这条评论有{written}呢")

    comment = Comment.objects.get()
    assert "敏" not in comment.body and "感" not in comment.body and "词" not in comment.body
    assert comment.body.count("＊") == 3
    assert comment.body.startswith("这条评论有＊") and comment.body.endswith("＊呢")
    assert comment.matched_words == [{"word": "敏感词", "action": "replace"}]


@pytest.mark.parametrize(
    "written, shown",
    [("min", "＊＊＊"), ("MiN", "＊＊＊"), ("ｍｉｎ", "＊＊＊"), ("Ｍ-I-Ｎ", "＊-＊-＊")],
)
def test_case_and_full_width_letters_are_caught(words, article, post_comment, written, shown):
    post_comment(article, body=f"看{written}看")

    assert Comment.objects.get().body == f"看{shown}看"


def test_hold_keeps_the_comment_pending_and_shows_the_word(words, article, post_comment):
    response = post_comment(article, body="哪里能开发 票？")

    assert response.json()["message"] == "评论已提交，审核通过后显示"
    comment = Comment.objects.get()
    assert comment.status == Comment.Status.PENDING
    assert comment.body == "哪里能开发 票？"
    assert comment.held_words == ["发票"]


@pytest.mark.parametrize("written", ["赌博网站", "赌*博*网*站", "赌 博 网 站"])
def test_reject_refuses_the_comment_and_saves_nothing(words, article, post_comment, written):
    response = post_comment(article, body=f"推荐一个{written}给大家")

    assert response.status_code == 400
    assert response.json()["errors"]["body"] == ["内容含有不允许发表的词语，请修改后再提交。"]
    assert not Comment.objects.exists()


def test_a_nickname_with_a_listed_word_is_refused(words, article, post_comment):
    response = post_comment(article, nickname="发票代开")

    assert response.json()["errors"]["nickname"] == ["昵称含有不允许使用的词语，请换一个。"]


def test_a_word_added_in_the_admin_applies_to_the_next_comment(words, article, post_comment):
    post_comment(article, body="第一次提到乐至")
    assert Comment.objects.get().body == "第一次提到乐至"

    SensitiveWord.objects.create(word="乐至", action=SensitiveWord.Action.REPLACE)
    post_comment(article, body="第二次提到乐至")

    assert Comment.objects.get(body__startswith="第二次").body == "第二次提到＊＊"


def test_a_deleted_word_stops_matching(words, article, post_comment):
    SensitiveWord.objects.filter(word="敏感词").get().delete()

    post_comment(article, body="这条评论有敏感词呢")

    assert Comment.objects.get().body == "这条评论有敏感词呢"


def test_matched_words_show_in_the_moderation_queue(words, article, post_comment, client, moderator):
    post_comment(article, body="哪里能开发票？敏感词")
    client.force_login(moderator)

    html = client.get("/admin/comments/comment/").content.decode()

    assert "发票（待审）" in html
    assert "敏感词（已替换）" in html


def test_every_app_server_rebuilds_its_matcher_after_a_change(words):
    other_server = sensitive._WordList()
    assert not sensitive.check("乐至", other_server.get()).matches

    SensitiveWord.objects.create(word="乐至", action=SensitiveWord.Action.HOLD)

    assert sensitive.check("乐至", other_server.get()).held
