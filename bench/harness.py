"""Load-test the production server; see ``bench/run --help``.

Starts gunicorn exactly as ``make serve`` would (DEBUG off, collected static
files, newsportal/gunicorn.conf.py) against the PostgreSQL in DATABASE_URL,
warms it, runs ``wrk`` against each page class at each concurrency and prints
one table: throughput, p50/p99 latency, errors and the ratio to the static
file measured in the same run, with queries per page and peak worker memory.
"""

import argparse
import json
import os
import re
import secrets
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
UNITS = {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60_000.0}
CACHE_MISS = "article walk w/o page cache"
VARIED_SEARCH = "search new words"
ARTICLE_WALK = "article walk"
PUBLISHING = "article walk while publishing"  # bench/publisher.py publishes every PUBLISH_EVERY seconds
PUBLISH_EVERY = 10
CHANNEL_WALK = "channel walk"
# Rows that ask for a different page with every request (bench/walk.lua): the
# pages no cache holds yet, as crawlers and shared links ask for them.
WALKS = {
    VARIED_SEARCH: VARIED_SEARCH,
    ARTICLE_WALK: ARTICLE_WALK,
    CACHE_MISS: ARTICLE_WALK,
    PUBLISHING: ARTICLE_WALK,
    CHANNEL_WALK: CHANNEL_WALK,
}
# Measured on a second server with PAGE_CACHE_ENABLED=0: every request builds its page.
WITHOUT_PAGE_CACHE = {CACHE_MISS: ARTICLE_WALK, CHANNEL_WALK: CHANNEL_WALK}
STATIC_AGAIN = "static (again)"
WALK_SCRIPT = ROOT / "bench" / "walk.lua"
# The article count, and PostgreSQL's shared_buffers: what of the archive stays
# in the database's memory (on a VM that pages out idle file cache, the rest
# is read from disk).
DATABASE_FACTS = (
    "from articles.models import Article; from django.db import connection; "
    "cursor = connection.cursor(); cursor.execute('SHOW shared_buffers'); "
    "print(f'{Article.objects.count()} articles, PostgreSQL shared_buffers {cursor.fetchone()[0]}')"
)


def huge_pages():
    """How many of this machine's huge pages are taken (PostgreSQL's shared_buffers, when it uses them)."""
    try:
        meminfo = dict(line.split(":", 1) for line in Path("/proc/meminfo").read_text().splitlines())
        total, free, reserved = (int(meminfo[f"HugePages_{name}"]) for name in ("Total", "Free", "Rsvd"))
    except (OSError, KeyError, ValueError):
        return ""
    # Reserved pages are promised to a mapping (PostgreSQL's, at its start) and not touched yet.
    return f", huge pages taken {total - free + reserved} of {total}"


# --prewarm: the article table, its TOAST (bodies) and the indexes search and
# the article page use, read into shared_buffers with pg_prewarm (a contrib
# extension, created if missing), so a step measures the steady state rather
# than the disk.
PREWARM = (
    "from django.db import connection; cursor = connection.cursor(); "
    "cursor.execute('CREATE EXTENSION IF NOT EXISTS pg_prewarm'); "
    'cursor.execute("SELECT sum(pg_prewarm(oid)) FROM pg_class WHERE oid IN ('
    "SELECT 'articles_article'::regclass UNION SELECT reltoastrelid FROM pg_class WHERE oid = 'articles_article'::regclass "
    "UNION SELECT indexrelid FROM pg_index WHERE indrelid IN ('articles_article'::regclass, 'regions_region'::regclass, "
    "(SELECT reltoastrelid FROM pg_class WHERE oid = 'articles_article'::regclass))) \"); "
    "print(f'prewarmed {cursor.fetchone()[0]} pages')"
)


