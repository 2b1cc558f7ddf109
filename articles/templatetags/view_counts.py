"""阅读量 as Chinese portals show it: 8560, 1.2万, 3.4亿."""

from django import template

register = template.Library()

UNITS = ((100_000_000, "亿"), (10_000, "万"))


@register.filter
def wan(count):
    """``{{ article.view_count|wan }}``. Rounded down to one decimal, so a count
    never reads as more than it is (99,999 is 9.9万, not 10万)."""
    if not isinstance(count, int) or isinstance(count, bool) or count < 0:
        raise template.TemplateSyntaxError(f"wan needs a count, not {count!r}")
    for size, unit in UNITS:
        if count >= size:
            tenths = count * 10 // size
            whole, tenth = divmod(tenths, 10)
            return f"{whole}.{tenth}{unit}" if tenth else f"{whole}{unit}"
    return str(count)
