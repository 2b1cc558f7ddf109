"""A newcomer runs `make run`: seed_demo fills an empty database with a lived-in news site.

The seed runs once for the whole module (regions included) inside a
transaction that is rolled back at the end, so no other test sees its data.
"""

import io
import random
import re
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.core.files import File
from django.core.management import call_command
from django.db import transaction
from django.db.models import Count, F, Q
from django.test import override_settings
from django.utils import timezone
from PIL import Image
from taggit.models import Tag

from articles import videos
from articles.models import (
    Article,
    ArticleDailyViews,
    ArticlePhoto,
    ArticleTransition,
    Author,
    Byline,
    Column,
    Source,
    TaggedArticle,
)
from articles.sanitize import sanitize_body
from comments import sensitive
from comments.models import Comment, SensitiveWord
from demo import video as demo_video
from demo.catalog import DEMO_PASSWORD
from demo.places import PLACES
from demo.planner import plan_articles
from regions.models import Region

pytestmark = pytest.mark.django_db

# A figure a reader would check against the body: an amount with its unit, or
# an ordinal (第3届). 万元 and 亿元 are matched whole, so 5万元 is not 5元.
TITLE_FIGURE = re.compile(
    r"第\d+[届次批]|\d+(?:\.\d+)?(?:万|亿)?(?:元|%|亩|吨|公里|人次|名|人|个|户|家|单|条|间|处|册|年|辆|座|张)"
)
STAFF_ROLES = {"editor": "编辑", "journalist": "记者", "moderator": "审核员"}
ZIYANG = {"512000": "资阳市", "512002": "雁江区", "512021": "安岳县", "512022": "乐至县"}
COUNTED_MODELS = (
    Region, get_user_model(), Source, Author, Column, Article, Byline, ArticlePhoto, Tag, TaggedArticle,
    ArticleTransition, ArticleDailyViews, Comment, Article.recommended.through, SensitiveWord,
)  # fmt: skip


@dataclass
class Demo:
    media_root: Path
    output: str


def seed(*args):
    out = io.StringIO()
    call_command("seed_demo", *args, stdout=out)
    return out.getvalue()


def row_counts():
    return {model.__name__: model.objects.count() for model in COUNTED_MODELS}


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker, tmp_path_factory):
    """`make run` on an empty database: `seed_demo --if-empty`, which also loads the regions."""
    media_root = tmp_path_factory.mktemp("demo-media")
    outer = transaction.atomic()
    with django_db_blocker.unblock():
        outer.__enter__()
    try:
        with django_db_blocker.unblock(), override_settings(MEDIA_ROOT=media_root):
            output = seed("--if-empty")
        yield Demo(media_root, output)
    finally:
        with django_db_blocker.unblock():
            transaction.set_rollback(True)
            outer.__exit__(None, None, None)


def test_the_demo_accounts_can_log_in_with_their_roles(demo, client):
    User = get_user_model()
    admin = User.objects.get(username="admin")
    assert admin.is_superuser and admin.is_staff
    for username, group in STAFF_ROLES.items():
        user = User.objects.get(username=username)
        assert user.is_staff and user.is_active and not user.is_superuser
        assert list(user.groups.values_list("name", flat=True)) == [group]
    for username in ["admin", *STAFF_ROLES]:
        assert client.login(username=username, password=DEMO_PASSWORD), username
    assert DEMO_PASSWORD in demo.output and "journalist" in demo.output


def test_the_journalist_account_writes_under_its_own_byline(demo):
    author = Author.objects.get(user__username="journalist")
    assert Byline.objects.filter(author=author).exists()
    assert Article.objects.filter(created_by__username="journalist", status=Article.Status.PENDING).exists()


def test_readers_find_over_two_hundred_recent_articles_across_ziyang(demo):
    published = Article.objects.published()
    assert published.count() >= 200
    for adcode, name in ZIYANG.items():
        assert published.filter(region__adcode=adcode).count() >= 10, name
    assert published.exclude(region__adcode__in=ZIYANG).exists()  # other Sichuan places too
    oldest = timezone.now() - timedelta(days=62)
    assert not published.filter(published_at__lt=oldest).exists()
    assert Column.objects.annotate(n=Count("articles")).filter(n=0).count() == 0


