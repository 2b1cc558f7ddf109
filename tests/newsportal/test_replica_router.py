"""Reads go to a real streaming replica, writes to the primary.

The replica is a second PostgreSQL started by ``bench/replica.sh`` (a
pg_basebackup of the test database's server, embedded or not, streaming from
it), so the article written here really travels through WAL replay before the
router's read finds it.
"""

import subprocess
import time
from pathlib import Path

import dj_database_url
import pytest
from django.conf import settings as django_settings
from django.db import connections, router, transaction
from django.test.utils import CaptureQueriesContext

from articles.models import Article
from core.db_router import PrimaryReplicaRouter, replica_databases
from search.query import SearchTerms
from search.ranking import scored_matches
from tests.databases import replica_script_environment
from tests.factories import ArticleFactory

REPLICA = "replica1"
SCRIPT = Path(django_settings.BASE_DIR) / "bench" / "replica.sh"


def run_script(command, env):
    return subprocess.run([str(SCRIPT), command], capture_output=True, text=True, timeout=180, env=env)


@pytest.fixture(scope="module")
def replica_alias(django_db_setup, django_db_blocker):
    """Start (or reuse) the replica and add it as a connection to the test database."""
    with django_db_blocker.unblock():
        env = replica_script_environment()
    assert env is not None, "no PostgreSQL programs of the test server's version to run a replica with"
    usable = run_script("check", env)
    assert usable.returncode == 0, f"no streaming replica on this machine: {usable.stdout.strip()}"
    already_running = run_script("status", env).returncode == 0
    started = run_script("start", env)
    assert started.returncode == 0, f"bench/replica.sh start failed:\n{started.stderr}"
    replica = dj_database_url.parse(started.stdout.strip().splitlines()[-1])
    primary = connections["default"].settings_dict
    # Same test database name as the primary: the replica holds the whole cluster.
    connections.settings[REPLICA] = {
        **primary,
        "HOST": replica["HOST"],
        "PORT": replica["PORT"],
        "TEST": {**primary["TEST"], "MIRROR": "default"},
    }
    yield REPLICA
    connections[REPLICA].close()
    del connections[REPLICA]
    del connections.settings[REPLICA]
    if not already_running:
        run_script("stop", env)


@pytest.fixture
def routed_to_replica(replica_alias, settings):
    settings.DATABASE_REPLICA_ALIASES = [replica_alias]
    settings.DATABASE_ROUTERS = ["core.db_router.PrimaryReplicaRouter"]
    return replica_alias


def wait_for_replay(replica_alias, timeout=120):
    """Block until the replica has replayed everything the primary has written so far."""
    with connections["default"].cursor() as cursor:
        cursor.execute("select pg_current_wal_lsn()")
        target = cursor.fetchone()[0]
    deadline = time.monotonic() + timeout
    with connections[replica_alias].cursor() as cursor:
        while time.monotonic() < deadline:
            cursor.execute("select pg_last_wal_replay_lsn() >= %s::pg_lsn", [target])
            if cursor.fetchone()[0]:
                return
            time.sleep(0.05)
    pytest.fail(f"the replica did not replay up to {target} within {timeout} s")


# Only a committed write reaches a replica, so these tests run outside
# TestCase's never-committed transaction.
replica_db = pytest.mark.django_db(transaction=True, databases=["default", REPLICA])


@replica_db
def test_the_replica_connection_is_a_hot_standby_of_the_primary(routed_to_replica):
    with connections[routed_to_replica].cursor() as cursor:
        cursor.execute("select pg_is_in_recovery(), current_database()")
        in_recovery, database = cursor.fetchone()

    assert in_recovery is True
    assert database == connections["default"].settings_dict["NAME"]


@replica_db
def test_the_router_reads_from_the_replica_and_writes_to_default(routed_to_replica):
    assert router.db_for_read(Article) == routed_to_replica
    assert router.db_for_write(Article) == "default"
    assert Article.objects.all().db == routed_to_replica


@replica_db
def test_an_article_written_through_default_is_read_back_from_the_replica(routed_to_replica):
    article = ArticleFactory(title="乐至县柠檬丰收 果农喜笑颜开")
    wait_for_replay(routed_to_replica)

    with CaptureQueriesContext(connections[routed_to_replica]) as on_replica:
        found = Article.objects.published().get(pk=article.pk)

    assert found.title == "乐至县柠檬丰收 果农喜笑颜开"
    assert found._state.db == routed_to_replica
    assert len(on_replica.captured_queries) == 1


@replica_db
def test_inside_a_transaction_reads_stay_on_default_to_see_their_own_writes(routed_to_replica):
    with transaction.atomic():
        article = ArticleFactory(title="尚未复制到从库的新闻")
        assert router.db_for_read(Article) == "default"
        assert Article.objects.get(pk=article.pk).title == "尚未复制到从库的新闻"


def test_migrations_run_only_on_default_and_relations_cross_aliases():
    replica_router = PrimaryReplicaRouter()

    assert replica_router.allow_migrate("default", "articles")
    assert not replica_router.allow_migrate(REPLICA, "articles")
    assert replica_router.allow_relation(object(), object())


def test_each_replica_url_becomes_a_mirror_alias_of_default():
    databases = replica_databases(
        ["postgres://reader@replica-a.example:5432/news", "postgres://reader@replica-b.example:5432/news"],
        conn_max_age=30,
    )

    assert list(databases) == ["replica1", "replica2"]
    assert databases["replica2"]["HOST"] == "replica-b.example"
    assert databases["replica1"]["CONN_MAX_AGE"] == 30
    assert all(config["TEST"] == {"MIRROR": "default"} for config in databases.values())


def test_without_replicas_there_is_no_router_and_everything_uses_default():
    if django_settings.DATABASE_REPLICA_ALIASES:
        pytest.skip("this run configures DATABASE_REPLICA_URLS")
    assert django_settings.DATABASE_ROUTERS == []
    assert router.db_for_read(Article) == "default"


@replica_db
def test_search_ranks_on_the_replica(routed_to_replica):
    article = ArticleFactory(title="乐至县柠檬丰收 果农喜笑颜开")
    wait_for_replay(routed_to_replica)

    with (
        CaptureQueriesContext(connections[routed_to_replica]) as on_replica,
        CaptureQueriesContext(connections["default"]) as on_default,
    ):
        found = scored_matches(SearchTerms.parse("柠檬"))

    assert [pk for pk, _ in found] == [article.pk]
    assert any("ts_rank" in query["sql"] for query in on_replica.captured_queries)
    assert on_default.captured_queries == []
