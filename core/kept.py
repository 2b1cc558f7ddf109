"""Keep a value, rebuild it once while others use the kept copy, know what it depends on.

The one cache idiom of the site: whole pages (core.pagecache), search
rankings and results, hot lists and the side lists of a region all go
through it.

**What a value depends on.** While a value is built, whatever it reads says
so with ``depends_on("article:12", "list:region:7")`` (an Article loaded
from the database does it by itself, see articles.models). A value built
inside another (a hot list inside a page) passes its dependencies on to it.
The value is kept together with that set of names and with the *change
number* read before building began.

**What changed.** ``mark_changed(names)`` is called after a commit (by
core.changes, from the domain's announcements); it takes the next change
number and records it against each name. A kept value is fresh while no
name it depends on changed after the number it was built at, and while it
is younger than its ``fresh_for``. So a value built while a change was
being committed is never kept as fresh: its number is older than the
change's (issue 21, a withdrawal racing a rebuild).

**Rebuilding once.** A stale value is rebuilt by the one request that takes
a short lock; every other request meanwhile uses the kept copy (it is kept
``settings.PAGE_CACHE_STALE_SECONDS`` longer than it is fresh). A value
built with such a stale copy inside is kept at the copy's older change
number, so it is stale as well and rebuilt by the next request. A value
nobody has yet is built by the first request; others asking for it at the
same moment wait for that one (``BUILD_WAIT_SECONDS`` at most) instead of
building it too.

Everything a request needs to know about its kept values comes back in one
cache round trip (``look``); with Redis that is one Lua script, which also
compares the change numbers. core.changelog has the two stores.
"""

import contextvars
import secrets
import time
from contextlib import contextmanager
from dataclasses import dataclass, field

from django.conf import settings

from core import changelog
from core.changelog import Kept

# A request that finds another building what it needs waits this long at
# most: waiting costs no CPU, building it a second time would. It looks
# after 2 ms, then twice as long each time up to 20 ms.
BUILD_WAIT_SECONDS = 2
FIRST_LOOK_SECONDS = 0.002
LAST_LOOK_SECONDS = 0.02
# Every value depends on this name: ``migrate`` at each deploy changes it,
# so pages built by the previous code's templates are built again.
SITE = "site"


@dataclass
class Build:
    """What one value being built has read so far."""

    number: int
    names: set = field(default_factory=lambda: {SITE})
    deadline: float | None = None  # must be built again by then (a scheduled article goes live)


_builds = contextvars.ContextVar("core.kept.builds", default=())


def depends_on(*names):
    """Record that the value being built shows what ``names`` stand for."""
    builds = _builds.get()
    if builds:
        builds[-1].names.update(names)


def fresh_until(timestamp):
    """Record that the value being built must be built again by ``timestamp``
    (what it shows changes then by itself: a scheduled article goes live)."""
    builds = _builds.get()
    if builds and timestamp is not None:
        build = builds[-1]
        build.deadline = timestamp if build.deadline is None else min(build.deadline, timestamp)


def is_building():
    return bool(_builds.get())


@contextmanager
def building(number=None):
    """Collect what a value built inside depends on; yields the Build.

    ``number`` is the change number read before building (one is read here
    when not given). A build inside another collects only its own names;
    ``get_or_build`` passes them on to the outer one.
    """
    build = Build(changelog.current_number() if number is None else number)
    outer = _builds.get()
    token = _builds.set((*outer, build))
    try:
        yield build
    finally:
        _builds.reset(token)


def look(keys, local=None, count=None):
    """``{key: Found}`` for ``keys`` in one round trip (and, with ``count``,
    whether the hit was counted: ``look_and_count``).

    ``local`` maps keys to Kept copies this process already holds: when the
    shared cache holds the same build, its value is not sent again. ``count``
    is an optional hit counter (core.changelog.Counter) bumped in the same
    round trip when the first key is there.
    """
    return look_and_count(keys, local, count)[0]


def look_and_count(keys, local=None, count=None):
    return changelog.store().look(list(keys), local or {}, count, time.time())


def shared_cache_down():
    """Whether the store of kept values is out of reach now (Redis failed a
    moment ago): nothing can be looked up, kept or marked changed."""
    return changelog.store().down()


def keep(key, value, build, fresh_for):
    """Keep ``value`` under ``key``, fresh for ``fresh_for`` seconds unless what it depends on changes."""
    now = time.time()
    until = min(now + fresh_for, build.deadline or float("inf"))
    kept = Kept(value, secrets.token_hex(6), build.number, frozenset(build.names), until, now)
    changelog.store().keep(key, kept, fresh_for + settings.PAGE_CACHE_STALE_SECONDS)
    return kept


def mark_changed(names):
    """Record a change of everything ``names`` stand for; values depending on them are stale from now."""
    if names:
        changelog.store().mark_changed(sorted(set(names)))


@contextmanager
def rebuild_lock(key):
    """Whether this request is the one to rebuild what is kept under ``key``:
    the first to take a short lock; the others keep using the kept copy, or
    wait for the new one. A lock nobody holds also means rebuild: with Redis
    down the lock cannot be taken by anyone, and waiting would only add the
    wait to every page."""
    store = changelog.store()
    lock = f"{key}:lock"
    held = store.add(lock, settings.PAGE_CACHE_LOCK_SECONDS)
    try:
        yield held or not store.exists(lock)
    finally:
        if held:
            store.delete(lock)


def get_or_build(key, build, fresh_for, names=None):
    """The kept value of ``key``, built by ``build()`` when missing or stale (see the module docstring).

    ``names``, when given, replace what the build read: for a value that
    reads many things one name stands for (the navigation reads every
    region; ``nav`` changes with any of them).
    """
    found = look([key])[key]
    if found.fresh:
        _pass_on(found.kept.names, None)
        return found.value
    with rebuild_lock(key) as mine:
        if not mine:
            if found.kept is not None:
                # Another request rebuilds it; use the stale copy, and so
                # does the value being built around it: it must be kept as
                # stale too (issue 21, a withdrawn article kept as fresh).
                _pass_on(found.kept.names, None, built_at=found.kept.number)
                return found.value
            kept = _wait_for(key)
            if kept is not None:
                _pass_on(kept.names, None)
                return kept.value
        with building() as made:
            value = build()
        if names is not None:
            made.names = {SITE, *names}
        keep(key, value, made, fresh_for)
    _pass_on(made.names, made.deadline)
    return value


def _pass_on(names, deadline, built_at=None):
    depends_on(*names)
    fresh_until(deadline)
    builds = _builds.get()
    if builds and built_at is not None:
        builds[-1].number = min(builds[-1].number, built_at)


def _wait_for(key):
    give_up_at = time.monotonic() + BUILD_WAIT_SECONDS
    pause = FIRST_LOOK_SECONDS
    while time.monotonic() < give_up_at:
        time.sleep(pause)
        pause = min(2 * pause, LAST_LOOK_SECONDS)
        found = look([key])[key]
        if found.kept is not None:
            return found.kept
    return None
