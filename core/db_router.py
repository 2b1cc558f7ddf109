"""Read replicas: reads go to a random replica, writes and migrations to default.

Settings build the replica aliases from ``DATABASE_REPLICA_URLS`` with
:func:`replica_databases` and install :class:`PrimaryReplicaRouter` only when
there is at least one; with none, Django's default routing sends everything to
``default``.
"""

import random

import dj_database_url
from django.conf import settings


def replica_databases(urls, conn_max_age=60, connect_timeout=None):
    """``{"replica1": {...}, ...}`` for each URL, in order.

    ``TEST: MIRROR`` makes the test runner point a replica at the primary's
    test database (a streaming replica holds a copy of the whole cluster, so
    ``test_<name>`` exists there too) instead of creating one of its own.
    """
    databases = {}
    for number, url in enumerate(urls, start=1):
        config = dj_database_url.parse(url, conn_max_age=conn_max_age, conn_health_checks=True)
        config["TEST"] = {"MIRROR": "default"}
        if connect_timeout is not None:
            config["OPTIONS"] = {"connect_timeout": connect_timeout, **config.get("OPTIONS", {})}
        databases[f"replica{number}"] = config
    return databases


class PrimaryReplicaRouter:
    """Spread reads over ``settings.DATABASE_REPLICA_ALIASES``.

    The aliases are read on every call so that tests can add a replica at run
    time with ``override_settings``.
    """

    def db_for_read(self, model, **hints):
        from django.db import connections

        # Inside a transaction on default (a view that has just written, an
        # admin save, a TestCase), read our own writes rather than a replica
        # that may not have replayed them yet.
        if connections["default"].in_atomic_block:
            return "default"
        replicas = settings.DATABASE_REPLICA_ALIASES
        # bandit: load spreading, not a secret.
        return random.choice(replicas) if replicas else "default"  # nosec B311

    def db_for_write(self, model, **hints):
        return "default"

    def allow_relation(self, obj1, obj2, **hints):
        # Every alias holds the same data, so objects may point at each other
        # whichever connection loaded them.
        return True

    def allow_migrate(self, db, app_label, model_name=None, **hints):
        return db == "default"
