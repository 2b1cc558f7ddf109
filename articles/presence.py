"""正在编辑: who else has an article's change page open right now.

Each open page beats every ``ARTICLE_PRESENCE_SECONDS``; the article's cache
entry maps each page (a random token the page picks) to who it is and when it
last beat. A page that misses three beats is dropped when the entry is read,
and the entry itself expires when no page beats any more. A closed tab says
goodbye at once (the script's beacon on pagehide).

The cache and not a table: presence is worthless a minute later, and a write
to PostgreSQL every 20 s for each open page would buy nothing. Two beats at
the same moment may each write the entry without the other's page; that page
is back on its next beat, which is cheaper than a lock for a hint.
"""

import re
import time

from django.conf import settings
from django.core.cache import cache
from django.http import JsonResponse

from articles.admin_json import article_endpoint, refuse

PAGE_TOKEN = re.compile(r"[A-Za-z0-9_-]{8,64}")
MAX_PAGES = 50  # per article; more is a runaway script, not a newsroom


def expiry_seconds():
    return 3 * settings.ARTICLE_PRESENCE_SECONDS


def _key(article):
    return f"articles:presence:{article.pk}"


def display_name(user):
    return user.get_full_name().strip() or user.get_username()


def _current(article):
    oldest = time.time() - expiry_seconds()
    return {page: entry for page, entry in (cache.get(_key(article)) or {}).items() if entry["seen"] > oldest}


def _others(pages, user):
    return sorted({entry["name"] for entry in pages.values() if entry["user"] != user.pk})


def arrive(article, page, user):
    """Note this page as open now; the names of the others who have the article open."""
    pages = _current(article)
    pages[page] = {"user": user.pk, "name": display_name(user), "seen": time.time()}
    if len(pages) > MAX_PAGES:
        pages = dict(sorted(pages.items(), key=lambda item: item[1]["seen"])[-MAX_PAGES:])
    cache.set(_key(article), pages, timeout=expiry_seconds())
    return _others(pages, user)


def leave(article, page, user):
    pages = _current(article)
    if pages.get(page, {}).get("user") == user.pk:
        del pages[page]
        cache.set(_key(article), pages, timeout=expiry_seconds())


def editing_now(article, user):
    """The names of the others who have the article open, without joining them."""
    return _others(_current(article), user)


@article_endpoint("GET", "POST")
def presence_view(request, article):
    """GET: who else is here. POST ``page``: this page beats (or, with ``leave``, goes)."""
    user = request.user
    if request.method == "GET":
        return JsonResponse({"others": editing_now(article, user)})
    page = request.POST.get("page", "")
    if not PAGE_TOKEN.fullmatch(page):
        return refuse(400, "缺少页面标识。")
    if request.POST.get("leave"):
        leave(article, page, user)
        return JsonResponse({"others": []})
    return JsonResponse({"others": arrive(article, page, user)})
