"""The comment section of the cached article page, and what it depends on."""

from comments import likes
from comments.models import Comment
from core.kept import depends_on, fresh_until


def comments_for_page(article):
    """The approved comments under ``article`` (``CommentQuerySet.for_article_page``).

    The page is stale when they change (``comments:<id>``) or are liked
    (``likes:<id>``), and, during a burst of likes, once it ends (comments.likes).
    """
    depends_on(f"comments:{article.pk}", f"likes:{article.pk}")
    fresh_until(likes.settle_at(article.pk))
    return Comment.objects.for_article_page(article)
