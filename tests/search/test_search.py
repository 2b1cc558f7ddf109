"""A reader searches the site in Chinese and finds the right news, best first."""

import dataclasses
import threading
import time
from datetime import timedelta
from html import unescape
from io import StringIO

import pytest
from django.contrib.postgres.search import SearchQuery
from django.core.cache import cache
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from django.utils.html import strip_tags

from articles.models import Article
from core import changelog, kept
from regions.models import Region
from search import indexing as search_index
from search import ranking as search_module
from search.query import SearchTerms
from search.ranking import ranked_ids, ranking_key, scored_matches
from search.results import Highlighter
from tests.factories import ArticleFactory, RegionFactory

pytestmark = pytest.mark.django_db

LEMON_BODY = "<p>安岳县是中国柠檬之乡，今年柠檬产业喜获丰收，果农收入大幅增加。</p>"


@pytest.fixture
def regions():
    sichuan = RegionFactory(
        name="四川省", short_name="四川", slug="sichuan", adcode="510000", level=Region.Level.PROVINCE
    )
    ziyang = RegionFactory(
        name="资阳市", short_name="资阳", slug="ziyang", adcode="512000", level=Region.Level.CITY, parent=sichuan
    )
    anyue = RegionFactory(name="安岳县", short_name="安岳", slug="anyue", adcode="512021", parent=ziyang)
    lezhi = RegionFactory(name="乐至县", short_name="乐至", slug="lezhi", adcode="512022", parent=ziyang)
    return {"sichuan": sichuan, "ziyang": ziyang, "anyue": anyue, "lezhi": lezhi}


@pytest.fixture
def news(regions):
    now = timezone.now()
    lemon = ArticleFactory(
        title="安岳柠檬产业迎来丰收季",
        summary="柠檬之乡的果农忙着采摘。",
        body=LEMON_BODY,
        region=regions["anyue"],
        published_at=now - timedelta(days=2),
    )
    meeting = ArticleFactory(
        title="乐至县召开经济工作会议",
        summary="会议部署明年重点工作。",
        body="<p>会议提到要学习外地发展柠檬等特色农业的经验。</p>",
        region=regions["lezhi"],
        published_at=now - timedelta(hours=1),
    )
    return {"lemon": lemon, "meeting": meeting}


def search(client, **params):
    return client.get(reverse("search"), params)


def titles(response):
    return [unescape(strip_tags(hit.title)) for hit in response.context["hits"]]


def test_a_chinese_word_finds_articles_that_mention_it_in_title_or_body(client, news):
    response = search(client, q="柠檬")

    assert set(titles(response)) == {"安岳柠檬产业迎来丰收季", "乐至县召开经济工作会议"}


def test_a_compound_query_needs_every_word(client, news):
    assert titles(search(client, q="安岳柠檬")) == ["安岳柠檬产业迎来丰收季"]
    assert titles(search(client, q="柠檬产业")) == ["安岳柠檬产业迎来丰收季"]


def test_a_longer_word_also_finds_its_shorter_forms(client, news):
    """安岳县 is searched as 安岳县, 安岳 or 岳县, so the title's 安岳 counts."""
    assert titles(search(client, q="安岳县柠檬")) == ["安岳柠檬产业迎来丰收季"]


def test_a_title_match_ranks_above_a_body_match_even_when_older(client, news):
    assert titles(search(client, q="柠檬")) == ["安岳柠檬产业迎来丰收季", "乐至县召开经济工作会议"]


def test_between_equally_relevant_articles_the_fresher_scores_higher(regions):
    now = timezone.now()
    old = ArticleFactory(
        title="柠檬节开幕", body="<p>柠檬</p>", region=regions["anyue"], published_at=now - timedelta(days=60)
    )
    new = ArticleFactory(
        title="柠檬节开幕", body="<p>柠檬</p>", region=regions["anyue"], published_at=now - timedelta(days=1)
    )

    (first, first_score), (second, second_score) = scored_matches(SearchTerms.parse("柠檬节"))

    assert [first, second] == [new.pk, old.pk]
    assert first_score > second_score


def overrun_the_planners_plan(monkeypatch):
    # Stand-in for a plan that overruns its time: the first try's setting
    # itself sleeps past the 1 ms it allows.
    monkeypatch.setattr(search_module, "PLANNER_FIRST", "SET LOCAL statement_timeout = 1; SELECT pg_sleep(0.05)")


