"""图文看点: a reader taps it in the top menu and gets every photo story, newest first, as large photo cards."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from articles.models import Article
from core.pagecache import HEADER
from tests.factories import ArticleFactory, ArticlePhotoFactory, sichuan_regions

pytestmark = pytest.mark.django_db

PHOTOS_URL = "/tupian/"


@pytest.fixture
def regions():
    return sichuan_regions()


def photo_story(title, region, hours_ago=0):
    article = ArticleFactory(title=title, region=region, published_at=timezone.now() - timedelta(hours=hours_ago))
    ArticlePhotoFactory(article=article, image__width=60, image__height=40)
    return article


def test_the_menu_leads_to_every_photo_story_newest_first(client, regions):
    photo_story("桑园航拍", regions.lezhi, hours_ago=3)
    photo_story("柠檬花开", regions.anyue, hours_ago=1)
    ArticleFactory(title="纯文字通知", region=regions.lezhi)
    ArticleFactory(title="尚未发布的组图", region=regions.lezhi, status=Article.Status.DRAFT)

    home = client.get("/").content.decode()
    page = client.get(PHOTOS_URL)

    assert reverse("articles:photos") == PHOTOS_URL
    assert f'<a href="{PHOTOS_URL}">图文看点</a>' in home
    assert page.status_code == 200
    assert [article.title for article in page.context["articles"]] == ["柠檬花开", "桑园航拍"]
    html = page.content.decode()
    assert html.count('class="photo-card"') == 2
    assert 'class="picture picture-lead"' in html  # the large size, not the list thumbnail
    assert "纯文字通知" not in html


def test_twelve_stories_a_page(client, regions):
    for n in range(13):
        photo_story(f"组图{n}", regions.lezhi, hours_ago=n)

    first = client.get(PHOTOS_URL)
    second = client.get(PHOTOS_URL, {"page": 2})

    assert len(first.context["articles"]) == 12
    assert [article.title for article in second.context["articles"]] == ["组图12"]


def test_the_page_costs_a_fixed_number_of_queries(client, regions, django_assert_max_num_queries, settings):
    settings.PAGE_CACHE_ENABLED = False
    for n in range(6):
        photo_story(f"组图{n}", regions.lezhi, hours_ago=n)
    client.get(PHOTOS_URL)  # the side lists and ads kept once

    with django_assert_max_num_queries(4):
        client.get(PHOTOS_URL)


def test_a_new_photo_story_shows_at_once_on_the_cached_page(client, regions):
    photo_story("桑园航拍", regions.lezhi, hours_ago=3)
    client.get(PHOTOS_URL)
    assert client.get(PHOTOS_URL)[HEADER] == "HIT"

    story = ArticleFactory(title="油菜花海", region=regions.anyue, status=Article.Status.DRAFT)
    ArticlePhotoFactory(article=story, image__width=60, image__height=40)
    story.status, story.published_at = Article.Status.PUBLISHED, timezone.now()
    story.save()

    page = client.get(PHOTOS_URL)
    assert page[HEADER] == "MISS"
    assert "油菜花海" in page.content.decode()
