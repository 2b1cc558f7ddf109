from datetime import timedelta

import pytest
from django.utils import timezone

from articles.models import Article
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db


def test_only_published_articles_whose_time_has_come_are_public():
    now = timezone.now()
    live = ArticleFactory(status=Article.Status.PUBLISHED, published_at=now - timedelta(minutes=1))
    ArticleFactory(status=Article.Status.PUBLISHED, published_at=now + timedelta(minutes=1))  # scheduled
    ArticleFactory(status=Article.Status.PUBLISHED, published_at=None)
    for status in [Article.Status.DRAFT, Article.Status.PENDING, Article.Status.REJECTED, Article.Status.WITHDRAWN]:
        ArticleFactory(status=status, published_at=now - timedelta(days=1))

    assert list(Article.objects.published()) == [live]


def test_a_scheduled_article_appears_from_its_minute_on_without_any_job():
    publish_at = timezone.now() + timedelta(hours=2)
    scheduled = ArticleFactory(status=Article.Status.PUBLISHED, published_at=publish_at)

    assert scheduled.is_scheduled
    assert not Article.objects.published(now=publish_at - timedelta(seconds=1)).exists()
    assert list(Article.objects.published(now=publish_at)) == [scheduled]
