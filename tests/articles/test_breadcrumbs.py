"""Breadcrumbs read 首页 > 四川 > 资阳市 > 乐至新闻 at each level, ending in 正文 on an article."""

import re

import pytest

from tests.factories import ArticleFactory, sichuan_regions

pytestmark = pytest.mark.django_db


@pytest.fixture
def regions():
    return sichuan_regions()


def crumbs(client, url):
    page = client.get(url).content.decode()
    nav = re.search(r'<nav class="breadcrumb".*?</nav>', page, re.S).group(0)
    return [
        re.sub(r"<[^>]+>", "", part).strip()
        for part in re.findall(r"<(?:a|span aria-current)[^>]*>.*?</(?:a|span)>", nav)
    ]


@pytest.mark.parametrize(
    "path,expected",
    [
        ("/sichuan/", ["首页", "四川新闻"]),
        ("/sichuan/ziyang/", ["首页", "四川", "资阳新闻"]),
        ("/sichuan/ziyang/lezhi/", ["首页", "四川", "资阳市", "乐至新闻"]),
    ],
)
def test_channel_breadcrumb_at_each_level(client, regions, path, expected):
    assert crumbs(client, path) == expected


def test_article_breadcrumb_links_its_channel_and_ends_in_zhengwen(client, regions):
    article = ArticleFactory(region=regions.lezhi)

    assert crumbs(client, article.get_absolute_url()) == ["首页", "四川", "资阳市", "乐至新闻", "正文"]
    page = client.get(article.get_absolute_url()).content.decode()
    assert '<a href="/sichuan/ziyang/lezhi/">乐至新闻</a>' in page
    assert '<a href="/sichuan/ziyang/">资阳市</a>' in page and '<a href="/sichuan/">四川</a>' in page


def test_city_article_breadcrumb(client, regions):
    article = ArticleFactory(region=regions.ziyang)

    assert crumbs(client, article.get_absolute_url()) == ["首页", "四川", "资阳新闻", "正文"]


def test_list_pages_breadcrumb_names_the_subject(client, regions):
    article = ArticleFactory(region=regions.lezhi)
    article.tags.add("春耕")

    tag = article.tags.get()

    assert crumbs(client, f"/tag/{tag.slug}/") == ["首页", "标签：春耕"]
