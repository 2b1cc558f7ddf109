"""A small region tree and its news, shared by the feed, sitemap and SEO tests."""

from datetime import timedelta

from django.utils import timezone

from articles.models import Article, Byline
from regions.models import Region
from tests.factories import ArticleFactory, AuthorFactory, BylineFactory, RegionFactory


def build_region_tree():
    sichuan = RegionFactory(
        name="四川省", short_name="四川", slug="sichuan", adcode="510000", level=Region.Level.PROVINCE
    )
    ziyang = RegionFactory(
        name="资阳市", short_name="资阳", slug="ziyang", adcode="512000", level=Region.Level.CITY, parent=sichuan
    )
    anyue = RegionFactory(name="安岳县", short_name="安岳", slug="anyue", adcode="512021", parent=ziyang)
    lezhi = RegionFactory(name="乐至县", short_name="乐至", slug="lezhi", adcode="512022", parent=ziyang)
    closed = RegionFactory(
        name="停用县", short_name="停用", slug="tingyong", adcode="512099", parent=ziyang, is_active=False
    )
    return {"sichuan": sichuan, "ziyang": ziyang, "anyue": anyue, "lezhi": lezhi, "closed": closed}


def build_news(regions):
    """One live article per county, with a three-person byline on 乐至's, plus every kind of hidden one."""
    now = timezone.now()
    lezhi = ArticleFactory(title="乐至县蚕桑产业助农增收", summary="蚕桑成了致富路。", region=regions["lezhi"])
    lezhi.tags.add("蚕桑", "乡村振兴")
    for order, (name, role) in enumerate(
        [("汤斌", Byline.Role.TEXT), ("李明", Byline.Role.PHOTOGRAPHY), ("王芳", Byline.Role.EDITOR)]
    ):
        BylineFactory(article=lezhi, author=AuthorFactory(name=name), role=role, sort_order=order)
    anyue = ArticleFactory(title="安岳柠檬丰收", region=regions["anyue"], published_at=now - timedelta(hours=2))
    hidden = [
        ArticleFactory(title="草稿不可见", status=Article.Status.DRAFT, region=regions["lezhi"]),
        ArticleFactory(title="待审不可见", status=Article.Status.PENDING, region=regions["lezhi"]),
        ArticleFactory(title="撤稿不可见", status=Article.Status.WITHDRAWN, region=regions["lezhi"]),
        ArticleFactory(title="定时不可见", published_at=now + timedelta(hours=3), region=regions["lezhi"]),
    ]
    return {"lezhi": lezhi, "anyue": anyue, "hidden": hidden}
