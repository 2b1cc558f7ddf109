"""Readers and commenters against the production server, optionally with an outage.

    sudo /work/main/.venv/bin/python bench/faults/load.py                    # 100 readers + 10 commenters, 60 s
    .venv/bin/python bench/faults/load.py --pg-outage 10 --redis-outage 10  # ... and stop PostgreSQL, then Redis
    .venv/bin/python bench/faults/load.py --publish-every 10                 # ... while an editor publishes

Starts everything privately (tests/faults/services.py): a PostgreSQL 15
cluster on its own port (so it needs root to run initdb as postgres), a Redis
on its own port, and gunicorn exactly as ``make serve`` configures it (DEBUG
off, collected static files). Seeds a few dozen articles, then for
``--duration`` seconds runs ``--readers`` threads that fetch pages back to
back and ``--commenters`` threads that post comments like comments.js does
(token, then JSON post), each from its own address (X-Forwarded-For with
TRUSTED_PROXY_COUNT=1). Half the commenters post slower than
COMMENT_RATE_LIMIT allows, half faster.

Checks, printed at the end and reflected in the exit code:
- no 5xx answer except 503 while PostgreSQL is stopped on purpose;
- every comment the site accepted (HTTP 201, "评论已提交") is in the database;
- without outages: the rate limit refused the fast commenters (HTTP 429) and
  never the slow ones (while Redis is down the limit is per gunicorn worker).
With ``--publish-every S``, bench/publisher.py publishes an article every S
seconds through ``Article.publish`` (what an editor's click does), and the
readers' throughput and p99 are also given for the few seconds after each
publish, when the pages it made stale are rebuilt, beside the rest of the run.
Every loop is bounded by time; everything listens on 127.0.0.1 only.
"""

import argparse
import collections
import json
import random
import shutil
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
import uuid
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent.parent))

from tests.faults.services import (
    PrivatePostgres,
    PrivateRedis,
    Site,
    manage,
    site_environment,
)

RATE_LIMIT = 5
SEED = """
import json
from tests.factories import ArticleFactory, RegionFactory, CommentFactory
regions = [RegionFactory() for _ in range(4)]
articles = [ArticleFactory(region=regions[n % 4], title=f"负载测试新闻{n}", body=f"<p>第{n}篇，柠檬丰收。</p>" * 20)
            for n in range(ARTICLES)]
for article in articles[:10]:
    CommentFactory.create_batch(5, article=article)
print(json.dumps({"articles": [a.pk for a in articles], "regions": [r.get_absolute_url() for r in regions]}))
"""


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--duration", type=int, default=60, help="seconds of load")
    parser.add_argument("--readers", type=int, default=100)
    parser.add_argument("--commenters", type=int, default=10)
    parser.add_argument("--workers", type=int, default=None, help="gunicorn workers (default 2*cores+1)")
    parser.add_argument("--articles", type=int, default=40)
    parser.add_argument(
        "--pg-outage", type=int, default=0, metavar="S", help="stop PostgreSQL for S seconds at 1/4 of the run"
    )
    parser.add_argument(
        "--redis-outage", type=int, default=0, metavar="S", help="kill Redis for S seconds at 1/2 of the run"
    )
    parser.add_argument(
        "--publish-every", type=float, default=0, metavar="S", help="publish an article every S seconds"
    )
    parser.add_argument(
        "--after-publish", type=float, default=3, metavar="S", help="seconds after a publish reported apart"
    )
    parser.add_argument("--json", type=Path, default=None, help="also write the numbers here")
    return parser.parse_args()


class Tally:
    """Answers by kind, shared by every thread."""

    def __init__(self):
        self.lock = threading.Lock()
        self.statuses = collections.Counter()
        self.latencies = []
        self.answered_at = []
        self.unplanned_5xx = []
        self.outage_503 = 0

    def add(self, status, seconds, path, outage):
        with self.lock:
            self.statuses[status] += 1
            self.latencies.append(seconds)
            self.answered_at.append(time.monotonic())
            if status == 503 and outage.is_set():
                self.outage_503 += 1
            elif isinstance(status, str) or status >= 500:
                self.unplanned_5xx.append((status, path))


