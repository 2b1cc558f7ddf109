"""Whole reader pages from the cache for anonymous readers, with no SQL.

``AnonymousPageCacheMiddleware`` is the first middleware. For a cookieless GET
of the home page, a region channel, a column, a tag, an article or an RSS feed
(listing pages may carry ``?page=``), it answers from the cache without
running the view or any middleware below it, so a hit costs one cache round
trip and no query. Anyone with a session cookie (staff, a logged-in reader) or
a pending message always gets a freshly built page. An entry keeps the
headers the middleware below added (CSP, X-Frame-Options and the rest of
``newsportal.security``); ``migrate`` at every deploy makes entries stale, so
new templates or headers show at once.

Freshness: an entry records the content version (``newsportal.invalidation``)
and the time it was built. It is served as fresh while both hold; once the
version moves or the entry ages past ``PAGE_CACHE_SECONDS``, one request takes
a short lock (``cache.add``) and rebuilds the page while every other request
gets the previous copy, which is kept for ``PAGE_CACHE_STALE_SECONDS``. That
is what stops a stampede on a hot page. The entry lives under one key per
URL + page, with the version inside it, and a short stamp next to it; a hit
reads the stamp, the version and the publication schedule in a single
``get_many`` and takes the page itself from this process's copy of that build
(``LocalCopies``).

Only responses that are safe to share are stored: 200 (a 404 is cheap and
may turn into a page when a scheduled article goes live), no
``Set-Cookie``, no ``Cache-Control: private/no-store/no-cache``. The comment
form in the article page carries no CSRF token (comments.js fetches it), so
the article page stays shareable.

Article views are counted here, for hits and misses alike, in the view buffer
(``articles.counters``): no request writes to the database to count itself.
With Redis, a hit counts its view in the same round trip as the lookup.
"""

import hashlib
import logging
import re
import time
from collections import OrderedDict, namedtuple
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from functools import lru_cache
from http import HTTPStatus

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import DisallowedHost
from django.core.handlers.wsgi import WSGIRequest, get_path_info
from django.db import DatabaseError
from django.http import HttpResponse
from django.urls import Resolver404, resolve

from articles.counters import record_view, view_counter
from newsportal import invalidation

CACHED_PAGES = {
    "articles:home",
    "articles:region",
    "articles:column",
    "articles:tag",
    "articles:detail",
    "feed-latest",
    "feed-region",
}
PAGINATED_PAGES = CACHED_PAGES - {"articles:detail", "feed-latest", "feed-region"}
ARTICLE_PAGE = "articles:detail"
PAGE_NUMBER = re.compile(r"^(?:[1-9][0-9]{0,5}|last)$")
UNSHAREABLE = re.compile(r"\b(?:private|no-store|no-cache)\b", re.IGNORECASE)
HEADER = "X-Page-Cache"
logger = logging.getLogger(__name__)
LOOKUP = "newsportal.pagecache.lookup"  # in the WSGI environ, from FastHitApplication to the middleware


@dataclass(frozen=True)
class Entry:
    version: int
    built_at: float
    status: int
    headers: tuple
    content: bytes

    def is_fresh(self, version, now, schedule_known=True):
        lifetime = settings.PAGE_CACHE_SECONDS
        if not schedule_known:
            lifetime = min(lifetime, invalidation.UNKNOWN_SCHEDULE_SECONDS)
        return self.version == version and now - self.built_at < lifetime

    def response(self, state):
        response = HttpResponse(self.content, status=self.status)
        for name, value in self.headers:
            response[name] = value
        response[HEADER] = state
        return response

    @classmethod
    def of(cls, response, version, built_at):
        headers = tuple((name, value) for name, value in response.items() if name != HEADER)
        return cls(version, built_at, response.status_code, headers, response.content)

    def wsgi_status(self):
        return f"{self.status} {HTTPStatus(self.status).phrase}"

    @property
    def stamp(self):
        """Which build this is: the same on every server that holds a copy."""
        return f"{self.version}:{self.built_at!r}"


def stamp_key(key):
    return f"{key}:stamp"


class LocalCopies:
    """This process's copies of recently served entries, by key.

    The shared cache keeps, next to each entry, its stamp (a few bytes). A
    lookup reads the stamp instead of the entry (tens of kilobytes) and uses
    the local copy when it is the same build; otherwise it reads the entry
    once more and keeps it. So freshness is still decided by the shared cache
    on every request, and a copy never outlives the build it was made from.
    """

    def __init__(self, size):
        self.size = size
        self.entries = OrderedDict()

    def get(self, key, stamp):
        entry = self.entries.get(key)
        if entry is None or entry.stamp != stamp:
            return None
        self.entries.move_to_end(key)
        return entry

    def keep(self, key, entry):
        self.entries[key] = entry
        self.entries.move_to_end(key)
        while len(self.entries) > self.size:
            self.entries.popitem(last=False)

    def clear(self):
        self.entries.clear()


local_copies = LocalCopies(size=500)


