"""A newcomer's laptop runs the project's own PostgreSQL: made on first use,
shared by every command running at once, stopped by the last one to leave,
and back after a crash.

Each test drives real processes (``python -c``) against a server of its own
in a temporary folder, never the project's var/postgres/.
"""

import os
import signal
import subprocess
import sys
import tempfile
import textwrap
import time
from pathlib import Path

import psycopg2
import pytest

from core.embedded_postgres import server

ROOT = Path(__file__).resolve().parents[2]

USE_IT = textwrap.dedent(
    """
    import sys, time, psycopg2
    from core.embedded_postgres import server
    embedded = server(sys.argv[1])
    embedded.join()
    embedded.ensure_database("newsportal")
    db = psycopg2.connect(dbname="newsportal", user="postgres", host=str(embedded.socket_dir))
    db.autocommit = True
    db.cursor().execute(sys.argv[2])
    db.close()
    print("ready", flush=True)
    time.sleep(float(sys.argv[3]))
    """
)


def use_it(root, sql="SELECT 1", stay=0.0):
    return subprocess.Popen([sys.executable, "-c", USE_IT, str(root), sql, str(stay)], cwd=ROOT,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)  # fmt: skip


def ready(process):
    assert process.stdout.readline().strip() == "ready", process.stderr.read()


@pytest.fixture
def root():
    # Not pytest's tmp_path: as root the server runs as its own system user,
    # which must be able to enter the folder.
    folder = Path(tempfile.mkdtemp(prefix="np-embedded-"))
    folder.chmod(0o755)
    yield folder / "postgres"
    embedded = server(folder / "postgres")
    if embedded.data.exists():
        embedded.stop()
    subprocess.run(["rm", "-rf", str(folder)], check=True)


def rows(root, sql):
    embedded = server(root)
    db = psycopg2.connect(dbname="newsportal", user="postgres", host=str(embedded.socket_dir))
    try:
        with db.cursor() as cursor:
            cursor.execute(sql)
            return cursor.fetchall()
    finally:
        db.close()


def test_two_commands_starting_at_once_share_one_new_server(root):
    first, second = use_it(root, "CREATE TABLE IF NOT EXISTS seen (n int)"), use_it(root, "SELECT 1")

    assert first.wait(120) == 0, first.stderr.read()
    assert second.wait(120) == 0, second.stderr.read()
    assert (root / "data" / "PG_VERSION").exists()
    assert not (root / "data.new").exists()
    # The last of them stopped it on the way out.
    assert not server(root).is_running()


def test_the_server_runs_while_anyone_uses_it_and_stops_with_the_last(root):
    long_stay = use_it(root, "CREATE TABLE notes (body text)", stay=60)
    ready(long_stay)
    short_stay = use_it(root, "INSERT INTO notes VALUES ('乐至新闻')")
    assert short_stay.wait(60) == 0, short_stay.stderr.read()

    assert server(root).is_running(), "stopped although another command still used it"
    assert rows(root, "SELECT body FROM notes") == [("乐至新闻",)]

    long_stay.send_signal(signal.SIGTERM)  # `kill`, as an operator would stop runserver
    long_stay.wait(60)
    assert not server(root).is_running()


def test_a_user_killed_outright_no_longer_keeps_it_running(root):
    killed = use_it(root, "SELECT 1", stay=60)
    ready(killed)
    killed.kill()
    killed.wait()
    assert server(root).is_running()  # nobody was left to stop it

    leaving = use_it(root, "SELECT 1")
    assert leaving.wait(60) == 0, leaving.stderr.read()
    assert not server(root).is_running(), "the killed process still counted as a user"


def test_after_a_crash_the_next_command_recovers_the_data(root):
    first = use_it(root, "CREATE TABLE notes (body text); INSERT INTO notes VALUES ('资阳新闻')", stay=60)
    ready(first)
    postmaster = int((root / "data" / "postmaster.pid").read_text().split()[0])
    os.kill(postmaster, signal.SIGKILL)
    first.kill()
    first.wait()
    time.sleep(0.5)
    assert (root / "data" / "postmaster.pid").exists(), "the crash should leave a stale pid file behind"

    after = use_it(root, "INSERT INTO notes VALUES ('安岳新闻')", stay=30)
    ready(after)
    assert rows(root, "SELECT body FROM notes ORDER BY body") == [("安岳新闻",), ("资阳新闻",)]
    after.terminate()
    after.wait(60)
