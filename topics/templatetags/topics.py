"""``{% topics_of article %}``: "本文收录于专题《…》" on the article page.

The article page's own query brings the topics along (``topic_rows``,
articles.article_page), so this costs none there; elsewhere (a preview) one.
The page names ``topics-of:<id>``, which any change to a topic choosing (or
no longer choosing) the article marks (articles.staleness), and each topic
shown (``topic:<id>``), so a retitled topic is shown retitled.
"""

from django import template

from core.kept import depends_on
from topics.models import Topic, topics_choosing

register = template.Library()


@register.inclusion_tag("topics/in_topics.html")
def topics_of(article):
    if getattr(article, "pk", None) is None:
        raise template.TemplateSyntaxError("topics_of needs a saved article")
    rows = getattr(article, "topic_rows", None)
    if rows is None:
        rows = type(article).objects.filter(pk=article.pk).values_list(topics_choosing(), flat=True).first() or []
    depends_on(f"topics-of:{article.pk}", *(f"topic:{row['id']}" for row in rows))
    topics = [Topic(pk=row["id"], title=row["title"], slug=row["slug"]) for row in rows]
    return {"topics": topics}
