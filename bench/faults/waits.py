"""Readers while PostgreSQL or Redis hangs: what a reader waits (issue 21 item 4).

    sudo .venv/bin/python bench/faults/waits.py                # 100 readers, 5 workers, 30 s a phase
    .venv/bin/python bench/faults/waits.py --seconds 10        # shorter phases

Starts a private PostgreSQL, Redis and gunicorn (tests/faults/services.py;
initdb needs root to run as postgres), seeds a few dozen articles, and runs
``--readers`` threads that fetch cached pages (home, channels, articles)
back to back through four phases of ``--seconds`` each:

- normal;
- PostgreSQL paused (SIGSTOP of the postmaster and every backend);
- Redis stopped (killed; started again, empty, after the phase);
- Redis paused (SIGSTOP).

Between two phases the readers go on unrecorded for a few seconds, so each
fault meets the site in its steady state.

Beside the readers, one probe asks for /healthz and one for a page no cache
holds (a search for new words), each every half second. Per phase it prints
req/s, p50 and p99 of the readers (p99 also without the phase's first two
seconds), the answers by status and by X-Page-Cache, the slowest health check
and the slowest uncached page. Targets (issue 21): /healthz within 1 s in
every phase; with Redis paused or stopped at least half the normal throughput
and p99 at most 1 s after the first 2 s; with PostgreSQL paused cached pages
served and uncached ones answered (503) within 2 s. The exit code says
whether they held.
"""

import argparse
import collections
import json
import shutil
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
import uuid
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent.parent))

from tests.faults.services import PrivatePostgres, PrivateRedis, Site, manage, site_environment

SEED = """
import json
from tests.factories import ArticleFactory, RegionFactory
regions = [RegionFactory() for _ in range(4)]
articles = [ArticleFactory(region=regions[n % 4], title=f"等待测试新闻{n}", body=f"<p>第{n}篇，柠檬丰收。</p>" * 20)
            for n in range(ARTICLES)]
print(json.dumps({"articles": [a.get_absolute_url() for a in articles],
                  "regions": [r.get_absolute_url() for r in regions]}))
"""
PHASES = ("normal", "PostgreSQL paused", "Redis stopped", "Redis paused")
SETTLE_SECONDS = 2  # the start of a phase, left out of "p99 after 2 s"
# Unrecorded load between phases, so each fault meets a site in its steady
# state (a Redis started again is empty and every kept page is stale once).
BETWEEN_SECONDS = 5
PROBE_EVERY = 0.5


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=int, default=30, help="seconds per phase")
    parser.add_argument("--readers", type=int, default=100)
    parser.add_argument("--workers", type=int, default=5, help="gunicorn workers")
    parser.add_argument("--articles", type=int, default=40)
    parser.add_argument("--json", type=Path, default=None, help="also write the numbers here")
    return parser.parse_args()


def fetch(opener, url, timeout=30):
    """(status, X-Page-Cache) of a GET; status "error:..." when nothing answers."""
    try:
        with opener.open(url, timeout=timeout) as response:
            response.read()
            return response.status, response.headers.get("X-Page-Cache", "-")
    except urllib.error.HTTPError as error:
        error.read()
        return error.code, error.headers.get("X-Page-Cache", "-")
    except (urllib.error.URLError, ConnectionError, TimeoutError) as error:
        return f"error:{type(error).__name__}", "-"


class Record:
    """Every answer of the run, with the phase it fell in; shared by the threads."""

    def __init__(self):
        self.lock = threading.Lock()
        self.phase = None  # (name, started on the monotonic clock)
        self.answers = collections.defaultdict(list)  # phase -> [(since phase start, seconds, status, cache)]
        self.probes = collections.defaultdict(lambda: collections.defaultdict(list))  # phase -> kind -> [(s, status)]

    def add(self, began, seconds, status, cache):
        phase = self.phase
        if phase is not None:
            with self.lock:
                self.answers[phase[0]].append((began - phase[1], seconds, status, cache))

    def probe(self, kind, seconds, status):
        phase = self.phase
        if phase is not None:
            with self.lock:
                self.probes[phase[0]][kind].append((seconds, status))


