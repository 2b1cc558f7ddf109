"""Test data for 专题."""

import factory
from django.utils import timezone

from topics.models import SectionArticle, Topic, TopicSection


class TopicFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Topic

    title = factory.Sequence(lambda n: f"测试专题{n}")
    introduction = "这是一个测试专题的导语。"
    is_published = True
    published_at = factory.LazyFunction(lambda: timezone.now() - timezone.timedelta(hours=1))


class TopicSectionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = TopicSection

    topic = factory.SubFactory(TopicFactory)
    heading = factory.Sequence(lambda n: f"栏目{n}")


def choose(section, *articles):
    """Choose ``articles`` for ``section``, in this order."""
    for n, article in enumerate(articles):
        SectionArticle.objects.create(section=section, article=article, sort_order=n)
