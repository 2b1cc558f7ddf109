"""Which published articles match a search, best first.

Each word of the query reaches PostgreSQL as its own ``plainto_tsquery``
parameter, so nothing a reader types is read as tsquery or SQL syntax.

Ranking::

    score = ts_rank(document, query) * (1 + 30 / (30 + age_in_days))

``ts_rank`` gives title words weight A (1.0) and summary/body words weight B
(0.4), so one hit in the title outranks any number in the body. The freshness
factor runs from 2 (published just now) through 1.5 (a month old) towards 1,
so between equally relevant articles the newer one wins, while a strong old
match can still beat a weak new one. Ties go to the newer article. Only the
newest RANKED_MATCHES matches are ranked and counted, so a word found in a
third of a million articles costs what one found in a thousand does.
"""

import hashlib
import operator
from collections.abc import Sequence
from contextlib import nullcontext
from datetime import datetime, timedelta
from functools import lru_cache, reduce
from typing import Any

from django.contrib.postgres.search import CombinedSearchQuery, SearchQuery
from django.db import DEFAULT_DB_ALIAS, OperationalError, connections, router, transaction
from django.db.models import QuerySet
from django.utils import timezone

from articles.models import Article
from core.kept import get_or_build
from core.sql_shapes import Shape, StandIns
from regions.models import Region
from search.indexing import SEARCH_CONFIG
from search.query import SearchTerms

FRESHNESS_DAYS = 30
# How many of the newest matches are ranked (and counted): 25 pages of results.
RANKED_MATCHES = 500
# The planner's plan is tried first, for at most 40 ms. For a common word it
# walks the publish-time index newest first and meets 500 matches within a few
# thousand rows. But it also walks for a common word and a rarer one together
# (安岳 油菜花), overestimating the matches: there the walk reads 40,000 rows
# (0.2 s on a million articles). After the 40 ms the matches come from the GIN
# index, first among the last RECENT_DAYS only (a bitmap AND with the
# publish-time index, 36 ms where all matches would take 90 ms); only when
# those hold fewer than RANKED_MATCHES are all matches read.
PLANNER_FIRST = "SET LOCAL statement_timeout = 40"
GIN_ONLY = "SET LOCAL enable_indexscan = off"
RECENT_DAYS = 90
QUERY_CANCELED = "57014"  # PostgreSQL's SQLSTATE for a statement_timeout
# How long a ranked result list is used as it is when nothing is published
# meanwhile; it is kept PAGE_CACHE_STALE_SECONDS longer, to answer with while
# one request ranks the search again.
SEARCH_CACHE_SECONDS = 300


def ranking_key(terms: SearchTerms, region: Region | None = None) -> str:
    """Where the ranking of what was asked (the words to match and the region) is kept."""
    asked = repr((terms.groups, region.pk if region else None)).encode()
    return "search:" + hashlib.sha1(asked, usedforsecurity=False).hexdigest()


def ranked_ids(terms: SearchTerms, region: Region | None = None) -> list[int]:
    """Ids of the published articles matching ``terms``, best first (at most
    RANKED_MATCHES of them).

    Ranking is the expensive part of a search, so its result is kept
    (core.kept): the next page of the same results, or the same words from
    another reader, rank nothing again. After any publish or withdrawal
    (``list:search``), or SEARCH_CACHE_SECONDS, one request ranks again while
    the others keep using the kept list (find_hits shows only what is still
    published); a search nobody ranked yet is ranked by the first request
    while the others asking for it wait for that one.
    """

    def rank() -> list[int]:
        return [pk for pk, _ in scored_matches(terms, region)]

    return get_or_build(ranking_key(terms, region), rank, SEARCH_CACHE_SECONDS, names={"list:search"})


def scored_matches(
    terms: SearchTerms, region: Region | None = None, now: datetime | None = None
) -> list[tuple[int, float]]:
    """``(id, score)`` of the published articles matching every word of
    ``terms``, best first."""
    database = router.db_for_read(Article)  # a replica, when there are any
    now = now or timezone.now()
    try:
        return _run_ranking(database, PLANNER_FIRST, *ranking_sql(terms, region, now, database))
    except OperationalError as error:
        if getattr(error.__cause__, "pgcode", None) != QUERY_CANCELED:
            raise
    # The newest RANKED_MATCHES matches are all recent when the recent ones
    # are that many: the same result without reading the older matches.
    recent = ranking_sql(terms, region, now, database, since=now - timedelta(days=RECENT_DAYS))
    found = _run_ranking(database, GIN_ONLY, *recent)
    if len(found) >= RANKED_MATCHES:
        return found
    return _run_ranking(database, GIN_ONLY, *ranking_sql(terms, region, now, database))


