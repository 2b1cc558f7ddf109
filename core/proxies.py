"""Telling the caching proxies in front (Varnish, a CDN's purge API) what went stale.

Every shareable page carries ``X-Depends``: the names it shows (core.kept).
``purge(names)`` sends one ``BAN`` request to each address in
``settings.PROXY_PURGE_URLS`` with ``X-Stale: <names>`` (comma-separated); the proxy's
configuration (deploy/varnish/newsportal.vcl) bans every stored page whose
``X-Depends`` holds one of them, and strips the header before readers see
it. A proxy that does not answer within ``PROXY_PURGE_TIMEOUT`` is logged
and skipped: its pages then age out after ``s-maxage`` as usual.
"""

import logging
import urllib.error
import urllib.request

from django.conf import settings

logger = logging.getLogger(__name__)
HEADER = "X-Depends"


def depends_header(names):
    return ",".join(sorted(names))


def purge(names):
    if not names or not settings.PROXY_PURGE_URLS:
        return
    stale = depends_header(names)
    for url in settings.PROXY_PURGE_URLS:
        request = urllib.request.Request(url, method="BAN", headers={"X-Stale": stale})
        try:
            # bandit: the operator's own proxy addresses from settings.
            with urllib.request.urlopen(request, timeout=settings.PROXY_PURGE_TIMEOUT):  # nosec B310
                pass
        except (urllib.error.URLError, OSError) as error:
            logger.warning("could not purge %s at %s: %s", stale[:200], url, error)
