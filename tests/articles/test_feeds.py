"""A feed reader subscribes to the latest news or to one region channel."""

import xml.etree.ElementTree as ET

import pytest
from django.urls import reverse

from articles.schedule import next_go_live
from tests.articles.discovery_data import build_news, build_region_tree

pytestmark = pytest.mark.django_db
DC_CREATOR = "{http://purl.org/dc/elements/1.1/}creator"


@pytest.fixture
def regions():
    return build_region_tree()


@pytest.fixture
def news(regions):
    return build_news(regions)


def fetch(client, url):
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/rss+xml")
    return ET.fromstring(response.content)


def items_by_title(channel):
    return {item.findtext("title"): item for item in channel.iter("item")}


def test_latest_feed_is_valid_rss_with_every_published_article(client, news):
    rss = fetch(client, reverse("feed-latest"))

    assert rss.tag == "rss" and rss.get("version") == "2.0"
    assert set(items_by_title(rss)) == {"乐至县蚕桑产业助农增收", "安岳柠檬丰收"}


def test_items_carry_link_summary_date_all_authors_and_tags(client, news):
    item = items_by_title(fetch(client, reverse("feed-latest")))["乐至县蚕桑产业助农增收"]

    assert item.findtext("link").endswith(news["lezhi"].get_absolute_url())
    assert item.findtext("description") == "蚕桑成了致富路。"
    assert item.findtext("pubDate")
    assert [creator.text for creator in item.findall(DC_CREATOR)] == ["汤斌", "李明", "王芳"]
    assert {category.text for category in item.findall("category")} == {"蚕桑", "乡村振兴"}


def test_unpublished_and_scheduled_articles_stay_out_of_feeds(client, news):
    for url in [reverse("feed-latest"), reverse("feed-region", args=["sichuan/ziyang/lezhi"])]:
        assert not set(items_by_title(fetch(client, url))) & {"草稿不可见", "待审不可见", "撤稿不可见", "定时不可见"}


def test_a_city_feed_includes_its_counties_and_a_county_feed_only_itself(client, news):
    city = fetch(client, reverse("feed-region", args=["sichuan/ziyang"]))
    county = fetch(client, reverse("feed-region", args=["sichuan/ziyang/anyue"]))

    assert set(items_by_title(city)) == {"乐至县蚕桑产业助农增收", "安岳柠檬丰收"}
    assert set(items_by_title(county)) == {"安岳柠檬丰收"}
    assert county.find("channel").findtext("title").startswith("安岳新闻")


def test_unknown_or_inactive_region_feeds_are_not_found(client, regions):
    assert client.get(reverse("feed-region", args=["sichuan/nowhere"])).status_code == 404
    assert client.get(reverse("feed-region", args=["sichuan/ziyang/tingyong"])).status_code == 404


def test_a_feed_costs_the_same_few_queries_however_many_authors_and_tags(client, news, django_assert_max_num_queries):
    next_go_live()  # learnt once after each change and shared by every list (articles.schedule)
    # region lookup, articles with region and source, bylines with authors, tags
    with django_assert_max_num_queries(4):
        client.get(reverse("feed-region", args=["sichuan"]))
