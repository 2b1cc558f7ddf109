"""Response headers for the browser's own defences, and the login throttle's backend.

Content-Security-Policy comes in two strengths, chosen by path:

- Reader pages get a strict policy: scripts and style sheets only from our
  own origin, no inline script, no plugins, no framing; only the sanitized
  style attributes of article bodies are allowed inline. Our templates carry no
  inline script or event handler; the JSON-LD blocks are data
  (``type="application/ld+json"``), which CSP does not treat as script.
- ``/admin/`` and ``/ckeditor/`` get a looser one, because CKEditor 4 builds
  its editing area with inline styles and handlers and evaluates generated
  code; it still allows nothing from other origins.

A few lines of middleware instead of django-csp: the split is by URL prefix
over third-party views (admin, django-ckeditor) that per-view decorators
cannot reach, no nonces are needed, and Django 5.2 has no built-in CSP.
"""

from urllib.parse import urlsplit

from axes.backends import AxesStandaloneBackend
from django.conf import settings
from django.http import Http404, QueryDict

STAFF_PREFIXES = ("/admin/", "/ckeditor/")

# Browser features a news site never uses; turned off so an injected frame
# or script could not ask for them either.
PERMISSIONS_POLICY = "camera=(), microphone=(), geolocation=(), payment=(), usb=()"


def _media_origin():
    """Where images come from when media live on object storage (MEDIA_URL absolute)."""
    parts = urlsplit(settings.MEDIA_URL)
    return f"{parts.scheme}://{parts.netloc}" if parts.scheme and parts.netloc else ""


def _policy(directives):
    return "; ".join(f"{name} {' '.join(sources)}" for name, sources in directives.items())


def reader_policy():
    images = ["'self'", "data:", _media_origin()]
    return _policy(
        {
            "default-src": ["'self'"],
            "script-src": ["'self'"],
            "style-src": ["'self'"],
            # Article bodies keep CKEditor's alignment and emphasis styles,
            # which nh3 has cut down to a list of harmless properties
            # (articles.sanitize); <style> elements stay forbidden.
            "style-src-attr": ["'unsafe-inline'"],
            "img-src": [source for source in images if source],
            # An article's video (and its poster, an image) come from the media store.
            "media-src": [source for source in ("'self'", _media_origin()) if source],
            "object-src": ["'none'"],
            "base-uri": ["'self'"],
            "form-action": ["'self'"],
            "frame-ancestors": ["'none'"],
        }
    )


def staff_policy():
    images = ["'self'", "data:", "blob:", _media_origin()]
    return _policy(
        {
            "default-src": ["'self'"],
            "script-src": ["'self'", "'unsafe-inline'", "'unsafe-eval'"],
            "style-src": ["'self'", "'unsafe-inline'"],
            "img-src": [source for source in images if source],
            # An article's video (and its poster, an image) come from the media store.
            "media-src": [source for source in ("'self'", _media_origin()) if source],
            "object-src": ["'none'"],
            "base-uri": ["'self'"],
            "form-action": ["'self'"],
            # CKEditor's upload tab posts into a hidden same-origin iframe.
            "frame-ancestors": ["'self'"],
        }
    )


class SecurityHeadersMiddleware:
    """Content-Security-Policy and Permissions-Policy on every response.

    The page cache sits before it and stores these headers with each page.
    """

    def __init__(self, get_response):
        self.get_response = get_response
        self.reader = reader_policy()
        self.staff = staff_policy()

    def __call__(self, request):
        response = self.get_response(request)
        staff = request.path.startswith(STAFF_PREFIXES)
        response.headers.setdefault("Content-Security-Policy", self.staff if staff else self.reader)
        response.headers.setdefault("Permissions-Policy", PERMISSIONS_POLICY)
        return response


class NulCharacterMiddleware:
    """NUL (%00) never reaches a view: PostgreSQL refuses it in every text value.

    A view looking up ``/tag/%00/`` or an admin filter given ``?status=%00``
    failed with a 500. No page's address holds a NUL, so such a path is a
    404; in the query string it is dropped, as a pasted one is from saved
    text (core.text), so a search for ``柠檬%00`` still finds 柠檬.
    Form fields already refuse it (Django's ProhibitNullCharactersValidator).
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if "\x00" in request.path:
            raise Http404("页面地址中含有空字符。")
        if "%00" in request.META.get("QUERY_STRING", ""):
            query = QueryDict(mutable=True)
            for key, values in request.GET.lists():
                query.setlist(key.replace("\x00", ""), [value.replace("\x00", "") for value in values])
            query._mutable = False
            request.GET = query
        return self.get_response(request)


class LoginThrottleBackend(AxesStandaloneBackend):
    """django-axes' lockout check, skipped when there is no web request.

    Every login form passes the request; only code such as the test client's
    ``login()`` or a shell session calls authenticate() without one, and
    there is no client address to throttle. django-axes would raise instead.
    """

    def authenticate(self, request, username=None, password=None, **kwargs):
        if request is None:
            return None
        return super().authenticate(request, username=username, password=password, **kwargs)