# The ranking runs its settings one way inside a transaction (a savepoint)
# and another in autocommit, as a request is served (one implicit transaction).
in_a_transaction_or_not = pytest.mark.parametrize(
    "transaction_mode",
    ["in a transaction", pytest.param("autocommit", marks=pytest.mark.django_db(transaction=True))],
)


@in_a_transaction_or_not
def test_a_ranking_that_runs_too_long_is_answered_through_the_gin_index_instead(
    client, news, monkeypatch, transaction_mode
):
    overrun_the_planners_plan(monkeypatch)
    with CaptureQueriesContext(connection) as queries:
        found = titles(search(client, q="柠檬"))

    assert found == ["安岳柠檬产业迎来丰收季", "乐至县召开经济工作会议"]
    assert any("enable_indexscan = off" in query["sql"] for query in queries)


@pytest.mark.parametrize("days_old", [[10, 200], [200, 300]], ids=["recent enough", "too few recent"])
def test_the_gin_index_reads_the_recent_matches_first_and_answers_the_same(regions, monkeypatch, days_old):
    """Only the newest RANKED_MATCHES matches are ranked: when the last
    RECENT_DAYS hold that many, the older matches change nothing."""
    monkeypatch.setattr(search_module, "RANKED_MATCHES", 1)
    now = timezone.now()
    for days in days_old:
        ArticleFactory(title="川剧变脸", region=regions["anyue"], published_at=now - timedelta(days=days))
    terms = SearchTerms.parse("川剧")
    planners_answer = scored_matches(terms, now=now)

    overrun_the_planners_plan(monkeypatch)
    with CaptureQueriesContext(connection) as queries:
        answer = scored_matches(terms, now=now)

    assert answer == planners_answer and len(answer) == 1
    rankings = [query["sql"] for query in queries if "ts_rank" in query["sql"]]
    assert len(rankings) == (2 if days_old[0] < search_module.RECENT_DAYS else 3)


@in_a_transaction_or_not
@pytest.mark.parametrize("overrun", [False, True], ids=["in time", "overran"])
def test_the_ranking_settings_end_with_the_ranking(news, monkeypatch, transaction_mode, overrun):
    if overrun:
        overrun_the_planners_plan(monkeypatch)
    assert scored_matches(SearchTerms.parse("柠檬"))

    with connection.cursor() as cursor:
        cursor.execute("SHOW statement_timeout")
        assert cursor.fetchone() == ("0",)
        cursor.execute("SHOW enable_indexscan")
        assert cursor.fetchone() == ("on",)


def test_matching_is_answered_from_the_gin_index(news):
    # With a handful of rows any plan is cheap; rule out the table scan and the
    # ordered walk along the publish-time index (GIN is only ever a bitmap scan).
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute("SET LOCAL enable_indexscan = off")
    plan = Article.objects.filter(search_vector=SearchQuery("柠檬", config="simple")).order_by().explain()

    assert "article_search_gin" in plan


def test_region_filter_covers_the_region_and_everything_under_it(client, news, regions):
    assert len(titles(search(client, q="柠檬", region="512000"))) == 2  # the city sees both counties
    assert len(titles(search(client, q="柠檬", region="sichuan"))) == 2
    assert titles(search(client, q="柠檬", region="sichuan/ziyang/anyue")) == ["安岳柠檬产业迎来丰收季"]
    assert titles(search(client, q="柠檬", region="512022")) == ["乐至县召开经济工作会议"]


def test_searches_of_one_shape_each_find_their_own_words_in_their_own_region(news, regions):
    """The ranking SQL is compiled once per shape (here: one word, in a region)."""
    harvest, meeting = SearchTerms.parse("丰收"), SearchTerms.parse("会议")
    assert [len(group) for group in harvest.groups] == [len(group) for group in meeting.groups]

    assert [pk for pk, _ in scored_matches(harvest, regions["anyue"])] == [news["lemon"].pk]
    assert scored_matches(harvest, regions["lezhi"]) == []
    assert [pk for pk, _ in scored_matches(meeting, regions["lezhi"])] == [news["meeting"].pk]
    assert scored_matches(meeting, regions["anyue"]) == []


def test_an_unknown_region_searches_the_whole_site_and_says_so(client, news):
    response = search(client, q="柠檬", region="nowhere")

    assert len(titles(response)) == 2
    assert "没有找到这个地区频道" in response.content.decode()