def test_articles_read_like_local_news(demo):
    article = Article.objects.published().filter(region__adcode="512021").first()
    assert article.summary and article.body.count("<p>") >= 3
    bodies = Article.objects.values_list("body", flat=True)
    assert all(sanitize_body(body) == body for body in bodies)
    assert Article.objects.exclude(subtitle="").exists()
    tags_per_article = Article.objects.annotate(n=Count("tagged_items")).values_list("n", flat=True)
    assert set(tags_per_article) <= {2, 3, 4}
    assert Article.objects.published().filter(is_featured=True).exists()
    assert Article.recommended.through.objects.exists()


def test_every_figure_in_a_title_is_the_one_in_its_body(demo):
    # "突破50万元" over a body saying 70万元 is the demo contradicting itself.
    disagreeing = []
    for title, body in Article.objects.values_list("title", "body"):
        # Preceded by no digit: a title's 50万元 is not found in a body's 150万元.
        missing = [
            figure for figure in TITLE_FIGURE.findall(title) if not re.search(rf"(?<![\d.]){re.escape(figure)}", body)
        ]
        if missing:
            disagreeing.append((title, missing))
    assert disagreeing == []
    assert Article.objects.filter(title__regex=TITLE_FIGURE.pattern).count() > 50


def test_demo_figures_are_plausible(demo):
    texts = [" ".join(row) for row in Article.objects.values_list("title", "subtitle", "body")]
    insured = [float(rate) for text in texts for rate in re.findall(r"参保率(?:达到?|为)?(\d+(?:\.\d+)?)%", text)]
    assert insured and min(insured) >= 95
    shares = [int(n) for text in texts for n in re.findall(r"(?:完成年度目标的|机收率达|已完成)(\d+)%", text)]
    assert shares and max(shares) <= 100


def test_no_place_is_named_twice_in_a_row(demo):
    names = {place.short for place in PLACES}
    doubled = [
        (text[:30], name)
        for row in Article.objects.values_list("title", "subtitle", "summary", "body")
        for text in row
        for name in names
        if name * 2 in text
    ]
    assert doubled == []


def test_bylines_show_text_and_picture_roles(demo):
    roles = Byline.Role
    text_and_picture = Byline.objects.filter(role=roles.PICTURE).filter(
        article__byline__author=F("author"), article__byline__role=roles.TEXT
    )
    assert text_and_picture.exists()  # "汤斌 文/图"
    assert Byline.objects.filter(role=roles.PHOTOGRAPHY).exists()
    assert Byline.objects.filter(role=roles.EDITOR).exists()
    assert Source.objects.filter(name="四川经济日报", articles__isnull=False).exists()


def test_the_review_queue_has_work_in_every_state(demo):
    Status = Article.Status
    pending = Article.objects.filter(status=Status.PENDING)
    assert pending.exists()
    assert not pending.filter(Q(submitted_by=None) | Q(submitted_at=None)).exists()
    rejected = Article.objects.filter(status=Status.REJECTED)
    assert rejected.exists() and not rejected.filter(review_note="").exists()
    assert Article.objects.filter(status=Status.DRAFT).exists()
    assert ArticleTransition.objects.filter(to_status=Status.REJECTED).exists()


def test_comments_come_in_every_status_with_replies_under_approved_ones(demo):
    for status in Comment.Status:
        assert Comment.objects.filter(status=status).exists(), status
    replies = Comment.objects.exclude(parent=None)
    assert replies.exists()
    assert not replies.exclude(parent__status=Comment.Status.APPROVED).exists()
    assert not replies.filter(parent__parent__isnull=False).exists()  # one level only
    assert not Comment.objects.filter(created_at__gt=timezone.now()).exists()
    moderated = Comment.objects.exclude(status=Comment.Status.PENDING)
    assert not moderated.filter(Q(moderated_by=None) | Q(moderated_at=None)).exists()


def test_comment_count_is_the_number_of_approved_comments(demo):
    approved = Count("comments", filter=Q(comments__status=Comment.Status.APPROVED))
    articles = Article.objects.annotate(approved=approved)
    assert articles.filter(comment_count__gt=0).count() > 50
    assert list(articles.exclude(comment_count=F("approved"))) == []


def test_hot_lists_have_recent_view_data(demo):
    week_ago = timezone.localdate() - timedelta(days=7)
    assert ArticleDailyViews.objects.filter(day__gte=week_ago).count() > 50
    read = Article.objects.annotate(daily=Count("daily_views")).filter(daily__gt=0)
    for article in read[:20]:
        assert article.view_count >= sum(article.daily_views.values_list("views", flat=True))


