"""``flush_views`` as cron's ``manage.py flush_views`` runs it, made to stop at one point and
wait there to be killed (tests/faults/test_killed_flush.py).

    python -m tests.faults.flush_drill before-commit|after-commit N

Stops at the N-th database commit of the flush, just before it or just after
it, prints the point's name once it is there, and sleeps; the test then kills
the process with SIGKILL. Commit is the one step every batch of a flush goes
through, so the drill needs no hook in the code it tests.
"""

import os
import sys
import time

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsportal.settings")
django.setup()

from django.db import connections  # noqa: E402

from articles.counters import flush_views  # noqa: E402


def wait_to_be_killed(point):
    print(point, flush=True)
    time.sleep(120)
    sys.exit("the drill was not killed")


def stop_at(point, nth):
    database = connections["default"]
    commit, commits = database.commit, []

    def commit_or_stop():
        commits.append(1)
        if point == "before-commit" and len(commits) == nth:
            wait_to_be_killed(point)
        commit()
        if point == "after-commit" and len(commits) == nth:
            wait_to_be_killed(point)

    database.commit = commit_or_stop


if __name__ == "__main__":
    stop_at(sys.argv[1], int(sys.argv[2]))
    # A flush killed just before may still hold the lock until PostgreSQL notices.
    deadline = time.monotonic() + 10
    while flush_views() is None and time.monotonic() < deadline:
        time.sleep(0.1)
    sys.exit("the flush ended before the drill's point")
