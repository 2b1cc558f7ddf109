"""core.reverse.reverse_one gives the URL reverse() gives, for every view the
reader's pages link to many times."""

import pytest
from django.urls import NoReverseMatch, reverse, set_script_prefix

from core.reverse import reverse_one

LINKS = [
    ("articles:detail", 12),
    ("articles:region", "sichuan/ziyang/lezhi"),
    ("articles:author", 3),
    ("articles:source", 4),
    ("articles:column", "minsheng"),
    ("articles:tag", "柠檬产业"),
    ("comments:like", 5),
    ("comments:report", 6),
    ("comments:write", 7),
]


@pytest.mark.parametrize(("viewname", "value"), LINKS)
def test_same_url_as_reverse(viewname, value):
    assert reverse_one(viewname, value) == reverse(viewname, args=[value])


@pytest.mark.parametrize(("viewname", "value"), LINKS)
def test_same_url_under_a_script_prefix(viewname, value):
    set_script_prefix("/news/")
    try:
        assert reverse_one(viewname, value) == reverse(viewname, args=[value])
        assert reverse_one(viewname, value).startswith("/news/")
    finally:
        set_script_prefix("/")


def test_a_view_without_an_argument_is_refused():
    with pytest.raises(NoReverseMatch):
        reverse_one("articles:home", 1)
