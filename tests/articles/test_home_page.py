"""The front page: top stories, latest news, city blocks, photo news, hot ranking, region navigation."""

import re
from datetime import timedelta

import pytest
from django.utils import timezone

from regions.models import Region
from tests.factories import (
    ArticleDailyViewsFactory,
    ArticleFactory,
    ArticlePhotoFactory,
    ColumnFactory,
    sichuan_regions,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def regions():
    return sichuan_regions()


def test_top_stories_are_featured_until_their_time_runs_out(client, regions):
    now = timezone.now()
    ArticleFactory(title="头条一", region=regions.lezhi, is_featured=True)
    ArticleFactory(title="头条二", region=regions.lezhi, is_featured=True, featured_until=now + timedelta(hours=1))
    ArticleFactory(title="过期头条", region=regions.lezhi, is_featured=True, featured_until=now - timedelta(minutes=1))
    ArticleFactory(title="普通新闻", region=regions.lezhi)

    top = [a.title for a in client.get("/").context["top_stories"]]

    assert sorted(top) == ["头条一", "头条二"]


def test_top_stories_are_not_repeated_in_the_latest_news(client, regions):
    now = timezone.now()
    for n in range(6):
        ArticleFactory(
            title=f"头条{n}", region=regions.lezhi, is_featured=True, published_at=now - timedelta(minutes=n)
        )
    for n in range(20):
        ArticleFactory(title=f"新闻{n}", region=regions.lezhi, published_at=now - timedelta(minutes=10 + n))

    first, second = client.get("/"), client.get("/?page=2")

    top = [a.title for a in first.context["top_stories"]]
    latest = [a.title for a in first.context["articles"]] + [a.title for a in second.context["articles"]]
    assert top == ["头条0", "头条1", "头条2", "头条3", "头条4"]
    # The sixth top story did not make the block, so it is news like any other.
    assert latest == ["头条5"] + [f"新闻{n}" for n in range(20)]
    latest_block = first.content.decode().split('id="latest-title"', 1)[1].split("</section>", 1)[0]
    assert "头条0" not in latest_block


def test_each_active_city_gets_a_block_of_its_and_its_counties_newest_news(client, regions):
    for n in range(6):
        ArticleFactory(title=f"乐至{n}", region=regions.lezhi, published_at=timezone.now() - timedelta(hours=n))
    ArticleFactory(title="资阳市新闻", region=regions.ziyang, published_at=timezone.now() - timedelta(minutes=30))
    ArticleFactory(title="锦江新闻", region=regions.jinjiang)
    ArticleFactory(title="省里新闻", region=regions.sichuan)

    blocks = {city.name: [a.title for a in articles] for city, articles in client.get("/").context["city_blocks"]}

    assert blocks == {"资阳市": ["乐至0", "资阳市新闻", "乐至1", "乐至2"], "成都市": ["锦江新闻"]}


def test_an_inactive_city_gets_no_block(client, regions):
    Region.objects.filter(pk=regions.chengdu.pk).update(is_active=False)
    ArticleFactory(region=regions.jinjiang)
    ArticleFactory(region=regions.lezhi)

    assert [city.name for city, _ in client.get("/").context["city_blocks"]] == ["资阳市"]


def test_photo_news_shows_articles_with_a_cover_or_photos(client, regions):
    with_photo = ArticleFactory(title="有组图", region=regions.lezhi)
    ArticlePhotoFactory(article=with_photo, image__width=60, image__height=40)
    ArticleFactory(title="纯文字", region=regions.lezhi)

    response = client.get("/")

    assert [a.title for a in response.context["photo_news"]] == ["有组图"]
    assert 'id="photo-news"' in response.content.decode()


def test_hot_ranking_and_region_navigation_are_on_the_front_page(client, regions):
    hot = ArticleFactory(title="今日热文", region=regions.lezhi)
    ArticleDailyViewsFactory(article=hot, views=99)

    page = client.get("/").content.decode()

    assert "热点排行" in page and "今日热文" in page
    nav = re.search(r'<ul class="region-nav">.*?</ul>\s*</section>', page, re.S).group(0)
    assert '<a class="region-province" href="/sichuan/">四川新闻</a>' in nav
    assert '<a class="region-city" href="/sichuan/ziyang/">资阳</a>' in nav
    assert '<a href="/sichuan/ziyang/lezhi/">乐至</a>' in nav
    assert "/sichuan/ziyang/anyue/" not in nav  # no news there yet


def test_later_pages_list_only_the_latest_news(client, regions):
    # 25 top stories: the 5 newest fill the 头条 block, the other 20 are latest news.
    for _ in range(25):
        ArticleFactory(region=regions.lezhi, is_featured=True)

    response = client.get("/?page=2")

    assert len(response.context["articles"]) == 5
    assert "top_stories" not in response.context


def test_columns_are_linked_from_the_front_page(client, regions):
    ColumnFactory(name="乡里乡亲", slug="xiangli")

    assert '<a href="/column/xiangli/">乡里乡亲</a>' in client.get("/").content.decode()
