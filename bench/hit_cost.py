"""What one page-cache hit on an article costs the app server, with and without one view per reader.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/hitcost REDIS_URL=redis://127.0.0.1:6379/9 \\
        .venv/bin/python bench/hit_cost.py [--hits 4000] [--rounds 6]

Issue 23 made each counted hit also ask "has this reader been counted in the
last VIEW_DEDUPE_SECONDS?" (articles.readers, articles.counters), inside the
same Redis round trip as the page lookup. This measures what that costs where
it is paid: in one process, through ``newsportal.wsgi.application`` (what
gunicorn calls), against the real Redis, each hit from a different reader
address. Rounds alternate between the site as it is and the site with the
reader left out of the counter (as before issue 23), so both see the same
machine load. Prints CPU and wall microseconds per hit, the median of the
rounds, and the ratio.

The database needs to exist (``createdb hitcost``); migrations run and one
article is made when none is published. It asks nothing of the database per
hit: a fresh page-cache hit is answered before Django's request cycle.
"""

import argparse
import io
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsportal.settings")
os.environ.setdefault("DJANGO_DEBUG", "0")
os.environ.setdefault("DJANGO_SECRET_KEY", "bench-hit-cost-not-secret")
os.environ.setdefault("DJANGO_ALLOWED_HOSTS", "bench.test")

import django

django.setup()

from django.core.management import call_command  # noqa: E402

from articles import counters  # noqa: E402
from articles.models import Article  # noqa: E402
from newsportal.wsgi import application  # noqa: E402


def published_article():
    call_command("migrate", verbosity=0)
    call_command("collectstatic", interactive=False, verbosity=0)  # DEBUG off serves hashed names
    article = Article.objects.published().first()
    if article is None:
        from tests.factories import ArticleFactory

        article = ArticleFactory(title="压测：一篇被反复阅读的文章")
    return article


def environ(path, reader_number):
    return {
        "REQUEST_METHOD": "GET",
        "PATH_INFO": path,
        "QUERY_STRING": "",
        "SERVER_NAME": "bench.test",
        "SERVER_PORT": "443",
        "HTTP_HOST": "bench.test",
        "SERVER_PROTOCOL": "HTTP/1.1",
        "REMOTE_ADDR": f"10.{reader_number // 65536 % 256}.{reader_number // 256 % 256}.{reader_number % 256}",
        "HTTP_USER_AGENT": "Mozilla/5.0 (iPhone; CPU iPhone OS 18_0 like Mac OS X) MicroMessenger/8.0",
        "wsgi.input": io.BytesIO(),
        "wsgi.errors": sys.stderr,
        "wsgi.url_scheme": "https",
        "wsgi.version": (1, 0),
        "wsgi.multithread": False,
        "wsgi.multiprocess": True,
        "wsgi.run_once": False,
    }


def answer(path, reader_number):
    statuses = []
    body = application(environ(path, reader_number), lambda status, headers: statuses.append((status, headers)))
    b"".join(body)
    return statuses[0]


def one_round(path, hits, first_reader):
    cpu, wall = time.process_time(), time.perf_counter()
    for number in range(first_reader, first_reader + hits):
        answer(path, number)
    return (time.process_time() - cpu) / hits * 1e6, (time.perf_counter() - wall) / hits * 1e6


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--hits", type=int, default=4000, help="hits per round")
    parser.add_argument("--rounds", type=int, default=6, help="rounds of each kind, alternating")
    options = parser.parse_args()

    path = published_article().get_absolute_url()
    answer(path, 0)  # builds and keeps the page
    status, headers = answer(path, 1)
    state = dict(headers).get("X-Page-Cache")
    if state != "HIT":
        sys.exit(f"{path} answered {status} with X-Page-Cache {state}, not a page-cache HIT: is REDIS_URL set?")

    with_readers = counters.reader_of
    results = {"one view per reader": [], "every hit counted (before issue 23)": []}
    reader = 1000
    for _ in range(options.rounds):
        for kind in results:
            counters.reader_of = with_readers if kind == "one view per reader" else (lambda request: None)
            results[kind].append(one_round(path, options.hits, reader))
            reader += options.hits
    counters.reader_of = with_readers

    print(f"{options.rounds} rounds x {options.hits} hits of {path}, each from another address")
    medians = {}
    for kind, rounds in results.items():
        medians[kind] = tuple(statistics.median(values) for values in zip(*rounds))
        print(f"  {kind:38} CPU {medians[kind][0]:7.1f} µs/hit   wall {medians[kind][1]:7.1f} µs/hit")
    (now_cpu, now_wall), (before_cpu, before_wall) = medians.values()
    print(
        f"  ratio (now / before)                   CPU {now_cpu / before_cpu:7.3f}          wall {now_wall / before_wall:7.3f}"
    )


if __name__ == "__main__":
    main()
