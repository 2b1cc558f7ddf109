"""Whole pages for anonymous readers, kept with core.kept.

``AnonymousPageCacheMiddleware`` (first in MIDDLEWARE) answers a cookieless
GET of a page listed in ``settings.PAGE_CACHE_VIEWS`` from the cache,
without running the view or the middleware below it. ``FastHitApplication``
(wsgi.py) answers fresh hits even before Django's request cycle starts.
Anyone with a session cookie or a pending message gets a page built for
them. Only 200 answers without cookies or ``private``/``no-store`` are kept.

A page is kept like any value (core.kept): with the names of what it shows,
fresh until one of them changes or ``PAGE_CACHE_SECONDS`` pass; then one
request builds it again while the others get the kept copy (``STALE``).
The lookup is one cache round trip, in which a page may also count a hit
(``settings.PAGE_CACHE_HIT_COUNTER``, the articles app's view counter); the
page's bytes come from this process's copy when it holds the same build.

While the shared cache (Redis) is out of reach, each process serves its own
copy of a page (``LOCAL``, ``no-store``) for up to
``PAGE_CACHE_LOCAL_SECONDS`` after it was last known current, instead of
building every page for every reader. That is the price: a change made
meanwhile (a withdrawal) cannot be recorded, and reaches readers that much
later.

Query strings: ``?page=N`` on listing pages is part of the key; the
tracking parameters share links carry (``?from=singlemessage``,
``utm_*``, ``PAGE_CACHE_IGNORED_PARAMS``) are ignored, so a shared link is
the same page; any other parameter bypasses the cache.

For a proxy or CDN in front: ``Cache-Control: public, s-maxage=…,
stale-while-revalidate=…``, ``ETag`` and ``Last-Modified`` of the build (a
matching ``If-None-Match`` gets 304), ``X-Depends`` with the names
(core.proxies purges by them), and a ``Date`` of when it is sent.
"""

import hashlib
import logging
import random
import re
import time
from collections import OrderedDict
from dataclasses import dataclass, field
from functools import lru_cache
from http import HTTPStatus

from django.conf import settings
from django.core.exceptions import DisallowedHost
from django.core.handlers.wsgi import WSGIRequest, get_path_info
from django.db import DatabaseError
from django.http import HttpResponse, HttpResponseNotModified
from django.urls import Resolver404, resolve
from django.utils.http import http_date
from django.utils.module_loading import import_string

from core import kept, proxies
from core.changelog import Found

PAGE_NUMBER = re.compile(r"^(?:[1-9][0-9]{0,5}|last)$")
UNSHAREABLE = re.compile(r"\b(?:private|no-store|no-cache)\b", re.IGNORECASE)
HEADER = "X-Page-Cache"
LOOKUP = "core.pagecache.lookup"  # in the WSGI environ, from FastHitApplication to the middleware
# Set per response, never kept with the page.
PER_RESPONSE = {HEADER.lower(), "date", "age", "cache-control", "etag", "last-modified", proxies.HEADER.lower()}
logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Page:
    """A kept response."""

    status: int
    headers: tuple
    content: bytes

    @classmethod
    def of(cls, response):
        headers = tuple((name, value) for name, value in response.items() if name.lower() not in PER_RESPONSE)
        return cls(response.status_code, headers, response.content)


class LocalCopies:
    """This process's copies of recently served pages, by key: a lookup that
    finds the same build in the shared cache takes the bytes from here.

    While the shared cache is out of reach, a copy is also served on its own
    (``servable``) for a while after the shared cache last said it was
    current, or after it was built: a random 50-100 % of
    ``PAGE_CACHE_LOCAL_SECONDS``, so the workers do not all build a page again
    at the same moment.
    """

    def __init__(self, size):
        self.size = size
        self.entries = OrderedDict()
        self.current_until = {}  # key -> monotonic time: servable alone until then

    def get(self, key):
        entry = self.entries.get(key)
        if entry is not None:
            self.entries.move_to_end(key)
        return entry

    def keep(self, key, entry, current=False):
        """Hold ``entry``; ``current``: the shared cache (or this build) says it shows what is current now."""
        self.entries[key] = entry
        self.entries.move_to_end(key)
        if current:
            self.confirm(key)
        else:
            self.current_until.pop(key, None)
        while len(self.entries) > self.size:
            gone, _ = self.entries.popitem(last=False)
            self.current_until.pop(gone, None)

    def confirm(self, key):
        if key in self.entries:
            seconds = settings.PAGE_CACHE_LOCAL_SECONDS * random.uniform(0.5, 1.0)  # nosec B311 - jitter, not a secret
            self.current_until[key] = time.monotonic() + seconds

    def servable(self, key):
        """The copy of ``key`` to serve without the shared cache, or None."""
        entry = self.entries.get(key)
        if entry is None or self.current_until.get(key, 0) <= time.monotonic() or entry.fresh_until <= time.time():
            return None
        return entry

    def as_dict(self, key):
        entry = self.entries.get(key)
        return {key: entry} if entry is not None else {}

    def clear(self):
        self.entries.clear()
        self.current_until.clear()


