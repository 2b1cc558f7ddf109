"""Site search: Chinese words in, ranked and highlighted articles out.

A query is segmented with jieba like the documents are (``articles.search_index``).
Every word of the query must match, through any of its sub-words: 安岳县柠檬
becomes (安岳县 | 安岳 | 岳县) & 柠檬. Each word reaches PostgreSQL as its own
``plainto_tsquery`` parameter, so nothing a reader types is read as tsquery or
SQL syntax.

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
import unicodedata
from collections import namedtuple
from contextlib import nullcontext
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from functools import lru_cache
from html import escape as escape_html

import ahocorasick
import jieba
from django.contrib.postgres.search import SearchQuery
from django.db import DEFAULT_DB_ALIAS, OperationalError, connections, router, transaction
from django.utils import timezone
from django.utils.safestring import mark_safe

from articles.models import Article
from articles.search_index import SEARCH_CONFIG, is_word, normalize, plain_text, segment
from core.kept import depends_on, get_or_build
from core.sql_shapes import StandIns
from regions.models import Region

MAX_QUERY_LENGTH = 50
MAX_WORDS = 8
SNIPPET_LENGTH = 120
SNIPPET_LEAD = 30
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
# jieba reads its dictionary on first use: about a second of CPU in every
# fresh gunicorn worker (and again after each max_requests recycle), stalling
# the searches queued behind it. Read once here, at import, the master process
# (preload_app) loads it and every forked worker shares it.
jieba.initialize()

# Function words that would only make "every word must match" stricter.
STOP_WORDS = frozenset("的 了 和 与 及 或 在 是 也 就 都 而 之 对 把 被 从 向".split())


@dataclass
class SearchTerms:
    """What the reader asked for, cleaned: the text to show and the words to match."""

    text: str = ""
    truncated: bool = False
    groups: list = field(default_factory=list)  # one list of alternatives per query word

    @classmethod
    def parse(cls, raw):
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
    def words(self):
        """Every word worth highlighting (the Highlighter marks the longest one at each place)."""
        return {word for group in self.groups for word in group}

    def __bool__(self):
        return bool(self.groups)


def _query_words(text):
    words = [w.strip() for w in jieba.cut(normalize(text))]
    return [w for w in words if is_word(w) and w not in STOP_WORDS]


def ranking_key(terms, region=None):
    """Where the ranking of what was asked (the words to match and the region) is kept."""
    asked = repr((terms.groups, region.pk if region else None)).encode()
    return "search:" + hashlib.sha1(asked, usedforsecurity=False).hexdigest()


def ranked_ids(terms, region=None):
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

    def rank():
        return [pk for pk, _ in scored_matches(terms, region)]

    return get_or_build(ranking_key(terms, region), rank, SEARCH_CACHE_SECONDS, names={"list:search"})


# What a search result shows: the title, the region channel, the source, the
# time, a snippet from the summary or the body, and the counts cards show.
HitRow = namedtuple(
    "HitRow",
    "pk title summary body published_at region__path region__short_name source__name view_count comment_count",
)


def find_hits(ids, terms):
    """The results for ``ids``, in that order, highlighted for ``terms``: one
    query for plain values, since building 60 model instances (with region and
    source) cost more than the query itself."""
    depends_on("list:search", *(f"article:{pk}" for pk in ids), *(f"comments:{pk}" for pk in ids))
    if not ids:
        return []
    database = router.db_for_read(Article)
    shape = _hits_shape(len(ids), database)
    with connections[database].cursor() as cursor:
        cursor.execute(shape.sql, shape.params({"now": timezone.now(), **{f"id {i}": pk for i, pk in enumerate(ids)}}))
        rows = {row.pk: row for row in map(HitRow._make, cursor.fetchall())}
    highlighter = Highlighter(terms.words)
    article_urls = Article.urls_of(rows)
    region_urls = {}
    hits = []
    for row in (rows[pk] for pk in ids if pk in rows):
        if row.region__path not in region_urls:
            region_urls[row.region__path] = Region.url_of(row.region__path)
        hits.append(
            Hit(
                url=article_urls[row.pk],
                title=highlighter.mark(row.title),
                snippet=_snippet(row.summary, row.body, highlighter),
                region_name=row.region__short_name,
                region_url=region_urls[row.region__path],
                source_name=row.source__name,
                published=timezone.localtime(row.published_at),
                view_count=row.view_count,
                comment_count=row.comment_count,
            )
        )
    return hits


@lru_cache(maxsize=64)
def _hits_shape(count, database):
    """find_hits' query for ``count`` ids, compiled once (see core.sql_shapes)."""
    stand_ins = StandIns()
    ids = [stand_ins.number(f"id {i}") for i in range(count)]
    shown = (
        Article.objects.published(now=stand_ins.moment("now"))
        .filter(pk__in=ids)
        .order_by()
        .values_list(*HitRow._fields)
    )
    return stand_ins.shape(*shown.query.get_compiler(using=database).as_sql())


