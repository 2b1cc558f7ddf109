"""Sensitive-word matching for Chinese comments (敏感词).

Both the word list and the comment are folded the same way first (see
``comments.folding``: width, case, separators, invisible characters,
traditional characters and look-alikes). Each word is then looked for three
ways, one Aho-Corasick automaton (pyahocorasick) each:

- as written, for words with letters or digits in them (qq群, 加v信);
- among the comment's Han characters only, for all-Han words, so letters and
  digits slipped between the characters (代a开发票) do not hide a word;
  at most ``MAX_GAP`` of them between two characters, so a word is not
  assembled from characters far apart;
- in pinyin, for words marked 拼音匹配: the word's syllables and, for three
  or more, their initials (daikaifapiao, dkfp), against the comment spelled
  in pinyin, so pinyin, half pinyin (代kai发票) and homophones (加薇信)
  match. A match must start and end on a syllable and not inside a run of
  typed letters, so lhc is not found in "lhcx" nor shuadan across syllables.

A word's homophone variants (谐音变体) are matched like words and count as it.
The automata are built once per word-list version in each process; see
``comments.signals`` for how the version moves.
"""

import threading
import uuid
from dataclasses import dataclass, field

import ahocorasick
from django.core.cache import cache

from comments.folding import Folded, fold, initials, is_han, spellings
from comments.models import SensitiveWord

VERSION_KEY = "comments:sensitive-words:version"
STAR = "＊"
MAX_GAP = 3
# When two entries fold to the same key, the stricter action wins.
_STRICTNESS = {SensitiveWord.Action.REPLACE: 0, SensitiveWord.Action.HOLD: 1, SensitiveWord.Action.REJECT: 2}


@dataclass(frozen=True)
class Match:
    word: str
    action: str
    folded: Folded = field(repr=False, compare=False)
    # Indices in folded.text of the characters that matched.
    indices: object = field(repr=False, compare=False)

    @property
    def original_positions(self):
        """The reader's characters that matched (worked out only for starring)."""
        return self.folded.original_span(self.indices)


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
        chars = list(self.text)
        for i in starred:
            chars[i] = STAR
        return "".join(chars)

    def matched_words(self):
        """Each matched word once with its action, in order of first appearance (JSON-ready)."""
        seen = {}
        for match in self.matches:
            seen.setdefault(match.word, {"word": match.word, "action": match.action})
        return list(seen.values())


class _WordList:
    """The matcher of one word-list version, rebuilt when the version moves."""

    def __init__(self):
        # Not None: with the cache down current_version() is None, and a
        # process that never built the list must still build it once.
        self.version = object()
        self.matcher = None
        self.lock = threading.Lock()

    def get(self):
        version = current_version()
        if version != self.version:
            with self.lock:
                if version != self.version:
                    self.matcher = build_matcher(_load_words())
                    self.version = version
        return self.matcher


_word_list = _WordList()


def _load_words():
    return [
        WordSpec(word, action, match_pinyin, SensitiveWord.split_variants(variants))
        for word, action, match_pinyin, variants in SensitiveWord.objects.values_list(
            "word", "action", "match_pinyin", "variants"
        )
    ]


@dataclass(frozen=True)
class WordSpec:
    word: str
    action: str
    match_pinyin: bool = False
    variants: tuple = ()


class Matcher:
    """The three automata of one word list (see the module docstring)."""

    def __init__(self):
        self.plain = ahocorasick.Automaton()
        self.han = ahocorasick.Automaton()
        self.spelled = ahocorasick.Automaton()

    def add(self, spec):
        for written in (spec.word, *spec.variants):
            key = fold(written)
            if key and all(is_han(ch) for ch in key):
                self._add(self.han, key, spec)
            elif key:
                self._add(self.plain, key, spec)
        key = fold(spec.word)
        if spec.match_pinyin and key:
            for syllables in spellings(key):
                self._add(self.spelled, "".join(syllables), spec, _starts(syllables))
            if all(is_han(ch) for ch in key) and len(key) >= 3:
                self._add(self.spelled, initials(key), spec)

    @staticmethod
    def _add(automaton, key, spec, syllable_starts=None):
        kept = automaton.get(key, None)
        if kept is None or _STRICTNESS[spec.action] > _STRICTNESS[kept[1]]:
            automaton.add_word(key, (spec.word, spec.action, len(key), syllable_starts))

    def finish(self):
        automata = [a for a in (self.plain, self.han, self.spelled) if len(a)]
        for automaton in automata:
            automaton.make_automaton()
        return self if automata else None

    def find(self, folded):
        """Every match in a ``Folded`` text, each with the reader's characters it covers."""
        if len(self.plain) and folded.text:
            for end, (word, action, length, _) in self.plain.iter(folded.text):
                yield Match(word, action, folded, range(end - length + 1, end + 1))
        if len(self.han) and folded.han:
            for end, (word, action, length, _) in self.han.iter(folded.han):
                at = folded.han_index[end - length + 1 : end + 1]
                if all(b - a <= MAX_GAP + 1 for a, b in zip(at, at[1:])):
                    yield Match(word, action, folded, at)
        if len(self.spelled) and folded.text:
            for end, (word, action, length, starts) in self.spelled.iter(folded.spelled):
                start = end - length + 1
                first, last = folded.spelled_char(start), folded.spelled_char(end)
                if _on_syllables(folded, start, end, first, last, starts):
                    yield Match(word, action, folded, range(first, last + 1))


def _starts(syllables):
    """Offsets at which each syllable of a spelled word begins."""
    starts, at = set(), 0
    for syllable in syllables:
        starts.add(at)
        at += len(syllable)
    return frozenset(starts)


def _on_syllables(folded, start, end, first, last, syllable_starts):
    """Is spelled[start:end+1] (text[first:last+1] spelled) made of whole
    syllables that line up with the word's?

    Han characters spell whole syllables, which must begin where one of the
    word's does (书阿单 spells shuadan but is not 刷单: a syllable begins at
    "a"); typed letters are one unit each and may not continue a typed run
    beyond the match (lhc is not in "lhcx").
    """
    text = folded.text
    if folded.spelling_of(first)[0] != start or folded.spelling_of(last)[1] != end:
        return False
    typed_before = first > 0 and _is_latin(text[first]) and _is_latin(text[first - 1])
    typed_after = last + 1 < len(text) and _is_latin(text[last]) and _is_latin(text[last + 1])
    if typed_before or typed_after:
        return False
    return syllable_starts is None or all(
        folded.spelling_of(at)[0] - start in syllable_starts for at in range(first, last + 1) if is_han(text[at])
    )


def _is_latin(ch):
    return "a" <= ch <= "z"


def build_matcher(words):
    """A matcher for ``words`` (WordSpec, or (word, action) pairs); None when empty."""
    matcher = Matcher()
    for spec in words:
        matcher.add(spec if isinstance(spec, WordSpec) else WordSpec(*spec))
    return matcher.finish()


def check(text, matcher=None):
    """Match ``text`` against the current word list (or a given matcher)."""
    matcher = matcher if matcher is not None else _word_list.get()
    verdict = Verdict(text)
    if matcher is not None:
        verdict.matches.extend(matcher.find(Folded(text)))
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