local_copies = LocalCopies(size=500)


@dataclass(frozen=True)
class Match:
    view_name: str
    kwargs: dict = field(hash=False)


# Resolving a URL costs about as much as the rest of a hit; the answer
# depends on the path alone, and the cache is bounded so odd URLs cannot grow it.
@lru_cache(maxsize=10_000)
def page_at(path):
    """The cacheable page at ``path``, or None."""
    try:
        match = resolve(path)
    except Resolver404:
        return None
    if match.view_name not in settings.PAGE_CACHE_VIEWS:
        return None
    return Match(match.view_name, match.kwargs)


def page_key(request, match):
    """The cache key of this URL and page, or ``None`` if it must not be shared."""
    if settings.SESSION_COOKIE_NAME in request.COOKIES or "messages" in request.COOKIES:
        return None
    page = ""
    for name, values in request.GET.lists():
        if name == "page" and match.view_name in settings.PAGE_CACHE_PAGINATED_VIEWS and len(values) == 1:
            page = values[0]
            if not PAGE_NUMBER.match(page):
                return None
        elif not (name in settings.PAGE_CACHE_IGNORED_PARAMS or name.startswith("utm_")):
            return None
    try:
        where = f"{request.scheme}://{request.get_host()}{request.path}?page={page}"
    except DisallowedHost:
        return None
    return "page:" + hashlib.sha1(where.encode(), usedforsecurity=False).hexdigest()


def shareable(response):
    return (
        response.status_code == 200
        and not response.streaming
        and not response.cookies
        and not UNSHAREABLE.search(response.get("Cache-Control", ""))
    )


@lru_cache(maxsize=1)
def _hit_counter_function(path):
    return import_string(path) if path else None


def hit_counter(match, request):
    function = _hit_counter_function(settings.PAGE_CACHE_HIT_COUNTER)
    return function(match, request) if function else None


@dataclass
class Lookup:
    """What the cache holds for a request."""

    match: Match | None
    key: str | None = None
    found: Found | None = None
    counted: bool = False  # the hit was counted with the lookup
    local: bool = False  # the shared cache is out of reach; found is this process's copy

    @property
    def fresh(self):
        return self.found is not None and self.found.fresh


def look_up(request):
    match = request.method == "GET" and page_at(request.path_info)
    if not match:
        return Lookup(None)
    key = page_key(request, match) if settings.PAGE_CACHE_ENABLED else None
    if key is None:
        return Lookup(match)
    counter = hit_counter(match, request)
    looked, counted = kept.look_and_count([key], local=local_copies.as_dict(key), count=counter)
    found = looked[key]
    if found.kept is not None:
        local_copies.keep(key, found.kept, current=found.fresh)
    elif kept.shared_cache_down():
        copy = local_copies.servable(key)
        if copy is not None:
            return Lookup(match, key, Found(copy, True), local=True)
    return Lookup(match, key, found, counted=counted)


def state_of(lookup):
    """The X-Page-Cache of a lookup answered from the cache."""
    return "LOCAL" if lookup.local else "HIT"


def respond(request, entry, state):
    """The kept page ``entry`` (a core.kept Kept of a Page) as an HttpResponse for this request."""
    if entry.stamp in request.headers.get("If-None-Match", ""):
        response = HttpResponseNotModified()
    else:
        page = entry.value
        response = HttpResponse(page.content, status=page.status)
        for name, value in page.headers:
            response[name] = value
    # A STALE copy is shown while the page is built again, a LOCAL one while
    # no change can reach this process: a proxy must keep neither.
    _describe(response, entry, stale=state in ("STALE", "LOCAL"))
    response[HEADER] = state
    return response


