"""gunicorn settings for ``make serve``; every value can be overridden from the environment.

Sync workers: a page is CPU-bound Python plus a few short PostgreSQL queries,
so the classic ``2 * cores + 1`` keeps every core busy while one worker waits
on the database, without needing an async-safe stack.
"""

import ctypes
import gc
import os
import signal

bind = os.environ.get("GUNICORN_BIND", f"{os.environ.get('HOST', '127.0.0.1')}:{os.environ.get('PORT', '8000')}")
# The cores this process may run on (a container's cpuset), not the host's.
cores = len(os.sched_getaffinity(0))
workers = int(os.environ.get("GUNICORN_WORKERS", 2 * cores + 1))
threads = int(os.environ.get("GUNICORN_THREADS", 1))
worker_class = "sync" if threads == 1 else "gthread"

# Recycle workers now and then so a slow leak can never grow without bound;
# the jitter keeps them from all restarting in the same second.
max_requests = int(os.environ.get("GUNICORN_MAX_REQUESTS", 50000))
max_requests_jitter = int(os.environ.get("GUNICORN_MAX_REQUESTS_JITTER", 5000))

# Load Django once in the master so workers share its memory pages and a
# broken configuration fails before any worker starts.
preload_app = True


def pre_fork(server, worker):
    # What preload_app loaded (Django, the views, jieba's dictionary) is
    # frozen out of every worker's garbage collections: a full collection
    # walked it for about 65 ms, a pause in whichever request set it off,
    # and touching it copied the shared memory pages into each worker.
    gc.freeze()


PR_SET_PDEATHSIG = 1  # linux/prctl.h


def post_fork(server, worker):
    # A worker serving back to back never checks whether its master is still
    # there (gunicorn's sync loop skips that check while clients keep coming),
    # so `kill -9` of the master left workers serving old code and holding the
    # port. The kernel now sends each worker SIGTERM (a graceful exit) when
    # the master dies; a master already gone before this line counts too.
    libc = ctypes.CDLL(None, use_errno=True)
    if libc.prctl(PR_SET_PDEATHSIG, signal.SIGTERM) != 0:
        server.log.warning("prctl(PR_SET_PDEATHSIG) failed: errno %s", ctypes.get_errno())
    if os.getppid() != server.pid:
        os.kill(os.getpid(), signal.SIGTERM)
    # A request in this worker waits on PostgreSQL for a bounded time in all
    # (core.dbwait): a hung database costs a reader a 503, not a worker.
    from core import dbwait

    dbwait.install()


timeout = int(os.environ.get("GUNICORN_TIMEOUT", 30))
graceful_timeout = 20
# Behind a proxy the client keeps its connection to the proxy, not to us.
keepalive = int(os.environ.get("GUNICORN_KEEPALIVE", 5))

# An access log line per request costs throughput and the proxy logs anyway;
# GUNICORN_ACCESS_LOG=- turns it on (to stdout).
accesslog = os.environ.get("GUNICORN_ACCESS_LOG") or None
errorlog = "-"
loglevel = os.environ.get("GUNICORN_LOG_LEVEL", "info")

# Trust X-Forwarded-* only from the proxy in front (comma-separated addresses).
forwarded_allow_ips = os.environ.get("GUNICORN_FORWARDED_ALLOW_IPS", "127.0.0.1")
proc_name = "newsportal"
# The master's pid, for `kill -HUP` (graceful reload: new workers, same
# socket) and `kill -TERM`; `make serve` writes var/gunicorn.pid, the systemd
# unit /run/newsportal/gunicorn.pid. gunicorn refuses to start while the pid
# in it is alive.
pidfile = os.environ.get("GUNICORN_PIDFILE") or None
