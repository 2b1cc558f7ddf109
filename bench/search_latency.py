"""How long does /search/ take? A benchmark, not a test.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/np_bench \\
        .venv/bin/python bench/search_latency.py --generate 5000

With ``--generate N`` it first adds N generated local-news articles inside a
transaction that is rolled back at the end, so the database is left as it was;
without it, it measures whatever articles the database holds (the demo data).
It reports, per query, the median and 95th percentile of the search itself,
uncached (ranking in the database, then the first page's articles and their
highlighting), and of the whole /search/ request (view + template) as a
repeated search sees it, with the ranked ids kept in the cache; and the plan
of one query so the GIN index use is visible.
"""

import argparse
import os
import random
import statistics
import sys
import time
from datetime import timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsportal.settings")

import django

django.setup()

from django.db import connection, transaction  # noqa: E402
from django.db.models import Count  # noqa: E402
from django.test import Client  # noqa: E402
from django.utils import timezone  # noqa: E402

from articles.models import Article  # noqa: E402
from regions.models import Region  # noqa: E402
from search.indexing import build_search_document, refresh_search_vectors  # noqa: E402
from search.query import SearchTerms  # noqa: E402
from search.ranking import ranking_sql, scored_matches  # noqa: E402
from search.results import find_hits  # noqa: E402
from search.views import RESULTS_PER_PAGE  # noqa: E402

QUERIES = ["柠檬", "安岳柠檬", "乡村振兴", "交通 安全", "教育", "村集体经济", "特色农业产业", "不存在的词语组合"]
COUNTIES = [("安岳", "anyue"), ("乐至", "lezhi"), ("雁江", "yanjiang"), ("简阳", "jianyang"), ("射洪", "shehong")]
TOPICS = [
    "柠檬产业",
    "乡村振兴",
    "交通安全",
    "教育均衡",
    "蚕桑养殖",
    "文旅融合",
    "生态环保",
    "医疗服务",
    "招商引资",
    "防汛救灾",
]
EVENTS = ["取得新进展", "工作会议召开", "迎来丰收季", "现场推进会举行", "专项行动启动", "经验交流会召开"]
SENTENCES = [
    "近日，{county}县召开{topic}专题会议，研究部署下一阶段重点工作。",
    "据了解，今年以来全县{topic}工作稳步推进，群众满意度持续提升。",
    "记者在现场看到，工作人员正忙着整理资料，气氛热烈而有序。",
    "{county}县相关负责人表示，将进一步加大投入，推动{topic}高质量发展。",
    "当地村民告诉记者，这几年日子越过越好，家门口就能增收致富。",
    "会议要求，各乡镇要压实责任，确保各项措施落地见效。",
    "下一步，{county}将继续围绕特色农业产业，打造区域公共品牌。",
    "据统计，全县已累计完成投资两亿余元，带动就业三千余人。",
]


def generate(count, seed=7):
    random.seed(seed)
    province, _ = Region.objects.get_or_create(
        adcode="519900",
        defaults={"name": "测试省", "short_name": "测试", "slug": "benchprov", "level": Region.Level.PROVINCE},
    )
    counties = [
        Region.objects.get_or_create(
            adcode=f"5199{index + 1:02d}",
            defaults={
                "name": f"{name}县",
                "short_name": name,
                "slug": slug,
                "level": Region.Level.COUNTY,
                "parent": province,
            },
        )[0]
        for index, (name, slug) in enumerate(COUNTIES)
    ]
    now = timezone.now()
    articles = []
    for _ in range(count):
        region = random.choice(counties)
        topic = random.choice(TOPICS)
        title = f"{region.short_name}{topic}{random.choice(EVENTS)}"
        paragraphs = [
            "".join(
                random.choice(SENTENCES).format(county=region.short_name, topic=random.choice(TOPICS)) for _ in range(4)
            )
            for _ in range(random.randint(3, 8))
        ]
        body = "".join(f"<p>{paragraph}</p>" for paragraph in paragraphs)
        summary = paragraphs[0][:60]
        articles.append(
            Article(
                title=title,
                summary=summary,
                body=body,
                region=region,
                status=Article.Status.PUBLISHED,
                published_at=now - timedelta(minutes=random.randint(1, 365 * 24 * 60)),
                search_document=build_search_document(title, summary, body),
            )
        )
    Article.objects.bulk_create(articles, batch_size=1000)
    refresh_search_vectors(Article.objects.filter(region__in=counties))
    with connection.cursor() as cursor:
        # Fresh rows sit in the GIN pending list until a vacuum; merge them as a live site would have.
        cursor.execute("SELECT gin_clean_pending_list('article_search_gin'::regclass)")
        cursor.execute("ANALYZE articles_article")
    return counties[0]


def busiest_county():
    counties = Region.objects.active().filter(level=Region.Level.COUNTY)
    return counties.annotate(articles_count=Count("articles")).order_by("-articles_count").first()


def timed(function, runs):
    samples = []
    for _ in range(runs):
        started = time.perf_counter()
        function()
        samples.append((time.perf_counter() - started) * 1000)
    samples.sort()
    return statistics.median(samples), samples[max(0, int(len(samples) * 0.95) - 1)]


def search_once(query, region):
    """What /search/ does when the ranking is not in the cache yet."""
    terms = SearchTerms.parse(query)
    ids = [pk for pk, _ in scored_matches(terms, region)]
    return len(ids), find_hits(ids[:RESULTS_PER_PAGE], terms)


def report(runs, region):
    client = Client(HTTP_HOST="127.0.0.1")
    print(f"PostgreSQL, {Article.objects.published().count()} published articles, {runs} runs per query")
    print(f"{'query':<18}{'region':<8}{'hits':>6}{'uncached p50':>14}{'p95':>8}{'page p50':>10}{'p95':>8}   (ms)")
    for query in QUERIES:
        for scope in [None, region]:
            hits, _ = search_once(query, scope)
            search_p50, search_p95 = timed(lambda query=query, scope=scope: search_once(query, scope), runs)
            params = {"q": query, **({"region": scope.adcode} if scope else {})}
            page_p50, page_p95 = timed(lambda params=params: client.get("/search/", params), runs)
            label = scope.short_name if scope else "全站"
            print(
                f"{query:<18}{label:<8}{hits:>6}{search_p50:>14.1f}{search_p95:>8.1f}{page_p50:>10.1f}{page_p95:>8.1f}"
            )
    sql, params = ranking_sql(SearchTerms.parse("安岳柠檬"))
    with connection.cursor() as cursor:
        cursor.execute("EXPLAIN ANALYZE " + sql, params)
        plan = "\n".join(row[0] for row in cursor.fetchall())
    print("\nEXPLAIN ANALYZE for 安岳柠檬:\n" + plan)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--generate", type=int, default=0, help="add this many generated articles (rolled back afterwards)"
    )
    parser.add_argument("--runs", type=int, default=20)
    args = parser.parse_args()
    with transaction.atomic():
        region = generate(args.generate) if args.generate else busiest_county()
        report(args.runs, region)
        transaction.set_rollback(True)


if __name__ == "__main__":
    main()