def fetch(opener, url, data=None, headers=None, timeout=30, answer_headers=None):
    request = urllib.request.Request(url, data=data, headers=headers or {})
    try:
        with opener.open(request, timeout=timeout) as response:
            if answer_headers is not None:
                answer_headers.extend(response.headers.get_all("Set-Cookie") or [])
            return response.status, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.read()
    except (urllib.error.URLError, ConnectionError, TimeoutError) as error:
        return f"error:{type(error).__name__}", b""


def csrf_cookie(set_cookies):
    """The csrftoken cookie, kept by hand: production marks it Secure, and a
    cookie jar would not send it back over this plain-HTTP localhost run."""
    for line in set_cookies:
        name, _, rest = line.partition("=")
        if name.strip() == "csrftoken":
            return "csrftoken=" + rest.split(";", 1)[0]
    return None


def reader(base, paths, stop, tally, outage):
    opener = urllib.request.build_opener()
    for _ in range(1_000_000):
        if stop.is_set():
            return
        path = random.choice(paths)
        started = time.monotonic()
        status, _ = fetch(opener, base + path)
        tally.add(status, time.monotonic() - started, path, outage)


def commenter(number, base, article_ids, stop, interval, results, outage):
    ip = f"198.51.100.{number + 10}"
    opener = urllib.request.build_opener()
    xff, cookie = {"X-Forwarded-For": ip}, None
    mine = results[number] = {"ip": ip, "interval": interval, "accepted": [], "statuses": collections.Counter()}
    token = None
    for n in range(10_000):
        if stop.is_set():
            return
        if token is None:  # like comments.js: one token per page, reused for every post
            set_cookies = []
            status, body = fetch(opener, base + "/comments/token/", headers=xff, answer_headers=set_cookies)
            cookie = csrf_cookie(set_cookies)
            if status != 200 or not cookie:
                mine["statuses"][f"token {status}"] += 1
                stop.wait(interval)
                continue
            token = json.loads(body)["csrfToken"]
        text = f"负载测试评论 {number}-{n} {uuid.uuid4().hex[:8]}"
        form = urllib.parse.urlencode({"nickname": f"读者{number}", "body": text}).encode()
        headers = {**xff, "Cookie": cookie, "X-CSRFToken": token, "Accept": "application/json",
                   "Content-Type": "application/x-www-form-urlencoded"}  # fmt: skip
        status, body = fetch(opener, f"{base}/comments/post/{random.choice(article_ids)}/", form, headers)
        mine["statuses"][status] += 1
        if status == 403:
            token = None
        if status == 201 and "评论已提交" in json.loads(body).get("message", ""):
            mine["accepted"].append(text)
        elif isinstance(status, str) or (status >= 500 and not (status == 503 and outage.is_set())):
            mine["statuses"]["unplanned"] += 1
        stop.wait(interval)


def outages(args, postgres, redis_server, site, stop, outage, events):
    """Stop PostgreSQL at 1/4 of the run and Redis at 1/2, each for its seconds."""
    started = time.monotonic()

    def at(fraction):
        stop.wait(max(0, started + args.duration * fraction - time.monotonic()))

    if args.pg_outage:
        at(0.25)
        outage.set()
        postgres.stop()
        events.append(f"{time.monotonic() - started:5.1f} s  PostgreSQL stopped")
        stop.wait(args.pg_outage)
        postgres.start()
        back = time.monotonic()
        probe = f"/search/?q={uuid.uuid4().hex}"
        for attempt in range(1, 201):  # noqa: B007 - the last attempt is reported below
            if site.get(probe)[0] == 200:
                break
            time.sleep(0.1)
        # Each probe waits its turn behind the readers, so the time includes that queue.
        events.append(f"{back - started:5.1f} s  PostgreSQL started; uncached pages 200 again after "
                      f"{time.monotonic() - back:.1f} s (probe {attempt})")  # fmt: skip
        time.sleep(1)  # answers still in flight from the outage count as planned
        outage.clear()
    if args.redis_outage:
        at(0.5)
        redis_server.kill()
        events.append(f"{time.monotonic() - started:5.1f} s  Redis killed")
        stop.wait(args.redis_outage)
        redis_server.start()
        events.append(f"{time.monotonic() - started:5.1f} s  Redis started")


