"""Fixes merged into Django after the release we run, applied until we upgrade.

Each names its ticket; delete it when ``Django`` in pyproject.toml reaches a
release that carries the fix (tests/security/test_admin_filters.py keeps
checking the behaviour either way).
"""

from django.contrib.admin.options import IncorrectLookupParameters
from django.contrib.admin.views.main import ChangeList


def admin_date_hierarchy_out_of_range():
    """Django ticket #37357: ``?published_at__year=9999`` (ValueError outside
    the try) or ``=99999999999999999999`` (OverflowError) in any admin list
    with a ``date_hierarchy`` answered 500. As in the fix, both become
    IncorrectLookupParameters, which the admin answers as any bad filter."""
    get_filters = ChangeList.get_filters
    if getattr(get_filters, "backported", False):
        return

    def guarded_get_filters(self, request):
        try:
            return get_filters(self, request)
        except (ValueError, OverflowError) as error:
            raise IncorrectLookupParameters(error) from error

    guarded_get_filters.backported = True
    ChangeList.get_filters = guarded_get_filters


def apply():
    admin_date_hierarchy_out_of_range()
