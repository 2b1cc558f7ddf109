"""Publish a new article every few seconds, as a busy newsroom does.

    DATABASE_URL=postgres://... python bench/publisher.py [--every 10] [--seconds 60]

Run by ``bench/run`` beside the "article walk while publishing" row, with the
server's environment. Each publish is a copy of the region's newest article
(new title, pending review) published by an editor through
``Article.publish``, so it announces what it changed exactly as a publish in
the admin does. Prints one line per publish; stops after ``--seconds``.
"""

import argparse
import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsportal.settings")

import django

django.setup()

from django.contrib.auth import get_user_model  # noqa: E402
from django.db.models import Count  # noqa: E402

from articles.models import Article  # noqa: E402


def busiest_region_id():
    return (
        Article.objects.published()
        .values("region_id")
        .annotate(n=Count("pk"))
        .order_by("-n")
        .values_list("region_id", flat=True)
        .first()
    )


def publish_copy(region_id, editor, number):
    article = Article.objects.published().filter(region_id=region_id).order_by("-published_at", "-pk").first()
    article.pk = None
    article._state.adding = True
    article.title = f"{article.title[:40]}（压测发布{number}）"
    article.status = Article.Status.PENDING
    article.published_at = None
    article.is_featured = article.is_pinned = False
    article.featured_until = article.pinned_until = None
    article.view_count = 0
    article.save()
    article.publish(editor)
    return article


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--every", type=float, default=10.0)
    parser.add_argument("--seconds", type=float, default=60.0)
    args = parser.parse_args()
    editor, _ = get_user_model().objects.get_or_create(
        username="bench-publisher", defaults={"is_staff": True, "is_superuser": True}
    )
    region_id = busiest_region_id()
    ends = time.monotonic() + args.seconds
    number = 0
    while time.monotonic() < ends:
        number += 1
        started = time.monotonic()
        article = publish_copy(region_id, editor, number)
        print(f"published {article.get_absolute_url()} in {time.monotonic() - started:.3f} s", flush=True)
        time.sleep(max(0.0, min(args.every - (time.monotonic() - started), ends - time.monotonic())))


if __name__ == "__main__":
    main()
