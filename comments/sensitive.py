"""Sensitive-word matching for Chinese comments (敏感词).

Chinese has no word boundaries and evaders write 敏@感, 敏 感, ｍｉｎ or MiN, so
both the word list and the comment are normalized the same way before
matching: NFKC folds full-width and compatibility forms, casefold folds case,
and every character that is not a letter or digit (punctuation, symbols,
spaces, control and combining marks) is dropped. The normalized text keeps a
map back to the original positions, so "replace" stars exactly the characters
the reader typed.

Matching is one pass of an Aho-Corasick automaton (pyahocorasick), built once
per word-list version in each process; see ``comments.signals`` for how the
version moves.
"""

import threading
import unicodedata
import uuid
from dataclasses import dataclass, field

import ahocorasick
from django.core.cache import cache

from comments.models import SensitiveWord

VERSION_KEY = "comments:sensitive-words:version"
STAR = "＊"
# Unicode general categories that are never part of a word: Punctuation,
# Symbol, separator (Z), Control/format (C) and combining Marks.
_DROPPED_CATEGORIES = frozenset("PSZCM")
# Each distinct character is normalized once per process; real text uses a
# few thousand distinct characters, the cap only guards against abuse.
_char_cache = {}
_CHAR_CACHE_LIMIT = 50_000


def _normalize_char(ch):
    folded = unicodedata.normalize("NFKC", ch).casefold()
    return "".join(c for c in folded if unicodedata.category(c)[0] not in _DROPPED_CATEGORIES)


def normalize(text):
    """Return (normalized text, original index of each normalized character)."""
    pieces, positions = [], []
    for index, ch in enumerate(text):
        piece = _char_cache.get(ch)
        if piece is None:
            piece = _normalize_char(ch)
            if len(_char_cache) < _CHAR_CACHE_LIMIT:
                _char_cache[ch] = piece
        if not piece:
            continue
        pieces.append(piece)
        if len(piece) == 1:
            positions.append(index)
        else:
            positions.extend([index] * len(piece))
    return "".join(pieces), positions


@dataclass(frozen=True)
class Match:
    word: str
    action: str
    original_positions: frozenset


@dataclass
class Verdict:
    """What the word list says about one text."""

    text: str
    matches: list = field(default_factory=list)

    def _has(self, action):
        return any(m.action == action for m in self.matches)

    @property
    def rejected(self):
        return self._has(SensitiveWord.Action.REJECT)

    @property
    def held(self):
        return self._has(SensitiveWord.Action.HOLD)

    def cleaned_text(self):
        """The text with every character of a "replace" word turned into ＊."""
        starred = set()
        for match in self.matches:
            if match.action == SensitiveWord.Action.REPLACE:
                starred |= match.original_positions
        if not starred:
            return self.text
        return "".join(STAR if i in starred else ch for i, ch in enumerate(self.text))

    def matched_words(self):
        """Each matched word once with its action, in order of first appearance (JSON-ready)."""
        seen = {}
        for match in self.matches:
            seen.setdefault(match.word, {"word": match.word, "action": match.action})
        return list(seen.values())


class _WordList:
    """The automaton of one word-list version, rebuilt when the version moves."""

    def __init__(self):
        # Not None: with the cache down current_version() is None, and a
        # process that never built the list must still build it once.
        self.version = object()
        self.automaton = None
        self.lock = threading.Lock()

    def get(self):
        version = current_version()
        if version != self.version:
            with self.lock:
                if version != self.version:
                    self.automaton = build_automaton(_load_words())
                    self.version = version
        return self.automaton


_word_list = _WordList()


def _load_words():
    return list(SensitiveWord.objects.values_list("word", "action"))


def build_automaton(words):
    """An automaton over normalized words; None when the list is empty."""
    automaton = ahocorasick.Automaton()
    for word, action in words:
        key, _ = normalize(word)
        if key:
            automaton.add_word(key, (word, action, len(key)))
    if len(automaton) == 0:
        return None
    automaton.make_automaton()
    return automaton


def check(text, automaton=None):
    """Match ``text`` against the current word list (or a given automaton)."""
    automaton = automaton if automaton is not None else _word_list.get()
    verdict = Verdict(text)
    if automaton is None:
        return verdict
    normalized, positions = normalize(text)
    for end, (word, action, length) in automaton.iter(normalized):
        span = frozenset(positions[end - length + 1 : end + 1])
        verdict.matches.append(Match(word, action, span))
    return verdict


def current_version():
    version = cache.get(VERSION_KEY)
    if version is None:
        # A cleared cache: agree on a fresh version across processes; add()
        # keeps whichever process wrote first.
        cache.add(VERSION_KEY, uuid.uuid4().hex, timeout=None)
        version = cache.get(VERSION_KEY)
    return version


def bump_word_list_version():
    cache.set(VERSION_KEY, uuid.uuid4().hex, timeout=None)