def publisher(args, env, stop, published):
    """bench/publisher.py in its own process; ``published`` gets the moment of each publish."""
    script = Path(__file__).resolve().parent.parent / "publisher.py"
    command = [sys.executable, str(script), "--every", str(args.publish_every), "--seconds", str(args.duration)]
    with subprocess.Popen(command, env=env, stdout=subprocess.PIPE, text=True) as process:
        for line in process.stdout:
            if line.startswith("published"):
                published.append((time.monotonic(), line.strip()))
            if stop.is_set():
                process.terminate()


def around_publishes(tally, published, window):
    """Readers' (req/s, p99 ms) within ``window`` seconds after a publish, and outside."""
    starts = [moment for moment, _ in published]
    inside, outside = [], []
    for answered, seconds in zip(tally.answered_at, tally.latencies):
        after = any(0 <= answered - start < window for start in starts)
        (inside if after else outside).append(seconds)
    first, last = (tally.answered_at[0], tally.answered_at[-1]) if tally.answered_at else (0, 0)
    inside_time = sum(min(window, max(0, last - start)) for start in starts)
    outside_time = max(1e-9, last - first - inside_time)

    def p99(values):
        return sorted(values)[int(0.99 * (len(values) - 1))] * 1000 if values else 0

    return (len(inside) / max(1e-9, inside_time), p99(inside)), (len(outside) / outside_time, p99(outside))


def comments_in_database(env):
    out = manage(
        env,
        "shell",
        "-c",
        "import json; from comments.models import Comment; "
        "print(json.dumps(list(Comment.objects.filter(body__startswith='负载测试评论').values_list('body', flat=True))))",
    )
    return set(json.loads(out.stdout.strip().splitlines()[-1]))


def main():
    args = parse_args()
    if not shutil.which("redis-server"):
        sys.exit("bench/faults/load.py: redis-server is missing")
    work = Path(tempfile.mkdtemp(prefix="newsportal-load-"))
    work.chmod(0o755)
    postgres, redis_server, site = PrivatePostgres(work / "pg"), PrivateRedis(), None
    try:
        postgres.init()
        redis_server.start()
        env = site_environment(postgres.url, work / "static", redis_server.url, TRUSTED_PROXY_COUNT="1",
                               COMMENT_RATE_LIMIT=str(RATE_LIMIT))  # fmt: skip
        manage(env, "migrate", "--noinput", "--verbosity", "0")
        manage(env, "collectstatic", "--noinput", "--verbosity", "0")
        seeded = json.loads(
            manage(env, "shell", "-c", SEED.replace("ARTICLES", str(args.articles))).stdout.splitlines()[-1]
        )
        site = Site(env, workers=args.workers or Site.default_workers()).start()
        report = run(args, env, postgres, redis_server, site, seeded)
    finally:
        if site:
            site.stop()
        redis_server.kill()
        postgres.destroy()
        shutil.rmtree(work, ignore_errors=True)
    if args.json:
        args.json.write_text(json.dumps(report, ensure_ascii=False, indent=1))
    sys.exit(0 if report["passed"] else 1)


def run(args, env, postgres, redis_server, site, seeded):
    paths = [
        "/",
        "/search/?q=" + urllib.parse.quote("柠檬"),
        "/feeds/latest/",
        *seeded["regions"],
        *(f"/article/{pk}/" for pk in seeded["articles"]),
    ]
    for path in paths:  # warm every page once
        site.get(path)
    stop, outage, tally, results, events = threading.Event(), threading.Event(), Tally(), {}, []
    threads = [
        threading.Thread(target=reader, args=(site.base, paths, stop, tally, outage)) for _ in range(args.readers)
    ]
    for number in range(args.commenters):
        # Slow ones post 4 a minute (under the limit of 5), fast ones as fast as the server answers.
        interval = 15.0 if number % 2 == 0 else 0.5
        threads.append(
            threading.Thread(
                target=commenter, args=(number, site.base, seeded["articles"], stop, interval, results, outage)
            )
        )
    threads.append(threading.Thread(target=outages, args=(args, postgres, redis_server, site, stop, outage, events)))
    published = []
    if args.publish_every:
        threads.append(threading.Thread(target=publisher, args=(args, env, stop, published)))
    started = time.monotonic()
    try:
        for thread in threads:
            thread.daemon = True  # an interrupted run must not leave them looping
            thread.start()
        stop.wait(args.duration)
    finally:
        stop.set()
    for thread in threads:
        thread.join(timeout=60)
    elapsed = time.monotonic() - started
    return summarize(args, env, tally, results, events, elapsed, published)


