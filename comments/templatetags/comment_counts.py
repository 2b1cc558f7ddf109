"""The comment count on an article's card in a list."""

from django import template

from core.kept import depends_on

register = template.Library()


@register.simple_tag
def comment_count(article):
    """``{% comment_count article as n %}``: the article's stored count of
    visible comments, read with the list (no query), and the page showing it
    stale when that count changes (``comments:<id>``)."""
    if not hasattr(article, "comment_count") or article.pk is None:
        raise template.TemplateSyntaxError(f"comment_count needs a saved article, not {article!r}")
    depends_on(f"comments:{article.pk}")
    return article.comment_count
