"""The body size a form may send, for static/js/upload-limit.js to check before sending."""

from django import template

from core.request_limits import body_limit

register = template.Library()


@register.simple_tag(takes_context=True)
def upload_limit(context):
    """``data-upload-limit="{% upload_limit %}"``: the most bytes a post to this page may carry."""
    return body_limit(context["request"].path)
