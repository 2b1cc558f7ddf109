"""Django's Redis cache, made to survive Redis going away.

Django's ``RedisCache`` raises ``redis.ConnectionError`` from every call once
Redis stops, which would turn each page into a 500. This backend treats an
unreachable Redis as an empty cache that forgets what it is told:

- reads miss (``get`` returns the default, ``get_many`` returns ``{}``),
- writes and deletes do nothing (``add``/``touch``/``delete`` return False),
- ``incr``/``decr`` raise ``CacheUnavailable``, a ``ValueError``: callers
  already handle ValueError as "the counter is gone", so view counts and the
  like degrade to "not counted"; callers that must keep counting (the comment
  rate limit, comments/throttle.py) catch ``CacheUnavailable`` itself.

So the site serves everything from the database, uncached, while Redis is
down. Nothing is kept in process memory in its place: a page cached in one
worker could not be invalidated from another, and a withdrawn article must
disappear everywhere.

Invalidations sent while Redis was unreachable are lost; a Redis that was
only cut off (not restarted empty) comes back holding pages they should have
dropped. ``cache_recovered`` is sent once per process when Redis answers again
after an outage that process saw, so whoever versions cached pages can move
the version on.

A failure opens a short circuit: for ``RETRY_SECONDS`` the process does not
try Redis at all, so a Redis that hangs (rather than refuses) costs one
connect timeout per second, not one per cache call. Each outage is logged
once when it starts and once when Redis answers again.
"""

import logging
import threading
import time

from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.redis import RedisCache
from django.dispatch import Signal
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError

logger = logging.getLogger("newsportal.cache")

REDIS_DOWN = (RedisConnectionError, RedisTimeoutError)
RETRY_SECONDS = 1.0

cache_recovered = Signal()  # sent with location=, see the module docstring

# Short enough that a Redis that stopped answering cannot stall a page.
DEFAULT_OPTIONS = {"socket_connect_timeout": 0.2, "socket_timeout": 0.5}


class CacheUnavailable(ValueError):
    """The shared cache cannot be reached; raised by incr()/decr() only."""


class _Circuit:
    """Per-process state of one Redis location, shared by every thread's backend."""

    def __init__(self):
        self.lock = threading.Lock()
        self.down_until = 0.0
        self.down = False

    def closed(self):
        return time.monotonic() >= self.down_until

    def failed(self, location, error):
        with self.lock:
            self.down_until = time.monotonic() + RETRY_SECONDS
            if not self.down:
                self.down = True
                logger.error("Redis cache at %s unavailable (%s): serving without cache until it returns", location, error)

    def succeeded(self, location):
        if not self.down:
            return
        with self.lock:
            if not self.down:
                return
            self.down = False
        logger.warning("Redis cache at %s is back", location)
        cache_recovered.send(sender=ResilientRedisCache, location=location)


_circuits = {}
_circuits_lock = threading.Lock()


def _circuit_for(location):
    with _circuits_lock:
        return _circuits.setdefault(location, _Circuit())


class ResilientRedisCache(RedisCache):
    def __init__(self, server, params):
        params = {**params, "OPTIONS": {**DEFAULT_OPTIONS, **params.get("OPTIONS", {})}}
        super().__init__(server, params)
        self._location = ",".join(self._servers)
        self._circuit = _circuit_for(self._location)

    def _call(self, method, fallback, *args, **kwargs):
        if not self._circuit.closed():
            return fallback()
        try:
            result = getattr(super(), method)(*args, **kwargs)
        except REDIS_DOWN as error:
            self._circuit.failed(self._location, error)
            return fallback()
        self._circuit.succeeded(self._location)
        return result

    def add(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        return self._call("add", lambda: False, key, value, timeout, version)

    def get(self, key, default=None, version=None):
        return self._call("get", lambda: default, key, default, version)

    def set(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        return self._call("set", lambda: None, key, value, timeout, version)

    def touch(self, key, timeout=DEFAULT_TIMEOUT, version=None):
        return self._call("touch", lambda: False, key, timeout, version)

    def delete(self, key, version=None):
        return self._call("delete", lambda: False, key, version)

    def get_many(self, keys, version=None):
        return self._call("get_many", dict, keys, version)

    def has_key(self, key, version=None):
        return self._call("has_key", lambda: False, key, version)

    def incr(self, key, delta=1, version=None):
        def unavailable():
            raise CacheUnavailable(f"cache unavailable, cannot count {key!r}")

        return self._call("incr", unavailable, key, delta, version)

    def set_many(self, data, timeout=DEFAULT_TIMEOUT, version=None):
        return self._call("set_many", lambda: list(data), data, timeout, version)

    def delete_many(self, keys, version=None):
        return self._call("delete_many", lambda: None, keys, version)

    def clear(self):
        return self._call("clear", lambda: False)
