"""What a reader asked the search for: the words to match and the region to look in.

A query is segmented with jieba like the documents are (``search.words``).
Every word of the query must match, through any of its sub-words: 安岳县柠檬
becomes (安岳县 | 安岳 | 岳县) & 柠檬.
"""

import unicodedata
from dataclasses import dataclass, field

import jieba

from regions.models import Region
from search.words import is_word, normalize, segment

MAX_QUERY_LENGTH = 50
MAX_WORDS = 8

# Function words that would only make "every word must match" stricter.
STOP_WORDS = frozenset("的 了 和 与 及 或 在 是 也 就 都 而 之 对 把 被 从 向".split())


@dataclass
class SearchTerms:
    """What the reader asked for, cleaned: the text to show and the words to match."""

    text: str = ""
    truncated: bool = False
    groups: list = field(default_factory=list)  # one list of alternatives per query word

    @classmethod
    def parse(cls, raw: str | None) -> "SearchTerms":
        # Control and format characters (NUL included, which PostgreSQL refuses) go first.
        text = "".join(ch for ch in " ".join((raw or "").split()) if not unicodedata.category(ch).startswith("C"))
        truncated = len(text) > MAX_QUERY_LENGTH
        text = text[:MAX_QUERY_LENGTH]
        groups = []
        for word in _query_words(text):
            alternatives = sorted({word, *segment(word)}, key=len, reverse=True)
            if alternatives not in groups:
                groups.append(alternatives)
        return cls(text=text, truncated=truncated, groups=groups[:MAX_WORDS])

    @property
    def words(self) -> set[str]:
        """Every word worth highlighting (the Highlighter marks the longest one at each place)."""
        return {word for group in self.groups for word in group}

    def __bool__(self) -> bool:
        return bool(self.groups)


def _query_words(text: str) -> list[str]:
    words = [w.strip() for w in jieba.cut(normalize(text))]
    return [w for w in words if is_word(w) and w not in STOP_WORDS]


def find_region(value: str | None) -> Region | None:
    """The active region named by an adcode (512022) or a channel path (sichuan/ziyang/lezhi)."""
    value = (value or "").strip().strip("/")
    if not value:
        return None
    lookup = {"adcode": value} if value.isdigit() else {"path": value}
    return Region.objects.active().filter(**lookup).first()
