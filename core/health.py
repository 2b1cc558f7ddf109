"""/healthz: what the load balancer asks each app server before sending it readers.

Answered in front of Django (``HealthCheckApplication``, in wsgi.py). A
balancer probes each server by its own address over plain http, which
ALLOWED_HOSTS and the https redirect would refuse, and a probe every few
seconds must not be cached, counted as a view or given a session.

- 200 when this server's database answers a query;
- 503 when it does not, or not within ``DATABASE_SECONDS`` under gunicorn
  (core.dbwait; a wrong DATABASE_URL on one server, a network split, a
  hung server), so the balancer stops sending readers to a server that can
  only show them the outage page.

The shared cache (Redis) is reported but never fails the check: without it
the site serves everything uncached (``core.redis_cache``). The body is JSON
for monitoring, e.g. ``{"database": "ok", "cache": "unavailable"}``.
"""

import json
import secrets

from django.core.cache import cache
from django.db import DEFAULT_DB_ALIAS, connections

from core import dbwait
from core.resilience import DATABASE_DOWN

PATH = "/healthz"
PROBE_SECONDS = 10
# The balancer's probe gives up after a second or so: a database that has not
# answered by then counts as unavailable, and Redis gets its own socket timeout.
DATABASE_SECONDS = 0.4


def database_answers(alias=DEFAULT_DB_ALIAS):
    """Whether the database answers ``SELECT 1`` now.

    Outside a request nothing else closes a broken connection, and while the
    balancer keeps readers away no request comes to do it: so, as Django does
    around each request, the connection is checked (and replaced when
    PostgreSQL restarted meanwhile) before the query and closed after an error.
    """
    connection = connections[alias]
    own_transaction = not connection.in_atomic_block  # never close a caller's (a test's) transaction
    with dbwait.budget(DATABASE_SECONDS, statement_timeout=False):
        if own_transaction:
            connection.close_if_unusable_or_obsolete()
        try:
            with connection.cursor() as cursor:
                cursor.execute("SELECT 1")
            return True
        except DATABASE_DOWN:
            return False
        finally:
            if own_transaction:
                connection.close_if_unusable_or_obsolete()


def cache_answers():
    """Whether the cache keeps what it is given (Redis, when configured, is up)."""
    # A key of its own per probe: servers and workers probing at once never
    # read each other's value. It expires within PROBE_SECONDS.
    key = f"health:{secrets.token_hex(8)}"
    cache.set(key, True, timeout=PROBE_SECONDS)
    return cache.get(key) is True


def health():
    """``(healthy, report)``: healthy when the database answers."""
    report = {
        "database": "ok" if database_answers() else "unavailable",
        "cache": "ok" if cache_answers() else "unavailable",
    }
    return report["database"] == "ok", report


class HealthCheckApplication:
    """WSGI wrapper answering GET and HEAD /healthz; everything else goes on to ``application``."""

    def __init__(self, application):
        self.application = application

    def __call__(self, environ, start_response):
        # PATH_INFO as the server gives it: "/healthz" is plain ASCII, so it
        # needs no decoding, which every other request would pay for.
        method = environ.get("REQUEST_METHOD")
        if environ.get("PATH_INFO") != PATH or method not in ("GET", "HEAD"):
            return self.application(environ, start_response)
        healthy, report = health()
        body = json.dumps(report).encode()
        headers = [
            ("Content-Type", "application/json"),
            ("Content-Length", str(len(body))),
            ("Cache-Control", "no-store"),
            ("X-Content-Type-Options", "nosniff"),
        ]
        start_response("200 OK" if healthy else "503 Service Unavailable", headers)
        return [body if method == "GET" else b""]
