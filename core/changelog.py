"""Where kept values and the record of changes live: Redis, or any Django cache.

core.kept decides what is fresh; this module stores it. Two stores with the
same methods:

- ``RedisStore`` (``REDIS_URL``, the ``core.redis_cache`` backend): the
  change record is one Redis hash (``changes``: a counter, and per name the
  number of its last change) that never expires, so the cache's eviction
  can never make a stale value look fresh. ``look`` is one Lua script: it
  reads each value's description, compares the change numbers, returns the
  values this process does not already hold, and bumps a hit counter.
- ``CacheStore``: the same over Django's cache API, for a laptop's
  local-memory cache and the tests.

Each kept value is two keys: ``<key>:m``, a short description the script
can read (stamp, change number, fresh until, names), and ``<key>:v``, the
pickled ``Kept``.

The change counter starts from the clock in microseconds whenever the record
is missing (a new or emptied Redis), so its numbers never fall back below
those of values kept before.
"""

# Values come only from the site's own Redis, which Django's RedisCache also
# fills with pickles; a reader can never write there.
import pickle  # nosec B403
import time
from dataclasses import dataclass

from django.core.cache import caches
from django.core.cache.backends.redis import RedisCache

from core.redis_cache import REDIS_DOWN, ResilientRedisCache, raw_client

CHANGES = "changes"
NUMBER = "~number"


@dataclass(frozen=True)
class Kept:
    """A value as it is kept: which build it is, the change number it was
    built at, until when it is fresh and the names it depends on."""

    value: object
    stamp: str  # which build: the same on every server that reads it
    number: int
    names: frozenset
    fresh_until: float
    built_at: float


@dataclass(frozen=True)
class Found:
    kept: Kept | None
    fresh: bool

    @property
    def value(self):
        return self.kept.value if self.kept is not None else None


_missing = Found(None, False)


@dataclass(frozen=True)
class Counter:
    """A hit to count with a lookup: ``HINCRBY redis_hash field`` (``local_key``
    without Redis), once per ``dedupe_key`` per ``dedupe_seconds`` when given."""

    redis_hash: str
    field: str
    local_key: str
    dedupe_key: str | None = None
    dedupe_seconds: int = 0


def store():
    backend = caches["default"]
    if isinstance(backend, RedisCache):
        return RedisStore(backend)
    return CacheStore(backend)


def _unguarded(func, fallback, *args, **kwargs):
    try:
        return func(*args, **kwargs)
    except REDIS_DOWN:
        return fallback()


def current_number():
    return store().current_number()


def _describe(kept):
    return f"{kept.stamp}\t{kept.number}\t{kept.fresh_until!r}\t{' '.join(sorted(kept.names))}"


def _fresh_start():
    # Microseconds: well below 2**53, which Lua's numbers hold exactly.
    return int(time.time() * 1_000_000)


# A hit, counted once per dedupe key while that key lives; written once, for
# both scripts that count (LOOK with a lookup, COUNT alone).
COUNT_ONCE = """
local function count_once(hash, field, dedupe, seconds)
    if dedupe == '' or redis.call('SET', dedupe, '1', 'NX', 'EX', seconds) then
        redis.call('HINCRBY', hash, field, 1)
    end
end
"""

COUNT = COUNT_ONCE + "count_once(ARGV[1], ARGV[2], ARGV[3], tonumber(ARGV[4]))"

_LOOK = """
local now = tonumber(ARGV[1])
local count = tonumber(ARGV[2])
local out = {}
for i = 1, count do
    local meta = redis.call('GET', KEYS[2 * i])
    if not meta then
        out[#out + 1] = ''
        out[#out + 1] = '0'
        out[#out + 1] = ''
    else
        local stamp, number, fresh_until, names = string.match(meta, '^([^\\t]*)\\t([^\\t]*)\\t([^\\t]*)\\t(.*)$')
        local fresh = tonumber(fresh_until) > now
        if fresh and names ~= '' then
            local list = {}
            for name in string.gmatch(names, '%S+') do list[#list + 1] = name end
            local changed = redis.call('HMGET', KEYS[1], unpack(list))
            number = tonumber(number)
            for j = 1, #changed do
                if changed[j] and tonumber(changed[j]) > number then
                    fresh = false
                    break
                end
            end
        end
        out[#out + 1] = meta
        out[#out + 1] = fresh and '1' or '0'
        if ARGV[2 + i] == stamp then
            out[#out + 1] = ''
        else
            out[#out + 1] = redis.call('GET', KEYS[2 * i + 1]) or ''
        end
    end
end
local counter = 2 + count + 1
local counted = '0'
if ARGV[counter] and ARGV[counter] ~= '' and out[1] ~= '' then
    counted = '1'
    count_once(ARGV[counter], ARGV[counter + 1], ARGV[counter + 2], tonumber(ARGV[counter + 3]))
end
out[#out + 1] = counted
return out
"""
LOOK = COUNT_ONCE + _LOOK

MARK = """
if redis.call('HEXISTS', KEYS[1], '~number') == 0 then
    redis.call('HSET', KEYS[1], '~number', ARGV[1])
end
local number = redis.call('HINCRBY', KEYS[1], '~number', 1)
for i = 2, #ARGV do
    redis.call('HSET', KEYS[1], ARGV[i], number)
end
return number
"""


