"""Readers see "暂时无法访问" with HTTP 503 while the database is unreachable.

Every query is made to fail the way a stopped PostgreSQL fails, through
Django's own ``execute_wrapper`` hook; tests/faults/test_postgres_outage.py
does the same with a real cluster that is really stopped.
"""

import pytest
from django.core.cache import cache
from django.db import InterfaceError, OperationalError, connection
from django.test import Client

from articles import schedule
from core.kept import mark_changed
from core.pagecache import HEADER
from tests.factories import ArticleFactory

FRIENDLY = "暂时无法访问，请稍后再试"


def server_gone(error_class):
    def refuse(execute, sql, params, many, context):
        raise error_class("server closed the connection unexpectedly")

    return refuse


def assert_friendly_503(response):
    assert response.status_code == 503
    assert response["Retry-After"].isdigit()
    assert "no-store" in response["Cache-Control"]
    page = response.content.decode()
    assert FRIENDLY in page
    assert "Traceback" not in page and "OperationalError" not in page


@pytest.mark.django_db
@pytest.mark.parametrize("error_class", [OperationalError, InterfaceError])
def test_a_reader_gets_the_friendly_page_when_the_database_is_gone(error_class):
    article = ArticleFactory()
    reader = Client(raise_request_exception=False)
    for url in ["/", article.get_absolute_url(), "/search/?q=乐至"]:
        with connection.execute_wrapper(server_gone(error_class)):
            response = reader.get(url)
        assert_friendly_503(response)


@pytest.mark.django_db
def test_the_page_keeps_the_site_branding(settings):
    settings.SITE_NAME = "乐至在线"
    with connection.execute_wrapper(server_gone(OperationalError)):
        response = Client(raise_request_exception=False).get("/")
    assert "乐至在线" in response.content.decode()


@pytest.mark.django_db
def test_a_database_error_inside_a_middleware_is_a_503_as_well(settings):
    settings.MIDDLEWARE = [*settings.MIDDLEWARE, "tests.faults.db_down_middleware.ReadsDatabaseMiddleware"]
    with connection.execute_wrapper(server_gone(OperationalError)):
        response = Client(raise_request_exception=False).get("/")
    assert_friendly_503(response)


@pytest.mark.django_db
def test_other_errors_still_get_the_ordinary_500_page(settings):
    settings.MIDDLEWARE = [*settings.MIDDLEWARE, "tests.faults.db_down_middleware.ReadsDatabaseMiddleware"]
    with connection.execute_wrapper(server_gone(ZeroDivisionError)):
        response = Client(raise_request_exception=False).get("/")
    assert response.status_code == 500
    assert FRIENDLY not in response.content.decode()


@pytest.mark.django_db
def test_the_site_answers_normally_once_the_database_is_back():
    article = ArticleFactory(title="恢复之后照常阅读")
    reader = Client(raise_request_exception=False)
    with connection.execute_wrapper(server_gone(OperationalError)):
        assert reader.get(article.get_absolute_url()).status_code == 503
    response = reader.get(article.get_absolute_url())
    assert response.status_code == 200
    assert "恢复之后照常阅读" in response.content.decode()


@pytest.mark.django_db
def test_a_comment_posted_from_the_page_gets_the_message_as_json():
    article = ArticleFactory()
    with connection.execute_wrapper(server_gone(OperationalError)):
        response = Client(raise_request_exception=False).post(
            f"/comments/post/{article.pk}/",
            {"nickname": "小李", "body": "停电了吗"},
            headers={"Accept": "application/json"},
        )
    assert response.status_code == 503
    assert response.json() == {"ok": False, "message": FRIENDLY}


@pytest.mark.django_db
def test_a_stale_cached_page_is_served_while_the_database_is_down():
    article = ArticleFactory(title="乐至县举办柠檬采摘节")
    reader = Client(raise_request_exception=False)
    assert reader.get(article.get_absolute_url())["X-Page-Cache"] == "MISS"
    mark_changed([f"article:{article.pk}"])  # an edit elsewhere made the stored copy stale

    with connection.execute_wrapper(server_gone(OperationalError)):
        response = reader.get(article.get_absolute_url())

    assert response.status_code == 200
    assert response["X-Page-Cache"] == "STALE"
    assert "乐至县举办柠檬采摘节" in response.content.decode()


@pytest.mark.django_db
def test_a_forgotten_schedule_still_leaves_readers_the_previous_copy():
    """After a Redis restart the page cache re-reads the publication schedule
    with the next page it builds; with the database gone that read fails too,
    and the reader still gets the copy the cache kept."""
    article = ArticleFactory(title="停电前的旧闻")
    reader = Client(raise_request_exception=False)
    reader.get(article.get_absolute_url())
    mark_changed([f"article:{article.pk}"])  # the copy is now stale
    cache.delete(schedule.NEXT_GO_LIVE)

    with connection.execute_wrapper(server_gone(OperationalError)):
        response = reader.get(article.get_absolute_url())

    assert response.status_code == 200
    assert response[HEADER] == "STALE"
    assert "停电前的旧闻" in response.content.decode()
