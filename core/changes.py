"""Domain code says what changed; whoever cares hears it once, after the commit.

    announce(ArticleChanged(article.pk))        # in a model's workflow, a signal handler...

Announcements made inside a transaction are collected, duplicates dropped,
and sent together once it commits (``changed``, with ``changes=[...]``);
a transaction that rolls back sends nothing. Outside a transaction they are
sent at once. Receivers run after the data is visible to every other
connection, so what they rebuild reads the new rows.

Inside a test's own transaction, which never commits, they are sent at
once: the test's requests read through the same connection.
"""

import threading
from dataclasses import dataclass

from django.db import DEFAULT_DB_ALIAS, connections, transaction
from django.dispatch import Signal

changed = Signal()  # sent with changes=[Change, ...]


@dataclass(frozen=True)
class Change:
    """Base of every announcement; subclasses are frozen dataclasses, so equal ones coalesce."""


_pending = threading.local()


def announce(change, using=DEFAULT_DB_ALIAS):
    connection = connections[using]
    if not connection.in_atomic_block or _in_test_transaction(connection):
        changed.send(sender=type(change), changes=[change])
        return
    _waiting(using)[change] = None  # a dict keeps the order and drops repeats
    # One callback per announcement: the first to run sends them all. (Kept
    # out of a rolled-back transaction, the changes go with the next commit:
    # pages rebuilt once more, never one left stale.)
    transaction.on_commit(lambda: _send(using), using=using)


def _waiting(using):
    if not hasattr(_pending, "by_database"):
        _pending.by_database = {}
    return _pending.by_database.setdefault(using, {})


def _send(using):
    changes = list(_waiting(using))
    _waiting(using).clear()
    if changes:
        changed.send(sender=Change, changes=changes)


def _in_test_transaction(connection):
    # Django's TestCase marks the transactions it opens around each test;
    # Django itself reads the mark to tell durable blocks apart.
    return bool(connection.atomic_blocks) and getattr(connection.atomic_blocks[0], "_from_testcase", False)
