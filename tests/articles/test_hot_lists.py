"""Hot lists rank by recent views, fading with the article's age, per region and overall."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from articles import hot, sidebars
from articles.counters import flush_views, record_view
from articles.models import Article
from tests.factories import ArticleDailyViewsFactory, ArticleFactory, sichuan_regions

pytestmark = pytest.mark.django_db


@pytest.fixture
def regions():
    return sichuan_regions()


def viewed(views, age_hours=1, days_ago=0, **fields):
    article = ArticleFactory(published_at=timezone.now() - timedelta(hours=age_hours), **fields)
    ArticleDailyViewsFactory(article=article, day=timezone.localdate() - timedelta(days=days_ago), views=views)
    return article


def test_more_recent_views_rank_higher(regions):
    few = viewed(10, region=regions.lezhi)
    many = viewed(500, region=regions.lezhi)

    assert Article.objects.hot() == [many, few]


def test_an_old_article_needs_more_views_than_a_fresh_one(regions):
    # A week list halves a score every 84 hours: 84 hours older needs double the views.
    fresh = viewed(100, age_hours=1, region=regions.lezhi)
    old_but_read = viewed(190, age_hours=85, region=regions.lezhi)
    old_and_very_read = viewed(230, age_hours=85, region=regions.lezhi)

    assert Article.objects.hot(days=7) == [old_and_very_read, fresh, old_but_read]


def test_the_formula_halves_a_score_every_half_window():
    now = timezone.now()

    assert hot.score(100, now, now, days=1) == 100
    assert hot.score(100, now - timedelta(hours=12), now, days=1) == pytest.approx(50)
    assert hot.score(100, now - timedelta(hours=84), now, days=7) == pytest.approx(50)


def test_views_outside_the_window_do_not_count(regions):
    today = viewed(5, region=regions.lezhi)
    viewed(1000, age_hours=60, days_ago=2, region=regions.lezhi)

    assert Article.objects.hot(days=1) == [today]
    assert len(Article.objects.hot(days=7)) == 2


def test_a_citys_list_includes_its_counties_but_not_other_cities(regions):
    county = viewed(30, region=regions.lezhi)
    city = viewed(20, region=regions.ziyang)
    elsewhere = viewed(999, region=regions.jinjiang)

    assert Article.objects.hot(region=regions.ziyang) == [county, city]
    assert Article.objects.hot(region=regions.anyue) == []
    assert Article.objects.hot(region=regions.sichuan) == [elsewhere, county, city]


def test_an_article_moved_to_another_county_takes_its_views_along(regions):
    moved = viewed(50, region=regions.lezhi)
    stays = viewed(10, region=regions.lezhi)

    article = Article.objects.get(pk=moved.pk)  # as the admin loads it
    article.region = regions.anyue
    article.save()

    assert Article.objects.hot(region=regions.lezhi) == [stays]
    assert Article.objects.hot(region=regions.anyue) == [moved]


def test_views_flushed_after_a_move_count_for_the_new_county(regions, local_or_redis_cache):
    article = ArticleFactory(region=regions.lezhi)
    article.region = regions.anyue
    article.save()
    record_view(article.pk)

    flush_views()

    assert Article.objects.hot(region=regions.anyue) == [article]
    assert Article.objects.hot(region=regions.lezhi) == []


def test_unpublished_and_scheduled_articles_are_never_hot(regions):
    visible = viewed(1, region=regions.lezhi)
    viewed(900, region=regions.lezhi, status=Article.Status.WITHDRAWN)
    scheduled = ArticleFactory(region=regions.lezhi, published_at=timezone.now() + timedelta(hours=2))
    ArticleDailyViewsFactory(article=scheduled, views=900)

    assert Article.objects.hot() == [visible]


def test_the_channel_page_shows_its_hot_list(client, regions):
    viewed(30, title="乐至热文", region=regions.lezhi)
    viewed(99, title="锦江热文", region=regions.jinjiang)

    page = client.get("/sichuan/ziyang/").content.decode()

    assert "资阳新闻热点" in page and "乐至热文" in page and "锦江热文" not in page


def test_a_publish_elsewhere_in_the_county_keeps_the_ranking_without_a_query(regions):
    hot_one = viewed(50, region=regions.lezhi)
    assert sidebars.hot_list(regions.lezhi) == [hot_one]

    ArticleFactory(region=regions.lezhi)  # new and unread: the ranking is what it was
    with CaptureQueriesContext(connection) as queries:
        assert sidebars.hot_list(regions.lezhi) == [hot_one]

    assert len(queries) == 0


def test_the_minutely_job_ranks_every_list_again_off_the_request_path(regions):
    first = viewed(50, region=regions.lezhi)
    assert sidebars.hot_list(regions.lezhi) == [first]
    second = viewed(90, region=regions.lezhi)  # read more since

    assert sidebars.rank_hot_lists() >= 4  # the site's day and week, 乐至, 资阳, 四川
    with CaptureQueriesContext(connection) as queries:
        assert sidebars.hot_list(regions.lezhi) == [second, first]
    assert len(queries) == 0


def test_a_withdrawn_article_leaves_the_kept_ranking_at_once(regions, editor):
    first = viewed(90, region=regions.lezhi)
    second = viewed(50, region=regions.lezhi)
    assert sidebars.hot_list(regions.lezhi) == [first, second]

    first.withdraw(editor)

    assert sidebars.hot_list(regions.lezhi) == [second]


def test_an_article_moved_to_another_county_leaves_the_old_countys_list_at_once(regions):
    moved = viewed(90, region=regions.lezhi)
    assert sidebars.hot_list(regions.lezhi) == [moved]

    moved.region = regions.anyue
    moved.save()

    assert sidebars.hot_list(regions.lezhi) == []
