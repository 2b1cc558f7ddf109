"""PostgreSQL stops under the production server and comes back.

A private cluster (its own data folder and port, never the shared 5432), the
site under gunicorn as ``make serve`` runs it, then ``pg_ctl stop -m fast``:
readers get the friendly 503 (pages in the full-page cache, when it is
installed, are still served), and once the cluster is started again every
worker answers 200 without a restart of the site.
"""

import shutil
import time
import uuid

import pytest
from django.conf import settings

from tests.faults.services import PrivatePostgres, Site, manage, site_environment, why_no_private_postgres

pytestmark = [
    pytest.mark.skipif(why_no_private_postgres() is not None, reason=str(why_no_private_postgres())),
    pytest.mark.skipif(shutil.which("redis-server") is None, reason="redis-server is not installed"),
]

FRIENDLY = "暂时无法访问，请稍后再试"
WORKERS = 2


@pytest.fixture
def postgres(workdir):
    cluster = PrivatePostgres(workdir / "pg").init()
    yield cluster
    cluster.destroy()


@pytest.fixture
def site(postgres, redis_server, collected_static):
    # Production runs with Redis: one cache shared by every gunicorn worker.
    env = site_environment(postgres.url, collected_static, redis_server.url)
    manage(env, "migrate", "--noinput", "--verbosity", "0")
    made = manage(env, "shell", "-c", "from tests.factories import ArticleFactory; print(ArticleFactory(title='停电演练').pk)")
    server = Site(env, workers=WORKERS).start()
    server.article_url = f"/article/{made.stdout.strip().splitlines()[-1]}/"
    yield server
    server.stop()


def uncached():
    """A page no cache can have seen: a search for words nobody searched."""
    return f"/search/?q={uuid.uuid4().hex}"


def page_cache_installed():
    return any("pagecache" in name for name in settings.MIDDLEWARE)


def test_readers_get_503_while_postgres_is_down_and_200_soon_after_it_returns(postgres, site):
    status, body, _ = site.get(site.article_url)
    assert status == 200 and "停电演练" in body
    for _ in range(2 * WORKERS):  # every worker holds a persistent connection now
        assert site.get(site.article_url)[0] == 200

    postgres.stop()
    for _ in range(2 * WORKERS):
        status, body, headers = site.get(uncached())
        assert status == 503
        assert FRIENDLY in body and "Traceback" not in body
        assert headers["Retry-After"].isdigit()
    if page_cache_installed():
        status, body, _ = site.get(site.article_url)
        assert status == 200 and "停电演练" in body

    postgres.start()
    deadline = time.monotonic() + 10
    while site.get(uncached())[0] != 200:
        assert time.monotonic() < deadline, "the site did not recover within 10 s of PostgreSQL returning"
        time.sleep(0.25)
    # No worker keeps a dead connection: every request from here on succeeds.
    statuses = [site.get(uncached())[0] for _ in range(6 * WORKERS)]
    assert statuses == [200] * len(statuses)
