"""Search index maintenance: the one place an article's save updates its search words."""

from django.db.models.signals import post_save
from django.dispatch import receiver

from articles.models import Article
from articles.search_index import refresh_search_document

SEARCHED_FIELDS = {"title", "summary", "body"}


@receiver(post_save, sender=Article, dispatch_uid="index_article_for_search")
def index_article_for_search(sender, instance, update_fields=None, **kwargs):
    """Re-segment the article's words when its title, summary or body may have changed.

    A save limited to other fields (a status change, a view count) costs nothing.
    """
    if update_fields is not None and not SEARCHED_FIELDS & set(update_fields):
        return
    refresh_search_document(instance)
