"""The test database as the servers and commands a test starts reach it."""

import getpass
import os
from urllib.parse import quote

from django.db import connection

from core.embedded_postgres import programs_for


def url_of_test_database(name=None):
    """A ``DATABASE_URL`` for the test database (or database ``name`` on the
    same server): a TCP host, or the embedded server's socket folder."""
    db = connection.settings_dict
    host = quote(db["HOST"] or "127.0.0.1", safe="")
    return f"postgres://{db['USER'] or 'postgres'}@{host}:{db['PORT'] or 5432}/{name or db['NAME']}"


def replica_script_environment():
    """What bench/replica.sh needs to copy the test database's server: where
    the primary listens, and programs of its major version."""
    params = connection.get_connection_params()
    with connection.cursor() as cursor:
        cursor.execute("SHOW server_version_num")
        major = int(cursor.fetchone()[0]) // 10000
    folder, os_user = programs_for(major)
    if folder is None:
        return None
    return {
        **os.environ,
        "PRIMARY_HOST": str(params.get("host") or "127.0.0.1"),
        "PRIMARY_PORT": str(params.get("port") or 5432),
        "PG_BIN": str(folder),
        "PG_USER": os_user or getpass.getuser(),
    }