def test_unpublished_and_scheduled_articles_are_never_found(client, regions):
    now = timezone.now()
    ArticleFactory(title="柠檬草稿", status=Article.Status.DRAFT, region=regions["anyue"])
    ArticleFactory(title="柠檬待审", status=Article.Status.PENDING, region=regions["anyue"])
    ArticleFactory(title="柠檬撤稿", status=Article.Status.WITHDRAWN, region=regions["anyue"])
    ArticleFactory(title="柠檬定时", published_at=now + timedelta(hours=1), region=regions["anyue"])
    ArticleFactory(title="柠檬上线", region=regions["anyue"])

    assert titles(search(client, q="柠檬")) == ["柠檬上线"]


def test_matched_words_are_highlighted_in_title_and_snippet(client, news):
    page = search(client, q="安岳柠檬", region="anyue").content.decode()

    assert "<mark>安岳</mark><mark>柠檬</mark>产业迎来丰收季" in page
    assert "<mark>柠檬</mark>之乡的果农忙着采摘" in page  # the summary mentions a word, so it is the snippet


def test_the_snippet_comes_from_the_body_when_the_summary_does_not_match(client, news):
    page = search(client, q="柠檬", region="lezhi").content.decode()

    assert "学习外地发展<mark>柠檬</mark>等特色农业" in page


@pytest.mark.parametrize(
    "words, text, marked",
    [
        (
            ["安岳县", "安岳", "岳县", "柠檬"],
            "安岳县柠檬和安岳的柠檬",
            "<mark>安岳县</mark><mark>柠檬</mark>和<mark>安岳</mark>的<mark>柠檬</mark>",
        ),
        (["岳县", "安岳"], "安岳县", "<mark>安岳</mark>县"),  # the leftmost match wins, then the longest there
        (["gdp"], "全县GDP增长", "全县<mark>GDP</mark>增长"),
        (["amp", "b"], "a & b <b>", "a &amp; <mark>b</mark> &lt;<mark>b</mark>&gt;"),
        ([], "a & b", "a &amp; b"),
    ],
)
def test_the_highlighter_marks_the_longest_words_in_any_case_and_escapes_the_rest(words, text, marked):
    assert Highlighter(words).mark(text) == marked


def test_each_result_links_to_its_article_and_its_region_channel(client, news, regions):
    links = {(hit.url, hit.region_url) for hit in search(client, q="柠檬").context["hits"]}

    assert links == {
        (news["lemon"].get_absolute_url(), regions["anyue"].get_absolute_url()),
        (news["meeting"].get_absolute_url(), regions["lezhi"].get_absolute_url()),
    }


def test_a_body_snippet_shows_the_text_without_its_markup(client, regions):
    ArticleFactory(
        title="乐至新闻",
        summary="",
        body='<p>第一段</p><script>alert("x")</script><p>乐至&amp;安岳的<a href="/x/">柠檬</a>&nbsp;丰收</p>',
        region=regions["lezhi"],
    )

    snippet = search(client, q="柠檬").context["hits"][0].snippet

    assert snippet == "第一段乐至&amp;安岳的<mark>柠檬</mark> 丰收"


def test_html_in_titles_and_queries_comes_back_as_text(client, regions):
    ArticleFactory(title="<b>柠檬</b> & 橙子", region=regions["anyue"])

    assert "&lt;b&gt;<mark>柠檬</mark>&lt;/b&gt; &amp; 橙子" in search(client, q="柠檬").content.decode()

    page = search(client, q="<script>alert(1)</script>").content.decode()
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "<script>alert(1)" not in page


@pytest.mark.parametrize(
    "query, message",
    [
        ("", "请输入要搜索的关键词"),
        ("   \t ", "请输入要搜索的关键词"),
        ("，。！？……", "没有可以搜索的字词"),
        ("' OR 1=1 --", "没有找到"),
        ("a & | ! :*", "没有找到"),
        ("!!:*&|()'\\", "没有可以搜索的字词"),
        ("c++ & c# <-> foo:*B", "没有找到"),
        ("柠檬\x00", "找到"),
        ("%_%", "没有可以搜索的字词"),
    ],
)
def test_odd_queries_get_a_friendly_page(client, news, query, message):
    response = search(client, q=query)

    assert response.status_code == 200
    assert message in response.content.decode()


def test_a_very_long_query_is_cut_short_and_still_searched(client, news):
    response = search(client, q="柠檬" * 300)

    assert response.status_code == 200
    assert len(response.context["terms"].text) == 50
    assert "关键词太长" in response.content.decode()