@dataclass(frozen=True)
class Page:
    view_name: str
    article_pk: int | None


def reader_page(request):
    """The page this middleware handles at this URL, or ``None``."""
    if request.method != "GET":
        return None
    return page_at(request.path_info)


# Resolving a URL costs about as much as the rest of a cache hit; the answer
# depends on the path alone, and the cache is bounded so odd URLs cannot grow it.
@lru_cache(maxsize=10_000)
def page_at(path):
    try:
        match = resolve(path)
    except Resolver404:
        return None
    if match.view_name not in CACHED_PAGES:
        return None
    return Page(match.view_name, match.kwargs["pk"] if match.view_name == ARTICLE_PAGE else None)


def page_key(request, match):
    """The cache key of this URL and page, or ``None`` if it must not be shared."""
    if settings.SESSION_COOKIE_NAME in request.COOKIES or "messages" in request.COOKIES:
        return None
    query = request.GET
    page = ""
    if query:
        if match.view_name not in PAGINATED_PAGES or list(query) != ["page"] or len(query.getlist("page")) != 1:
            return None
        page = query["page"]
        if not PAGE_NUMBER.match(page):
            return None
    try:
        where = f"{request.scheme}://{request.get_host()}{request.path}?page={page}"
    except DisallowedHost:
        return None
    return "page:" + hashlib.sha1(where.encode(), usedforsecurity=False).hexdigest()


def read_entry(key, page):
    """The content version, the schedule and the page's entry, in one cache
    round trip when this process has a copy of the entry (``LocalCopies``).

    With Redis, an article's view is counted in that same round trip when its
    entry is there (the answer is then a 200); the second value says whether
    it was. Otherwise the middleware counts it once the response is known.
    """
    stamped = stamp_key(key)
    keys = [invalidation.VERSION_KEY, invalidation.GO_LIVE_KEY, stamped]
    if page.article_pk is not None and hasattr(cache, "get_many_and_count"):
        found = cache.get_many_and_count(keys, *view_counter(page.article_pk))
        counted = stamped in found
    else:
        found, counted = cache.get_many(keys), False
    stamp = found.pop(stamped, None)
    if stamp is not None:
        entry = local_copies.get(key, stamp)
        if entry is None:
            entry = cache.get(key)
            if entry is not None and entry.stamp == stamp:
                local_copies.keep(key, entry)
        if entry is not None:
            found[key] = entry
    return found, counted


def shareable(response):
    return (
        response.status_code == 200
        and not response.streaming
        and not response.cookies
        and not UNSHAREABLE.search(response.get("Cache-Control", ""))
    )


class Kept(namedtuple("Kept", "value version fresh_until")):
    """A value cached under the content version it was built under, used as
    it is until ``fresh_until`` and kept PAGE_CACHE_STALE_SECONDS longer, to
    answer with while one request (``rebuild_lock``) builds it again. Search
    rankings and template fragments are kept this way."""

    @classmethod
    def keep(cls, key, value, version, fresh_for):
        cache.set(key, cls(value, version, time.time() + fresh_for), fresh_for + settings.PAGE_CACHE_STALE_SECONDS)

    @classmethod
    def read(cls, found):
        """``found`` if it is a Kept, else None (nothing, or what an older release stored)."""
        return found if isinstance(found, cls) else None

    def is_fresh(self, version):
        return self.version == version and time.time() < self.fresh_until


def lock_key(key):
    """The key of the lock taken while what is cached under ``key`` is rebuilt."""
    return f"{key}:lock"


@contextmanager
def rebuild_lock(key):
    """Whether this request is the one to rebuild what is cached under
    ``key``: the first to take a short lock (``cache.add``); the others keep
    serving the previous copy, or wait for the new one. The lock goes when
    the rebuild ends.

    A lock nobody holds also means rebuild: with Redis down ``add`` fails
    for everyone (newsportal.cache), and waiting for a rebuild no other
    request is doing would only add the wait to every page.
    """
    lock = lock_key(key)
    held = cache.add(lock, 1, timeout=settings.PAGE_CACHE_LOCK_SECONDS)
    try:
        yield held or cache.get(lock) is None
    finally:
        if held:
            cache.delete(lock)


# A request that finds another building what it needs waits this long at
# most for the result: waiting costs no CPU, building it a second time
# would. It looks after 2 ms, then twice as long each time up to 20 ms, so a
# list built in a few milliseconds is not waited for much longer than that.
BUILD_WAIT_SECONDS = 2
FIRST_LOOK_SECONDS = 0.002
LAST_LOOK_SECONDS = 0.02


def wait_for(key, usable, seconds=None):
    """What another request is building under ``key``, as soon as
    ``usable(value)``; None if it takes longer than ``seconds``
    (BUILD_WAIT_SECONDS when not given)."""
    give_up_at = time.monotonic() + (BUILD_WAIT_SECONDS if seconds is None else seconds)
    pause = FIRST_LOOK_SECONDS
    while time.monotonic() < give_up_at:
        time.sleep(pause)
        pause = min(2 * pause, LAST_LOOK_SECONDS)
        value = cache.get(key)
        if usable(value):
            return value
    return None