def parse_args():
    parser = argparse.ArgumentParser(prog="bench/run", description=__doc__.splitlines()[0])
    parser.add_argument("--duration", type=int, default=10, help="seconds of load per page and concurrency")
    parser.add_argument("--concurrency", default="20,100", help="comma-separated wrk connection counts")
    parser.add_argument("--redis", nargs="?", const="redis://127.0.0.1:6379/8", default=None, help="use Redis as cache")
    parser.add_argument("--replica", action="store_true", help="start bench/replica.sh and send reads to it")
    parser.add_argument("--port", type=int, default=8790)
    parser.add_argument("--workers", type=int, default=None, help="gunicorn workers (default 2*cores+1)")
    parser.add_argument("--timeout", type=int, default=5, help="seconds after which wrk counts a request as an error")
    parser.add_argument("--prewarm", action="store_true",
                        help="read the article table and its indexes into shared_buffers first (pg_prewarm)")  # fmt: skip
    parser.add_argument("--no-cache-miss", action="store_true",
                        help="skip the second server with PAGE_CACHE_ENABLED=0 (uncached article page)")  # fmt: skip
    parser.add_argument("--pages", default=None,
                        help="comma-separated page names to load (default: all; the static baseline always runs)")  # fmt: skip
    parser.add_argument("--json", type=Path, default=None, help="also write the results here")
    parser.add_argument("--compare", type=Path, default=None, help="a --json file of an earlier run (e.g. at 10k articles): "
                        "adds each page's p99 growth since then")  # fmt: skip
    return parser.parse_args()


def server_environment(args, static_root):
    database_url = os.environ.get("DATABASE_URL", "")
    if not database_url.startswith(("postgres://", "postgresql://")):
        sys.exit("bench/run: set DATABASE_URL=postgres://... (the database filled by manage.py bench_seed)")
    env = dict(os.environ)
    env.update(
        DJANGO_DEBUG="0",
        DJANGO_SECRET_KEY=env.get("DJANGO_SECRET_KEY") or secrets.token_urlsafe(50),
        DJANGO_ALLOWED_HOSTS="127.0.0.1,localhost",
        DJANGO_SECURE_SSL_REDIRECT="0",
        DJANGO_STATIC_ROOT=str(static_root),
        GUNICORN_BIND=f"127.0.0.1:{args.port}",
    )
    env.pop("REDIS_URL", None)
    env.pop("DATABASE_REPLICA_URLS", None)
    if args.replica:
        started = replica_script("start")
        if started.returncode != 0:
            sys.exit(f"bench/run: bench/replica.sh start failed:\n{started.stderr}")
        env["DATABASE_REPLICA_URLS"] = started.stdout.strip().splitlines()[-1] + database_url.rsplit("/", 1)[1]
    if args.redis:
        env["REDIS_URL"] = args.redis
    if args.workers:
        env["GUNICORN_WORKERS"] = str(args.workers)
    return env


def replica_script(command):
    return subprocess.run([str(ROOT / "bench" / "replica.sh"), command], capture_output=True, text=True, check=False)


def run_python(env, *argv):
    result = subprocess.run([sys.executable, *argv], env=env, cwd=ROOT, capture_output=True, text=True)
    if result.returncode != 0:
        sys.exit(f"bench/run: {' '.join(argv)} failed:\n{result.stderr}")
    return result.stdout


def start_server(env, port):
    gunicorn = shutil.which("gunicorn", path=str(Path(sys.executable).parent)) or "gunicorn"
    server = subprocess.Popen(
        [gunicorn, "--config", "newsportal/gunicorn.conf.py", "newsportal.wsgi:application"],
        env=env, cwd=ROOT, start_new_session=True, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
    )  # fmt: skip
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if server.poll() is not None:
            sys.exit(f"bench/run: gunicorn exited:\n{server.stderr.read()}")
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/static/admin/css/base.css", timeout=2)
            return server
        except (urllib.error.URLError, ConnectionError):
            time.sleep(0.3)
    stop_server(server)
    sys.exit("bench/run: gunicorn did not answer within 60 s")


def stop_server(server):
    if server.poll() is None:
        os.killpg(server.pid, signal.SIGTERM)
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(server.pid, signal.SIGKILL)
            server.wait()


