"""A view-count flush killed with SIGKILL at any step counts every view
exactly once after the next run (issue 21, item 3).

``kill -9`` of ``manage.py flush_views`` used to count a batch twice when it
landed after the database commit and before the batch was deleted from
Redis: the next run found the batch still there and added it again. Each
drill here runs the real command in its own process against the test
database and a private Redis, stops it at one commit (tests/faults/
flush_drill.py), kills it, and lets cron's next run finish the job.

Two days of views make two batches, so a kill can also land between them.
"""

import os
import signal
import subprocess
import sys
import time
from datetime import timedelta

import pytest
from django.core.cache import caches
from django.utils import timezone

from articles.counters import _redis, flush_views, record_view
from articles.models import ArticleDailyViews
from tests.databases import url_of_test_database
from tests.factories import ArticleFactory
from tests.faults.services import ROOT

pytestmark = pytest.mark.django_db(transaction=True)

PREFIX = "np-drill"


@pytest.fixture
def shared_redis(settings, redis_server):
    """This process and the drill's on the same Redis, with the same key prefix."""
    settings.CACHES = {
        "default": {
            "BACKEND": "core.redis_cache.ResilientRedisCache",
            "LOCATION": redis_server.url,
            "KEY_PREFIX": PREFIX,
        }
    }
    return redis_server


@pytest.fixture
def read_on_two_days(shared_redis):
    """乐至's article read 4 times today and 2 yesterday, 安岳's 2 and 1."""
    today, yesterday = timezone.now(), timezone.now() - timedelta(days=1)
    lezhi = ArticleFactory(title="乐至县蚕桑丰收", published_at=today - timedelta(days=3))
    anyue = ArticleFactory(title="安岳柠檬节开幕", published_at=today - timedelta(days=3))
    for article, views_today, views_yesterday in ((lezhi, 4, 2), (anyue, 2, 1)):
        for _ in range(views_today):
            record_view(article.pk, now=today)
        for _ in range(views_yesterday):
            record_view(article.pk, now=yesterday)
    return lezhi, anyue


def flush_killed_at(point, nth, redis_url):
    env = {key: value for key, value in os.environ.items() if key != "DATABASE_REPLICA_URLS"}
    env.update(DATABASE_URL=url_of_test_database(), REDIS_URL=redis_url, CACHE_KEY_PREFIX=PREFIX)
    drill = subprocess.Popen([sys.executable, "-m", "tests.faults.flush_drill", point, str(nth)], cwd=ROOT, env=env,
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)  # fmt: skip
    try:
        reached = drill.stdout.readline().strip()
        assert reached == point, drill.stderr.read()
    finally:
        drill.send_signal(signal.SIGKILL)
        drill.wait()


def next_cron_run():
    """The next ``flush_views``, once PostgreSQL has seen the killed one's
    connection go (until then its advisory lock makes a flush step aside)."""
    deadline = time.monotonic() + 10
    while (moved := flush_views()) is None:
        assert time.monotonic() < deadline, "the killed flush's lock was never released"
        time.sleep(0.1)
    return moved


def counts(*articles):
    for article in articles:
        article.refresh_from_db()
    return tuple(article.view_count for article in articles)


def daily(article):
    return dict(ArticleDailyViews.objects.filter(article=article).values_list("day", "views"))


@pytest.mark.parametrize(
    "point, nth",
    [("before-commit", 1), ("after-commit", 1), ("before-commit", 2), ("after-commit", 2)],
    ids=["before-first-commit", "after-first-commit", "before-second-commit", "after-second-commit"],
)
def test_a_flush_killed_at_any_commit_counts_every_view_once(read_on_two_days, shared_redis, point, nth):
    lezhi, anyue = read_on_two_days

    flush_killed_at(point, nth, shared_redis.url)
    record_view(lezhi.pk)  # reading goes on while nobody flushes
    next_cron_run()

    assert counts(lezhi, anyue) == (7, 3)
    today, yesterday = timezone.localdate(), timezone.localdate() - timedelta(days=1)
    assert daily(lezhi) == {today: 5, yesterday: 2}
    assert daily(anyue) == {today: 2, yesterday: 1}
    assert list(_redis().scan_iter(match=caches["default"].make_key("views:*"))) == []
    assert next_cron_run() == 0


def test_a_flush_killed_twice_in_a_row_still_counts_every_view_once(read_on_two_days, shared_redis):
    lezhi, anyue = read_on_two_days

    flush_killed_at("after-commit", 1, shared_redis.url)
    flush_killed_at("after-commit", 1, shared_redis.url)
    next_cron_run()

    assert counts(lezhi, anyue) == (6, 3)
