"""Search words and vectors for bench_seed's generated articles, without segmenting each one.

A generated article is glued from a small vocabulary (a place, a subject, an
event, a handful of sentences), and every piece ends in punctuation or is a
whole title. jieba segments the text between punctuation marks independently,
so the words of an article are the words of its pieces in order: each distinct
piece is segmented once and cached (at 1M articles: some 200,000 pieces instead
of 1,000,000 titles and 1,000,000 bodies).

The vector is written as tsvector text in the same COPY, so loading needs no
second pass over the table. It is what ``search.indexing.weighted_vector``
computes from the document: the ``simple`` configuration keeps every
space-separated word as one lexeme at the next position, title words weigh A,
and the text's positions continue after the title's. bench_seed checks a sample
against PostgreSQL's own computation after loading.
"""

from collections import defaultdict
from functools import lru_cache

from django.db.models import F

from search.indexing import FIELD_SEPARATOR, build_search_document, weighted_vector
from search.words import segment

# PostgreSQL keeps positions below 16384 and at most 256 per lexeme.
MAX_POSITION = 16383
MAX_POSITIONS_PER_LEXEME = 256


@lru_cache(maxsize=500_000)
def _words(piece):
    return tuple(segment(piece))


def _vector_entries(words, weight, first_position, entries):
    for offset, word in enumerate(words):
        positions = entries[word]
        if len(positions) < MAX_POSITIONS_PER_LEXEME:
            positions.append(f"{min(first_position + offset, MAX_POSITION)}{weight}")


def search_fields(title, text_pieces):
    """(search_document, search_vector as tsvector text) for a title and the pieces of its summary and body."""
    title_words = _words(title)
    text_words = [word for piece in text_pieces for word in _words(piece)]
    document = f"{' '.join(title_words)}{FIELD_SEPARATOR}{' '.join(text_words)}"
    entries = defaultdict(list)
    _vector_entries(title_words, "A", 1, entries)
    _vector_entries(text_words, "B", len(title_words) + 1, entries)
    # The vocabulary holds no quote or backslash, so a lexeme needs no escaping.
    vector = " ".join(f"'{word}':{','.join(positions)}" for word, positions in entries.items())
    return document, vector


def mismatches(articles):
    """Articles of ``articles`` whose stored words or vector differ from what saving them would store."""
    rows = articles.annotate(expected_vector=weighted_vector(F("search_document"))).values_list(
        "pk", "title", "summary", "body", "search_document", "search_vector", "expected_vector"
    )
    return [
        pk
        for pk, title, summary, body, document, vector, expected_vector in rows
        if document != build_search_document(title, summary, body) or vector != expected_vector
    ]