def test_pages_keep_the_query_and_bad_page_numbers_are_harmless(client, regions):
    ArticleFactory.create_batch(11, title="柠檬新闻", region=regions["anyue"])

    first = search(client, q="柠檬").content.decode()
    assert len(titles(search(client, q="柠檬"))) == 10
    assert "?q=%E6%9F%A0%E6%AA%AC&amp;page=2" in first
    assert len(titles(search(client, q="柠檬", page="2"))) == 1
    for page in ["abc", "999", "-1"]:
        assert search(client, q="柠檬", page=page).status_code == 200


def test_the_results_page_costs_the_same_few_queries_however_many_hits(client, regions, django_assert_max_num_queries):
    ArticleFactory.create_batch(20, title="柠檬新闻", region=regions["anyue"])

    # region lookup, ranking, the page of articles with their region and
    # source; and the ranking's savepoint, its rollback and release (outside
    # a test's transaction that is a transaction of its own, not counted);
    # the site's channel tabs and friend links (articles.region_lists);
    # the site's ads for the header slot (ads.slots)
    with django_assert_max_num_queries(8):
        search(client, q="柠檬", region="512021")


def test_the_next_page_of_results_ranks_nothing_again(client, regions, django_assert_num_queries):
    ArticleFactory.create_batch(15, title="柠檬新闻", region=regions["anyue"])
    search(client, q="柠檬")

    # only the page's articles, with their region and source
    with django_assert_num_queries(1):
        second = search(client, q="柠檬", page="2")

    assert len(titles(second)) == 5


def test_a_newly_published_article_is_found_though_the_results_were_kept(client, news, regions):
    assert "安岳柠檬产业迎来丰收季" in titles(search(client, q="柠檬"))

    ArticleFactory(title="柠檬节开幕", region=regions["anyue"])

    assert "柠檬节开幕" in titles(search(client, q="柠檬"))


def test_a_withdrawn_article_leaves_the_kept_results_at_once(client, news, editor):
    assert "安岳柠檬产业迎来丰收季" in titles(search(client, q="柠檬"))

    news["lemon"].withdraw(editor)

    assert "安岳柠檬产业迎来丰收季" not in titles(search(client, q="柠檬"))


def ranking_lock(query):
    return ranking_key(SearchTerms.parse(query)) + ":lock"


def hold_the_ranking_of(query):
    """As another worker does while it ranks ``query`` again."""
    cache.add(ranking_lock(query), 1)


def test_after_a_publish_one_request_ranks_again_while_the_others_use_the_kept_ranking(
    client, news, regions, django_assert_num_queries
):
    search(client, q="柠檬")
    ArticleFactory(title="柠檬节开幕", region=regions["anyue"])
    hold_the_ranking_of("柠檬")

    # the results shown, no ranking; the site's tabs and friend links, stale after the publish
    with django_assert_num_queries(2):
        meanwhile = titles(search(client, q="柠檬"))
    cache.delete(ranking_lock("柠檬"))
    ranked_again = titles(search(client, q="柠檬"))

    assert "柠檬节开幕" not in meanwhile and "安岳柠檬产业迎来丰收季" in meanwhile
    assert "柠檬节开幕" in ranked_again


def test_a_ranking_five_minutes_old_is_made_again_by_one_request_while_the_others_use_it(
    client, news, django_assert_num_queries
):
    search(client, q="柠檬")
    key = ranking_key(SearchTerms.parse("柠檬"))
    ranked = kept.look([key])[key].kept
    old = dataclasses.replace(ranked, fresh_until=time.time() - 1)  # SEARCH_CACHE_SECONDS have passed
    changelog.store().keep(key, old, 60)
    hold_the_ranking_of("柠檬")

    with django_assert_num_queries(0):  # the kept ranking and results page, no waiting
        meanwhile = search(client, q="柠檬")
    cache.delete(ranking_lock("柠檬"))
    with CaptureQueriesContext(connection) as ranking_again:
        search(client, q="柠檬")

    assert news["lemon"].get_absolute_url() in meanwhile.content.decode()
    assert len(ranking_again) >= 1
    with django_assert_num_queries(0):  # ranked for another five minutes
        search(client, q="柠檬")


def test_a_ranking_kept_by_the_previous_release_is_made_again_not_an_error(news):
    terms = SearchTerms.parse("柠檬")
    cache.set(ranking_key(terms) + ":v", (7, [news["lemon"].pk]))  # its (version, ids)

    assert set(ranked_ids(terms)) == {news["lemon"].pk, news["meeting"].pk}


