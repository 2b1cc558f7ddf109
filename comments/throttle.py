"""Who is posting, and how often: the client IP and a per-IP rate limit."""

import ipaddress
import time

from django.conf import settings
from django.core.cache import cache
from django.core.cache.backends.locmem import LocMemCache

from core.redis_cache import CacheUnavailable

# Rate-limit counters while the shared cache is unreachable (see within_rate_limit).
_local_counts = LocMemCache("ratelimit-fallback", {"OPTIONS": {"MAX_ENTRIES": 10_000}})


def client_ip(request):
    """The reader's IP address.

    REMOTE_ADDR unless settings.TRUSTED_PROXY_COUNT proxies sit in front of
    the app. Each proxy appends the address it saw to X-Forwarded-For, so with
    N trusted proxies the client is the N-th entry from the right; anything
    further left was written by the client and cannot be believed.
    """
    remote = request.META.get("REMOTE_ADDR", "")
    proxies = settings.TRUSTED_PROXY_COUNT
    if proxies > 0:
        hops = [h.strip() for h in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if h.strip()]
        if len(hops) >= proxies:
            remote = hops[-proxies]
    try:
        return str(ipaddress.ip_address(remote))
    except ValueError:
        return None


def within_rate_limit(scope, ip, limit, window=60):
    """Count one hit for ``ip``; False once it passes ``limit`` in this window.

    A fixed window in the shared cache: add() creates the counter atomically
    if it is missing and incr() is atomic on Redis and locmem, so concurrent
    requests on any number of servers never lose a hit. limit <= 0 turns the
    limit off.

    While Redis is down the count moves to this process's memory: the limit
    still holds per app-server process (so at most workers x limit per
    minute) instead of lifting altogether, and costs no database write.
    """
    if limit <= 0:
        return True
    key = f"ratelimit:{scope}:{ip}:{int(time.time() // window)}"
    try:
        hits = _count(cache, key, window)
    except CacheUnavailable:
        hits = _count(_local_counts, key, window)
    return hits <= limit


def _count(counts, key, window):
    counts.add(key, 0, timeout=window * 2)
    try:
        return counts.incr(key)
    except CacheUnavailable:
        raise
    except ValueError:
        # Evicted between add() and incr(): start the window again.
        counts.add(key, 1, timeout=window * 2)
        return 1
