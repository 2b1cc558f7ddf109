"""Private servers for the fault tests and bench/faults: a PostgreSQL cluster,
a Redis server and the production site (gunicorn), each on its own port and in
its own temporary folder, so stopping them never touches the shared services.
"""

import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

from core.embedded_postgres import binaries, server_user

ROOT = Path(__file__).resolve().parent.parent.parent


def free_port(preferred):
    """``preferred`` if nothing listens there, else any free port."""
    for port in (preferred, 0):
        with socket.socket() as probe:
            try:
                probe.bind(("127.0.0.1", port))
            except OSError:
                continue
            return probe.getsockname()[1]
    raise RuntimeError("no free port")


class PrivatePostgres:
    """A throwaway PostgreSQL cluster from the embedded server's binaries
    (core.embedded_postgres), on TCP: ``start()``, ``stop()``, ``start()`` again."""

    def __init__(self, workdir, port=5436):
        self.dir = Path(workdir)
        self.data, self.sockets, self.log = self.dir / "data", self.dir / "sockets", self.dir / "postgres.log"
        self.port = free_port(port)
        self.url = f"postgres://postgres@127.0.0.1:{self.port}/newsportal"

    def _run(self, program, *argv, check=True):
        # As root the server runs as the embedded server's system user.
        return subprocess.run([str(binaries() / program), *argv], capture_output=True, text=True, check=check,
                              user=server_user())  # fmt: skip

    def init(self):
        self.sockets.mkdir(parents=True)
        if server_user():
            shutil.chown(self.dir, server_user())
            shutil.chown(self.sockets, server_user())
        self._run("initdb", "-D", str(self.data), "-U", "postgres", "-A", "trust", "-E", "UTF8", "--no-locale",
                  "--no-instructions")  # fmt: skip
        self.start()
        self._run("createdb", "-h", "127.0.0.1", "-p", str(self.port), "-U", "postgres", "newsportal")
        return self

    def start(self):
        options = f"-p {self.port} -k {self.sockets} -h 127.0.0.1 -c fsync=off"
        self._run("pg_ctl", "-D", str(self.data), "-l", str(self.log), "-o", options, "-w", "start")

    def stop(self):
        self._run("pg_ctl", "-D", str(self.data), "-m", "fast", "-w", "stop", check=False)

    def processes(self):
        """The postmaster's pid and its children's (one backend per connection)."""
        postmaster = int((self.data / "postmaster.pid").read_text().split()[0])
        return [postmaster, *children_of(postmaster)]

    def pause(self):
        """SIGSTOP every process of the cluster: a server that hangs, keeping
        its sockets open and answering nothing (the hard case for clients)."""
        for pid in self.processes():
            os.kill(pid, signal.SIGSTOP)

    def resume(self):
        for pid in self.processes():
            os.kill(pid, signal.SIGCONT)

    def destroy(self):
        self.stop()
        shutil.rmtree(self.dir, ignore_errors=True)


class PrivateRedis:
    """redis-server on a private port, no persistence; ``kill()`` and ``start()`` at will."""

    def __init__(self, port=6390):
        self.port = free_port(port)
        self.url = f"redis://127.0.0.1:{self.port}/0"
        self.process = None

    def start(self):
        self.process = subprocess.Popen(
            ["redis-server", "--port", str(self.port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no",
             "--daemonize", "no"],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )  # fmt: skip
        wait_until(lambda: self._answers(), 10, "redis-server did not start")
        return self

    def _answers(self):
        try:
            with socket.create_connection(("127.0.0.1", self.port), timeout=0.5) as conn:
                conn.sendall(b"PING\r\n")
                return conn.recv(16).startswith(b"+PONG")
        except OSError:
            return False

    def pause(self):
        """SIGSTOP: connections are still accepted (by the kernel) and never answered."""
        os.kill(self.process.pid, signal.SIGSTOP)

    def resume(self):
        os.kill(self.process.pid, signal.SIGCONT)

    def kill(self):
        if self.process and self.process.poll() is None:
            self.process.kill()  # SIGKILL ends a paused process too
            self.process.wait()


def children_of(parent):
    children = []
    for entry in Path("/proc").iterdir():
        try:
            # The fields after the command name, which may hold spaces and ")".
            fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
        except (OSError, IndexError):
            continue  # not a process, or gone meanwhile
        if fields[1] == str(parent):
            children.append(int(entry.name))
    return children


def wait_until(condition, seconds, failure):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.2)
    raise RuntimeError(failure)


def site_environment(database_url, static_root, redis_url=None, **extra):
    """The variables ``make serve`` runs with, pointed at private services."""
    env = {key: value for key, value in os.environ.items() if key not in ("REDIS_URL", "DATABASE_REPLICA_URLS")}
    env.update(
        DATABASE_URL=database_url,
        DJANGO_DEBUG="0",
        DJANGO_SECRET_KEY="fault-tests-only-" + "x" * 40,
        DJANGO_ALLOWED_HOSTS="127.0.0.1,localhost",
        DJANGO_SECURE_SSL_REDIRECT="0",
        DJANGO_STATIC_ROOT=str(static_root),
        DJANGO_MEDIA_ROOT=str(Path(static_root).parent / "media"),
    )
    env.update(extra)
    if redis_url:
        env["REDIS_URL"] = redis_url
    return env


