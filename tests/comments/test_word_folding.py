"""Invisible and look-alike characters do not hide a listed word (issue 23, item 8).

Hangul fillers are letters to Unicode but show as blank space, so 赌\u3164博
looks like "赌 博"; 祼 (a ritual, guàn) passes for 裸. Both are folded away
before matching, from a small look-alike table kept as a data file.
"""

import pytest

from comments import folding
from comments.models import Comment, SensitiveWord

INVISIBLE = {
    "\u115f": "Hangul choseong filler",
    "\u1160": "Hangul jungseong filler",
    "\u3164": "Hangul filler",
    "\uffa0": "half-width Hangul filler",
    "\u200b": "zero-width space",
    "\u200d": "zero-width joiner",
    "\u2060": "word joiner",
    "\ufeff": "zero-width no-break space",
    "\u00ad": "soft hyphen",
    "\u202e": "right-to-left override",
    "\u2066": "left-to-right isolate",
    "\u061c": "Arabic letter mark",
}


@pytest.fixture
def words(db):
    SensitiveWord.objects.create(word="赌博", action=SensitiveWord.Action.HOLD)
    SensitiveWord.objects.create(word="裸聊", action=SensitiveWord.Action.REPLACE)


@pytest.mark.parametrize("invisible", INVISIBLE, ids=INVISIBLE.values())
def test_an_invisible_character_between_the_characters_is_ignored(words, article, post_comment, invisible):
    post_comment(article, body=f"这里有人赌{invisible}博吗")

    assert Comment.objects.get().held_words == ["赌博"]


def test_a_look_alike_character_counts_as_the_real_one_and_is_starred(words, article, post_comment):
    post_comment(article, body="有人找我祼聊")

    comment = Comment.objects.get()
    assert comment.body == "有人找我＊＊"
    assert comment.matched_words == [{"word": "裸聊", "action": "replace"}]


def test_a_listed_look_alike_is_found_when_the_word_itself_is_written_with_it(db):
    SensitiveWord.objects.create(word="祼聊", action=SensitiveWord.Action.HOLD)

    from comments import sensitive

    assert sensitive.check("裸聊").held


def test_the_look_alike_table_is_a_data_file_every_line_of_which_folds():
    table = folding.load_confusables()

    assert table["祼"] == "裸"
    for typed, real in table.items():
        assert folding.fold(typed) == folding.fold(real), typed


def test_fillers_and_invisible_characters_fold_to_nothing():
    for invisible in INVISIBLE:
        assert folding.fold(f"a{invisible}b") == "ab"