class WorkerMemory(threading.Thread):
    """Peak RSS (VmHWM) of every gunicorn worker, polled so recycled workers count too."""

    def __init__(self, master_pid):
        super().__init__(daemon=True)
        self.master_pid, self.peak_kb, self.running = master_pid, {}, True

    def run(self):
        while self.running:
            for pid in self.children():
                try:
                    status = Path(f"/proc/{pid}/status").read_text()
                except OSError:
                    continue
                match = re.search(r"VmHWM:\s+(\d+) kB", status)
                if match:
                    self.peak_kb[pid] = max(self.peak_kb.get(pid, 0), int(match.group(1)))
            time.sleep(0.5)

    def children(self):
        for stat in Path("/proc").glob("[0-9]*/stat"):
            try:
                fields = stat.read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[1]) == self.master_pid:
                yield int(stat.parent.name)


def status_of(url):
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            response.read()
            return response.status
    except urllib.error.HTTPError as error:
        return error.code
    except (urllib.error.URLError, ConnectionError, TimeoutError):
        return "down"


def wrk(url, connections, duration, timeout, script=None):
    threads = min(2, connections)
    out = subprocess.run(
        # gunicorn's sync workers close every connection after the response;
        # the server then holds the TIME_WAIT, and a client port reused
        # meanwhile waits a second for its SYN to be retried (a 1-1.5 s p99 on
        # every page). Closing from the client side keeps TIME_WAIT there,
        # where the kernel reuses it. A proxy in front does the same.
        ["wrk", f"-t{threads}", f"-c{connections}", f"-d{duration}s", "--latency", "--timeout", f"{timeout}s",
         "-H", "Connection: close", *(["-s", str(script)] if script else []), url],  # fmt: skip
        capture_output=True, text=True, check=False,
    ).stdout  # fmt: skip

    def latency(percent):
        match = re.search(rf"^\s+{percent}%\s+([\d.]+)(us|ms|s|m)\s*$", out, re.M)
        return float(match.group(1)) * UNITS[match.group(2)] if match else None

    rate = re.search(r"Requests/sec:\s+([\d.]+)", out)
    done = re.search(r"(\d+) requests in", out)
    non_2xx = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", out)
    socket = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", out)
    errors = (int(non_2xx.group(1)) if non_2xx else 0) + (sum(map(int, socket.groups())) if socket else 0)
    return {
        "requests": int(done.group(1)) if done else 0,
        "rps": float(rate.group(1)) if rate else 0.0,
        "p50": latency(50),
        "p99": latency(99),
        "errors": errors,
    }


def settle(url, deadline_seconds=30):
    """Wait until the server has worked off what the last step left queued.

    wrk stops sending when its time is up, but the workers still answer the
    requests already accepted (seconds of slow searches at concurrency 100),
    which would otherwise land in the next row's p99.
    """
    deadline = time.monotonic() + deadline_seconds
    fast_in_a_row = 0
    while fast_in_a_row < 3 and time.monotonic() < deadline:
        started = time.monotonic()
        status_of(url)
        fast_in_a_row = fast_in_a_row + 1 if time.monotonic() - started < 0.05 else 0
        time.sleep(0.5)


def fmt(value, pattern):
    return "-" if value is None else pattern.format(value)


