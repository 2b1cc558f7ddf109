"""What a search result shows: the title and a snippet with the matched words marked.

Results are read and highlighted only for the page shown.
"""

from collections import namedtuple
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from functools import lru_cache
from html import escape as escape_html

import ahocorasick
from django.db import connections, router
from django.utils import timezone
from django.utils.safestring import SafeString, mark_safe

from articles.models import Article
from articles.sanitize import plain_text
from core.kept import depends_on
from core.sql_shapes import Shape, StandIns
from regions.models import Region
from search.query import SearchTerms

SNIPPET_LENGTH = 120
SNIPPET_LEAD = 30

# What a search result shows: the title, the region channel, the source, the
# time, a snippet from the summary or the body, and the counts cards show.
HitRow = namedtuple(
    "HitRow",
    "pk title summary body published_at region__path region__short_name source__name view_count comment_count",
)


def find_hits(ids: Sequence[int], terms: SearchTerms) -> list["Hit"]:
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
def _hits_shape(count: int, database: str) -> Shape:
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
    def published_iso(self) -> str:
        return self.published.isoformat()

    @property
    def published_text(self) -> str:
        return self.published.strftime("%Y-%m-%d %H:%M")


class Highlighter:
    """Finds the words of a search in result text, longest first (安岳县 over
    安岳), in any letter case, and marks them.

    The words go into an Aho-Corasick automaton (pyahocorasick, which comment
    screening uses too): far quicker to build than a regular expression of
    the same alternatives, and every search nobody made before needs its own.
    """

    def __init__(self, words: Iterable[str]) -> None:
        self.automaton = None
        if words:
            self.automaton = ahocorasick.Automaton()
            for word in {word.lower() for word in words}:
                self.automaton.add_word(word, len(word))
            self.automaton.make_automaton()

    def matches(self, text: str) -> list[tuple[int, int]]:
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

    def first_match(self, text: str) -> int | None:
        """Where the first match in ``text`` starts, or None."""
        spans = self.matches(text)
        return spans[0][0] if spans else None

    def mark(self, text: str) -> SafeString:
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


def _snippet(summary: str, body: str, highlighter: Highlighter) -> SafeString:
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
