"""Nobody can put an article at the top of 热点 by requesting it (issue 23, item 3).

Every anonymous view used to count: 3,000 ``GET /article/14/`` from one
address took it to #1 of 24小时热点 after one ``flush_views``. Now a reader
(an address, an IPv6 /64, and one of ``BROWSERS_PER_ADDRESS`` User-Agent
slots) counts once per article per ``VIEW_DEDUPE_SECONDS``. The requests go
through ``newsportal.wsgi.application`` as gunicorn hands them over, so most
are answered by the page cache before Django, where the views are counted
with the page's lookup; Redis as in production.
"""

from datetime import timedelta

import pytest
from django.utils import timezone

from articles.counters import buffered_views, flush_views
from articles.models import Article
from tests.factories import ArticleFactory
from tests.newsportal.test_page_cache_fast_path import wsgi_get

pytestmark = pytest.mark.django_db

ATTEMPTS = 500


@pytest.fixture
def news(redis_cache):
    """柠檬节 read by 30 people this morning; the article someone wants on top read by nobody yet."""
    popular = ArticleFactory(title="安岳柠檬节开幕", published_at=timezone.now() - timedelta(hours=3))
    target = ArticleFactory(title="某公司新品发布", published_at=timezone.now() - timedelta(hours=3))
    for n in range(30):
        wsgi_get(popular.get_absolute_url(), REMOTE_ADDR=f"203.0.113.{n + 1}")
    return popular, target


def attack(article, **environ_of):
    """ATTEMPTS GETs of ``article``, the n-th with the environ ``environ_of`` gives for n."""
    for n in range(ATTEMPTS):
        status, _, _ = wsgi_get(article.get_absolute_url(), **{key: value(n) for key, value in environ_of.items()})
        assert status.startswith("200")


def test_five_hundred_requests_from_one_address_add_one_view_and_no_rank(news):
    popular, target = news

    attack(target, REMOTE_ADDR=lambda n: "198.51.100.66")
    flush_views()

    target.refresh_from_db()
    assert target.view_count == 1
    assert Article.objects.hot(days=1)[:2] == [popular, target]


def test_rotating_the_user_agent_adds_at_most_one_view_per_browser_slot(news, settings):
    _, target = news

    attack(target, REMOTE_ADDR=lambda n: "198.51.100.66", HTTP_USER_AGENT=lambda n: f"Mozilla/5.0 bot/{n}")

    assert buffered_views(target.pk) == settings.BROWSERS_PER_ADDRESS == 8


def test_every_address_of_one_ipv6_line_adds_one_view_in_all(news):
    _, target = news

    attack(target, REMOTE_ADDR=lambda n: f"2001:db8:66:1:{n:x}::{n:x}")

    assert buffered_views(target.pk) == 1


def test_a_forged_forwarded_for_header_is_not_a_new_reader(news):
    _, target = news

    attack(target, REMOTE_ADDR=lambda n: "198.51.100.66", HTTP_X_FORWARDED_FOR=lambda n: f"10.{n // 256}.{n % 256}.1")

    assert buffered_views(target.pk) == 1


def test_behind_the_proxy_forged_entries_before_the_proxys_own_do_not_count(news, settings):
    settings.TRUSTED_PROXY_COUNT = 1  # nginx appends the address it saw
    _, target = news

    attack(target, REMOTE_ADDR=lambda n: "127.0.0.1",
           HTTP_X_FORWARDED_FOR=lambda n: f"10.{n // 256}.{n % 256}.1, 198.51.100.66")  # fmt: skip

    assert buffered_views(target.pk) == 1


def test_the_readers_who_did_read_are_all_counted(news):
    popular, _ = news

    assert flush_views() == 30
    popular.refresh_from_db()
    assert popular.view_count == 30