def reader(base, paths, offset, stop, record):
    opener = urllib.request.build_opener()
    for n in range(10_000_000):
        if stop.is_set():
            return
        began = time.monotonic()
        status, cache = fetch(opener, base + paths[(offset + n) % len(paths)])
        record.add(began, time.monotonic() - began, status, cache)


def prober(base, kind, stop, record):
    opener = urllib.request.build_opener()
    while not stop.is_set():
        path = "/healthz" if kind == "healthz" else f"/search/?q={uuid.uuid4().hex}"
        began = time.monotonic()
        status, _ = fetch(opener, base + path)
        record.probe(kind, time.monotonic() - began, status)
        stop.wait(PROBE_EVERY)


def percentile(values, q):
    values = sorted(values)
    return values[min(len(values) - 1, int(q * len(values)))] if values else 0.0


def summarize(record, seconds):
    rows = {}
    for name in PHASES:
        answers = record.answers.get(name, [])
        latencies = [a[1] for a in answers]
        settled = [a[1] for a in answers if a[0] >= SETTLE_SECONDS]
        probes = record.probes.get(name, {})
        health, uncached = probes.get("healthz", []), probes.get("uncached", [])
        rows[name] = {
            "requests": len(answers),
            "rps": len(answers) / seconds,
            "p50_ms": percentile(latencies, 0.5) * 1000,
            "p99_ms": percentile(latencies, 0.99) * 1000,
            "p99_after_2s_ms": percentile(settled, 0.99) * 1000,
            "statuses": dict(collections.Counter(str(a[2]) for a in answers)),
            "cache": dict(collections.Counter(a[3] for a in answers)),
            # How long each kind of answer took: a MISS is a page built for the reader.
            "by_cache_p50_max_ms": {
                state: (percentile(times, 0.5) * 1000, max(times) * 1000)
                for state in {a[3] for a in answers}
                for times in [[a[1] for a in answers if a[3] == state]]
            },
            "healthz_max_ms": max((p[0] for p in health), default=0) * 1000,
            "healthz": dict(collections.Counter(str(p[1]) for p in health)),
            "uncached_max_ms": max((p[0] for p in uncached), default=0) * 1000,
            "uncached": dict(collections.Counter(str(p[1]) for p in uncached)),
        }
    return rows


def checks(rows):
    normal = rows["normal"]["rps"]
    found = {}
    for name, row in rows.items():
        found[f"{name}: /healthz answered within 1 s"] = row["healthz_max_ms"] < 1000 and bool(row["healthz"])
    paused = rows["PostgreSQL paused"]
    found["PostgreSQL paused: cached pages still served (200)"] = paused["statuses"].get("200", 0) > 0
    found["PostgreSQL paused: uncached pages answered within 2 s"] = paused["uncached_max_ms"] < 2000
    for name in ("Redis stopped", "Redis paused"):
        row = rows[name]
        found[f"{name}: at least half the normal throughput"] = row["rps"] >= normal / 2
        found[f"{name}: p99 after the first 2 s at most 1 s"] = row["p99_after_2s_ms"] <= 1000
    for name, row in rows.items():
        unexpected = {s: n for s, n in row["statuses"].items() if s not in ("200", "503")}
        found[f"{name}: no answer but 200 and 503"] = not unexpected
    return found