def summarize(args, env, tally, results, events, elapsed, published):
    stored = comments_in_database(env)
    accepted = [text for mine in results.values() for text in mine["accepted"]]
    missing = [text for text in accepted if text not in stored]
    slow = [m for m in results.values() if m["interval"] > 60 / RATE_LIMIT]
    fast = [m for m in results.values() if m["interval"] <= 60 / RATE_LIMIT]
    slow_refused = sum(m["statuses"][429] for m in slow)
    fast_refused = sum(m["statuses"][429] for m in fast)
    latencies = sorted(tally.latencies)
    p = (lambda q: latencies[min(len(latencies) - 1, int(q * len(latencies)))] * 1000) if latencies else (lambda q: 0)
    comment_5xx = sum(m["statuses"]["unplanned"] for m in results.values())
    checks = {
        "no unplanned 5xx or connection error (readers)": not tally.unplanned_5xx,
        "no unplanned 5xx or connection error (commenters)": comment_5xx == 0,
        "every accepted comment is in the database": not missing,
    }
    if not (args.pg_outage or args.redis_outage):
        # An outage eats the minute in which fast commenters would pass the
        # limit, and a restarted Redis starts counting again from zero.
        checks["fast commenters were rate-limited (429)"] = fast_refused > 0
        checks["slow commenters were never rate-limited"] = slow_refused == 0
    print(f"\nnewsportal fault/load run: {args.readers} readers + {args.commenters} commenters, {elapsed:.0f} s, "
          f"gunicorn workers={args.workers or Site.default_workers()}, COMMENT_RATE_LIMIT={RATE_LIMIT}/min")  # fmt: skip
    for line in events:
        print("  " + line)
    total = sum(tally.statuses.values())
    print(f"readers: {total} requests, {total / elapsed:.1f} req/s, p50 {p(0.5):.0f} ms, p99 {p(0.99):.0f} ms, "
          f"max {p(1):.0f} ms")  # fmt: skip
    publishing = {}
    if args.publish_every:
        (after_rate, after_p99), (rest_rate, rest_p99) = around_publishes(tally, published, args.after_publish)
        publishing = {"publishes": len(published), "after_publish_rps": after_rate, "after_publish_p99_ms": after_p99,
                      "rest_rps": rest_rate, "rest_p99_ms": rest_p99}  # fmt: skip
        checks["the publisher published"] = bool(published)
        print(f"  {len(published)} publishes, e.g. {published[0][1] if published else '-'}")
        print(f"  within {args.after_publish:g} s after a publish: {after_rate:.1f} req/s, p99 {after_p99:.0f} ms; "
              f"the rest of the run: {rest_rate:.1f} req/s, p99 {rest_p99:.0f} ms")  # fmt: skip
    print("  answers: " + ", ".join(f"{k}: {v}" for k, v in sorted(tally.statuses.items(), key=str)))
    print(f"  503 during the planned PostgreSQL outage: {tally.outage_503}; unplanned 5xx/errors: {len(tally.unplanned_5xx)}"
          + (f" e.g. {tally.unplanned_5xx[:5]}" if tally.unplanned_5xx else ""))  # fmt: skip
    posted = collections.Counter()
    for mine in results.values():
        posted.update(mine["statuses"])
    print("commenters: " + ", ".join(f"{k}: {v}" for k, v in sorted(posted.items(), key=str)))
    print(f"  accepted {len(accepted)}, found in the database {len(accepted) - len(missing)}, missing {len(missing)}; "
          f"429 for fast commenters {fast_refused}, for slow ones {slow_refused}")  # fmt: skip
    for name, ok in checks.items():
        print(f"  [{'ok' if ok else 'FAILED'}] {name}")
    return {
        "elapsed": elapsed, "reader_statuses": {str(k): v for k, v in tally.statuses.items()},
        "p50_ms": p(0.5), "p99_ms": p(0.99), "outage_503": tally.outage_503, "unplanned": tally.unplanned_5xx[:50],
        "comment_statuses": {str(k): v for k, v in posted.items()}, "accepted": len(accepted), "missing": missing,
        "events": events, "publishing": publishing, "checks": checks, "passed": all(checks.values()),
    }  # fmt: skip


if __name__ == "__main__":
    main()
