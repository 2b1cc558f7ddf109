"""A friendly 503 instead of a 500 trace while the database is unreachable.

When PostgreSQL stops (a restart, a failover, a full disk) every query raises
``OperationalError`` or ``InterfaceError``. Readers then get the
"暂时无法访问" page with HTTP 503 and ``Retry-After``, which tells browsers,
proxies and crawlers that the outage is temporary (a 500 tells a crawler the
page is broken).

Two ways in, because Django routes errors by where they are raised:

- ``DatabaseUnavailableMiddleware.process_exception`` sees errors from views
  and from rendering a ``TemplateResponse`` (Django passes render errors to
  ``process_exception`` as well).
- ``server_error`` is the project's ``handler500``: errors raised inside other
  middleware (loading a session, saving one) never reach ``process_exception``
  and end there instead, still inside the ``except`` block, so the exception
  can be inspected.

Recovery needs nothing from here: a connection that failed is closed at the
end of the request (Django does so for connections that saw an error), and
``conn_health_checks`` pings a reused connection before the next request
trusts it, so the first request after PostgreSQL returns opens a fresh one.
"""

import logging
import sys

from django.db import InterfaceError, OperationalError
from django.http import HttpResponse, JsonResponse
from django.template import loader
from django.views import defaults

logger = logging.getLogger("core.resilience")

DATABASE_DOWN = (OperationalError, InterfaceError)
RETRY_AFTER_SECONDS = 30


UNAVAILABLE_MESSAGE = "暂时无法访问，请稍后再试"


def unavailable_response(request):
    """The 503 page, rendered without the request: no context processor may query.

    comments.js asks for JSON and shows the message it gets next to the form.
    """
    if request is not None and request.headers.get("Accept", "").startswith("application/json"):
        response = JsonResponse({"ok": False, "message": UNAVAILABLE_MESSAGE}, status=503)
    else:
        response = HttpResponse(loader.render_to_string("503.html"), status=503)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    # A proxy or CDN must not keep serving the outage page after recovery.
    response["Cache-Control"] = "no-store"
    return response


def is_database_down(exception):
    return isinstance(exception, DATABASE_DOWN)


class DatabaseUnavailableMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if not is_database_down(exception):
            return None
        logger.warning("Database unavailable, answered 503 for %s: %s", request.path, exception)
        return unavailable_response(request)


def server_error(request, template_name="500.html"):
    """handler500: the 503 page when the error in flight is the database being down."""
    if is_database_down(sys.exc_info()[1]):
        return unavailable_response(request)
    return defaults.server_error(request, template_name)
