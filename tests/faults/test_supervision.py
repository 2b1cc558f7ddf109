"""Process supervision (issue 21, item 8): no orphan worker, a pid file, a graceful reload.

``kill -9`` of the gunicorn master left its workers serving, and starting
again failed with "Connection in use" until they were killed by hand. Now
each worker gets SIGTERM from the kernel when its master dies
(newsportal/gunicorn.conf.py), gunicorn writes the master's pid where
``make reload``/``make stop`` and systemd find it, and the shipped systemd
units (deploy/systemd/) kill the whole control group.
"""

import os
import re
import shutil
import signal
import subprocess
from pathlib import Path

import pytest

from tests.faults.services import ROOT, PrivatePostgres, Site, manage, site_environment, wait_until

UNITS = ROOT / "deploy" / "systemd"


@pytest.fixture
def env(workdir, collected_static):
    cluster = PrivatePostgres(workdir / "pg").init()
    environment = site_environment(cluster.url, collected_static, GUNICORN_PIDFILE=str(workdir / "gunicorn.pid"))
    manage(environment, "migrate", "--noinput", "--verbosity", "0")
    yield environment
    cluster.destroy()


def children(pid):
    found = []
    for entry in os.listdir("/proc"):
        try:
            stat = Path(f"/proc/{entry}/stat").read_text()
        except (OSError, ValueError):
            continue
        # The fields after the parenthesised name: state, ppid, ...
        if entry.isdigit() and int(stat.rsplit(")", 1)[1].split()[1]) == pid:
            found.append(int(entry))
    return found


def alive(pid):
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


def test_workers_end_with_a_master_killed_by_sigkill_and_the_port_is_free_again(env, workdir):
    site = Site(env, workers=2).start()
    master = int((workdir / "gunicorn.pid").read_text())
    assert master == site.process.pid
    wait_until(lambda: len(children(master)) == 2, 30, "the two workers did not start")
    workers = children(master)

    os.kill(master, signal.SIGKILL)
    site.process.wait()
    # An idle orphan would have lived up to half of gunicorn's 30 s timeout, a busy one for ever.
    wait_until(lambda: not any(alive(pid) for pid in workers), 5, "the workers outlived their master")

    # The same address, as a restart would: gunicorn binds with SO_REUSEADDR.
    again = Site(env, workers=2)
    again.port, again.base = site.port, site.base
    again.env["GUNICORN_BIND"] = f"127.0.0.1:{site.port}"
    again.start()
    try:
        assert again.get("/healthz")[0] == 200
    finally:
        again.stop()


def test_hup_reloads_the_workers_under_the_same_master(env, workdir):
    site = Site(env, workers=2).start()
    try:
        master = int((workdir / "gunicorn.pid").read_text())
        before = set(children(master))

        os.kill(master, signal.SIGHUP)
        wait_until(lambda: len(set(children(master)) - before) == 2, 30, "no new workers after HUP")

        assert site.get("/healthz")[0] == 200
        assert int((workdir / "gunicorn.pid").read_text()) == master
    finally:
        site.stop()
    assert not (workdir / "gunicorn.pid").exists()


def settings_of(unit):
    """Every ``Key=value`` of a unit file, by section; repeated keys keep every value."""
    sections, section = {}, None
    for line in (UNITS / unit).read_text().splitlines():
        line = line.strip()
        if not line or line.startswith(("#", ";")):
            continue
        if match := re.fullmatch(r"\[(\w+)\]", line):
            section = sections.setdefault(match[1], {})
            continue
        key, value = line.split("=", 1)
        section.setdefault(key, []).append(value)
    return sections


def test_the_site_unit_supervises_gunicorn_as_make_serve_runs_it():
    service = settings_of("newsportal.service")["Service"]

    assert service["KillMode"] == ["control-group"]
    assert service["Restart"] == ["on-failure"]
    assert service["EnvironmentFile"] == ["/srv/newsportal/.env"]
    assert service["ExecStart"] == [
        "/srv/newsportal/.venv/bin/gunicorn --config newsportal/gunicorn.conf.py newsportal.wsgi:application"
    ]
    assert service["ExecReload"] == ["/bin/kill -HUP $MAINPID"]
    assert "GUNICORN_PIDFILE=/run/newsportal/gunicorn.pid" in service["Environment"][0].split()
    assert service["PIDFile"] == ["/run/newsportal/gunicorn.pid"]
    assert service["RuntimeDirectory"] == ["newsportal"]
    assert [command.split("manage.py ")[1].split()[0] for command in service["ExecStartPre"]] == [
        "check", "migrate", "collectstatic"
    ]  # fmt: skip


def test_the_minutely_job_runs_every_minute_and_is_killed_whole():
    service = settings_of("newsportal-minutely.service")["Service"]
    timer = settings_of("newsportal-minutely.timer")["Timer"]

    assert service["Type"] == ["oneshot"]
    assert service["ExecStart"] == ["/srv/newsportal/.venv/bin/python manage.py minutely"]
    assert service["KillMode"] == ["control-group"]
    assert service["EnvironmentFile"] == ["/srv/newsportal/.env"]
    assert timer["OnCalendar"] == ["minutely"]
    assert timer["Unit"] == ["newsportal-minutely.service"]


@pytest.mark.skipif(shutil.which("systemd-analyze") is None, reason="systemd-analyze is not installed")
def test_systemd_accepts_the_units(tmp_path):
    """systemd's own check, with /srv/newsportal pointed at this checkout (its commands must exist)."""
    for unit in UNITS.iterdir():
        (tmp_path / unit.name).write_text(unit.read_text().replace("/srv/newsportal", str(ROOT)))
    units = sorted(str(path) for path in tmp_path.iterdir())

    result = subprocess.run(["systemd-analyze", "verify", *units], capture_output=True, text=True)

    assert result.returncode == 0, result.stderr
