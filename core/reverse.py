"""Links to one view for many objects, at the cost of one ``reverse()``.

A reader's page links to dozens of articles, channels and comments, and
Django's ``reverse()`` matches the view's pattern again for each of them.
``reverse_one(viewname, value)`` asks ``reverse()`` once per view (and
URLconf and script prefix) with a stand-in value, then puts each value in its
place, quoted the way ``reverse()`` quotes it.

Only for views with one argument that the caller knows to be valid for the
pattern (a primary key, a region's path): ``reverse()`` would refuse a bad
one, this does not check.
"""

from functools import lru_cache
from urllib.parse import quote

from django.conf import settings
from django.urls import NoReverseMatch, get_script_prefix, get_urlconf, reverse
from django.utils.http import RFC3986_SUBDELIMS

# Matches every converter these views use (int, slug, str, a region path).
STAND_IN = "987654321987"
SAFE = RFC3986_SUBDELIMS + "/~:@"  # what reverse() leaves unquoted


def reverse_one(viewname, value):
    """``reverse(viewname, args=[value])``."""
    head, tail = _around_stand_in(viewname, get_urlconf() or settings.ROOT_URLCONF, get_script_prefix())
    return f"{head}{quote(str(value), safe=SAFE)}{tail}"


@lru_cache(maxsize=256)
def _around_stand_in(viewname, urlconf, script_prefix):
    head, stand_in, tail = reverse(viewname, args=[STAND_IN], urlconf=urlconf).partition(STAND_IN)
    if not stand_in:
        raise NoReverseMatch(f"{viewname}: its URL does not carry its argument as given")
    return head, tail
