"""How a text is folded before it is compared with the word list, a reserved
nickname or an earlier comment.

Evaders write 敏@感, 敏 感, ｍｉｎ, 代開發票, 赌\u3164博 or 祼聊, so every
character is folded the same way on both sides: NFKC (full-width and
compatibility forms), case folding, dropping what is never part of a word
(punctuation, symbols, spaces, controls, combining marks and Unicode's
default-ignorable characters, among them the Hangul fillers that are letters
but show as blank space), traditional to simplified (OpenCC's character table)
and the small look-alike table in ``data/confusables.tsv``.

A folded text is read three ways (see ``comments.sensitive``): as it is; as
its Han characters only, so letters and digits slipped between the characters
of a Chinese word are skipped; and spelled in pinyin, each Han character
replaced by its toneless syllable.

Each distinct character is folded once per process and kept in a
``str.translate`` table, so folding a comment runs in C; the map back to the
reader's characters is only built when something matched.
"""

import re
import unicodedata
from bisect import bisect_right
from functools import cached_property
from itertools import accumulate, compress, count
from pathlib import Path

import opencc
from pypinyin import Style, lazy_pinyin

CONFUSABLES_FILE = Path(__file__).resolve().parent / "data" / "confusables.tsv"
# Punctuation, Symbols, separators (Z), Control/format (C), combining Marks.
_DROPPED_CATEGORIES = frozenset("PSZCM")
# Unicode's Default_Ignorable_Code_Point ranges (DerivedCoreProperties.txt):
# invisible by definition. Most are also format controls or marks; U+115F,
# U+1160, U+3164 and U+FFA0 are Hangul fillers, letters by category.
_IGNORABLE_RANGES = [
    (0x00AD, 0x00AD),
    (0x034F, 0x034F),
    (0x061C, 0x061C),
    (0x115F, 0x1160),
    (0x17B4, 0x17B5),
    (0x180B, 0x180F),
    (0x200B, 0x200F),
    (0x202A, 0x202E),
    (0x2060, 0x206F),
    (0x3164, 0x3164),
    (0xFE00, 0xFE0F),
    (0xFEFF, 0xFEFF),
    (0xFFA0, 0xFFA0),
    (0xFFF0, 0xFFF8),
    (0x1BCA0, 0x1BCA3),
    (0x1D173, 0x1D17A),
    (0xE0000, 0xE0FFF),
]
# Characters that reorder the text around them (bidi embeddings, overrides,
# isolates and marks): a nickname carrying one can display as something else.
BIDI_CONTROLS = frozenset("\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
# CJK Unified Ideographs, Extension A and Extensions B onwards.
_HAN = "\u3400-\u4dbf\u4e00-\u9fff\U00020000-\U0003134f"
_HAN_CHAR = re.compile(f"[{_HAN}]")
_NOT_HAN = re.compile(f"[^{_HAN}]+")
# Real text uses a few thousand distinct characters; the cap only guards the
# tables against a flood of rare ones.
_TABLE_LIMIT = 50_000


def is_ignorable(ch):
    code = ord(ch)
    return any(low <= code <= high for low, high in _IGNORABLE_RANGES)


def is_han(ch):
    return _HAN_CHAR.fullmatch(ch) is not None


def load_confusables(path=CONFUSABLES_FILE):
    """{look-alike: real character} from the data file (# starts a comment line)."""
    table = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        typed, real, *_ = line.split("\t")
        table[typed] = real
    return table


_to_simplified = opencc.OpenCC("t2s")
_confusables = load_confusables()


def fold_char(ch):
    kept = []
    for c in unicodedata.normalize("NFKC", ch).casefold():
        if unicodedata.category(c)[0] in _DROPPED_CATEGORIES or is_ignorable(c):
            continue
        c = _to_simplified.convert(c)
        kept.append(_confusables.get(c, c))
    return "".join(kept)


def spell_char(ch):
    """A Han character's toneless pinyin (发 -> fa); anything else as it is."""
    return lazy_pinyin(ch)[0] if is_han(ch) else ch


class _TranslateTable(dict):
    """A ``str.translate`` table that fills itself on first sight of a character."""

    def __init__(self, function):
        super().__init__()
        self.function = function

    def __missing__(self, codepoint):
        value = self.function(chr(codepoint))
        if len(self) < _TABLE_LIMIT:
            self[codepoint] = value
        return value


_FOLD = _TranslateTable(fold_char)
_SPELL = _TranslateTable(spell_char)
# Each character's folded length as a code point; for the folded text, each
# character's spelled length plus _HAN_FLAG for a Han character. The index
# maps below come from these strings through C tools (bytes.translate,
# itertools), not through a Python loop over the text.
_HAN_FLAG = 0x80
_FOLD_LENGTH = _TranslateTable(lambda ch: chr(len(_FOLD[ord(ch)])))
_SPELL_CODE = _TranslateTable(lambda ch: chr(len(_SPELL[ord(ch)]) | (_HAN_FLAG if is_han(ch) else 0)))
_CODE_TO_LENGTH = bytes(code & ~_HAN_FLAG for code in range(256))
_CODE_TO_HAN = bytes(code >> 7 for code in range(256))


def fold(text):
    return text.translate(_FOLD)


def spell(folded_text):
    """A folded text in pinyin, syllables run together (加微信 -> jiaweixin)."""
    return folded_text.translate(_SPELL)


def spellings(folded_word):
    """A word's syllables character by character, as a comment is spelled, and
    as a whole word, which for a polyphone can differ (银行: yin-xing, yin-hang)."""
    return {tuple(spell(ch) for ch in folded_word), tuple(lazy_pinyin(folded_word))}


def initials(folded_text):
    """First letters of a folded all-Han text's syllables (代开发票 -> dkfp)."""
    return "".join(lazy_pinyin(folded_text, style=Style.FIRST_LETTER))


class Folded:
    """One text folded, readable as it is, as Han only, or spelled in pinyin,
    with the way back from each reading to the characters the reader typed.

    The maps back are built on first use: a comment without a match needs none.
    """

    def __init__(self, text):
        self.original = text
        self.text = fold(text)

    @cached_property
    def han(self):
        return _NOT_HAN.sub("", self.text)

    @cached_property
    def _spell_codes(self):
        return self.text.translate(_SPELL_CODE).encode("latin-1")

    @cached_property
    def han_index(self):
        """For each character of ``han``, its index in ``text``."""
        return list(compress(count(), self._spell_codes.translate(_CODE_TO_HAN)))

    @cached_property
    def spelled(self):
        return spell(self.text)

    @cached_property
    def _fold_ends(self):
        """For each original character, where its folded piece ends in ``text``."""
        return list(accumulate(self.original.translate(_FOLD_LENGTH).encode("latin-1")))

    @cached_property
    def _spell_ends(self):
        """For each character of ``text``, where its spelling ends in ``spelled``."""
        return list(accumulate(self._spell_codes.translate(_CODE_TO_LENGTH)))

    def original_index(self, at):
        """The index in the reader's text of ``text[at]``."""
        return bisect_right(self._fold_ends, at)

    def original_span(self, folded_indices):
        return frozenset(map(self.original_index, folded_indices))

    @property
    def positions(self):
        return [self.original_index(at) for at in range(len(self.text))]

    def spelled_char(self, at):
        """The index in ``text`` of the character that ``spelled[at]`` spells."""
        return bisect_right(self._spell_ends, at)

    def spelling_of(self, index):
        """Where ``text[index]``'s spelling starts and ends (inclusive) in ``spelled``."""
        end = self._spell_ends[index]
        return (self._spell_ends[index - 1] if index else 0), end - 1


def normalize(text):
    """Return (folded text, original index of each folded character)."""
    folded = Folded(text)
    return folded.text, folded.positions
