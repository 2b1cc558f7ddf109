"""Chinese words for search: how documents and queries are split and compared.

PostgreSQL's parsers cannot split Chinese into words, so jieba does it here,
the same way for an article being indexed and for what a reader typed.
"""

import logging
import re
import unicodedata

import jieba

# jieba announces its dictionary loading on stderr at DEBUG level.
jieba.setLogLevel(logging.WARNING)

# A letter or digit of any script; punctuation and "_" alone are not words.
_WORD_CHARACTER = re.compile(r"[^\W_]")


def normalize(text: str | None) -> str:
    """Full-width letters and digits to ASCII, lower case: how both documents and queries are compared."""
    return unicodedata.normalize("NFKC", text or "").lower()


def is_word(token: str) -> bool:
    return bool(_WORD_CHARACTER.search(token))


def segment(text: str | None) -> list[str]:
    """The searchable words of ``text`` in order, sub-words included (安岳县 -> 安岳, 岳县, 安岳县)."""
    return [token for token in (t.strip() for t in jieba.cut_for_search(normalize(text))) if is_word(token)]


def load_dictionary() -> None:
    """Read jieba's dictionary now rather than on the first search.

    It costs about a second of CPU. newsportal/wsgi.py calls this when the
    site is loaded, which gunicorn does once in its master (``preload_app``),
    so every worker it forks shares the loaded dictionary instead of each
    reading it again on its first search and after every recycle.
    """
    jieba.initialize()