def _run_ranking(database: str, setting: str, sql: str, params: Sequence[Any]) -> list[tuple[int, float]]:
    # SET LOCAL lasts until the transaction ends. Sent together with the
    # ranking in autocommit mode, both run in one implicit transaction that
    # ends with them: one round trip, where BEGIN and ROLLBACK took three.
    # Inside a caller's transaction, a savepoint rolled back keeps the setting
    # from reaching any other query.
    in_transaction = connections[database].in_atomic_block
    with transaction.atomic(using=database) if in_transaction else nullcontext():
        with connections[database].cursor() as cursor:
            cursor.execute(f"{setting}; {sql}", params)
            rows = cursor.fetchall()
        if in_transaction:
            transaction.set_rollback(True, using=database)
    return rows


def ranking_sql(
    terms: SearchTerms,
    region: Region | None = None,
    now: datetime | None = None,
    database: str = DEFAULT_DB_ALIAS,
    since: datetime | None = None,
) -> tuple[str, Sequence[Any]]:
    """The PostgreSQL ranking query and its parameters (see the module docstring),
    among the articles published ``since`` then when given.

    The SQL is compiled once per shape (how many words, with how many
    alternatives, in a region or not, since when or not): compiling it took
    longer than running it.
    """
    shape = _ranking_shape(
        tuple(map(len, terms.groups)), region is not None, since is not None, RANKED_MATCHES, database
    )
    values = {f"word {i}.{j}": word for i, group in enumerate(terms.groups) for j, word in enumerate(group)}
    values.update(now=now or timezone.now(), since=since, region=region.pk if region else None)
    return shape.sql, shape.params(values)


@lru_cache(maxsize=256)
def _ranking_shape(group_sizes: tuple[int, ...], in_region: bool, from_since: bool, limit: int, database: str) -> Shape:
    """Ranking reads the vector of every match; a common word matches a third of
    a million-article portal. Only the newest matches are ranked, found either
    newest-first along the published_at index (common words) or through the
    GIN index (rare ones), whichever the planner expects cheaper. They are
    ranked where that inner query left them: a ``pk IN (...)`` would read each
    of them from the table a second time.
    """
    stand_ins = StandIns()
    terms = SearchTerms(
        groups=[[stand_ins.text(f"word {i}.{j}") for j in range(size)] for i, size in enumerate(group_sizes)]
    )
    region = Region(pk=stand_ins.number("region")) if in_region else None
    now = stand_ins.moment("now")
    query = _tsquery(terms)
    matches = _published(region, now).filter(search_vector=query)
    if from_since:
        matches = matches.filter(published_at__gte=stand_ins.moment("since"))
    newest = matches.order_by("-published_at", "-pk").values("id", "published_at", "search_vector")[:limit]
    compiler = newest.query.get_compiler(using=database)
    newest_sql, newest_params = compiler.as_sql()
    query_sql, query_params = compiler.compile(query.resolve_expression(newest.query))
    # The freshness factor, 1 + 30 / (30 + age in days): 2 for brand new, 1.5 at a month, towards 1 with age.
    # bandit: the pieces put together are SQL compiled by the ORM; every value is a parameter.
    sql = (
        f"SELECT newest.id, ts_rank(newest.search_vector, {query_sql})"  # nosec B608
        " * (1 + %s / (%s + EXTRACT(EPOCH FROM (%s - newest.published_at)) / 86400.0)) AS score"
        f" FROM ({newest_sql}) AS newest ORDER BY score DESC, newest.published_at DESC, newest.id DESC"
    )
    days = float(FRESHNESS_DAYS)
    return stand_ins.shape(sql, (*query_params, days, days, now, *newest_params))


def _published(region: Region | None, now: Any) -> QuerySet[Article]:
    return Article.objects.published(now=now).in_region(region)


def _tsquery(terms: SearchTerms) -> SearchQuery | CombinedSearchQuery:
    """Every group must match, through any of its alternatives (terms are never empty here)."""

    def plain(word: str) -> SearchQuery:
        return SearchQuery(word, search_type="plain", config=SEARCH_CONFIG)

    def either(alternatives: list[str]) -> SearchQuery | CombinedSearchQuery:
        return reduce(operator.or_, map(plain, alternatives))

    return reduce(operator.and_, map(either, terms.groups))
