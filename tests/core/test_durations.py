"""Durations read the way a Chinese page says them (the login lockout page)."""

from datetime import timedelta

import pytest
from django.template import TemplateSyntaxError

from core.templatetags.durations import duration_text


@pytest.mark.parametrize(
    ("value", "text"),
    [
        (timedelta(minutes=15), "15 分钟"),
        (timedelta(seconds=61), "2 分钟"),
        (timedelta(seconds=5), "1 分钟"),
        (timedelta(hours=1), "1 小时"),
        (timedelta(minutes=90), "1 小时 30 分钟"),
    ],
)
def test_a_duration_reads_in_hours_and_minutes(value, text):
    assert duration_text(value) == text


def test_anything_but_a_duration_fails_loudly():
    with pytest.raises(TemplateSyntaxError):
        duration_text("15")