def print_report(args, rows, found, events):
    print(f"\nbench/faults/waits.py: {args.readers} readers, gunicorn workers={args.workers}, {args.seconds} s a phase")
    for line in events:
        print("  " + line)
    print(f"{'phase':<20}{'req/s':>8}{'p50 ms':>8}{'p99 ms':>8}{'p99>2s':>8}{'healthz max':>13}{'uncached max':>14}")
    for name, row in rows.items():
        print(f"{name:<20}{row['rps']:>8.0f}{row['p50_ms']:>8.0f}{row['p99_ms']:>8.0f}{row['p99_after_2s_ms']:>8.0f}"
              f"{row['healthz_max_ms']:>10.0f} ms{row['uncached_max_ms']:>11.0f} ms")  # fmt: skip
    for name, row in rows.items():
        print(f"  {name}: answers {row['statuses']}, X-Page-Cache {row['cache']}, "
              f"healthz {row['healthz']}, uncached {row['uncached']}")  # fmt: skip
        timing = ", ".join(f"{state} {p50:.0f}/{most:.0f}" for state, (p50, most) in row["by_cache_p50_max_ms"].items())
        print(f"    p50/max ms by X-Page-Cache: {timing}")
    for name, ok in found.items():
        print(f"  [{'ok' if ok else 'FAILED'}] {name}")


def run(args, postgres, redis_server, site, seeded):
    paths = ["/", *seeded["regions"], *seeded["articles"]]
    for path in paths * 2:  # every page kept once, and seen by some workers
        site.get(path)
    stop, record, events = threading.Event(), Record(), []
    threads = [threading.Thread(target=reader, args=(site.base, paths, n, stop, record)) for n in range(args.readers)]
    threads += [
        threading.Thread(target=prober, args=(site.base, kind, stop, record)) for kind in ("healthz", "uncached")
    ]
    for thread in threads:
        thread.daemon = True  # an interrupted run must not leave them looping
        thread.start()
    started = time.monotonic()

    def phase(name, begin=None, end=None):
        if begin:
            begin()
        record.phase = (name, time.monotonic())
        events.append(f"{time.monotonic() - started:5.1f} s  {name}")
        try:
            stop.wait(args.seconds)
        finally:  # a paused PostgreSQL could not even be stopped
            record.phase = None
            if end:
                end()
                events.append(f"{time.monotonic() - started:5.1f} s  recovered; {BETWEEN_SECONDS} s unrecorded")
                stop.wait(BETWEEN_SECONDS)

    def recovered():
        for _ in range(100):  # back to normal before the next phase
            if site.get(f"/search/?q={uuid.uuid4().hex}")[0] == 200 and site.get("/healthz")[0] == 200:
                return
            time.sleep(0.2)

    try:
        phase("normal")
        phase("PostgreSQL paused", postgres.pause, lambda: (postgres.resume(), recovered()))
        phase("Redis stopped", redis_server.kill, lambda: (redis_server.start(), recovered()))
        phase("Redis paused", redis_server.pause, redis_server.resume)
    finally:
        stop.set()
    for thread in threads:
        thread.join(timeout=60)
    return summarize(record, args.seconds), events


def main():
    args = parse_args()
    if not shutil.which("redis-server"):
        sys.exit("bench/faults/waits.py: redis-server is missing")
    work = Path(tempfile.mkdtemp(prefix="newsportal-waits-"))
    work.chmod(0o755)
    postgres, redis_server, site = PrivatePostgres(work / "pg"), PrivateRedis(), None
    try:
        postgres.init()
        redis_server.start()
        env = site_environment(postgres.url, work / "static", redis_server.url)
        manage(env, "migrate", "--noinput", "--verbosity", "0")
        manage(env, "collectstatic", "--noinput", "--verbosity", "0")
        seeded = json.loads(
            manage(env, "shell", "-c", SEED.replace("ARTICLES", str(args.articles))).stdout.splitlines()[-1]
        )
        site = Site(env, workers=args.workers).start()
        rows, events = run(args, postgres, redis_server, site, seeded)
    finally:
        if site:
            site.stop()
        redis_server.kill()
        postgres.destroy()
        shutil.rmtree(work, ignore_errors=True)
    found = checks(rows)
    print_report(args, rows, found, events)
    if args.json:
        args.json.write_text(json.dumps({"phases": rows, "checks": found}, ensure_ascii=False, indent=1))
    sys.exit(0 if all(found.values()) else 1)


if __name__ == "__main__":
    main()
