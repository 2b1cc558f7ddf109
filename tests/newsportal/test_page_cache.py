"""Anonymous readers get whole pages from the cache, without a single query;
staff and anyone with a session always get a freshly built page."""

import pytest
from django.http import HttpResponse
from django.test import RequestFactory
from django.test.signals import template_rendered
from django.urls import resolve

from core import kept
from core.pagecache import HEADER, LocalCopies, Page, page_key, shareable
from tests.factories import ArticleFactory, ColumnFactory, UserFactory, sichuan_regions

pytestmark = pytest.mark.django_db


@pytest.fixture
def site():
    regions = sichuan_regions()
    column = ColumnFactory(name="乡里乡亲", slug="xiangli")
    article = ArticleFactory(region=regions.lezhi, column=column, title="乐至县新修一条乡村公路")
    article.tags.add("交通")
    return article


READER_PAGES = [
    "/",
    "/sichuan/ziyang/",
    "/sichuan/ziyang/lezhi/",
    "/column/xiangli/",
    "/tag/jiao-tong/",
    "article",
    "/feeds/latest/",
    "/feeds/region/sichuan/ziyang/",
]


def url_of(page, article):
    if page == "article":
        return article.get_absolute_url()
    if page.startswith("/tag/"):
        return f"/tag/{article.tags.get().slug}/"
    return page


@pytest.mark.parametrize("page", READER_PAGES)
def test_a_second_anonymous_visit_is_served_from_the_cache_without_queries(
    client, site, page, django_assert_num_queries
):
    url = url_of(page, site)
    first = client.get(url)
    assert first.status_code == 200
    assert first[HEADER] == "MISS"

    with django_assert_num_queries(0):
        again = client.get(url)

    assert again[HEADER] == "HIT"
    assert again.content == first.content
    assert "乐至县新修一条乡村公路" in again.content.decode()


def test_listing_pages_are_cached_per_page_number(client, site, django_assert_num_queries):
    client.get("/?page=1")
    with django_assert_num_queries(0):
        assert client.get("/?page=1")[HEADER] == "HIT"
    assert client.get("/")[HEADER] == "MISS"


def test_a_share_link_gets_the_page_everyone_else_gets(client, site):
    """WeChat and the share buttons add ``from``, ``isappinstalled`` and
    ``utm_*`` to the links they pass on; they do not change the page."""
    url = site.get_absolute_url()
    client.get(url)

    shared = client.get(url + "?from=singlemessage&isappinstalled=0&utm_source=weixin")

    assert shared[HEADER] == "HIT"


@pytest.mark.parametrize("url", ["/?q=1", "/?page=1&page=2", "/?page=abc", "article?page=2"])
def test_other_query_strings_always_get_a_fresh_page(client, site, url):
    if url.startswith("article"):
        url = site.get_absolute_url() + url[len("article") :]
    client.get(url)
    assert HEADER not in client.get(url)


def test_the_cached_article_page_carries_no_csrf_token_or_cookie(client, site):
    response = client.get(site.get_absolute_url())

    assert "csrfmiddlewaretoken" not in response.content.decode()
    assert not response.cookies
    assert client.get(site.get_absolute_url())[HEADER] == "HIT"


def test_logged_in_staff_always_see_a_fresh_page(client, site):
    client.get(site.get_absolute_url())  # now in the cache for readers
    # A change the cache was not told about: only a fresh page can show it.
    type(site).objects.filter(pk=site.pk).update(title="乐至县乡村公路今日通车")
    client.force_login(UserFactory(is_staff=True))

    response = client.get(site.get_absolute_url())

    assert HEADER not in response
    assert "乐至县乡村公路今日通车" in response.content.decode()


def test_a_reader_with_a_session_cookie_is_not_served_the_shared_copy(client, site):
    client.get("/")
    client.cookies["sessionid"] = "whatever"
    assert HEADER not in client.get("/")


def test_responses_that_set_cookies_or_are_private_are_never_shared():
    with_cookie = HttpResponse("hi")
    with_cookie.set_cookie("csrftoken", "x")
    private = HttpResponse("hi", headers={"Cache-Control": "private, max-age=0"})

    assert shareable(HttpResponse("hi"))
    assert not shareable(with_cookie)
    assert not shareable(private)
    assert not shareable(HttpResponse("gone", status=404))


def test_the_key_is_the_url_and_page_only():
    rf = RequestFactory()

    def key(url, **cookies):
        request = rf.get(url)
        request.COOKIES.update(cookies)
        return page_key(request, resolve(request.path_info))

    assert key("/") == key("/")
    assert key("/") != key("/?page=2")
    assert key("/article/1/") != key("/article/2/")
    assert key("/", sessionid="abc") is None
    assert key("/", messages="abc") is None
    assert key("/", csrftoken="abc") == key("/")


def test_a_page_another_server_rebuilt_replaces_this_servers_copy(client, site):
    """Each app server keeps copies of the pages it served, but the shared
    cache decides which build is current on every request."""
    url = site.get_absolute_url()
    client.get(url)
    key = page_key(RequestFactory().get(url), resolve(url))
    ours = kept.look([key])[key].kept.value
    headers = tuple((name, value) for name, value in ours.headers if name != "Content-Length")
    with kept.building() as build:
        kept.keep(key, Page(200, headers, "<p>另一台服务器</p>".encode()), build, fresh_for=60)

    again = client.get(url)
    assert again[HEADER] == "HIT"
    assert again.content.decode() == "<p>另一台服务器</p>"


def test_local_copies_keep_only_the_most_recently_served_pages():
    copies = LocalCopies(size=2)
    first, second, third = (Page(200, (), str(n).encode()) for n in range(3))
    copies.keep("a", first)
    copies.keep("b", second)
    assert copies.get("a") is first  # "a" is now the most recent

    copies.keep("c", third)

    assert copies.get("b") is None
    assert copies.get("a") is first
    assert copies.get("c") is third


def test_a_page_built_while_what_it_shows_changed_is_not_given_to_proxies_or_kept_fresh(client, site):
    """Issue 21: a withdrawal committed while a page was being built was
    purged from Varnish before the page reached it, so Varnish kept the old
    page for s-maxage."""
    committed = []

    def withdrawn_meanwhile(**kwargs):
        if not committed:
            kept.mark_changed({f"article:{site.pk}"})
            committed.append(True)

    template_rendered.connect(withdrawn_meanwhile)
    try:
        built_during_the_change = client.get(site.get_absolute_url())
    finally:
        template_rendered.disconnect(withdrawn_meanwhile)

    assert built_during_the_change["Cache-Control"] == "no-store"
    assert client.get(site.get_absolute_url())[HEADER] == "MISS"  # built again, not served as fresh
    assert "s-maxage" in client.get(site.get_absolute_url())["Cache-Control"]