def print_table(pages, results, memory_mb, args):
    workers = args.workers or "2*cores+1"
    cache = ("redis" if args.redis else "local memory") + (", reads from a streaming replica" if args.replica else "")
    print(f"\nnewsportal load test: wrk, {args.duration} s per step, gunicorn workers={workers}, cache={cache}, "
          f"cores={os.cpu_count()}")  # fmt: skip
    header = (
        f"{'page':<29} {'status':>6} {'queries':>8} {'conc':>5} {'done':>7} {'req/s':>9} "
        f"{'p50 ms':>8} {'p99 ms':>8} {'errors':>7} {'x static':>9} {'load':>5}"
        + (" p99 growth" if args.compare else "")
    )
    before = json.loads(args.compare.read_text())["results"] if args.compare else {}
    print(header)
    print("-" * len(header))
    for concurrency in results:
        rows = results[concurrency]
        baselines = [rows[name]["rps"] for name in ("static", STATIC_AGAIN) if rows.get(name, {}).get("rps")]
        baseline = sum(baselines) / len(baselines) if baselines else None
        for name, page in [*pages.items(), *([(STATIC_AGAIN, pages["static"])] if "static" in pages else [])]:
            row = rows.get(name)
            queries = f"{page['queries']}/{page['queries_warm']}"
            start = f"{name:<29} {page['live_status']!s:>6} {queries:>8} {concurrency:>5}"
            if row is None:
                print(f"{start}   not loaded (HTTP {page['live_status']})")
                continue
            ratio = row["rps"] / baseline if baseline else None
            p50, p99 = fmt(row["p50"], "{:.1f}"), fmt(row["p99"], "{:.1f}")
            ratio = fmt(ratio, "{:.2f}")
            earlier = before.get(str(concurrency), {}).get(name, {}).get("p99")
            growth = fmt(row["p99"] / earlier if earlier and row["p99"] else None, "{:.2f}x") if args.compare else ""
            load = f"{row['requests']:>7} {row['rps']:>9.1f} {p50:>8} {p99:>8} {row['errors']:>7}"
            load1 = fmt(row.get("load1"), "{:.1f}")
            print(f"{start} {load} {ratio:>9} {load1:>5}" + (f" {growth:>10}" if args.compare else ""))
    peaks = sorted(memory_mb.values(), reverse=True)
    print(
        "\nqueries = SQL queries for the 1st/2nd request of the page (test client, same settings); done = completed\n"
        f"requests; errors = non-2xx/3xx responses + socket errors + requests slower than {args.timeout} s;\n"
        "load = the machine's 1-minute load average after the step; x static = req/s over the mean of the\n"
        "two static rows of the same concurrency (loaded first and last)"
    )
    if args.replica:
        on_replicas = sum(page["queries_on_replicas"] for page in pages.values())
        print(f"reads sent to the replica: {on_replicas} of {sum(page['queries'] for page in pages.values())} queries")
    top = fmt(peaks[0] if peaks else None, "{:.0f}")
    everyone = ", ".join(f"{peak:.0f}" for peak in peaks)
    print(f"peak RSS per worker (VmHWM, {len(peaks)} worker processes seen): max {top} MB; all: {everyone} MB")


def main():
    args = parse_args()
    if not shutil.which("wrk"):
        sys.exit("bench/run: wrk is missing; apt-get install wrk")
    # A replica this run starts is stopped at the end; one already running stays.
    stop_replica = args.replica and replica_script("status").returncode != 0
    static_root = Path(tempfile.mkdtemp(prefix="newsportal-bench-static-"))
    try:
        env = server_environment(args, static_root)
        articles = run_python(env, "manage.py", "shell", "-v", "0", "-c", DATABASE_FACTS).strip() + huge_pages()
        if args.prewarm:
            print(run_python(env, "manage.py", "shell", "-v", "0", "-c", PREWARM).strip())
        load_before = os.getloadavg()
        pages, results, memory_mb = measure(args, env)
    finally:
        shutil.rmtree(static_root, ignore_errors=True)
        if stop_replica:
            replica_script("stop")
    print_table(pages, results, memory_mb, args)
    load_after = os.getloadavg()
    print(f"{articles}; load average (1/5/15 min) before: {load_before}, after: {load_after}")
    if args.json:
        report = {"pages": pages, "results": results, "worker_peak_mb": memory_mb, "articles": articles,
                  "load_before": load_before, "load_after": load_after}  # fmt: skip
        args.json.write_text(json.dumps(report, ensure_ascii=False, indent=1))


