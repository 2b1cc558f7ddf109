"""A reader on a phone sees the channel tabs at the top of every page, not at
the bottom of a long home page: on 乐至's pages 资阳新闻 安岳新闻 乐至新闻,
乐至 marked as the one they are in; 成都's stay on 成都's pages."""

import re

import pytest

from articles.models import Article
from tests.factories import ArticleFactory, RegionFactory, sichuan_regions

pytestmark = pytest.mark.django_db


@pytest.fixture
def regions():
    regions = sichuan_regions()
    regions.yanjiang = RegionFactory(name="雁江区", short_name="雁江", slug="yanjiang", parent=regions.ziyang)
    for region in [regions.lezhi, regions.anyue, regions.ziyang, regions.jinjiang]:
        ArticleFactory(region=region, title=f"{region.short_name}今日要闻")
    return regions


def tabs(page):
    """The tab names in order, and the current one, from the page's tab strip (before <main>)."""
    strip = re.search(r'<nav class="region-tabs".*?</nav>', page, re.S)
    assert strip, "no channel tabs"
    assert strip.start() < page.index("<main"), "the tabs are not at the top"
    names = re.findall(r"<a [^>]*>([^<]+)</a>", strip.group())
    current = re.findall(r'<a [^>]*aria-current="page"[^>]*>([^<]+)</a>', strip.group())
    return names, current


def test_a_county_article_shows_its_citys_channels_with_its_own_marked(client, regions):
    article = Article.objects.get(region=regions.lezhi)

    names, current = tabs(client.get(article.get_absolute_url()).content.decode())

    assert names == ["资阳新闻", "安岳新闻", "乐至新闻"]  # the city, then its counties by adcode
    assert current == ["乐至新闻"]


def test_a_county_channel_page_has_the_same_tabs(client, regions):
    names, current = tabs(client.get("/sichuan/ziyang/lezhi/").content.decode())

    assert set(names) == {"资阳新闻", "安岳新闻", "乐至新闻"} and names[0] == "资阳新闻"
    assert current == ["乐至新闻"]


def test_a_county_with_no_news_yet_has_no_tab(client, regions):
    names, _ = tabs(client.get("/sichuan/ziyang/").content.decode())

    assert "雁江新闻" not in names


def test_chengdus_pages_show_chengdus_channels(client, regions):
    names, current = tabs(client.get("/sichuan/chengdu/jinjiang/").content.decode())

    assert names == ["成都新闻", "锦江新闻"] and current == ["锦江新闻"]


def test_the_home_page_of_a_one_province_site_shows_its_cities(client, regions):
    names, current = tabs(client.get("/").content.decode())

    assert names[0] == "四川新闻" and set(names[1:]) == {"资阳新闻", "成都新闻"}
    assert current == []


def test_a_site_covering_several_provinces_shows_the_provinces(client, regions):
    chongqing = RegionFactory(name="重庆市", short_name="重庆", slug="chongqing", adcode="500000", level="province")
    ArticleFactory(region=chongqing, title="重庆今日要闻")

    names, _ = tabs(client.get("/search/").content.decode())

    assert names == ["重庆新闻", "四川新闻"]  # by adcode
