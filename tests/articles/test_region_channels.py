"""A county's news shows on its own channel, its city's and its province's, never on a sibling's."""

from datetime import timedelta

import pytest
from django.utils import timezone

from tests.factories import ArticleFactory, sichuan_regions

pytestmark = pytest.mark.django_db


@pytest.fixture
def regions():
    return sichuan_regions()


def titles(response):
    return [a.title for a in response.context["articles"]] + [a.title for a in response.context["pinned_articles"]]


def test_county_news_appears_on_its_city_and_province_channels(client, regions):
    ArticleFactory(title="乐至县召开春耕动员会", region=regions.lezhi)

    for region in [regions.lezhi, regions.ziyang, regions.sichuan]:
        assert "乐至县召开春耕动员会" in titles(client.get(region.get_absolute_url()))


def test_county_news_stays_off_sibling_and_other_city_channels(client, regions):
    ArticleFactory(title="乐至县召开春耕动员会", region=regions.lezhi)

    for region in [regions.anyue, regions.chengdu, regions.jinjiang]:
        assert "乐至县召开春耕动员会" not in titles(client.get(region.get_absolute_url()))


def test_city_news_does_not_leak_down_into_its_counties(client, regions):
    ArticleFactory(title="资阳市两会开幕", region=regions.ziyang)

    assert "资阳市两会开幕" in titles(client.get("/sichuan/ziyang/"))
    assert "资阳市两会开幕" not in titles(client.get("/sichuan/ziyang/lezhi/"))


def test_channel_page_shows_name_description_and_sub_regions(client, regions):
    regions.ziyang.description = "资阳市新闻，权威发布。"
    regions.ziyang.save()

    page = client.get("/sichuan/ziyang/").content.decode()

    assert "<h1>资阳新闻</h1>" in page
    assert "资阳市新闻，权威发布。" in page
    assert 'href="/sichuan/ziyang/lezhi/"' in page and 'href="/sichuan/ziyang/anyue/"' in page


def test_pinned_articles_come_first_until_their_time_runs_out(client, regions):
    now = timezone.now()
    ArticleFactory(title="最新消息", region=regions.lezhi, published_at=now - timedelta(minutes=5))
    ArticleFactory(title="置顶通知", region=regions.lezhi, is_pinned=True, published_at=now - timedelta(days=3))
    ArticleFactory(
        title="过期置顶",
        region=regions.lezhi,
        is_pinned=True,
        pinned_until=now - timedelta(minutes=1),
        published_at=now - timedelta(days=2),
    )

    response = client.get("/sichuan/ziyang/lezhi/")

    assert [a.title for a in response.context["pinned_articles"]] == ["置顶通知"]
    assert [a.title for a in response.context["articles"]] == ["最新消息", "过期置顶"]
    page = response.content.decode()
    assert page.index("置顶通知") < page.index("最新消息")


def test_channel_list_is_paginated(client, regions):
    for n in range(25):
        ArticleFactory(title=f"乐至新闻{n}", region=regions.lezhi)

    first = client.get("/sichuan/ziyang/lezhi/")
    second = client.get("/sichuan/ziyang/lezhi/?page=2")

    assert len(first.context["articles"]) == 20
    assert len(second.context["articles"]) == 5
    assert "第 2 / 2 页" in second.content.decode()


def test_only_pinned_articles_wear_the_pinned_badge(client, regions):
    now = timezone.now()
    ArticleFactory(title="置顶通知", region=regions.lezhi, is_pinned=True, published_at=now - timedelta(days=3))
    ArticleFactory(title="置顶公告", region=regions.lezhi, is_pinned=True, published_at=now - timedelta(days=4))
    for n in range(25):
        ArticleFactory(title=f"乐至新闻{n}", region=regions.lezhi, published_at=now - timedelta(minutes=n))

    first = client.get("/sichuan/ziyang/lezhi/").content.decode()
    second = client.get("/sichuan/ziyang/lezhi/?page=2").content.decode()

    badge = '<span class="badge">置顶</span>'
    assert first.count(badge) == 2
    assert f"{badge}置顶通知" in first and f"{badge}置顶公告" in first
    assert badge not in second
