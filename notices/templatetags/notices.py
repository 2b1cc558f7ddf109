from django import template

from notices.models import Notice

register = template.Library()


@register.simple_tag(takes_context=True)
def unread_notice_count(context):
    user = getattr(context.get("request"), "user", None)
    if user is None or not user.is_authenticated:
        return 0
    return Notice.objects.filter(recipient=user).unread().count()
