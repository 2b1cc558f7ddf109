"""CPU per cold page in one process: what a page costs when no cache holds it.

    DATABASE_URL=postgres://... .venv/bin/python bench/cold_render.py [--pages 300] [--profile out.prof]

Wall-clock throughput on a shared 2-core machine moves with whatever else
runs; the CPU time this process spends on one page does not. This renders
distinct article pages (a fixed shuffle of every published article, as
``bench/run``'s article walk asks for them) and page 1 of region channels,
each once, through Django's full request cycle (every middleware, the
template engine) and reports ``time.process_time()`` and SQL queries per
page: mean, p50 and p95.

Modes (``--mode``):

- ``walk`` (default): the region-level lists (hot lists, tabs, 图文看点 ...)
  are kept, as ``manage.py minutely`` and earlier pages of the region leave
  them; each article or channel page itself is built from scratch.
- ``empty``: the whole cache is cleared before every page, as after a
  publish that staled everything the page shows.

The page cache is off unless ``--page-cache`` is given (then each page is a
miss that is built and stored). Use the database filled by ``manage.py
bench_seed``; with ``REDIS_URL`` set the cache is Redis, else local memory.
SQL time is part of the database server's CPU, not this process's, so it
shows only in the query counts.
"""

import argparse
import cProfile
import os
import random
import secrets
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsportal.settings")
os.environ["DJANGO_DEBUG"] = "0"
os.environ["DJANGO_ALLOWED_HOSTS"] = os.environ.get("DJANGO_ALLOWED_HOSTS", "") + ",testserver"
os.environ["DJANGO_SECURE_SSL_REDIRECT"] = "0"
os.environ.setdefault("DJANGO_SECRET_KEY", secrets.token_urlsafe(50))
# Production's hashed static names need collected files (collectstatic skips unchanged ones).
os.environ.setdefault("DJANGO_STATIC_ROOT", str(Path(tempfile.gettempdir()) / "newsportal-cold-render-static"))


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--pages", type=int, default=300, help="distinct article pages to render (and up to as many channels)"
    )
    parser.add_argument("--mode", choices=("walk", "empty"), default="walk")
    parser.add_argument(
        "--page-cache", action="store_true", help="page cache on: each page is a miss, built and stored"
    )
    parser.add_argument("--profile", metavar="FILE", help="write a cProfile of the measured article pages to FILE")
    parser.add_argument(
        "--top", type=int, default=0, help="with --profile, print the top N functions by cumulative time"
    )
    return parser.parse_args()


ARGS = parse_args()
os.environ["PAGE_CACHE_ENABLED"] = "1" if ARGS.page_cache else "0"

import django  # noqa: E402

django.setup()

from django.core.cache import cache  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client, override_settings  # noqa: E402

from articles.models import Article  # noqa: E402
from bench.query_counts import channel_paths  # noqa: E402


class QueryCounter:
    def __init__(self):
        self.count = 0

    def __call__(self, execute, sql, params, many, context):
        self.count += 1
        return execute(sql, params, many, context)


# One handler, as in a worker: a new one would load the middleware (and
# whitenoise's scan of every static file) again for each page.
CLIENT = Client()


def render(path, profiler=None):
    """CPU seconds and queries of one request for ``path``, from a cookieless client."""
    if ARGS.mode == "empty":
        cache.clear()
    CLIENT.cookies.clear()
    counter = QueryCounter()
    with connection.execute_wrapper(counter):
        if profiler:
            profiler.enable()
        start = time.process_time()
        response = CLIENT.get(path)
        spent = time.process_time() - start
        if profiler:
            profiler.disable()
    if response.status_code != 200:
        sys.exit(f"{path}: {response.status_code}")
    return spent, counter.count


def measure(path, profiler=None):
    """``render(path)``; in walk mode after one unmeasured render with the page
    cache off, which brings the region-level lists the page reads up to date
    (as the minutely job and earlier pages of the region keep them). Nothing
    of the article's own is kept by it: no page, no fragment."""
    if ARGS.mode == "walk":
        with override_settings(PAGE_CACHE_ENABLED=False):
            render(path)
    return render(path, profiler)


def summary(name, results):
    cpu = sorted(ms * 1000 for ms, _ in results)
    queries = [n for _, n in results]
    p95 = cpu[min(len(cpu) - 1, int(len(cpu) * 0.95))]
    return (
        f"{name:<16} {len(cpu):>5} pages  CPU ms/page mean {statistics.mean(cpu):6.1f}  "
        f"p50 {statistics.median(cpu):6.1f}  p95 {p95:6.1f}  "
        f"queries/page mean {statistics.mean(queries):4.1f} max {max(queries)}"
    )


def main():
    call_command("collectstatic", "--noinput", verbosity=0)
    ids = list(Article.objects.published().values_list("pk", flat=True))
    random.Random(0).shuffle(ids)
    warm_up, measured = ids[:20], ids[20 : 20 + ARGS.pages]
    channels = channel_paths()
    random.Random(0).shuffle(channels)
    channels = channels[: ARGS.pages]
    if len(measured) < ARGS.pages:
        sys.exit(f"only {len(ids)} published articles; fill the database with manage.py bench_seed")
    cache.clear()
    # Imports, compiled templates, URL resolvers: what a worker has after its first pages.
    for pk in warm_up:
        render(f"/article/{pk}/")
    profiler = cProfile.Profile(time.process_time) if ARGS.profile else None
    articles = [measure(f"/article/{pk}/", profiler) for pk in measured]
    pages = [measure(path) for path in channels]
    print(
        f"{Article.objects.published().count()} published articles, mode {ARGS.mode}, "
        f"page cache {'on' if ARGS.page_cache else 'off'}, cache {cache.__class__.__name__}"
    )
    print(summary("article (cold)", articles))
    print(summary("channel p1", pages))
    if profiler:
        profiler.dump_stats(ARGS.profile)
        if ARGS.top:
            import pstats

            pstats.Stats(profiler).sort_stats("cumulative").print_stats(ARGS.top)


if __name__ == "__main__":
    main()
