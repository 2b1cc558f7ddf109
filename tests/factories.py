"""Small factories for test data; one per model a test needs to build."""

import factory
from django.contrib.auth import get_user_model
from django.utils import timezone

from ads.models import Ad
from articles.models import Article, Author, Byline, Column, Source
from comments.models import Comment
from links.models import FriendLink
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


class FriendLinkFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = FriendLink

    name = factory.Sequence(lambda n: f"友情网站{n}")
    url = factory.Sequence(lambda n: f"https://link{n}.example.cn/")


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


# --- Reader site (region tree, photos, daily views) ---------------------------

from types import SimpleNamespace  # noqa: E402

from articles.models import ArticleDailyViews, ArticlePhoto  # noqa: E402


class ArticlePhotoFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ArticlePhoto

    article = factory.SubFactory(ArticleFactory)
    image = factory.django.ImageField(
        width=800, height=600, color=factory.Iterator(["#4a7a3d", "#c8a13a", "#3d6a8a"]), format="JPEG"
    )
    caption = factory.Sequence(lambda n: f"图片说明{n}")
    credit = "汤斌 摄"


class ArticleDailyViewsFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ArticleDailyViews

    article = factory.SubFactory(ArticleFactory)
    region = factory.SelfAttribute("article.region")
    day = factory.LazyFunction(timezone.localdate)
    views = 10


def sichuan_regions():
    """四川 > 资阳市 > 乐至县 / 安岳县, and 四川 > 成都市 > 锦江区."""
    province, city, county = Region.Level.PROVINCE, Region.Level.CITY, Region.Level.COUNTY
    sichuan = RegionFactory(name="四川省", short_name="四川", slug="sichuan", adcode="510000", level=province)
    ziyang = RegionFactory(name="资阳市", short_name="资阳", slug="ziyang", adcode="512000", level=city, parent=sichuan)
    chengdu = RegionFactory(
        name="成都市", short_name="成都", slug="chengdu", adcode="510100", level=city, parent=sichuan
    )
    return SimpleNamespace(
        sichuan=sichuan,
        ziyang=ziyang,
        chengdu=chengdu,
        lezhi=RegionFactory(
            name="乐至县", short_name="乐至", slug="lezhi", adcode="512022", level=county, parent=ziyang
        ),
        anyue=RegionFactory(
            name="安岳县", short_name="安岳", slug="anyue", adcode="512021", level=county, parent=ziyang
        ),
        jinjiang=RegionFactory(
            name="锦江区", short_name="锦江", slug="jinjiang", adcode="510104", level=county, parent=chengdu
        ),
    )


class AdFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Ad
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"广告{n}")
    text = "春季优惠，欢迎选购"
    link = factory.Sequence(lambda n: f"https://shop{n}.example.cn/")
    slot = "header"

    @factory.post_generation
    def regions(self, create, extracted, **kwargs):
        if create and extracted:
            self.regions.set(extracted)