def get_or_build(key, build, timeout):
    """``cache.get_or_set``, but a missing value is built by one request:
    the others asking for it meanwhile wait for that one's result instead of
    building it as well (two fragments of one page need the same side lists,
    and a page's fragments are rebuilt by different requests at once)."""
    value = cache.get(key)
    if value is None:
        with rebuild_lock(key) as mine:
            if not mine:
                value = wait_for(key, lambda found: found is not None)
            if value is None:
                value = build()
                cache.set(key, value, timeout)
    return value


@dataclass
class Lookup:
    """What the cache holds for a request: its page, key and entry, and whether the entry is fresh."""

    page: Page | None
    key: str | None = None
    entry: Entry | None = None
    version: int | None = None
    now: float = 0.0
    counted: bool = False  # the view was counted with the lookup (see read_entry)
    fresh: bool = False
    schedule_known: bool = True  # False after the cache was emptied (see Entry.is_fresh)

    def count_view(self, status):
        """An article answered with a 200 is a view, unless the lookup counted it already."""
        if self.page.article_pk is not None and status == 200 and not self.counted:
            record_view(self.page.article_pk)


def look_up(request):
    page = reader_page(request)
    if page is None:
        return Lookup(None)
    key = page_key(request, page) if settings.PAGE_CACHE_ENABLED else None
    if key is None:
        return Lookup(page)
    now = time.time()
    found, counted = read_entry(key, page)
    go_live = found.get(invalidation.GO_LIVE_KEY)
    version = invalidation.current_version(found.get(invalidation.VERSION_KEY), go_live, now)
    entry = found.get(key)
    schedule_known = go_live is not None
    fresh = entry is not None and entry.is_fresh(version, now, schedule_known=schedule_known)
    return Lookup(page, key, entry, version, now, counted, fresh, schedule_known)


class AnonymousPageCacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        # FastHitApplication may have looked already, and passes on what it found.
        lookup = request.META.pop(LOOKUP, None) or look_up(request)
        if lookup.page is None:
            return self.get_response(request)
        if lookup.key is None:
            response = self.get_response(request)
        elif lookup.fresh:
            response = lookup.entry.response("HIT")
        else:
            response = self.rebuild(request, lookup)
        lookup.count_view(response.status_code)
        return response

    def rebuild(self, request, lookup):
        key, entry, version, now = lookup.key, lookup.entry, lookup.version, lookup.now
        with rebuild_lock(key) as locked:
            if entry is not None and not locked:
                # Someone else is rebuilding this page: the previous copy, no queries.
                return entry.response("STALE")
            if not lookup.schedule_known:
                # The page is built with queries anyway; one more lets the
                # pages built from now on stay fresh their full lifetime.
                with suppress(DatabaseError):  # the database is down: the page below says so
                    invalidation.refresh_next_go_live(now)
            response = self.get_response(request)
            if response.status_code == 503 and entry is not None:
                # The database is down: an older copy beats the apology page.
                return entry.response("STALE")
            if shareable(response):
                # The version read before building: a change committed while
                # the page was being built leaves this copy stale, as it should.
                built = Entry.of(response, version, now)
                cache.set_many({key: built, stamp_key(key): built.stamp}, timeout=settings.PAGE_CACHE_STALE_SECONDS)
                local_copies.keep(key, built)
        response[HEADER] = "MISS"
        return response


class FastHitApplication:
    """WSGI wrapper that answers fresh page-cache hits before Django's handler runs.

    A hit through the middleware alone still pays for Django's request cycle
    (signals, the handler's middleware chain, turning an HttpResponse into
    WSGI); answered here it costs the lookup and little else, about the price
    of a static file. The lookup is the middleware's own (``look_up``), so the
    two cannot disagree; anything but a fresh hit goes on to Django with the
    lookup in the environ, and the middleware continues from it without
    asking the cache again.
    """

    def __init__(self, application):
        self.application = application

    def __call__(self, environ, start_response):
        # Static files and every other URL go straight on, without a lookup.
        if environ.get("REQUEST_METHOD") != "GET" or page_at(get_path_info(environ)) is None:
            return self.application(environ, start_response)
        try:
            # A copy: WSGIRequest rewrites PATH_INFO in the dict it is given,
            # and Django's handler decodes the original once more.
            lookup = look_up(WSGIRequest(dict(environ)))
        except Exception:
            # Django answers instead, with its error handling and error pages.
            logger.exception("page cache lookup failed before Django")
            return self.application(environ, start_response)
        if not lookup.fresh:
            environ[LOOKUP] = lookup
            return self.application(environ, start_response)
        entry = lookup.entry
        lookup.count_view(entry.status)
        start_response(entry.wsgi_status(), [*entry.headers, (HEADER, "HIT")])
        return [entry.content]