def measure(args, env):
    if args.redis:
        import redis

        redis.Redis.from_url(args.redis).flushdb()
    run_python(env, "manage.py", "collectstatic", "--noinput", "--verbosity", "0")
    pages = json.loads(run_python(env, "bench/query_counts.py"))
    for walk in set(WALKS.values()):
        Path(env["DJANGO_STATIC_ROOT"], f"{walk}.txt").write_text(
            run_python(env, "bench/query_counts.py", "--walk", walk)
        )
    wanted = set(args.pages.split(",")) if args.pages else {*pages, *WITHOUT_PAGE_CACHE}
    pages = {name: page for name, page in pages.items() if name in wanted or name == "static"}
    pages = {name: page for name, page in pages.items() if name not in WITHOUT_PAGE_CACHE}
    results, memory_kb = load(args, env, pages)
    if CACHE_MISS in wanted and not args.no_cache_miss:
        # The page cache is a middleware switched by the environment, so the
        # rows without it are measured on a second server.
        off = dict(env, PAGE_CACHE_ENABLED="0")
        off_pages = {}
        for name, walk in WITHOUT_PAGE_CACHE.items():
            if name in wanted:
                off_pages[name] = json.loads(run_python(off, "bench/query_counts.py", walk))[walk]
        missed_results, missed_kb = load(args, off, off_pages)
        pages.update(off_pages)
        for concurrency, rows in missed_results.items():
            results[concurrency].update(rows)
        for pid, kb in missed_kb.items():
            memory_kb[pid] = max(kb, memory_kb.get(pid, 0))
    return pages, results, {pid: kb / 1024 for pid, kb in memory_kb.items()}


def forget_searches(args):
    """Drop the kept rankings and result lists, so "search new words" at the
    next concurrency does not find the pairs the last run already ranked.
    Only with --redis; the local cache lives inside each worker."""
    if args.redis:
        import redis

        client = redis.Redis.from_url(args.redis)
        for pattern in ("*:search:*", "*:fragment:search-results:*"):
            for key in client.scan_iter(pattern, count=1000):
                client.delete(key)


def walk_script(env, name):
    """bench/walk.lua for a walking row, its paths named in the environment wrk inherits; else None."""
    if name not in WALKS:
        return None
    os.environ["WALK_PATHS"] = str(Path(env["DJANGO_STATIC_ROOT"], f"{WALKS[name]}.txt"))
    return WALK_SCRIPT


@contextmanager
def publishing(env, seconds):
    """bench/publisher.py publishing every PUBLISH_EVERY seconds for ``seconds`` (none for 0)."""
    if not seconds:
        yield
        return
    publisher = subprocess.Popen(
        [sys.executable, "bench/publisher.py", "--every", str(PUBLISH_EVERY), "--seconds", str(seconds)],
        cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
    )  # fmt: skip
    try:
        yield
    finally:
        output, _ = publisher.communicate(timeout=seconds + 60)
        print(output.strip(), file=sys.stderr)


def load(args, env, pages):
    """Start a server, warm it, run wrk on each page at each concurrency; results and peak worker RSS in kB."""
    server = start_server(env, args.port)
    memory = WorkerMemory(server.pid)
    memory.start()
    results = {}
    try:
        base = f"http://127.0.0.1:{args.port}"
        for name, page in pages.items():
            for _ in range(3):  # fill the caches
                page["live_status"] = status_of(base + page["url"])
            if page["live_status"] == 200 and name not in WALKS:
                # Every worker's first request of a page loads its templates and
                # code paths (up to a second); a short untimed run reaches them all.
                # (Not for a walk: it would build pages the timed run is to find cold.)
                wrk(base + page["url"], 20, 2, args.timeout)
        for concurrency in [int(c) for c in args.concurrency.split(",")]:
            results[concurrency] = {}
            # The static file is loaded first and again last; the baseline is the mean.
            for name, page in [*pages.items(), *([(STATIC_AGAIN, pages["static"])] if "static" in pages else [])]:
                if page["live_status"] == 200:
                    script = walk_script(env, name)
                    if name == VARIED_SEARCH:
                        forget_searches(args)
                    else:
                        # Untimed: forget_searches also dropped the repeated
                        # search's ranking, which the "search" row means to find kept.
                        status_of(base + page["url"])
                    with publishing(env, args.duration if name == PUBLISHING else 0):
                        row = wrk(base + page["url"], concurrency, args.duration, args.timeout, script)
                    # Other programs on the machine slow every row alike; the load shows how much.
                    row["load1"] = os.getloadavg()[0]
                    results[concurrency][name] = row
                    settle(base + pages["static"]["url"] if "static" in pages else base + page["url"])
    finally:
        memory.running = False
        stop_server(server)
    return results, dict(memory.peak_kb)


if __name__ == "__main__":
    main()