def test_a_search_nobody_ranked_yet_waits_for_the_request_ranking_it(news, django_assert_num_queries):
    """Breaking news searched by many readers at once is ranked once."""
    terms = SearchTerms.parse("柠檬")
    hold_the_ranking_of("柠檬")
    ranking = kept.Build(changelog.current_number(), {"list:search"})
    delivered = threading.Timer(0.1, lambda: kept.keep(ranking_key(terms), [news["lemon"].pk], ranking, 60))
    delivered.start()

    with django_assert_num_queries(0):
        ids = ranked_ids(terms)
    delivered.join()

    assert ids == [news["lemon"].pk]


def test_a_ranking_that_never_arrives_is_made_after_the_wait(news, monkeypatch):
    monkeypatch.setattr(kept, "BUILD_WAIT_SECONDS", 0.05)
    hold_the_ranking_of("柠檬")

    assert set(ranked_ids(SearchTerms.parse("柠檬"))) == {news["lemon"].pk, news["meeting"].pk}


def test_a_withdrawn_article_is_not_shown_from_a_kept_ranking(client, news, editor):
    search(client, q="柠檬")
    news["lemon"].withdraw(editor)
    hold_the_ranking_of("柠檬")

    assert titles(search(client, q="柠檬")) == ["乐至县召开经济工作会议"]


def test_editing_an_article_updates_what_it_is_found_by(client, news):
    lemon = news["lemon"]
    lemon.title = "安岳血橙上市"
    lemon.summary = "血橙"
    lemon.body = "<p>血橙</p>"
    lemon.save()

    assert titles(search(client, q="血橙")) == ["安岳血橙上市"]
    assert "安岳血橙上市" not in titles(search(client, q="丰收"))


def test_a_save_of_other_fields_leaves_the_search_words_alone(news, django_assert_num_queries):
    lemon = news["lemon"]
    lemon.view_count = 10
    with django_assert_num_queries(1):
        lemon.save(update_fields=["view_count"])


def test_rebuild_search_index_covers_articles_saved_without_signals(client, regions):
    Article.objects.bulk_create(
        [
            Article(
                title="柠檬批量导入",
                body="<p>导入</p>",
                region=regions["anyue"],
                status=Article.Status.PUBLISHED,
                published_at=timezone.now(),
            )
        ]
    )
    assert not search(client, q="柠檬").context["hits"]

    call_command("rebuild_search_index", stdout=StringIO())

    assert titles(search(client, q="柠檬")) == ["柠檬批量导入"]


def search_index_options():
    with connection.cursor() as cursor:
        cursor.execute("SELECT reloptions FROM pg_class WHERE relname = 'article_search_gin'")
        return cursor.fetchone()[0]


@pytest.mark.django_db(transaction=True)
def test_a_full_rebuild_lets_the_index_merge_new_words_in_bulk_and_leaves_none_pending(client, regions, monkeypatch):
    Article.objects.bulk_create(
        [
            Article(
                title="柠檬批量导入",
                region=regions["anyue"],
                status=Article.Status.PUBLISHED,
                published_at=timezone.now(),
            )
        ]
    )
    options_while_writing = []
    save_documents = search_index._save_documents

    def watched(*args):
        options_while_writing.append(search_index_options())
        return save_documents(*args)

    monkeypatch.setattr(search_index, "_save_documents", watched)

    call_command("rebuild_search_index", stdout=StringIO())

    assert ["fastupdate=on"] in options_while_writing
    assert search_index_options() == ["fastupdate=off"]
    assert titles(search(client, q="柠檬")) == ["柠檬批量导入"]


def test_the_same_search_worded_differently_shows_the_words_as_typed(client, news):
    assert "与“柠檬”相关" in search(client, q="柠檬").content.decode()

    again = search(client, q="柠檬的").content.decode()

    assert "与“柠檬的”相关" in again


def test_search_vectors_stay_in_the_article_row():
    """A search walks the newest articles reading each one's vector; kept in
    the table row (migration 0007), that costs no TOAST lookup."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT attstorage FROM pg_attribute WHERE attrelid = 'articles_article'::regclass AND attname = 'search_vector'"
        )
        assert cursor.fetchone() == ("m",)


def test_the_search_index_keeps_no_list_of_pending_words_for_searches_to_read():
    """Each save writes its words into the GIN index itself (migration 0008)."""
    assert search_index_options() == ["fastupdate=off"]
