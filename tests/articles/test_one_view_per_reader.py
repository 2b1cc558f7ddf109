"""One reader counts one view of an article per window (issue 23, item 3).

A reader is an address (the whole /64 for IPv6) and the browser slot its
User-Agent falls in (articles.readers). 小李 reloads the county news on her
phone all morning; her family shares the home router; her colleague reads
on the office's IPv6 line; each counts as people, not as requests.
"""

import time

import pytest

from articles.counters import buffered_views, record_view
from articles.readers import reader_of
from core.pagecache import HEADER
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db

PHONE = "Mozilla/5.0 (Linux; Android 13; V2227A) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/116.0.0.0 Mobile Safari/537.36"  # fmt: skip
WECHAT = "Mozilla/5.0 (iPhone; CPU iPhone OS 17_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148 MicroMessenger/8.0.44(0x18002c2d) NetType/WIFI Language/zh_CN"  # fmt: skip
HUAWEI = "Mozilla/5.0 (Linux; Android 12; HarmonyOS; NOH-AN00) AppleWebKit/537.36 (KHTML, like Gecko) Version/4.0 Chrome/99.0.4844.88 HuaweiBrowser/14.0.5.302 Mobile Safari/537.36"  # fmt: skip


@pytest.fixture(autouse=True)
def buffer(local_or_redis_cache):
    return local_or_redis_cache


@pytest.fixture
def article():
    return ArticleFactory(title="乐至县蚕桑丰收")


def read(client, article, ip="198.51.100.7", browser=PHONE, **extra):
    return client.get(article.get_absolute_url(), REMOTE_ADDR=ip, HTTP_USER_AGENT=browser, **extra)


def test_a_reader_reloading_an_article_all_morning_counts_once(client, article):
    answers = [read(client, article)[HEADER] for _ in range(30)]

    assert answers[0] == "MISS" and set(answers[1:]) == {"HIT"}
    assert buffered_views(article.pk) == 1


def test_a_reader_counts_once_for_each_article_she_reads(client, article):
    other = ArticleFactory(title="安岳柠檬节开幕")
    for _ in range(3):
        read(client, article)
        read(client, other)

    assert (buffered_views(article.pk), buffered_views(other.pk)) == (1, 1)


def test_a_reader_counts_again_once_the_window_has_passed(client, article, settings):
    settings.VIEW_DEDUPE_SECONDS = 1
    read(client, article)
    read(client, article)

    time.sleep(1.2)
    read(client, article)

    assert buffered_views(article.pk) == 2


def test_a_family_behind_one_router_counts_once_per_browser(client, article):
    for browser in (PHONE, WECHAT, HUAWEI, PHONE, WECHAT):
        read(client, article, browser=browser)

    assert buffered_views(article.pk) == 3


def test_an_ipv6_reader_counts_once_whichever_address_of_her_line_she_uses(client, article):
    for host in range(1, 20):
        read(client, article, ip=f"2001:db8:5:7::{host:x}")
    read(client, article, ip="2001:db8:5:8::1")  # the line next door

    assert buffered_views(article.pk) == 2


def test_behind_the_proxy_readers_are_told_apart_by_the_address_it_saw(client, article, settings):
    settings.TRUSTED_PROXY_COUNT = 1
    for ip in ("203.0.113.1", "203.0.113.2", "203.0.113.2"):
        read(client, article, ip="127.0.0.1", HTTP_X_FORWARDED_FOR=ip)

    assert buffered_views(article.pk) == 2


def test_with_no_window_every_request_counts(client, article, settings):
    settings.VIEW_DEDUPE_SECONDS = 0
    for _ in range(3):
        read(client, article)

    assert buffered_views(article.pk) == 3


def test_counting_without_a_reader_counts_every_call(article):
    # The flush and hot-list tests, and the demo data, count views this way.
    for _ in range(3):
        record_view(article.pk)

    assert buffered_views(article.pk) == 3


def test_a_reader_is_an_address_or_ipv6_line_and_a_browser_slot(rf, settings):
    settings.BROWSERS_PER_ADDRESS = 8

    def reader(ip, browser=PHONE):
        return reader_of(rf.get("/", REMOTE_ADDR=ip, HTTP_USER_AGENT=browser))

    assert reader("198.51.100.7") == "198.51.100.7/32:5"
    assert reader("::ffff:198.51.100.7") == "198.51.100.7/32:5"
    assert reader("2001:db8:5:7::1") == reader("2001:db8:5:7:ffff::9") == "2001:db8:5:7::/64:5"
    assert {reader("198.51.100.7", f"bot/{n}") for n in range(100)} == {f"198.51.100.7/32:{slot}" for slot in range(8)}


@pytest.mark.parametrize("ip", ["10.1.2.3", "203.0.113.7", "2001:db8::1", "2001:db8::ffff:1", "::ffff:1.2.3.4"])
def test_a_readers_line_is_what_a_ban_would_cover(ip):
    from articles.readers import _line
    from comments.networks import ban_network

    assert _line(ip) == ban_network(ip)
