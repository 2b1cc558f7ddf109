"""Two app servers on different ports share PostgreSQL and Redis: an edit made
through one is what the other serves on its very next request."""

import os
import socket
import subprocess
import sys
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
                [sys.executable, "manage.py", "runserver", "--noreload", "--nothreading", f"127.0.0.1:{port}"],
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
