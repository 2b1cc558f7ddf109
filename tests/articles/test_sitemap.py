"""A search engine finds every public page, and only those, through sitemap.xml."""

import xml.etree.ElementTree as ET

import pytest
from django.urls import reverse

from tests.articles.discovery_data import build_news, build_region_tree
from tests.factories import ColumnFactory

pytestmark = pytest.mark.django_db
NS = {"sm": "http://www.sitemaps.org/schemas/sitemap/0.9"}


@pytest.fixture
def news():
    return build_news(build_region_tree())


def locations(client, url):
    response = client.get(url)
    assert response.status_code == 200
    return [loc.text for loc in ET.fromstring(response.content).iterfind(".//sm:loc", NS)]


def section(client, name):
    return locations(client, reverse("sitemap-section", kwargs={"section": name}))


def test_the_index_points_at_articles_channels_and_columns(client, news):
    index = locations(client, reverse("sitemap"))

    assert {url.rsplit("/", 1)[-1] for url in index} == {
        "sitemap-articles.xml",
        "sitemap-channels.xml",
        "sitemap-columns.xml",
    }


def test_articles_section_lists_published_articles_only_with_lastmod(client, news):
    response = client.get(reverse("sitemap-section", kwargs={"section": "articles"}))
    root = ET.fromstring(response.content)

    urls = {
        url.findtext("sm:loc", namespaces=NS): url.findtext("sm:lastmod", namespaces=NS)
        for url in root.iterfind("sm:url", NS)
    }
    expected = {"http://testserver" + news[key].get_absolute_url() for key in ["lezhi", "anyue"]}
    assert set(urls) == expected
    assert all(urls.values())


def test_channels_section_lists_active_regions_only(client, news):
    paths = {url.removeprefix("http://testserver") for url in section(client, "channels")}

    assert paths == {"/sichuan/", "/sichuan/ziyang/", "/sichuan/ziyang/anyue/", "/sichuan/ziyang/lezhi/"}


def test_columns_section_lists_every_column(client, news):
    ColumnFactory(name="乡里乡亲", slug="xiangli")

    assert [url.removeprefix("http://testserver") for url in section(client, "columns")] == ["/column/xiangli/"]


def test_many_articles_are_split_into_numbered_sitemap_pages(client, news, monkeypatch):
    from articles.sitemaps import ArticleSitemap

    monkeypatch.setattr(ArticleSitemap, "limit", 1)

    index = locations(client, reverse("sitemap"))

    assert sum("sitemap-articles.xml" in url for url in index) == 2
    assert len(locations(client, reverse("sitemap-section", kwargs={"section": "articles"}) + "?p=2")) == 1