class RedisStore:
    def __init__(self, backend):
        self.backend = backend
        self.changes = backend.make_key(CHANGES)
        # Through the circuit breaker with the site's own backend; Django's
        # plain RedisCache (some tests) calls straight through.
        self.guarded = backend.guarded if isinstance(backend, ResilientRedisCache) else _unguarded

    def _client(self):
        return raw_client(self.backend)

    def down(self):
        """Whether Redis failed a moment ago (the circuit breaker is open)."""
        return isinstance(self.backend, ResilientRedisCache) and not self.backend.available()

    def _script(self, name, source):
        scripts = self.backend.__dict__.setdefault("_kept_scripts", {})
        if name not in scripts:
            scripts[name] = self._client().register_script(source)
        return scripts[name]

    def current_number(self):
        def read():
            client = self._client()
            number = client.hget(self.changes, NUMBER)
            if number is None:
                client.hsetnx(self.changes, NUMBER, _fresh_start())
                number = client.hget(self.changes, NUMBER)
            return int(number)

        # Redis down: nothing is kept anyway, and 0 keeps nothing fresh later.
        return self.guarded(read, lambda: 0)

    def look(self, keys, local, count, now):
        made = [self.backend.make_key(key) for key in keys]
        script_keys = [self.changes]
        for key in made:
            script_keys += [f"{key}:m", f"{key}:v"]
        args = [repr(now), len(keys), *(local[key].stamp if key in local else "" for key in keys)]
        if count is not None:
            args += _count_args(count)
        replies = self.guarded(lambda: self._script("look", LOOK)(keys=script_keys, args=args), list)
        counted = bool(replies) and replies[-1] == b"1"
        found = {}
        for index, key in enumerate(keys if replies else []):
            meta, fresh, value = replies[3 * index : 3 * index + 3]
            if not meta:
                found[key] = _missing
                continue
            stamp = meta.split(b"\t", 1)[0].decode()
            kept = local.get(key) if not value else pickle.loads(value)  # nosec B301: our own Redis, see the import
            if kept is None or kept.stamp != stamp:
                found[key] = _missing
                continue
            found[key] = Found(kept, fresh == b"1")
        return {key: found.get(key, _missing) for key in keys}, counted

    def count(self, count):
        """Count a hit (a ``Counter``) on its own; the page matters more than its
        counter, so a Redis that stopped answering costs no wait here either."""
        self.guarded(lambda: self._script("count", COUNT)(args=_count_args(count)), lambda: None)

    def keep(self, key, kept, timeout):
        key = self.backend.make_key(key)

        def write():
            with self._client().pipeline(transaction=False) as pipe:
                pipe.set(f"{key}:v", pickle.dumps(kept, pickle.HIGHEST_PROTOCOL), ex=int(timeout))
                pipe.set(f"{key}:m", _describe(kept), ex=int(timeout))
                pipe.execute()

        self.guarded(write, lambda: None)

    def mark_changed(self, names):
        return self.guarded(
            lambda: self._script("mark", MARK)(keys=[self.changes], args=[_fresh_start(), *names]), lambda: None
        )

    def add(self, key, seconds):
        return self.backend.add(key, 1, timeout=seconds)

    def exists(self, key):
        return self.backend.get(key) is not None

    def delete(self, key):
        self.backend.delete(key)


class CacheStore:
    """The same over any Django cache (local memory on a laptop and in tests)."""

    def __init__(self, backend):
        self.backend = backend

    def down(self):
        return False

    def _changes(self):
        changes = self.backend.get(CHANGES)
        if changes is None:
            self.backend.add(CHANGES, {NUMBER: _fresh_start()}, timeout=None)
            changes = self.backend.get(CHANGES)
        return changes

    def current_number(self):
        return self._changes()[NUMBER]

    def look(self, keys, local, count, now):
        stored = self.backend.get_many([f"{key}:v" for key in keys])
        changes = self._changes()
        found = {}
        for key in keys:
            kept = stored.get(f"{key}:v")
            if not isinstance(kept, Kept):  # missing, or kept by an older release in another shape
                found[key] = _missing
                continue
            fresh = kept.fresh_until > now and all(changes.get(name, 0) <= kept.number for name in kept.names)
            found[key] = Found(kept, fresh)
        counted = count is not None and bool(keys) and found[keys[0]].kept is not None
        if counted:
            _count_locally(self.backend, count)
        return found, counted

    def count(self, count):
        _count_locally(self.backend, count)

    def keep(self, key, kept, timeout):
        self.backend.set(f"{key}:v", kept, timeout=timeout)

    def mark_changed(self, names):
        changes = dict(self._changes())
        changes[NUMBER] += 1
        changes.update(dict.fromkeys(names, changes[NUMBER]))
        self.backend.set(CHANGES, changes, timeout=None)
        return changes[NUMBER]

    def add(self, key, seconds):
        return self.backend.add(key, 1, timeout=seconds)

    def exists(self, key):
        return self.backend.get(key) is not None

    def delete(self, key):
        self.backend.delete(key)


def _count_args(count):
    return [count.redis_hash, count.field, count.dedupe_key or "", count.dedupe_seconds]


def _count_locally(backend, count):
    if count.dedupe_key and not backend.add(count.dedupe_key, 1, timeout=count.dedupe_seconds):
        return
    backend.add(count.local_key, 0, timeout=3 * 24 * 3600)
    try:
        backend.incr(count.local_key)
    except ValueError:  # evicted between add() and incr()
        backend.set(count.local_key, 1, timeout=3 * 24 * 3600)
