"""The ad slots cost a page at most one query when nothing is kept, and none
once the region's ads are (ads.slots, shared by every page of the region)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.factories import AdFactory

pytestmark = pytest.mark.django_db

LEZHI = "/sichuan/ziyang/lezhi/"


@pytest.fixture
def ads(regions):
    for slot in ["header", "sidebar", "article", "list"]:
        AdFactory(slot=slot, title=f"{slot} 全站")
        AdFactory(slot=slot, title=f"{slot} 乐至", regions=[regions["lezhi"]])


def ad_queries(client, url):
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return [q["sql"] for q in queries.captured_queries if '"ads_' in q["sql"]], len(queries.captured_queries)


@pytest.mark.parametrize("page", ["/", LEZHI, "article"])
def test_a_cold_page_reads_its_ads_in_one_query(client, ads, lezhi_article, page):
    url = lezhi_article.get_absolute_url() if page == "article" else page

    queries, _ = ad_queries(client, url)

    assert len(queries) == 1


def test_a_warm_page_reads_no_ads(client, ads, lezhi_article, settings):
    settings.PAGE_CACHE_ENABLED = False
    client.get(LEZHI)  # keeps the region's ads, as any page of 乐至 would

    assert ad_queries(client, lezhi_article.get_absolute_url())[0] == []
    assert ad_queries(client, LEZHI)[0] == []


def test_the_ads_add_no_query_to_a_warm_page(client, ads, lezhi_article, settings):
    settings.PAGE_CACHE_ENABLED = False
    client.get(LEZHI)
    with_ads = ad_queries(client, LEZHI)[1]
    from ads.models import Ad

    Ad.objects.all().delete()
    client.get(LEZHI)

    assert ad_queries(client, LEZHI)[1] == with_ads