def _describe(response, entry, stale=False):
    for name, value in _description(entry, stale):
        response[name] = value


def _description(entry, stale):
    """The headers that say how fresh this copy of a kept page is (never kept with it: PER_RESPONSE)."""
    if stale:
        cache_control = "no-store"
    else:
        fresh_for = max(0, int(entry.fresh_until - time.time()))
        cache_control = (
            f"public, max-age=0, s-maxage={fresh_for}, stale-while-revalidate={settings.PAGE_CACHE_STALE_SECONDS}"
        )
    return [
        ("Cache-Control", cache_control),
        ("ETag", f'"{entry.stamp}"'),
        ("Last-Modified", http_date(entry.built_at)),
        (proxies.HEADER, proxies.depends_header(entry.names)),
    ]


class AnonymousPageCacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        # FastHitApplication may have looked already, and passes on what it found.
        lookup = request.META.pop(LOOKUP, None) or look_up(request)
        if lookup.match is None or lookup.key is None:
            return self.get_response(request)
        if lookup.fresh:
            return respond(request, lookup.found.kept, state_of(lookup))
        return self.rebuild(request, lookup)

    def rebuild(self, request, lookup):
        previous = lookup.found.kept
        with kept.rebuild_lock(lookup.key) as mine:
            if previous is not None and not mine:
                return respond(request, previous, "STALE")  # another request is building it
            request.page_hit_counted = lookup.counted
            with kept.building() as build:
                response = self.get_response(request)
            if response.status_code == 503 and previous is not None:
                return respond(request, previous, "STALE")  # the database is down: the older copy beats the apology
            if not shareable(response):
                response[HEADER] = "MISS"
                return response
            try:
                entry = kept.keep(lookup.key, Page.of(response), build, settings.PAGE_CACHE_SECONDS)
            except DatabaseError:  # pragma: no cover - keeping needs no database; stay safe
                return response
            local_copies.keep(lookup.key, entry)
            # A change committed while the page was built (a withdrawal) has
            # already been purged from the proxies; a copy kept there now
            # would outlive it by s-maxage.
            outdated = not kept.look([lookup.key], local=local_copies.as_dict(lookup.key))[lookup.key].fresh
            if not outdated or kept.shared_cache_down():
                # Built from the database as it is now. With the shared cache
                # out of reach this copy is all this process can serve the
                # next readers (and no proxy may keep it: outdated is true).
                local_copies.confirm(lookup.key)
        _describe(response, entry, stale=outdated)
        response[HEADER] = "MISS"
        return response


class FastHitApplication:
    """WSGI wrapper that answers fresh page-cache hits before Django's handler runs.

    A hit through the middleware alone still pays for Django's request cycle;
    answered here it costs the lookup and little else. The lookup is the
    middleware's own (``look_up``); anything but a fresh hit goes on to Django
    with the lookup in the environ.
    """

    def __init__(self, application):
        self.application = application

    def __call__(self, environ, start_response):
        if environ.get("REQUEST_METHOD") != "GET" or not page_at(get_path_info(environ)):
            return self.application(environ, start_response)
        try:
            # A copy: WSGIRequest rewrites PATH_INFO in the dict it is given.
            request = WSGIRequest(dict(environ))
            lookup = look_up(request)
        except Exception:
            logger.exception("page cache lookup failed before Django")
            return self.application(environ, start_response)
        if not lookup.fresh:
            environ[LOOKUP] = lookup
            return self.application(environ, start_response)
        entry, state = lookup.found.kept, state_of(lookup)
        description = _description(entry, stale=state == "LOCAL")
        if entry.stamp in request.headers.get("If-None-Match", "") or not all(v.isascii() for _, v in description):
            # 304 Not Modified, or a header Django must encode: through an HttpResponse.
            response = respond(request, entry, state)
            start_response(f"{response.status_code} {HTTPStatus(response.status_code).phrase}", list(response.items()))
            return [response.content]
        # The kept headers were checked by Django when the page was built, so
        # they go out as they are, without an HttpResponse to check them again.
        page = entry.value
        start_response(
            f"{page.status} {HTTPStatus(page.status).phrase}",
            [*page.headers, *description, (HEADER, state)],  # gunicorn adds the Date
        )
        return [page.content]
