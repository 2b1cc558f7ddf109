"""How long article pages take to rebuild right after a publish.

    DATABASE_URL=postgres://.../np_bench1m REDIS_URL=redis://127.0.0.1:6379/10 \
        python bench/after_publish.py [--articles 300] [--publishes 3]

A publish makes stale only the pages that show what changed
(articles.staleness): its channels, its neighbours, pages listing it. This
views ``--articles`` articles from across the archive once (filling every
cache), then, ``--publishes`` times, saves a recent published article as an
edit does (the same announcement as a publish) and views each of them
again, through the WSGI application in this process, page cache on. It prints the latency of those first views after a publish,
and of the same pages with every cache empty (a Redis restart). Not run by the
tests; run it on an otherwise idle machine.
"""

import argparse
import io
import os
import random
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsportal.settings")
os.environ.update(DJANGO_DEBUG="0", DJANGO_SECURE_SSL_REDIRECT="0", DJANGO_ALLOWED_HOSTS="127.0.0.1")
os.environ.setdefault("DJANGO_SECRET_KEY", "bench-after-publish-" + "x" * 40)

import django

django.setup()

from django.core.cache import cache  # noqa: E402

from articles.models import Article  # noqa: E402
from core.pagecache import local_copies  # noqa: E402
from newsportal.wsgi import application  # noqa: E402


def view(path):
    environ = {
        "REQUEST_METHOD": "GET",
        "PATH_INFO": path,
        "QUERY_STRING": "",
        "SERVER_NAME": "127.0.0.1",
        "SERVER_PORT": "80",
        "SERVER_PROTOCOL": "HTTP/1.1",
        "HTTP_HOST": "127.0.0.1",
        "wsgi.url_scheme": "http",
        "wsgi.input": io.BytesIO(),
    }
    status = []
    started = time.perf_counter()
    b"".join(application(environ, lambda line, headers, exc_info=None: status.append(line)))
    elapsed = (time.perf_counter() - started) * 1000
    if not status[0].startswith("200"):
        sys.exit(f"{path}: {status[0]}")
    return elapsed


def summary(label, samples):
    samples = sorted(samples)
    p99 = samples[min(len(samples) - 1, int(len(samples) * 0.99))]
    print(
        f"{label:<34}{len(samples):>6}{statistics.median(samples):>10.1f}{p99:>10.1f}{statistics.mean(samples):>10.1f}"
    )


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=300)
    parser.add_argument("--publishes", type=int, default=3)
    args = parser.parse_args()

    published = Article.objects.published().order_by("-published_at").values_list("pk", flat=True)
    newest = list(published[: args.articles * 200])
    paths = [f"/article/{pk}/" for pk in random.Random(6).sample(newest, min(args.articles, len(newest)))]
    print(f"{Article.objects.count()} articles; {len(paths)} article pages; cache: {cache.__class__.__name__}")
    print(f"{'':<34}{'views':>6}{'p50 ms':>10}{'p99 ms':>10}{'mean ms':>10}")

    cache.clear()
    local_copies.clear()
    summary("every cache empty", [view(path) for path in paths])
    after = []
    for edited in Article.objects.published().order_by("-published_at")[: args.publishes]:
        edited.save()  # announced after it commits, as the admin's save is
        after += [view(path) for path in paths]
    summary("first view after an edit", after)
    summary("cached (page cache hit)", [view(path) for path in paths])


if __name__ == "__main__":
    main()
