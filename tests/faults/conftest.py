import shutil
import tempfile
from pathlib import Path

import pytest
from django.db import connection

from tests.databases import url_of_test_database
from tests.faults.services import PrivateRedis, manage, site_environment


@pytest.fixture(scope="session")
def collected_static(tmp_path_factory):
    """Static files collected once per run, as ``make serve`` does (DEBUG off needs the manifest)."""
    root = tmp_path_factory.mktemp("faults-static") / "static"
    # collectstatic reads no database; the URL only has to parse.
    unused_database = "postgres://nobody@127.0.0.1:1/unused"
    manage(site_environment(unused_database, root), "collectstatic", "--noinput", "--verbosity", "0")
    return root


@pytest.fixture
def workdir():
    """A folder the postgres user can enter (pytest's tmp_path is private to root)."""
    path = Path(tempfile.mkdtemp(prefix="newsportal-faults-"))
    path.chmod(0o755)
    yield path
    shutil.rmtree(path, ignore_errors=True)


@pytest.fixture
def redis_server():
    """A Redis of the test's own, which it may stop and start."""
    server = PrivateRedis().start()
    yield server
    server.kill()


@pytest.fixture
def fresh_postgres_database():
    """An empty database next to the test database, dropped afterwards."""
    name = f"{connection.settings_dict['NAME']}_restored"
    with connection.cursor() as cursor:
        cursor.execute(f'DROP DATABASE IF EXISTS "{name}"')
        cursor.execute(f'CREATE DATABASE "{name}"')
    params = connection.get_connection_params()
    yield {"url": url_of_test_database(name), "dbname": name, "host": params.get("host"), "port": params.get("port"),
           "user": params.get("user")}  # fmt: skip
    with connection.cursor() as cursor:
        cursor.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
