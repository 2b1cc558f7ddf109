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
try Redis at all; after a timeout (a Redis that hangs rather than refuses)
for ``TIMEOUT_RETRY_SECONDS``, so a hung Redis costs each process one socket
timeout every few seconds, not one per cache call. Each outage is logged
once when it starts and once when Redis answers again. Every Redis command
of the site goes through it (``guarded``): cache calls, kept pages and
lists (core.changelog), view counts and their flush (articles.counters).
"""

import logging
import threading
import time

from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.redis import RedisCache, RedisCacheClient
from django.dispatch import Signal
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError

logger = logging.getLogger("core.redis_cache")

REDIS_DOWN = (RedisConnectionError, RedisTimeoutError)
RETRY_SECONDS = 1.0
TIMEOUT_RETRY_SECONDS = 5.0

cache_recovered = Signal()  # sent with location=, see the module docstring

# Short enough that a Redis that stopped answering cannot stall a page.
DEFAULT_OPTIONS = {"socket_connect_timeout": 0.2, "socket_timeout": 0.25}


GET_MANY_AND_COUNT = """
local values = redis.call('MGET', unpack(KEYS, 1, #KEYS - 1))
if values[#values] then
    redis.call('HINCRBY', KEYS[#KEYS], ARGV[1], 1)
end
return values
"""


def raw_client(backend):
    """The redis-py client of a Django Redis cache, for commands outside the
    cache API (hashes, scripts). Django keeps it behind a private name; this
    is the one place that reaches for it (tests/core/test_redis_cache.py
    fails if Django moves it)."""
    return backend._cache.get_client(write=True)


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
        # A refusal is cheap to meet again; a timeout costs the whole wait.
        pause = TIMEOUT_RETRY_SECONDS if isinstance(error, RedisTimeoutError) else RETRY_SECONDS
        with self.lock:
            self.down_until = time.monotonic() + pause
            if not self.down:
                self.down = True
                logger.error(
                    "Redis cache at %s unavailable (%s): serving without cache until it returns", location, error
                )

    def succeeded(self, location):
        if not self.down:
            return
        with self.lock:
            if not self.down:
                return
            self.down = False
        logger.warning("Redis cache at %s is back", location)
        cache_recovered.send(sender=ResilientRedisCache, location=location)


_circuits: dict = {}
_circuits_lock = threading.Lock()


def _circuit_for(location):
    with _circuits_lock:
        return _circuits.setdefault(location, _Circuit())


class ReusingRedisCacheClient(RedisCacheClient):
    """Django's client, keeping one redis-py client per connection pool.

    Django builds a new ``redis.Redis`` for every cache call, and each one
    copies redis-py's table of response callbacks: about a third of the time
    a page-cache hit spends in Python. A ``redis.Redis`` is only a handle on
    its pool and is safe to share.
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._clients = {}

    def get_client(self, key=None, *, write=False):
        pool = self._get_connection_pool(write)
        client = self._clients.get(id(pool))
        if client is None:
            client = self._clients[id(pool)] = self._client(connection_pool=pool)
        return client


class ResilientRedisCache(RedisCache):
    def __init__(self, server, params):
        params = {**params, "OPTIONS": {**DEFAULT_OPTIONS, **params.get("OPTIONS", {})}}
        super().__init__(server, params)
        self._class = ReusingRedisCacheClient
        self._count_script = None
        self._location = ",".join(self._servers)
        self._circuit = _circuit_for(self._location)

    def make_and_validate_key(self, key, version=None):
        # Django's validation only warns about keys memcached would refuse; it
        # walks every character of every key, on each of a page's cache calls.
        return self.make_key(key, version=version)

    def _call(self, method, fallback, *args, **kwargs):
        return self.guarded(getattr(super(), method), fallback, *args, **kwargs)

    def raw_client(self):
        return raw_client(self)

    def available(self):
        """False while the circuit is open: Redis failed a moment ago."""
        return self._circuit.closed()

    def guarded(self, func, fallback, *args, **kwargs):
        """``func(*args, **kwargs)`` through the circuit breaker: ``fallback()``
        while Redis is known to be down or when the call finds it so."""
        if not self._circuit.closed():
            return fallback()
        try:
            result = func(*args, **kwargs)
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

    def get_many_and_count(self, keys, counter, field, version=None):
        """``get_many(keys)``, and ``HINCRBY counter field 1`` if the last key
        exists, in one round trip (a Lua script runs both in Redis).

        ``counter`` is a Redis key as it is, not a cache key. The page cache
        uses this to count an article's view with the lookup of its page.
        """
        return self.guarded(self._get_many_and_count, dict, keys, counter, field, version)

    def _get_many_and_count(self, keys, counter, field, version):
        client = self._cache.get_client(write=True)
        if self._count_script is None:
            self._count_script = client.register_script(GET_MANY_AND_COUNT)
        made = {self.make_and_validate_key(key, version=version): key for key in keys}
        values = self._count_script(keys=[*made, counter], args=[field], client=client)
        loads = self._cache._serializer.loads
        return {made[key]: loads(value) for key, value in zip(made, values) if value is not None}