def manage(env, *argv):
    return subprocess.run([sys.executable, "manage.py", *argv], env=env, cwd=ROOT, capture_output=True, text=True,
                          check=True)  # fmt: skip


class Site:
    """The production server (gunicorn, newsportal/gunicorn.conf.py) on a private port."""

    @staticmethod
    def default_workers():
        """What newsportal/gunicorn.conf.py picks: 2 * cores + 1."""
        return 2 * len(os.sched_getaffinity(0)) + 1

    def __init__(self, env, port=8796, workers=2):
        self.port = free_port(port)
        self.base = f"http://127.0.0.1:{self.port}"
        self.env = {**env, "GUNICORN_BIND": f"127.0.0.1:{self.port}", "GUNICORN_WORKERS": str(workers)}
        self.process = None

    def start(self):
        gunicorn = shutil.which("gunicorn", path=str(Path(sys.executable).parent)) or "gunicorn"
        self.process = subprocess.Popen(
            [gunicorn, "--config", "newsportal/gunicorn.conf.py", "newsportal.wsgi:application"],
            env=self.env, cwd=ROOT, start_new_session=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )  # fmt: skip
        wait_until(lambda: self.get("/healthz")[0] == 200, 60, "gunicorn did not answer")
        return self

    def get(self, path, timeout=10, headers=None, method="GET"):
        """(status, body, headers) of a GET (or ``method``); status "down" when nothing answers."""
        request = urllib.request.Request(self.base + path, headers=headers or {}, method=method)
        try:
            with urllib.request.urlopen(request, timeout=timeout) as response:
                return response.status, response.read().decode(), dict(response.headers)
        except urllib.error.HTTPError as error:
            return error.code, error.read().decode(), dict(error.headers)
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            return "down", "", {}

    def stop(self):
        if self.process and self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait()


class PrivateNginx:
    """nginx with deploy/nginx/newsportal.conf in front of ``upstream``, on a
    private port, prefix and pid file (never the system service)."""

    TEMPLATE = ROOT / "deploy" / "nginx" / "newsportal.conf"

    def __init__(self, workdir, upstream, static_root, media_root, port=8797):
        self.dir = Path(workdir) / "nginx"
        self.port = free_port(port)
        self.base = f"http://127.0.0.1:{self.port}"
        self.values = {"@LISTEN@": f"127.0.0.1:{self.port}", "@SERVER_NAME@": "127.0.0.1 localhost",
                       "@UPSTREAM@": upstream, "@STATIC_ROOT@": str(static_root), "@MEDIA_ROOT@": str(media_root)}  # fmt: skip
        self.process = None

    get = Site.get

    def render(self):
        site = self.TEMPLATE.read_text()
        for placeholder, value in self.values.items():
            site = site.replace(placeholder, value)
        assert not re.search(r"@[A-Z_]+@", site), "a placeholder was left unfilled"
        return site

    def write_config(self):
        """Debian's nginx.conf reduced to what the site needs, with every path in our prefix."""
        self.dir.mkdir(parents=True)
        (self.dir / "newsportal.conf").write_text(self.render())
        # As root the workers would switch to nobody, who cannot read pytest's private folders.
        user = "user root;" if os.geteuid() == 0 else ""
        temp = "".join(f"{kind}_temp_path {self.dir / kind};\n" for kind in
                       ("client_body", "proxy", "fastcgi", "uwsgi", "scgi"))  # fmt: skip
        (self.dir / "nginx.conf").write_text(
            f"{user}\nworker_processes 2;\ndaemon off;\npid {self.dir / 'nginx.pid'};\n"
            f"error_log {self.dir / 'error.log'} info;\nevents {{ worker_connections 256; }}\n"
            f"http {{\ninclude /etc/nginx/mime.types;\ndefault_type application/octet-stream;\nsendfile on;\n"
            f"access_log {self.dir / 'access.log'};\n{temp}include {self.dir / 'newsportal.conf'};\n}}\n"
        )

    def start(self):
        nginx = shutil.which("nginx") or shutil.which("nginx", path="/usr/sbin")
        if nginx is None:
            raise RuntimeError("nginx is not installed: make test installs it as root (apt-get install nginx)")
        self.write_config()
        argv = [nginx, "-p", str(self.dir), "-c", str(self.dir / "nginx.conf"), "-e", str(self.dir / "error.log")]
        subprocess.run([*argv, "-t", "-q"], check=True, capture_output=True)
        self.process = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        wait_until(lambda: self._answers(), 10, "nginx did not start")
        return self

    def _answers(self):
        try:
            socket.create_connection(("127.0.0.1", self.port), timeout=0.5).close()
            return True
        except OSError:
            return False

    def stop(self):
        if self.process and self.process.poll() is None:
            self.process.terminate()  # SIGTERM: nginx's fast shutdown
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
