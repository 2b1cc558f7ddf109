"""Print, as JSON, the URL of each page class and what one request to it costs.

Run by ``bench/run`` with the same environment as the server under test (DEBUG
off, same database and cache). Each page is requested twice through Django's
test client: the first request shows the uncached cost, the second what a warm
cache leaves; both counts are SQL queries on every database alias.
"""

import json
import os
import random
import sys
from pathlib import Path
from urllib.parse import quote

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsportal.settings")
os.environ["DJANGO_ALLOWED_HOSTS"] = os.environ.get("DJANGO_ALLOWED_HOSTS", "") + ",testserver"

import django

django.setup()

from contextlib import ExitStack  # noqa: E402

from django.contrib.staticfiles.storage import staticfiles_storage  # noqa: E402
from django.db import connections  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from taggit.models import Tag  # noqa: E402

from articles.models import Article  # noqa: E402


def page_urls():
    article = Article.objects.published().order_by("-published_at", "-pk").only("pk").first()
    tag = Tag.objects.filter(name="柠檬产业").first()
    return {
        "static": staticfiles_storage.url("css/site.css"),
        "home": "/",
        "city channel p1": "/sichuan/ziyang/",
        # Ziyang has some 160 pages of news at 10k articles (so page 200 is a
        # 404 there) and 800 at 1M; the province has 470 and 47,000.
        "city channel p200": "/sichuan/ziyang/?page=200",
        "province p200": "/sichuan/?page=200",
        "tag p1": f"/tag/{quote(tag.slug)}/" if tag else "/tag/none/",
        "article": f"/article/{article.pk}/" if article else "/article/0/",
        "search": "/search/?q=" + quote("柠檬"),
        # wrk walks bench/walk.lua's list (walk_paths); this is only its first page.
        "search new words": "/search/?q=" + quote(varied_search_queries()[0]),
        "article walk": f"/article/{article.pk}/" if article else "/article/0/",
        "article walk while publishing": f"/article/{article.pk}/" if article else "/article/0/",
        "channel walk": channel_paths()[0] if channel_paths() else "/",
        "rss": "/feeds/latest/",
    }


def varied_search_queries():
    """County + subject pairs (安岳 柠檬产业 ...): thousands of different searches."""
    from demo.bench_vocabulary import SUBJECTS
    from regions.models import Region

    counties = Region.objects.filter(level=Region.Level.COUNTY, articles__isnull=False).distinct()
    names = list(counties.order_by("adcode").values_list("short_name", flat=True)) or ["资阳"]
    pairs = [f"{name} {subject}" for subject in SUBJECTS for name in names]
    # Shuffled (the same way every run), so the stretch of pairs a 10-second
    # step reaches mixes every subject: in subject order it covered only eight
    # of the 37, and its p99 depended on which eight.
    random.Random(0).shuffle(pairs)
    return pairs


def channel_paths():
    """Page 1 of every region channel with news."""
    from regions.models import Region

    with_news = Region.objects.filter(pk__in=Article.objects.published().values("region_id").distinct())
    regions = {
        region for county in with_news.select_related("parent__parent") for region in [*county.ancestors(), county]
    }
    return sorted(region.get_absolute_url() for region in regions)


def walk_paths(name):
    """The pages a walking row asks for, each once, in a fixed shuffle."""
    if name == "search new words":
        return ["/search/?q=" + quote(query) for query in varied_search_queries()]
    if name == "channel walk":
        paths = channel_paths()
        random.Random(0).shuffle(paths)
        return paths
    ids = list(Article.objects.published().values_list("pk", flat=True))
    random.Random(0).shuffle(ids)
    return [f"/article/{pk}/" for pk in ids]


def cost(client, url):
    """Status code, queries on all aliases, and how many of them went to a replica."""
    with ExitStack() as stack:
        captured = {alias: stack.enter_context(CaptureQueriesContext(connections[alias])) for alias in connections}
        response = client.get(url)
    counts = {alias: len(context.captured_queries) for alias, context in captured.items()}
    return response.status_code, sum(counts.values()), sum(n for alias, n in counts.items() if alias != "default")


def main():
    if sys.argv[1:2] == ["--walk"]:
        print("\n".join(walk_paths(sys.argv[2])))
        return
    client = Client()
    report = {}
    names = sys.argv[1:]
    for name, url in page_urls().items():
        if names and name not in names:
            continue
        status, first, on_replicas = cost(client, url)
        second = cost(client, url)[1]
        report[name] = {
            "url": url,
            "status": status,
            "queries": first,
            "queries_warm": second,
            "queries_on_replicas": on_replicas,
        }
    json.dump(report, sys.stdout, ensure_ascii=False)


if __name__ == "__main__":
    main()
