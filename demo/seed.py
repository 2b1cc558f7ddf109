"""``seed_demo``'s work: regions, newsroom, articles and reader activity, in one transaction.

Idempotent: the planned titles are fixed by the random seed, so a second run
finds them all in the database and creates nothing.
"""

import random
import time
from pathlib import Path

from django.core.management import CommandError, call_command
from django.db import transaction
from django.utils import timezone

from articles.models import Article
from comments import wordlists
from comments.models import SensitiveWord
from demo.accounts import ensure_demo_reader, ensure_newsroom
from demo.ads import ensure_ads
from demo.builder import build_articles, save_dates_and_counters
from demo.engagement import add_comments, add_daily_views, add_recommendations, visible
from demo.local_blocks import ensure_local_blocks
from demo.places import PLACES, ZIYANG_ADCODES
from demo.planner import plan_articles
from demo.video import ensure_video_story
from demo.zhuanti import ensure_topic
from regions.models import Region
from search.indexing import rebuild_search_index

RANDOM_SEED = 512022  # 乐至县's adcode; any fixed number keeps the demo reproducible
DEMO_WORDS = Path(__file__).resolve().parent / "sensitive_words.csv"


def seed_demo(stdout):
    started = time.monotonic()
    regions = ensure_regions(stdout)
    ensure_word_list(stdout)
    with transaction.atomic():
        newsroom = ensure_newsroom()
        if links := ensure_local_blocks(regions, newsroom.columns):
            stdout.write(f"新建友情链接 {links} 个。")
        if ads := ensure_ads(regions):
            stdout.write(f"新建广告 {ads} 条。")
        ensure_demo_reader()
        now = timezone.localtime()
        plans = plan_articles(_rng("articles"), [p for p in PLACES if p.adcode in regions], now)
        existing = set(Article.objects.filter(title__in=[p.story.title for p in plans]).values_list("title", flat=True))
        plans = [p for p in plans if p.story.title not in existing]
        if not plans:
            stdout.write("演示文章已经存在，没有新建。")
            ensure_topic(regions, stdout)
            ensure_video_story(regions, newsroom, stdout)
            return
        articles = build_articles(plans, newsroom, regions)
        pairs = visible(plans, articles, now)
        view_rows = add_daily_views(_rng("views"), pairs, now.date())
        links = add_recommendations(_rng("recommendations"), pairs)
        comments = add_comments(_rng("comments"), pairs, newsroom.users["moderator"], now)
        save_dates_and_counters(articles, plans)
        # bulk_create skipped the search index signal handler.
        rebuild_search_index(Article.objects.filter(pk__in=[a.pk for a in articles]))
        ensure_topic(regions, stdout)
        ensure_video_story(regions, newsroom, stdout)
    stdout.write(
        f"新建文章 {len(articles)} 篇（读者可见 {len(pairs)} 篇），评论 {len(comments)} 条，"
        f"每日阅读记录 {view_rows} 条，新闻推荐 {links} 条，用时 {time.monotonic() - started:.1f} 秒。"
    )


def _rng(phase):
    # One stream per phase: how many draws the view counts take depends on
    # today's date, and that must not change which comments get written.
    # bandit: repeatable demo data, not a secret.
    return random.Random(f"{RANDOM_SEED}:{phase}")  # nosec B311


def ensure_word_list(stdout):
    """The demo's advertising and fraud words (敏感词); words already listed,
    perhaps changed by a moderator, are left as they are."""
    parsed = wordlists.read(DEMO_WORDS.read_bytes(), DEMO_WORDS.name, SensitiveWord.Action.HOLD)
    if parsed.errors:
        raise CommandError(f"{DEMO_WORDS.name}：{'；'.join(parsed.errors)}")
    saved = wordlists.save(parsed.words, update_existing=False)
    if saved.created:
        stdout.write(f"新建演示敏感词 {saved.created} 个（广告、诈骗、赌博类）。")


def ensure_regions(stdout):
    """Regions by adcode for every demo place; loads the national list when 资阳 is missing."""
    if Region.objects.filter(adcode__in=ZIYANG_ADCODES).count() < len(ZIYANG_ADCODES):
        stdout.write("数据库里还没有资阳市的行政区划，先载入全国行政区划……")
        call_command("load_regions", stdout=stdout)
    regions = Region.objects.in_bulk([p.adcode for p in PLACES], field_name="adcode")
    missing = [code for code in ZIYANG_ADCODES if code not in regions]
    if missing:
        raise CommandError(f"找不到行政区划代码 {', '.join(missing)}，请先运行 manage.py load_regions。")
    describe_channels(regions)
    return regions


CHANNEL_DESCRIPTIONS = {
    "512000": "资阳市新闻频道：成渝之心、临空经济区和中国牙谷的最新动态。",
    "512002": "雁江新闻：资阳主城区的民生、交通与蜜柑产业。",
    "512021": "安岳新闻：中国柠檬之都、安岳石刻与乡村振兴一线报道。",
    "512022": "乐至新闻：陈毅故里、蚕桑之乡的身边事。",
}


def describe_channels(regions):
    """Give the demo's channels a description, never overwriting an operator's."""
    for adcode, text in CHANNEL_DESCRIPTIONS.items():
        Region.objects.filter(adcode=adcode, description="").update(description=text)
