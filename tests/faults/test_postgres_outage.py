"""PostgreSQL stops under the production server and comes back.

A private cluster (its own data folder and port, never the shared 5432), the
site under gunicorn as ``make serve`` runs it, then ``pg_ctl stop -m fast``:
readers get the friendly 503 (pages in the full-page cache, when it is
installed, are still served), and once the cluster is started again every
worker answers 200 without a restart of the site. The load balancer's
health check (/healthz) says 503 meanwhile and 200 again after.
"""

import json
import time
import uuid

import pytest
from django.conf import settings
from django.db import OperationalError, connections

from core import dbwait
from core.health import database_answers
from tests.faults.services import PrivatePostgres, Site, manage, site_environment

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
    made = manage(
        env, "shell", "-c", "from tests.factories import ArticleFactory; print(ArticleFactory(title='停电演练').pk)"
    )
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


@pytest.fixture
def site_behind_a_balancer(postgres, redis_server, collected_static):
    """Production as deployed: one public host name, https only."""
    env = site_environment(postgres.url, collected_static, redis_server.url,
                           DJANGO_ALLOWED_HOSTS="news.example.cn", DJANGO_SECURE_SSL_REDIRECT="1")  # fmt: skip
    manage(env, "migrate", "--noinput", "--verbosity", "0")
    server = Site(env, workers=WORKERS).start()
    yield server
    server.stop()


def probe(site, method="GET"):
    """The balancer's probe: by the server's own address, over plain http."""
    return site.get("/healthz", headers={"Host": f"10.0.0.5:{site.port}"}, method=method)


def test_the_load_balancers_health_check_follows_postgresql(postgres, site_behind_a_balancer):
    site = site_behind_a_balancer
    status, body, headers = probe(site)
    assert status == 200
    assert json.loads(body) == {"database": "ok", "cache": "ok"}
    assert headers["Cache-Control"] == "no-store" and "Set-Cookie" not in headers
    assert probe(site, method="HEAD")[0] == 200
    # A reader's page asked the same way is refused: only the probe skips the host check.
    assert site.get("/", headers={"Host": f"10.0.0.5:{site.port}"})[0] == 400

    postgres.stop()
    for _ in range(2 * WORKERS):
        status, body, _ = probe(site)
        assert status == 503
        assert json.loads(body) == {"database": "unavailable", "cache": "ok"}

    postgres.start()
    deadline = time.monotonic() + 10
    while probe(site)[0] != 200:
        assert time.monotonic() < deadline, "the health check did not recover within 10 s of PostgreSQL returning"
        time.sleep(0.25)
    assert [probe(site)[0] for _ in range(6 * WORKERS)] == [200] * 6 * WORKERS


@pytest.fixture
def private_connection(postgres, django_db_blocker):
    """A connection alias to the private cluster, used as a worker uses its own."""
    alias = "private"
    connections.settings[alias] = {
        **connections["default"].settings_dict,
        "NAME": "newsportal", "HOST": "127.0.0.1", "PORT": postgres.port, "CONN_MAX_AGE": 60, "CONN_HEALTH_CHECKS": True,
    }  # fmt: skip
    with django_db_blocker.unblock():
        yield alias
        connections[alias].close()
    del connections[alias]
    del connections.settings[alias]


def test_the_health_check_replaces_a_dead_connection_by_itself(postgres, private_connection):
    """Behind a balancer that stopped sending readers, no request comes to
    close the connection PostgreSQL dropped: the probe must do it."""
    assert database_answers(private_connection)

    postgres.stop()
    assert [database_answers(private_connection) for _ in range(3)] == [False, False, False]

    postgres.start()
    assert database_answers(private_connection)


def timed(call):
    started = time.monotonic()
    answer = call()
    return answer, time.monotonic() - started


def test_a_paused_postgresql_costs_readers_a_short_wait_not_the_site(postgres, site):
    """A hung server (SIGSTOP: it accepts connections and answers nothing) is
    the hard case: without a bound every worker waits in a read forever."""
    for _ in range(2 * WORKERS):  # kept in the page cache, and a connection in every worker
        assert site.get(site.article_url)[0] == 200

    postgres.pause()
    try:
        for _ in range(2 * WORKERS):
            (status, body, _), seconds = timed(lambda: probe(site))
            assert status == 503 and json.loads(body)["database"] == "unavailable"
            assert seconds < 1, "the health check must answer the balancer within its timeout"
        for _ in range(2 * WORKERS):
            (status, body, headers), seconds = timed(lambda: site.get(uncached()))
            assert status == 503 and FRIENDLY in body and headers["Retry-After"].isdigit()
            assert seconds < 2
        for _ in range(2 * WORKERS):
            (status, body, _), seconds = timed(lambda: site.get(site.article_url))
            assert status == 200 and "停电演练" in body
            assert seconds < 1
    finally:
        postgres.resume()

    # Each worker tries the database again once its breaker closes.
    time.sleep(dbwait.BREAKER_SECONDS)
    assert [site.get(uncached())[0] for _ in range(4 * WORKERS)] == [200] * 4 * WORKERS


@pytest.fixture
def bounded_waits():
    """What each gunicorn worker runs with (newsportal/gunicorn.conf.py)."""
    dbwait.reset()
    dbwait.install()
    yield
    dbwait.uninstall()
    dbwait.reset()


def test_a_reader_waits_its_budget_then_the_worker_skips_the_database_for_a_moment(
    postgres, private_connection, bounded_waits, settings
):
    connection = connections[private_connection]
    with dbwait.budget(settings.DATABASE_READER_TIMEOUT_SECONDS), connection.cursor() as cursor:
        cursor.execute("SHOW statement_timeout")
        assert cursor.fetchone() == ("1s",)  # the server gives up on a reader's statement too

    postgres.pause()
    try:
        with dbwait.budget(settings.DATABASE_READER_TIMEOUT_SECONDS), connection.cursor() as cursor:
            started = time.monotonic()
            with pytest.raises(OperationalError):
                cursor.execute("SELECT 1")
            assert 0.9 < time.monotonic() - started < 1.5
        # Every reader behind it gets its answer (the 503 page) at once, not after a budget of its own.
        connection.close()
        with dbwait.budget(settings.DATABASE_READER_TIMEOUT_SECONDS):
            started = time.monotonic()
            with pytest.raises(OperationalError):
                connection.ensure_connection()
            assert time.monotonic() - started < 0.5  # not a budget of its own (slack for a busy machine)
    finally:
        postgres.resume()

    time.sleep(dbwait.BREAKER_SECONDS)
    with dbwait.budget(settings.DATABASE_STAFF_TIMEOUT_SECONDS), connection.cursor() as cursor:
        cursor.execute("SHOW statement_timeout")
        assert cursor.fetchone() == ("20s",)
        cursor.execute("SELECT pg_sleep(1.5), 'saved'")  # an editor's slow save outlasts a reader's budget
        assert cursor.fetchone()[1] == "saved"


def test_a_request_may_wait_its_budget_in_all_however_long_it_computes(private_connection, bounded_waits, settings):
    """Only waiting counts: on a busy machine a page may take longer to render
    than its budget without the database being in any trouble."""
    connection = connections[private_connection]
    with dbwait.budget(settings.DATABASE_READER_TIMEOUT_SECONDS), connection.cursor() as cursor:
        cursor.execute("SELECT pg_sleep(0.6)")
        time.sleep(1)  # rendering, in a queue for the CPU
        cursor.execute("SELECT 1")
        with pytest.raises(OperationalError):
            cursor.execute("SELECT pg_sleep(0.6)")  # 1.2 s of waiting in all
