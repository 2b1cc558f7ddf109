"""Who is reading, so that one reader counts one view (articles.counters).

A reader is the client's address (``comments.throttle.client_ip``, which
honours ``TRUSTED_PROXY_COUNT``), the whole /64 for IPv6, as a comment ban
covers: that is what one subscriber's line gets, and anyone with one can
pick a new address in it for every request. Behind one address (a family,
an office, a school's NAT) readers are told apart by their browser: the
User-Agent picks one of ``settings.BROWSERS_PER_ADDRESS`` slots, so people
with different browsers count apart while rotating the User-Agent adds at
most that many views per address. No cookie: the page cache serves the same
bytes to everybody, and a reader who drops cookies would count again.
"""

import zlib
from functools import lru_cache

from django.conf import settings

from comments.networks import ban_network
from comments.throttle import client_ip

NO_ADDRESS = "no-address"


def reader_of(request):
    """The reader making ``request``, as text fit for a cache key."""
    ip = client_ip(request)
    browser = zlib.crc32(request.META.get("HTTP_USER_AGENT", "").encode()) % settings.BROWSERS_PER_ADDRESS
    return f"{_line(ip) if ip else NO_ADDRESS}:{browser}"


# Every counted page-cache hit asks; the same few addresses come back again and again.
@lru_cache(maxsize=10_000)
def _line(ip):
    if ":" not in ip:
        # client_ip already checked it; an IPv4 line is the address itself,
        # as ban_network says, without building it again (a first visit's cost).
        return f"{ip}/32"
    return ban_network(ip)
