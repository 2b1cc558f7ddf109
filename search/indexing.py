"""The search document of an article: its words, kept up to date on every save.

The words (``search.words``) are stored, space-separated, in
``Article.search_document``. The first line holds the title's words and the
second line the summary's and body's, so the database can give title words
the higher weight.

The words are also stored as a weighted tsvector,
``Article.search_vector``, under a GIN index. Storing it rather than indexing
an expression matters for ranking: ``ts_rank`` reads the stored vector instead
of re-parsing every matching document (bench/search_latency.py compares both).

Both are refreshed when an article is saved (``index_article_for_search``
below) and in bulk by ``manage.py rebuild_search_index``.
"""

from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from typing import Any

from django.contrib.postgres.search import SearchVector
from django.db import connection
from django.db.models import Expression, F, Func, IntegerField, QuerySet, TextField, Value
from django.db.models.expressions import CombinedExpression
from django.db.models.signals import post_save
from django.dispatch import receiver

from articles.models import Article
from articles.sanitize import plain_text
from search.words import segment

FIELD_SEPARATOR = "\n"
SEARCH_CONFIG = "simple"
SEARCH_INDEX = "article_search_gin"  # the GIN index on Article.search_vector
SEARCHED_FIELDS = {"title", "summary", "body"}


def build_search_document(title: str, summary: str | None, body: str | None) -> str:
    title_words = " ".join(segment(title))
    text_words = " ".join(segment(f"{summary or ''} {plain_text(body)}"))
    return f"{title_words}{FIELD_SEPARATOR}{text_words}"


def _document_part(document: Expression | F, number: int) -> Func:
    return Func(
        document,
        Value(FIELD_SEPARATOR),
        Value(number, output_field=IntegerField()),
        function="split_part",
        output_field=TextField(),
    )


def weighted_vector(document: Expression | F) -> CombinedExpression:
    """The tsvector of a search document: title words weigh A, the rest B.

    ``document`` is an expression: ``Value(text)`` for one article being
    saved, ``F("search_document")`` to recompute many in one UPDATE.
    """
    title = SearchVector(_document_part(document, 1), config=SEARCH_CONFIG, weight="A")
    text = SearchVector(_document_part(document, 2), config=SEARCH_CONFIG, weight="B")
    return title + text


def refresh_search_document(article: Article) -> None:
    """Store the article's current words (and vector); one UPDATE, none if nothing changed."""
    document = build_search_document(article.title, article.summary, article.body)
    if document == article.search_document:
        return
    article.search_document = document
    type(article).objects.filter(pk=article.pk).update(
        search_document=document, search_vector=weighted_vector(Value(document, output_field=TextField()))
    )


def refresh_search_vectors(queryset: QuerySet[Article]) -> None:
    """Recompute the stored tsvector from the stored words, in one UPDATE."""
    queryset.update(search_vector=weighted_vector(F("search_document")))


def rebuild_search_index(queryset: QuerySet[Article], batch_size: int = 500) -> int:
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
def bulk_index_writes() -> Iterator[None]:
    """For a bulk load or rebuild: let search's GIN index collect new entries
    and merge them in bulk, as PostgreSQL does by default, then go back to
    writing each save's entries at once (articles migration 0008) with nothing left
    pending. Written one article at a time they take about three times as
    long, which on a million articles is minutes.

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


def _save_documents(model: type[Article], articles: list[Article], batch_size: int) -> int:
    model.objects.bulk_update(articles, ["search_document"], batch_size=batch_size)
    return len(articles)


@receiver(post_save, sender=Article, dispatch_uid="index_article_for_search")
def index_article_for_search(
    sender: type[Article], instance: Article, update_fields: Iterable[str] | None = None, **kwargs: Any
) -> None:
    """Re-segment the article's words when its title, summary or body may have changed.

    A save limited to other fields (a status change, a view count) costs nothing.
    """
    if update_fields is not None and not SEARCHED_FIELDS & set(update_fields):
        return
    refresh_search_document(instance)
