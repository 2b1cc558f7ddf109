"""How long something lasts, said the way a Chinese page says it."""

from datetime import timedelta

from django import template

register = template.Library()


@register.filter
def duration_text(value):
    """A timedelta as 小时/分钟 text, rounded up to the minute: timedelta(minutes=15) -> "15 分钟"."""
    if not isinstance(value, timedelta):
        raise template.TemplateSyntaxError(f"duration_text needs a timedelta, not {type(value).__name__}")
    minutes = -(-int(value.total_seconds()) // 60)
    hours, minutes = divmod(max(minutes, 1), 60)
    if hours and minutes:
        return f"{hours} 小时 {minutes} 分钟"
    return f"{hours} 小时" if hours else f"{minutes} 分钟"
