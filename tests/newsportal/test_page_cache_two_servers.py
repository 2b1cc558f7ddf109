"""Two app servers on different ports share PostgreSQL and Redis: an edit made
through one is what the other serves on its very next request, and a
withdrawal leaves every page at once even while readers keep asking."""

import os
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
import uuid
from pathlib import Path

import pytest
from django.core.cache import caches

from articles.models import Article
from tests.articles.newsroom import article_by
from tests.databases import url_of_test_database

PROJECT = Path(__file__).resolve().parents[2]
pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def shared_redis(settings, test_redis_url):
    url = test_redis_url
    prefix = f"np-two-servers-{uuid.uuid4().hex[:8]}"
    settings.CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": url, "KEY_PREFIX": prefix}
    }
    caches["default"].clear()
    yield url, prefix
    caches["default"].clear()


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_until_up(base, process):
    for _ in range(300):
        if process.poll() is not None:
            raise RuntimeError(process.stdout.read())
        try:
            urllib.request.urlopen(base + "/robots.txt", timeout=2)
            return
        except (urllib.error.URLError, ConnectionError):
            time.sleep(0.1)
    raise RuntimeError(f"{base} did not start")


@pytest.fixture
def two_servers(shared_redis):
    yield from started_servers(shared_redis, "--nothreading")


@pytest.fixture
def two_threaded_servers(shared_redis):
    """Each serves requests side by side, as gunicorn's workers do."""
    yield from started_servers(shared_redis)


def started_servers(shared_redis, *options):
    url, prefix = shared_redis
    env = {
        **os.environ,
        "DATABASE_URL": url_of_test_database(),
        "REDIS_URL": url,
        "CACHE_KEY_PREFIX": prefix,
        "DJANGO_DEBUG": "1",
    }
    servers = []
    try:
        for _ in range(2):
            port = free_port()
            process = subprocess.Popen(
                [sys.executable, "manage.py", "runserver", "--noreload", *options, f"127.0.0.1:{port}"],
                cwd=PROJECT, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
            )  # fmt: skip
            servers.append((f"http://127.0.0.1:{port}", process))
        for base, process in servers:
            wait_until_up(base, process)
        yield [base for base, _ in servers]
    finally:
        for _, process in servers:
            process.terminate()
            process.wait(timeout=10)


def fetch(url):
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.status, response.headers.get("X-Page-Cache"), response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, None, ""


def test_an_edit_through_one_server_shows_on_the_other_at_once(two_servers, regions, journalist, editor):
    server_a, server_b = two_servers
    story = article_by(journalist, regions["lezhi"], status=Article.Status.PENDING, title="乐至县蚕桑丰收")
    story.publish(editor)
    for server in (server_a, server_b):  # both have the page in the cache now
        fetch(server + story.get_absolute_url())
        assert fetch(server + story.get_absolute_url())[1] == "HIT"

    story.title = "乐至县蚕桑喜获丰收"
    story.save()  # as the admin on server A would

    status, state, body = fetch(server_b + story.get_absolute_url())
    assert (status, state) == (200, "MISS")
    assert "乐至县蚕桑喜获丰收" in body

    story.withdraw(editor, note="信息有误")

    assert fetch(server_b + story.get_absolute_url())[0] == 404
    assert fetch(server_a + story.get_absolute_url())[0] == 404


def test_a_new_article_published_elsewhere_reaches_both_home_pages(two_servers, regions, journalist, editor):
    for server in two_servers:
        fetch(server + "/")
    story = article_by(journalist, regions["lezhi"], status=Article.Status.PENDING, title="乐至县新建图书馆开放")

    story.publish(editor)

    for server in two_servers:
        assert "乐至县新建图书馆开放" in fetch(server + "/")[2]


def test_a_withdrawal_racing_readers_and_share_links_is_gone_from_every_page_a_second_later(
    two_threaded_servers, regions, journalist, editor
):
    """Issue 21: a page rebuilt from lists read just before the withdrawal
    committed was kept as fresh, and plain /article/X/ kept listing the
    withdrawn article for minutes. Readers on both servers ask for every page,
    with and without a share link's query string, while it is withdrawn."""
    hot = article_by(journalist, regions["lezhi"], status=Article.Status.PENDING, title="乐至县将撤下的那条新闻",
                     is_featured=True)  # fmt: skip  # 头条: beside every article, in a list pages share
    hot.tags.add("乐至柠檬")
    hot.publish(editor)
    neighbours = []
    for n in range(4):
        story = article_by(journalist, regions["lezhi"], status=Article.Status.PENDING, title=f"乐至县柠檬产业第{n}篇")
        story.tags.add("乐至柠檬")
        story.publish(editor)
        neighbours.append(story)
    pages = ["/", regions["lezhi"].get_absolute_url()] + [story.get_absolute_url() for story in neighbours]
    addresses = [server + page + query for server in two_threaded_servers for page in pages
                 for query in ("", "?from=singlemessage")]  # fmt: skip
    for address in addresses:  # every page cached, listing the article
        assert "将撤下的那条新闻" in fetch(address)[2]
    hot_page = [server + hot.get_absolute_url() for server in two_threaded_servers]

    racing = threading.Event()
    racing.set()

    def reader(offset):
        asked = (addresses + hot_page)[offset:] + (addresses + hot_page)[:offset]
        while racing.is_set():
            for address in asked:
                fetch(address)

    readers = [threading.Thread(target=reader, args=(n * 3,)) for n in range(6)]
    for thread in readers:
        thread.start()
    try:
        time.sleep(0.3)
        hot.withdraw(editor, note="依法撤稿")
        time.sleep(0.5)
    finally:
        racing.clear()
        for thread in readers:
            thread.join()
    time.sleep(1)

    still_listing = [address for address in addresses if "将撤下的那条新闻" in fetch(address)[2]]
    assert still_listing == []
    assert [fetch(address)[0] for address in hot_page] == [404, 404]
