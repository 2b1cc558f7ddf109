"""Lists stay cheap however many articles the portal has.

A reader pages through a channel's newest few thousand articles (older news is
found with search); search ranks the newest matches; 相关新闻 is chosen among
the newest candidates. The caps are lowered here so a few articles show them.
"""

from datetime import timedelta

import pytest
from django.utils import timezone

from articles import reading, views
from search import ranking as search
from search.query import SearchTerms
from search.ranking import scored_matches
from tests.factories import ArticleFactory, sichuan_regions

pytestmark = pytest.mark.django_db


@pytest.fixture
def regions():
    return sichuan_regions()


def publish(count, **fields):
    now = timezone.now()
    return [ArticleFactory(published_at=now - timedelta(hours=n + 1), **fields) for n in range(count)]


def test_a_channel_numbers_only_its_newest_pages_and_answers_404_beyond(client, regions, monkeypatch):
    monkeypatch.setattr(views, "MAX_LIST_PAGES", 2)
    newest_first = publish(45, region=regions.lezhi)

    last = client.get("/sichuan/ziyang/?page=2")

    assert last.status_code == 200
    assert last.context["paginator"].num_pages == 2
    assert not last.context["page_obj"].has_next()
    assert [a.pk for a in last.context["articles"]] == [a.pk for a in newest_first[20:40]]
    assert client.get("/sichuan/ziyang/?page=3").status_code == 404
    assert "更早的新闻请使用" in last.content.decode()
    assert "更早的新闻请使用" not in client.get("/sichuan/ziyang/?page=1").content.decode()


def test_a_channel_with_fewer_articles_than_the_cap_counts_them_exactly(client, regions, monkeypatch):
    monkeypatch.setattr(views, "MAX_LIST_PAGES", 5)
    publish(45, region=regions.lezhi)

    page = client.get("/sichuan/ziyang/?page=3")

    assert page.context["paginator"].count == 45
    assert len(page.context["articles"]) == 5


def test_the_home_page_is_bounded_too(client, regions, monkeypatch):
    monkeypatch.setattr(views, "MAX_LIST_PAGES", 1)
    publish(20, region=regions.lezhi)

    assert client.get("/").context["paginator"].num_pages == 1
    assert client.get("/?page=2").status_code == 404


def test_search_ranks_only_the_newest_matches(regions, monkeypatch):
    monkeypatch.setattr(search, "RANKED_MATCHES", 3)
    articles = publish(5, region=regions.lezhi, title="安岳柠檬丰收")

    found = scored_matches(SearchTerms.parse("柠檬"))

    assert {pk for pk, _ in found} == {a.pk for a in articles[:3]}


def test_the_search_page_says_there_are_more_matches_than_it_ranks(client, regions, monkeypatch):
    monkeypatch.setattr(search, "RANKED_MATCHES", 3)
    publish(5, region=regions.lezhi, title="安岳柠檬丰收")

    assert "找到 3 多 条" in client.get("/search/?q=柠檬").content.decode()


def test_related_news_is_chosen_among_the_newest_candidates(regions, monkeypatch):
    monkeypatch.setattr(reading, "RELATED_POOL", 2)
    article = ArticleFactory(region=regions.lezhi, published_at=timezone.now() - timedelta(days=30))
    older, *newer = publish(3, region=regions.anyue)[::-1]

    assert set(article.related(limit=5)) == set(newer)
