"""Cached pages stay shared: no reader's name in them; a logged-in reader's pages are private;
the nickname cookie comes and goes with the session."""

import pytest
from django.conf import settings
from django.urls import reverse

from core.pagecache import HEADER
from tests.factories import ArticleFactory
from tests.members.conftest import ask_code, enter_code, last_code

pytestmark = pytest.mark.django_db


@pytest.fixture
def article(db):
    return ArticleFactory(title="乐至县举办柠檬采摘节")


def log_in_by_code(client):
    ask_code(client)
    response = enter_code(client, last_code())
    client.post(reverse("members:profile"), {"nickname": "柠檬姑娘"})
    return response


def test_logging_in_sets_a_nickname_cookie_scripts_can_read_lasting_as_the_session(client):
    response = log_in_by_code(client)

    cookie = response.cookies[settings.READER_COOKIE_NAME]
    assert not cookie["httponly"]
    assert cookie["max-age"] == settings.SESSION_COOKIE_AGE
    assert response.cookies[settings.SESSION_COOKIE_NAME]["max-age"] == settings.SESSION_COOKIE_AGE
    assert client.cookies[settings.READER_COOKIE_NAME].value == "%E6%9F%A0%E6%AA%AC%E5%A7%91%E5%A8%98"


def test_the_cookie_ends_with_a_browser_session_when_sessions_do(client, settings):
    settings.SESSION_EXPIRE_AT_BROWSER_CLOSE = True

    response = log_in_by_code(client)

    assert response.cookies[settings.READER_COOKIE_NAME]["max-age"] == ""


def test_logging_out_clears_the_nickname_cookie(client):
    log_in_by_code(client)

    response = client.post(reverse("members:logout"))

    assert response.status_code == 302
    assert response.cookies[settings.READER_COOKIE_NAME].value == ""
    assert response.cookies[settings.READER_COOKIE_NAME]["max-age"] == 0
    assert client.get(reverse("members:profile")).status_code == 302


def test_a_nickname_cookie_outliving_its_session_is_cleared(client, article):
    client.cookies[settings.READER_COOKIE_NAME] = "%E6%9F%A0"

    response = client.get(reverse("members:history"))

    assert response.cookies[settings.READER_COOKIE_NAME]["max-age"] == 0


def test_pages_built_for_a_logged_in_reader_are_private(client, article):
    log_in_by_code(client)

    for url in [article.get_absolute_url(), "/", reverse("members:profile"), reverse("members:bookmarks")]:
        response = client.get(url)
        assert response.status_code == 200
        assert "private" in response["Cache-Control"], url
        assert "public" not in response["Cache-Control"], url


def test_the_cached_article_page_carries_no_readers_name(client, article):
    anonymous_first = client.get(article.get_absolute_url())
    assert anonymous_first[HEADER] == "MISS"
    log_in_by_code(client)
    as_reader = client.get(article.get_absolute_url()).content.decode()
    client.post(reverse("members:logout"))
    client.cookies.clear()

    cached = client.get(article.get_absolute_url())

    assert cached[HEADER] == "HIT"
    assert "public" in cached["Cache-Control"]
    for page in (cached.content.decode(), as_reader):
        assert "柠檬姑娘" not in page and "13800138000" not in page
        assert 'class="account-link"' in page and ">登录</a>" in page


def test_a_page_first_built_after_a_reader_visited_is_shared_and_nameless(client, article):
    log_in_by_code(client)
    client.get(article.get_absolute_url())
    client.post(reverse("members:logout"))
    client.cookies.clear()

    first = client.get(article.get_absolute_url())
    second = client.get(article.get_absolute_url())

    assert first[HEADER] == "MISS" and second[HEADER] == "HIT"
    assert "柠檬姑娘" not in second.content.decode()


def test_a_reader_with_only_the_nickname_cookie_gets_the_shared_page(client, article):
    client.get(article.get_absolute_url())
    client.cookies[settings.READER_COOKIE_NAME] = "%E6%9F%A0"

    assert client.get(article.get_absolute_url())[HEADER] == "HIT"
