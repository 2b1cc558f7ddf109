"""Bounded waits on PostgreSQL under gunicorn: a hung server costs a reader
one short wait, not a worker.

A PostgreSQL that stopped answering without closing its sockets (paused,
swapping, a network path that drops packets) leaves libpq waiting on a read
with no end; every sync worker ends up inside such a read and the site stops
answering, cached pages and /healthz included. ``install()`` (called by
newsportal/gunicorn.conf.py in each worker) sets a psycopg2 *wait callback*:
psycopg2 then sends each query, and opens each connection, without blocking
and calls ``wait`` to wait for the answer, which waits only as long as the
request's budget allows.

- **Budgets.** ``DatabaseBudgetApplication`` (wsgi.py) gives each request
  the time it may spend waiting on the database in all:
  ``DATABASE_READER_TIMEOUT_SECONDS`` for readers,
  ``DATABASE_STAFF_TIMEOUT_SECONDS`` for requests with a session cookie or
  under the staff addresses (an editor's save may take longer, and must not
  be cut off by a reader's budget). A connection being opened waits
  ``DATABASE_CONNECT_TIMEOUT_SECONDS`` at most, within the request's budget.
  /healthz sets its own, shorter one (core.health).
- **When a wait runs out** the callback raises ``OperationalError``; psycopg2
  closes that connection (its state is unknown) and the request gets the 503
  page (core.resilience), or a kept copy of a cached page.
- **Breaker.** For ``BREAKER_SECONDS`` after a wait ran out, this worker
  does not try the database at all: every query fails at once, so the
  readers queued behind the first one get their 503 now rather than one
  budget each later. The first query after that tries again.
- **statement_timeout.** The server gives up on a reader's statement after
  the reader's budget too, so a query the reader stopped waiting for does not
  keep a backend busy (``SET statement_timeout`` is sent only when a
  connection moves between a reader's and a staff request).

Outside gunicorn (management commands, the test client) nothing here is
installed: libpq's own ``connect_timeout`` (set in settings) bounds connecting.
"""

import contextvars
import select
import time
from contextlib import contextmanager

import psycopg2
from django.conf import settings
from django.db import OperationalError, connections
from django.db.backends.signals import connection_created
from psycopg2 import extensions

from core.request_limits import STAFF_PREFIXES

BREAKER_SECONDS = 2.0


class Budget:
    """What the request in progress may still wait on PostgreSQL, in seconds,
    and the statement_timeout (ms) its statements get."""

    __slots__ = ("left", "statement_ms")

    def __init__(self, seconds, statement_ms):
        self.left = seconds
        self.statement_ms = statement_ms


_budget = contextvars.ContextVar("core.dbwait.budget", default=None)
_open_until = 0.0  # the breaker: no database waits in this worker before this time


class DatabaseWaitExpired(psycopg2.OperationalError):
    """The database did not answer within the request's budget."""


def _trip():
    global _open_until
    _open_until = time.monotonic() + BREAKER_SECONDS


def breaker_open():
    return time.monotonic() < _open_until


def reset():
    """Close the breaker (tests, and a worker that knows better)."""
    global _open_until
    _open_until = 0.0


@contextmanager
def budget(seconds, statement_timeout=True):
    """Let the database waits inside take ``seconds`` in all; with
    ``statement_timeout``, the server's limit for each statement too.

    Only waiting counts, not the Python in between: a page that renders slowly
    on a busy machine is no sign of a database in trouble.
    """
    token = _budget.set(Budget(seconds, int(seconds * 1000) if statement_timeout else None))
    try:
        yield
    finally:
        _budget.reset(token)


def wait(connection):
    """psycopg2's wait callback: poll ``connection`` until its operation is done or the budget is spent."""
    if breaker_open():
        raise DatabaseWaitExpired("database skipped: it did not answer a moment ago")
    current = _budget.get()
    began = time.monotonic()
    end = began + current.left if current is not None else None
    if connection.status == extensions.STATUS_SETUP:  # opening the connection
        connect_end = began + settings.DATABASE_CONNECT_TIMEOUT_SECONDS
        end = connect_end if end is None else min(end, connect_end)
    try:
        _poll(connection, end)
    finally:
        if current is not None:
            current.left -= time.monotonic() - began


def _poll(connection, end):
    poller = select.poll()
    registered = None
    while True:
        state = connection.poll()
        if state == extensions.POLL_OK:
            return
        if state not in (extensions.POLL_READ, extensions.POLL_WRITE):
            raise psycopg2.OperationalError(f"unexpected poll state {state!r}")
        events = select.POLLIN if state == extensions.POLL_READ else select.POLLOUT
        if registered != events:
            poller.register(connection.fileno(), events)
            registered = events
        if end is None:
            poller.poll()
            continue
        left = end - time.monotonic()
        if left <= 0 or not poller.poll(left * 1000):
            _trip()
            raise DatabaseWaitExpired("the database did not answer in time")


def _limit_statements(execute, sql, params, many, context):
    """Execute wrapper: refuse while the breaker is open (before the statement
    is sent, so a write is never left half known), and give the server the
    request's statement_timeout."""
    if breaker_open():
        raise OperationalError("database skipped: it did not answer a moment ago")
    current = _budget.get()
    wanted = current.statement_ms if current is not None else None
    connection = context["connection"]
    if wanted is not None and connection.__dict__.get("statement_timeout_ms") != wanted:
        raw = context["cursor"].cursor
        with connection.wrap_database_errors:
            if connection.in_atomic_block:
                # A session SET inside a transaction is undone by its rollback;
                # SET LOCAL ends with the transaction, and is sent again next time.
                raw.execute("SET LOCAL statement_timeout = %s", [wanted])
            else:
                raw.execute("SET statement_timeout = %s", [wanted])
                connection.statement_timeout_ms = wanted
    return execute(sql, params, many, context)


def _on_connection(sender, connection, **kwargs):
    connection.statement_timeout_ms = None  # the server's default, whatever it is
    if _limit_statements not in connection.execute_wrappers:
        connection.execute_wrappers.append(_limit_statements)


def install():
    """Use bounded waits in this process (a gunicorn worker, before its first connection)."""
    extensions.set_wait_callback(wait)
    connection_created.connect(_on_connection, dispatch_uid="core.dbwait")


def uninstall():
    extensions.set_wait_callback(None)
    connection_created.disconnect(dispatch_uid="core.dbwait")
    for connection in connections.all(initialized_only=True):
        if _limit_statements in connection.execute_wrappers:
            connection.execute_wrappers.remove(_limit_statements)


def request_budget(environ):
    """Seconds a request may wait on the database in all."""
    if environ.get("PATH_INFO", "").startswith(STAFF_PREFIXES):
        return settings.DATABASE_STAFF_TIMEOUT_SECONDS
    if f"{settings.SESSION_COOKIE_NAME}=" in environ.get("HTTP_COOKIE", ""):
        return settings.DATABASE_STAFF_TIMEOUT_SECONDS
    return settings.DATABASE_READER_TIMEOUT_SECONDS


class DatabaseBudgetApplication:
    """WSGI wrapper giving each request its database budget (see the module docstring)."""

    def __init__(self, application):
        self.application = application

    def __call__(self, environ, start_response):
        with budget(request_budget(environ)):
            return self.application(environ, start_response)
