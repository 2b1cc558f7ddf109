"""Unknown and switched-off channels, missing articles: a friendly 404 in the site's style."""

from datetime import timedelta

import pytest
from django.template.loader import render_to_string
from django.utils import timezone

from articles.models import Article
from tests.factories import ArticleFactory, sichuan_regions

pytestmark = pytest.mark.django_db


@pytest.fixture
def regions():
    return sichuan_regions()


@pytest.mark.parametrize(
    "path",
    ["/nowhere/", "/sichuan/nowhere/", "/sichuan/ziyang/nowhere/", "/sichuan/lezhi/", "/sichuan/ziyang/lezhi/extra/x/"],
)
def test_unknown_channel_paths_give_404(client, regions, path):
    assert client.get(path).status_code == 404


def test_an_inactive_channel_gives_404(client, regions):
    regions.anyue.is_active = False
    regions.anyue.save()

    assert client.get("/sichuan/ziyang/anyue/").status_code == 404


def test_a_county_under_an_inactive_city_gives_404(client, regions):
    regions.ziyang.is_active = False
    regions.ziyang.save()

    assert client.get("/sichuan/ziyang/lezhi/").status_code == 404
    assert client.get("/sichuan/chengdu/jinjiang/").status_code == 200


@pytest.mark.parametrize(
    "status,offset",
    [
        (Article.Status.DRAFT, -1),
        (Article.Status.PENDING, -1),
        (Article.Status.WITHDRAWN, -1),
        (Article.Status.PUBLISHED, 1),
    ],
)
def test_articles_readers_may_not_see_give_404(client, regions, status, offset):
    article = ArticleFactory(region=regions.lezhi, status=status, published_at=timezone.now() + timedelta(hours=offset))

    assert client.get(article.get_absolute_url()).status_code == 404


def test_the_404_page_is_in_the_sites_style(client, settings, regions):
    settings.DEBUG = False
    settings.SITE_NAME = "乐山地方网"

    response = client.get("/sichuan/nowhere/")

    page = response.content.decode()
    assert response.status_code == 404
    assert "您要找的页面不存在" in page and "乐山地方网" in page and 'href="/"' in page


def test_the_500_page_renders_without_context_processors_or_database(settings, django_assert_num_queries):
    settings.SITE_NAME = "乐山地方网"

    with django_assert_num_queries(0):
        page = render_to_string("500.html")

    assert "服务器开小差了" in page and "乐山地方网" in page
