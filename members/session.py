"""The nickname cookie that lets cached pages greet a logged-in reader.

Pages are cached whole and shared, so they never carry a reader's name; a
non-HttpOnly cookie holds the nickname only (nothing that logs anyone in)
and static/js/account.js puts it in the header. It lives as long as the
session cookie and goes with it at logout.
"""

from urllib.parse import quote

from django.conf import settings
from django.contrib.auth import login, logout


def remember_nickname(request, response, nickname):
    session = request.session
    max_age = None if session.get_expire_at_browser_close() else session.get_expiry_age()
    response.set_cookie(
        settings.READER_COOKIE_NAME,
        quote(nickname),
        max_age=max_age,
        path="/",
        secure=settings.SESSION_COOKIE_SECURE,
        httponly=False,  # read by account.js
        samesite="Lax",
    )


def forget_nickname(response):
    response.delete_cookie(settings.READER_COOKIE_NAME, path="/", samesite="Lax")


def log_in(request, response, reader):
    login(request, reader.user, backend="django.contrib.auth.backends.ModelBackend")
    remember_nickname(request, response, reader.nickname)


def log_out(request, response):
    logout(request)
    forget_nickname(response)
