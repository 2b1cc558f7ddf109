"""gunicorn runs ``newsportal.wsgi.application``: fresh page-cache hits are
answered there, before Django's request cycle starts, and everything else goes
on to Django as before."""

import sys
from io import BytesIO

import pytest
from django.core.signals import request_finished, request_started
from django.db import close_old_connections

from articles.counters import buffered_views
from core.kept import mark_changed
from core.pagecache import HEADER
from newsportal.wsgi import application
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db


_last_names = []


def answered_names():
    """The header names of the last wsgi_get's answer, in order, repeats included."""
    return list(_last_names)


def wsgi_get(path, **headers):
    """A GET through the WSGI application, as gunicorn makes it: the path
    arrives percent-decoded, as UTF-8 bytes read as Latin-1."""
    environ = {
        "REQUEST_METHOD": "GET",
        "PATH_INFO": path.encode().decode("latin-1"),
        "QUERY_STRING": "",
        "SERVER_NAME": "testserver",
        "SERVER_PORT": "80",
        "SERVER_PROTOCOL": "HTTP/1.1",
        "HTTP_HOST": "testserver",
        "REMOTE_ADDR": "127.0.0.1",
        "wsgi.url_scheme": "http",
        "wsgi.input": BytesIO(),
        "wsgi.errors": sys.stderr,
        **headers,
    }
    answer = {}

    def start_response(status, response_headers, exc_info=None):
        answer["status"], answer["headers"] = status, dict(response_headers)
        _last_names[:] = [name.lower() for name, _ in response_headers]

    # As Django's test client does: the test's transaction holds the
    # connection, which the end of a request would otherwise close.
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    try:
        body = application(environ, start_response)
        content = b"".join(body)
        if hasattr(body, "close"):
            body.close()
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)
    return answer["status"], answer["headers"], content


@pytest.fixture
def django_requests():
    """How many requests reached Django's handler."""
    seen = []

    def count(**kwargs):
        seen.append(1)

    request_started.connect(count)
    yield seen
    request_started.disconnect(count)


def test_a_fresh_page_is_answered_before_django_with_no_query(
    local_or_redis_cache, django_requests, django_assert_num_queries
):
    ArticleFactory(title="资阳新建一座图书馆")
    _, first_headers, first = wsgi_get("/")
    assert first_headers[HEADER] == "MISS"
    assert len(django_requests) == 1

    with django_assert_num_queries(0):
        status, headers, content = wsgi_get("/")

    assert status == "200 OK"
    assert headers[HEADER] == "HIT"
    assert len(django_requests) == 1  # Django's request cycle never started
    assert content == first
    assert "资阳新建一座图书馆" in content.decode()
    for name in ["Content-Security-Policy", "X-Frame-Options", "X-Content-Type-Options", "Content-Length"]:
        assert headers[name] == first_headers[name], name


def test_a_tag_page_with_a_chinese_address_is_cached_too(local_or_redis_cache):
    article = ArticleFactory(title="柠檬丰收")
    article.tags.add("柠檬产业")
    path = f"/tag/{article.tags.get().slug}/"

    assert wsgi_get(path)[1][HEADER] == "MISS"
    status, headers, content = wsgi_get(path)

    assert (status, headers[HEADER]) == ("200 OK", "HIT")
    assert "柠檬丰收" in content.decode()


def test_a_reader_with_a_session_goes_through_django(local_or_redis_cache, django_requests):
    ArticleFactory()
    wsgi_get("/")

    _, headers, _ = wsgi_get("/", HTTP_COOKIE="sessionid=abc")

    assert HEADER not in headers
    assert len(django_requests) == 2


def test_static_files_and_other_pages_go_straight_to_django(local_or_redis_cache, django_requests):
    wsgi_get("/robots.txt")
    wsgi_get("/robots.txt")

    assert len(django_requests) == 2


def test_after_a_publish_the_next_request_gets_the_new_page(local_or_redis_cache, django_requests):
    ArticleFactory(title="旧闻")
    wsgi_get("/")
    wsgi_get("/")

    ArticleFactory(title="乐至县新闻发布会")
    status, headers, content = wsgi_get("/")

    assert headers[HEADER] == "MISS"
    assert "乐至县新闻发布会" in content.decode()


def test_every_view_of_an_article_is_counted_once(local_or_redis_cache):
    article = ArticleFactory()
    path = article.get_absolute_url()

    wsgi_get(path, REMOTE_ADDR="198.51.100.1")  # built and stored
    wsgi_get(path, REMOTE_ADDR="198.51.100.2")  # a hit before Django
    mark_changed([f"article:{article.pk}"])
    wsgi_get(path, REMOTE_ADDR="198.51.100.3")  # stale: rebuilt by Django, its lookup passed on from the fast path

    assert buffered_views(article.pk) == 3


def test_a_reader_reloading_a_cached_article_counts_once(local_or_redis_cache):
    article = ArticleFactory()
    path = article.get_absolute_url()
    wsgi_get(path)

    answers = [wsgi_get(path)[1][HEADER] for _ in range(20)]

    assert set(answers) == {"HIT"}  # answered before Django, where the view is counted with the lookup
    assert buffered_views(article.pk) == 1


def test_a_page_for_a_host_we_do_not_serve_is_refused(local_or_redis_cache):
    ArticleFactory()
    wsgi_get("/")

    status, headers, _ = wsgi_get("/", HTTP_HOST="evil.example")

    assert status.startswith("400")
    assert HEADER not in headers


def test_a_hit_carries_each_header_of_the_built_page_once_and_answers_304_to_its_etag(local_or_redis_cache):
    ArticleFactory(title="资阳新建一座图书馆")
    _, built, _ = wsgi_get("/")
    built_names = answered_names()

    status, headers, _ = wsgi_get("/")
    hit_names = answered_names()

    assert (status, headers[HEADER]) == ("200 OK", "HIT")
    assert len(hit_names) == len(set(hit_names))
    assert set(hit_names) == set(built_names)
    for name in ["ETag", "Last-Modified", "Content-Type", "Content-Security-Policy"]:
        assert headers[name] == built[name], name
    assert headers["Cache-Control"].startswith("public, max-age=0, s-maxage=")

    status, _, content = wsgi_get("/", HTTP_IF_NONE_MATCH=headers["ETag"])
    assert (status, content) == ("304 Not Modified", b"")