def scored_matches(terms, region=None, now=None):
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


def _run_ranking(database, setting, sql, params):
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


def ranking_sql(terms, region=None, now=None, database=DEFAULT_DB_ALIAS, since=None):
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
def _ranking_shape(group_sizes, in_region, from_since, limit, database):
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


def _published(region, now):
    return Article.objects.published(now=now).in_region(region)


def _tsquery(terms):
    def plain(word):
        return SearchQuery(word, search_type="plain", config=SEARCH_CONFIG)

    query = None
    for alternatives in terms.groups:
        either = plain(alternatives[0])
        for word in alternatives[1:]:
            either |= plain(word)
        query = either if query is None else query & either
    return query


@dataclass
class Hit:
    """One search result as shown: title and snippet escaped, matches in <mark>."""

    url: str
    title: str
    snippet: str
    region_name: str
    region_url: str
    source_name: str | None
    published: datetime  # in the site's time zone
    view_count: int = 0  # as of the last flush (articles.counters)
    comment_count: int = 0

    # Formatted here: the template's date filter cost more than the rest of a result card.
    @property
    def published_iso(self):
        return self.published.isoformat()

    @property
    def published_text(self):
        return self.published.strftime("%Y-%m-%d %H:%M")


class Highlighter:
    """Finds the words of a search in result text, longest first (安岳县 over
    安岳), in any letter case, and marks them.

    The words go into an Aho-Corasick automaton (pyahocorasick, which comment
    screening uses too). It is built in microseconds; compiling the same
    alternatives as a regular expression took 0.4 ms, and every search nobody
    made before needs its own.
    """

    def __init__(self, words):
        self.automaton = None
        if words:
            self.automaton = ahocorasick.Automaton()
            for word in {word.lower() for word in words}:
                self.automaton.add_word(word, len(word))
            self.automaton.make_automaton()

    def matches(self, text):
        """``(start, end)`` of each match in ``text``, left to right, never
        overlapping: at each place the longest word found there."""
        if self.automaton is None:
            return []
        lowered = text.lower()
        if len(lowered) != len(text):  # a rare letter whose lower case is longer: match as written
            lowered = text
        # The automaton reports every match, overlapping ones too, by where they end.
        found = sorted((end + 1 - length, -(end + 1)) for end, length in self.automaton.iter(lowered))
        spans, taken_to = [], 0
        for start, negative_end in found:
            if start >= taken_to:
                taken_to = -negative_end
                spans.append((start, taken_to))
        return spans

    def first_match(self, text):
        """Where the first match in ``text`` starts, or None."""
        spans = self.matches(text)
        return spans[0][0] if spans else None

    def mark(self, text):
        """``text`` HTML-escaped with every match wrapped in <mark>.

        Each piece is escaped on its own, after matching, so a match can
        never land inside an escaped entity like ``&amp;``.
        """
        pieces, done = [], 0
        for start, end in self.matches(text):
            pieces.append(f"{escape_html(text[done:start])}<mark>{escape_html(text[start:end])}</mark>")
            done = end
        pieces.append(escape_html(text[done:]))
        # bandit: every piece of the text is escaped (the standard library's
        # escape, which Django's wraps); only our <mark> is raw.
        return mark_safe("".join(pieces))  # nosec


def _snippet(summary, body, highlighter):
    """The summary when it mentions a word, else the body around the first match."""
    summary = " ".join(summary.split())
    if summary and highlighter.first_match(summary) is not None:
        return highlighter.mark(summary)
    body = plain_text(body)
    start = highlighter.first_match(body)
    if start is None:
        return highlighter.mark(summary or body[:SNIPPET_LENGTH])
    begin = max(0, start - SNIPPET_LEAD)
    excerpt = body[begin : begin + SNIPPET_LENGTH]
    prefix = "…" if begin > 0 else ""
    suffix = "…" if begin + SNIPPET_LENGTH < len(body) else ""
    # bandit: mark() escaped it; the ellipses are constants.
    return mark_safe(prefix + highlighter.mark(excerpt) + suffix)  # nosec


def find_region(value):
    """The active region named by an adcode (512022) or a channel path (sichuan/ziyang/lezhi)."""
    value = (value or "").strip().strip("/")
    if not value:
        return None
    lookup = {"adcode": value} if value.isdigit() else {"path": value}
    return Region.objects.active().filter(**lookup).first()
