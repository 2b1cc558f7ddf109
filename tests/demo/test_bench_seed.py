"""An operator fills a database for the load benchmark with one command.

The seeder writes with COPY on a second connection, so these tests commit
(``transaction=True``) for that connection to see the regions made here.
"""

import io

import pytest
from django.core.management import call_command
from django.db import connection
from django.db.models import Count, F, Q, Sum

from articles.models import Article, ArticleDailyViews, Byline, TaggedArticle
from comments.models import Comment
from regions.models import Region
from tests.factories import RegionFactory

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def ziyang_counties():
    sichuan = RegionFactory(
        adcode="510000", name="四川省", short_name="四川", slug="sichuan", level=Region.Level.PROVINCE
    )
    ziyang = RegionFactory(
        adcode="512000", name="资阳市", short_name="资阳", slug="ziyang", level=Region.Level.CITY, parent=sichuan
    )
    return {
        RegionFactory(adcode="512021", name="安岳县", short_name="安岳", slug="anyue", parent=ziyang).pk,
        RegionFactory(adcode="512022", name="乐至县", short_name="乐至", slug="lezhi", parent=ziyang).pk,
    }


def seed(articles, comments):
    call_command("bench_seed", articles=articles, comments=comments, batch=25, stdout=io.StringIO())


def test_the_seeder_writes_exactly_the_requested_articles_and_comments_in_the_counties(ziyang_counties):
    seed(articles=60, comments=300)

    assert Article.objects.count() == 60
    assert Comment.objects.count() == 300
    assert set(Article.objects.values_list("region", flat=True)) <= ziyang_counties
    assert not Article.objects.filter(byline__isnull=True).exists()
    assert TaggedArticle.objects.filter(tag__name__in=["安岳", "乐至"]).count() == 60
    assert Article.objects.published().exists()


def test_an_article_names_no_county_but_its_own(ziyang_counties):
    seed(articles=60, comments=0)

    for county, other in (("安岳", "乐至"), ("乐至", "安岳")):
        in_county = Article.objects.filter(region__short_name=county)
        assert in_county.exists()
        assert not in_county.filter(
            Q(title__contains=other) | Q(summary__contains=other) | Q(body__contains=other)
        ).exists()


def test_the_counters_on_each_article_agree_with_its_comments_and_daily_views(ziyang_counties):
    seed(articles=60, comments=300)

    counted = Article.objects.annotate(
        approved=Count("comments", filter=Q(comments__status=Comment.Status.APPROVED), distinct=True),
    )
    assert not counted.exclude(comment_count=F("approved")).exists()
    per_article = ArticleDailyViews.objects.values("article").annotate(total=Sum("views"))
    views = {row["article"]: row["total"] for row in per_article}
    assert all(article.view_count == views.get(article.pk, 0) for article in Article.objects.all())
    assert not Comment.objects.filter(parent__isnull=False).exclude(parent__article=F("article")).exists()


def test_a_rerun_only_adds_what_is_missing(ziyang_counties):
    seed(articles=30, comments=150)
    seed(articles=60, comments=300)
    seed(articles=60, comments=300)

    assert Article.objects.count() == 60
    assert Comment.objects.count() == 300
    assert Byline.objects.values("article").distinct().count() == 60


def test_seeded_articles_are_searchable_as_if_each_had_been_saved(ziyang_counties):
    from demo.bench_search import mismatches
    from search.query import SearchTerms
    from search.ranking import scored_matches

    seed(articles=60, comments=60)

    assert not Article.objects.filter(search_vector__isnull=True).exists()
    assert mismatches(Article.objects.all()) == []
    found = {pk for pk, _ in scored_matches(SearchTerms.parse("乐至"))}
    assert found == {a.pk for a in Article.objects.published() if "乐至" in a.search_document.split()}
    assert found


def test_the_planner_knows_how_many_regions_there_are_after_seeding(ziyang_counties):
    """Statistics for the small tables too, or region joins become full scans."""
    seed(articles=10, comments=0)

    with connection.cursor() as cursor:
        cursor.execute("SELECT reltuples FROM pg_class WHERE relname = %s", [Region._meta.db_table])
        assert cursor.fetchone() == (Region.objects.count(),)
