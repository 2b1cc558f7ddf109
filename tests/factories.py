"""Small factories for test data; one per model a test needs to build."""

import factory
from django.contrib.auth import get_user_model
from django.utils import timezone

from articles.models import Article, Author, Byline, Column, Source
from comments.models import Comment
from regions.models import Region


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ["username"]
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    password = factory.django.Password("newsportal-test")


class RegionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Region
        django_get_or_create = ["adcode"]

    name = factory.Sequence(lambda n: f"测试{n}县")
    short_name = factory.Sequence(lambda n: f"测试{n}")
    slug = factory.Sequence(lambda n: f"ceshi{n}")
    adcode = factory.Sequence(lambda n: f"{900000 + n}")
    level = Region.Level.COUNTY


class SourceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Source
        django_get_or_create = ["name"]

    name = factory.Sequence(lambda n: f"测试日报{n}")


class AuthorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Author

    name = factory.Sequence(lambda n: f"记者{n}")


class ColumnFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Column
        django_get_or_create = ["slug"]

    name = factory.Sequence(lambda n: f"栏目{n}")
    slug = factory.Sequence(lambda n: f"column{n}")


class ArticleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Article

    title = factory.Sequence(lambda n: f"测试新闻标题{n}")
    summary = "这是一条测试新闻的摘要。"
    body = "<p>这是一条测试新闻的正文。</p>"
    region = factory.SubFactory(RegionFactory)
    status = Article.Status.PUBLISHED
    published_at = factory.LazyFunction(lambda: timezone.now() - timezone.timedelta(hours=1))


class BylineFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Byline

    article = factory.SubFactory(ArticleFactory)
    author = factory.SubFactory(AuthorFactory)
    role = Byline.Role.TEXT


class CommentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Comment

    article = factory.SubFactory(ArticleFactory)
    nickname = factory.Sequence(lambda n: f"读者{n}")
    body = "写得很好，支持家乡发展。"
    status = Comment.Status.APPROVED
    ip_address = "203.0.113.7"
