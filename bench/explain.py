"""EXPLAIN ANALYZE every query of the benchmark's pages, slowest first.

    DATABASE_URL=postgres://.../np_bench1m python bench/explain.py [--plans] [URL ...]

Each page is requested once through Django's test client with an empty local
cache (so side lists and navigation run their queries too); every captured
query is then run again under EXPLAIN (ANALYZE, BUFFERS) and listed with its
execution time. ``--plans`` prints the plans of queries slower than 5 ms.
Used to find what grows with the number of articles; not run by the tests.
"""

import argparse
import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsportal.settings")
os.environ["DJANGO_ALLOWED_HOSTS"] = os.environ.get("DJANGO_ALLOWED_HOSTS", "") + ",testserver"
os.environ.pop("REDIS_URL", None)

import django

django.setup()

from django.core.cache import cache  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

from bench.query_counts import page_urls  # noqa: E402

SLOW_MS = 5.0


def explain(sql):
    with connection.cursor() as cursor:
        cursor.execute("EXPLAIN (ANALYZE, BUFFERS) " + sql)
        plan = [row[0] for row in cursor.fetchall()]
    total = next(float(line.split()[2]) for line in plan if line.startswith("Execution Time"))
    return total, plan


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--plans", action="store_true")
    parser.add_argument("urls", nargs="*")
    args = parser.parse_args()
    urls = {url: url for url in args.urls} or {k: v for k, v in page_urls().items() if k != "static"}
    client = Client()
    for name, url in urls.items():
        cache.clear()
        with CaptureQueriesContext(connection) as captured:
            status = client.get(url).status_code
        timed = sorted(
            ((*explain(q["sql"]), q["sql"]) for q in captured.captured_queries if q["sql"].startswith("SELECT")),
            key=lambda item: -item[0],
        )
        total = sum(t for t, _, _ in timed)
        print(f"\n== {name} {url}  HTTP {status}  {len(captured.captured_queries)} queries, {total:.1f} ms in SQL")
        for ms, plan, sql in timed[:6]:
            print(f"  {ms:8.1f} ms  {sql[:150]}")
            if args.plans and ms > SLOW_MS:
                print("\n".join("            " + line for line in plan))


if __name__ == "__main__":
    main()
