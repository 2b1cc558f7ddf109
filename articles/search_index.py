"""The search document of an article: its words, segmented by jieba.

PostgreSQL's parsers cannot split Chinese into words, so the words are found
in Python with jieba and stored, space-separated, in ``Article.search_document``.
The first line holds the title's words and the second line the summary's and
body's, so the database can give title words the higher weight.

The words are also stored as a weighted tsvector,
``Article.search_vector``, under a GIN index. Storing it rather than indexing
an expression matters for ranking: ``ts_rank`` reads the stored vector instead
of re-parsing every matching document (bench/search_latency.py, 5,000
articles, 安岳柠檬 with 616 hits: 552 ms with an expression index, 5 ms
stored).

Both are refreshed by the ``index_article_for_search`` signal handler
(``articles.signals``) and in bulk by ``manage.py rebuild_search_index``.
"""

import html
import logging
import re
import unicodedata
from contextlib import contextmanager

import jieba
import nh3
from django.contrib.postgres.search import SearchVector
from django.db import connection
from django.db.models import F, Func, IntegerField, TextField, Value

# jieba announces its dictionary loading on stderr at DEBUG level.
jieba.setLogLevel(logging.WARNING)

FIELD_SEPARATOR = "\n"
SEARCH_CONFIG = "simple"
SEARCH_INDEX = "article_search_gin"  # the GIN index on Article.search_vector
# A letter or digit of any script; punctuation and "_" alone are not words.
_WORD_CHARACTER = re.compile(r"[^\W_]")


def normalize(text):
    """Full-width letters and digits to ASCII, lower case: how both documents and queries are compared."""
    return unicodedata.normalize("NFKC", text or "").lower()


def is_word(token):
    return bool(_WORD_CHARACTER.search(token))


def segment(text):
    """The searchable words of ``text`` in order, sub-words included (安岳县 -> 安岳, 岳县, 安岳县)."""
    return [token for token in (t.strip() for t in jieba.cut_for_search(normalize(text))) if is_word(token)]


def plain_text(rich_text):
    """Text of a sanitized HTML body, entities decoded and whitespace collapsed.

    nh3 allowing no tag strips them all (and drops what a script or style
    would hold) a few times faster than Django's strip_tags, which parses in
    Python: search shows a snippet of a body for every result on a page.
    """
    return " ".join(html.unescape(nh3.clean(rich_text or "", tags=set())).split())


def build_search_document(title, summary, body):
    title_words = " ".join(segment(title))
    text_words = " ".join(segment(f"{summary or ''} {plain_text(body)}"))
    return f"{title_words}{FIELD_SEPARATOR}{text_words}"


def _document_part(document, number):
    return Func(
        document,
        Value(FIELD_SEPARATOR),
        Value(number, output_field=IntegerField()),
        function="split_part",
        output_field=TextField(),
    )


def weighted_vector(document):
    """The tsvector of a search document: title words weigh A, the rest B.

    ``document`` is an expression: ``Value(text)`` for one article being
    saved, ``F("search_document")`` to recompute many in one UPDATE.
    """
    title = SearchVector(_document_part(document, 1), config=SEARCH_CONFIG, weight="A")
    text = SearchVector(_document_part(document, 2), config=SEARCH_CONFIG, weight="B")
    return title + text


def refresh_search_document(article):
    """Store the article's current words (and vector); one UPDATE, none if nothing changed."""
    document = build_search_document(article.title, article.summary, article.body)
    if document == article.search_document:
        return
    article.search_document = document
    type(article).objects.filter(pk=article.pk).update(
        search_document=document, search_vector=weighted_vector(Value(document, output_field=TextField()))
    )


def refresh_search_vectors(queryset):
    """Recompute the stored tsvector from the stored words, in one UPDATE."""
    queryset.update(search_vector=weighted_vector(F("search_document")))


def rebuild_search_index(queryset, batch_size=500):
    """Recompute the words of every article in ``queryset``, then their vectors; returns how many words changed."""
    changed = []
    total = 0
    for article in queryset.only("pk", "title", "summary", "body", "search_document").iterator(chunk_size=batch_size):
        document = build_search_document(article.title, article.summary, article.body)
        if document != article.search_document:
            article.search_document = document
            changed.append(article)
        if len(changed) >= batch_size:
            total += _save_documents(queryset.model, changed, batch_size)
            changed = []
    total += _save_documents(queryset.model, changed, batch_size)
    refresh_search_vectors(queryset)
    return total


@contextmanager
def bulk_index_writes():
    """For a bulk load or rebuild: let search's GIN index collect new entries
    and merge them in bulk, as PostgreSQL does by default, then go back to
    writing each save's entries at once (migration 0008) with nothing left
    pending. Written one article at a time they take 0.54 ms each instead of
    0.18 ms: 6 minutes more for a million articles.

    Changing the setting locks the index for a moment. Inside a transaction
    that lock would last until the commit and hold up every search, so there
    the setting is left alone.
    """
    if connection.in_atomic_block:
        yield
        return
    with connection.cursor() as cursor:
        cursor.execute(f"ALTER INDEX {SEARCH_INDEX} SET (fastupdate = on)")
    try:
        yield
    finally:
        with connection.cursor() as cursor:
            cursor.execute(f"ALTER INDEX {SEARCH_INDEX} SET (fastupdate = off)")
            cursor.execute("SELECT gin_clean_pending_list(%s::regclass)", [SEARCH_INDEX])


def _save_documents(model, articles, batch_size):
    model.objects.bulk_update(articles, ["search_document"], batch_size=batch_size)
    return len(articles)