def test_covers_and_photo_sets_are_real_jpegs(demo):
    covers = list(Article.objects.exclude(cover_image="").values_list("cover_image", flat=True))
    photos = ArticlePhoto.objects.all()
    assert len(covers) > 100
    assert photos.values("article").distinct().count() > 10
    assert not photos.filter(Q(caption="") | Q(credit="")).exists()
    for name in covers[:10] + [photo.image.name for photo in photos[:10]]:
        path = demo.media_root / name
        assert path.stat().st_size < 200_000
        with Image.open(path) as image:
            image.verify()
            assert image.format == "JPEG" and image.size == (1200, 800)


def test_moderators_start_with_a_list_of_advertising_and_fraud_words(demo):
    listed = set(SensitiveWord.objects.values_list("word", flat=True))
    assert {"代开发票", "加微信", "刷单", "六合彩", "办证", "贷款"} <= listed
    assert "敏感词" in demo.output
    assert sensitive.check("加薇信").held and sensitive.check("代開發票").rejected


def test_a_second_run_creates_nothing(demo):
    before = row_counts()
    output = seed()
    assert row_counts() == before
    assert "没有新建" in output


def test_if_empty_leaves_a_filled_database_alone(demo):
    before = row_counts()
    assert "跳过" in seed("--if-empty")
    assert row_counts() == before


def test_the_same_seed_plans_the_same_articles():
    now = timezone.localtime()
    first = plan_articles(random.Random(7), PLACES, now)
    second = plan_articles(random.Random(7), PLACES, now)
    assert [p.story.title for p in first] == [p.story.title for p in second]
    assert len({p.story.title for p in first}) == len(first)


def test_the_demo_has_a_zhuanti_with_two_sections_of_published_news(demo, client, settings):
    from topics.models import Topic

    settings.MEDIA_ROOT = demo.media_root
    topic = Topic.objects.published().get()
    assert [s.heading for s in topic.sections.all()] == ["记者走基层", "乐至最新"] and topic.banner
    page = client.get(topic.get_absolute_url()).content.decode()
    chosen = topic.sections.first().chosen.select_related("article")
    assert chosen and all(row.article.title in page for row in chosen)
    assert "本文收录于专题" in client.get(chosen[0].article.get_absolute_url()).content.decode()


def test_the_demo_has_one_video_story_with_a_real_mp4_and_its_poster(demo, client, settings):
    settings.MEDIA_ROOT = demo.media_root
    [story] = Article.objects.published().exclude(video="")

    assert "新建视频新闻" in demo.output
    assert (story.video_width, story.video_height, story.video_length) == (640, 360, "0:05")
    assert videos.inspect_video(File(story.video.open("rb"), name=story.video.path)).duration == pytest.approx(
        5, abs=0.1
    )
    with Image.open(demo.media_root / story.video_poster.name) as poster:
        assert poster.format == "JPEG"
    page = client.get(story.get_absolute_url()).content.decode()
    assert '<video playsinline controls preload="none"' in page and story.video.url in page


def test_without_ffmpeg_the_seed_skips_the_video_with_one_line(monkeypatch):
    monkeypatch.setattr(demo_video, "tools_missing", lambda: ["ffprobe", "ffmpeg"])
    monkeypatch.setattr(demo_video, "TITLE", "没有 ffmpeg 时的视频新闻")
    out = io.StringIO()

    demo_video.ensure_video_story({demo_video.LEZHI: Region(pk=1)}, newsroom=None, stdout=out)

    assert out.getvalue() == "没有找到 ffprobe、ffmpeg（Debian 软件包 ffmpeg），跳过演示视频。"


def test_the_demo_has_an_ad_in_every_slot(demo, client, settings):
    from ads.models import Ad

    settings.MEDIA_ROOT = demo.media_root
    ads = {ad.slot: ad for ad in Ad.objects.prefetch_related("regions")}
    assert set(ads) == {"header", "sidebar", "article", "list"}
    with Image.open(ads["header"].image.path) as banner:
        assert (banner.format, banner.size) == ("JPEG", (1200, 200))
    assert (ads["article"].position, ads["list"].position) == (2, 8)
    assert [r.name for r in ads["article"].regions.all()] == ["乐至县"]
    lezhi_story = Article.objects.published().filter(region__adcode="512022").first()
    page = client.get(lezhi_story.get_absolute_url()).content.decode()
    assert all(ad.title in page for ad in (ads["header"], ads["sidebar"], ads["article"]))
    assert page.count('<span class="ad-label">广告</span>') >= 3
    seed()
    assert Ad.objects.count() == 4
