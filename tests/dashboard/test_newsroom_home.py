"""The admin's home page tells each person what waits for them and how the news is read."""

import re
from datetime import timedelta

import pytest
from django.utils import timezone

from articles.models import Article
from comments.models import Comment, CommentReport
from tests.articles.newsroom import article_by, change_url
from tests.factories import ArticleDailyViewsFactory, CommentFactory

S = Article.Status
pytestmark = pytest.mark.django_db


def home(client, user):
    client.force_login(user)
    response = client.get("/admin/")
    assert response.status_code == 200
    return response.content.decode()


def panel(page, heading):
    """The text of the dashboard panel headed ``heading``, tags removed."""
    match = re.search(rf"<section class=\"panel[^\"]*\">\s*<h2>{heading}</h2>(.*?)</section>", page, re.S)
    assert match, f"no panel {heading}"
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", match.group(1)))


def submitted(user, region, hours_ago, **fields):
    return article_by(
        user, region, status=S.PENDING, submitted_at=timezone.now() - timedelta(hours=hours_ago), **fields
    )


def test_a_journalist_sees_their_drafts_and_what_came_back_with_the_note(client, regions, journalist, other_journalist):
    article_by(journalist, regions["lezhi"], title="蚕桑节草稿")
    article_by(journalist, regions["lezhi"], status=S.REJECTED, title="柠檬价格稿", review_note="请补充价格来源")
    submitted(journalist, regions["lezhi"], 1, title="等审的稿子")
    article_by(other_journalist, regions["lezhi"], title="别人的草稿")

    page = home(client, journalist)

    mine = panel(page, "我的稿件")
    assert "蚕桑节草稿" in mine and "柠檬价格稿" in mine and "退回意见：请补充价格来源" in mine
    assert "等审的稿子" in mine
    assert "别人的草稿" not in page
    for editors_panel in ("待审核", "发布量", "阅读", "评论与举报"):  # 记者 only read comments on their own
        assert f"<h2>{editors_panel}</h2>" not in page


def test_an_editor_sees_what_waits_in_their_regions_and_for_how_long(client, regions, journalist, ziyang_editor):
    submitted(journalist, regions["lezhi"], 5)
    submitted(journalist, regions["lezhi"], 2)
    submitted(journalist, regions["wuhou"], 30)  # 成都: not this editor's

    waiting = panel(home(client, ziyang_editor), "待审核")

    assert "2 篇" in waiting
    assert "已等 5" in waiting and "小时" in waiting


def test_an_editor_sees_what_was_published_today_and_this_week_per_region(client, regions, journalist, editor):
    now = timezone.localtime()
    midnight = now.replace(hour=0, minute=0, second=0, microsecond=0)
    for minutes in (1, 2):
        article_by(journalist, regions["lezhi"], status=S.PUBLISHED, published_at=now - timedelta(minutes=minutes))
    if now.weekday() > 0:  # earlier this week, not today
        article_by(journalist, regions["wuhou"], status=S.PUBLISHED, published_at=midnight - timedelta(hours=1))
    article_by(journalist, regions["wuhou"], status=S.PUBLISHED, published_at=midnight - timedelta(days=8))

    published = panel(home(client, editor), "发布量")

    week = 3 if now.weekday() > 0 else 2
    assert f"今天 2 篇 · 本周 {week} 篇" in published
    assert "乐至县 2 2" in published
    assert ("武侯区 0 1" in published) == (now.weekday() > 0)


def test_the_most_read_lists_and_the_chart_come_from_the_daily_views(client, regions, journalist, editor):
    today = timezone.localdate()
    hot, steady = (
        article_by(journalist, regions["lezhi"], status=S.PUBLISHED, title=title) for title in ("今天最热", "一周最热")
    )
    ArticleDailyViewsFactory(article=hot, day=today, views=500)
    ArticleDailyViewsFactory(article=steady, day=today, views=20)
    ArticleDailyViewsFactory(article=steady, day=today - timedelta(days=3), views=900)
    ArticleDailyViewsFactory(article=steady, day=today - timedelta(days=20), views=99_999)  # outside both

    page = home(client, editor)
    reading = panel(page, "阅读")

    today_list = reading.split("今日阅读排行")[1].split("本周阅读排行")[0]
    week_list = reading.split("本周阅读排行")[1]
    assert today_list.index("今天最热 500") < today_list.index("一周最热 20")
    assert week_list.index("一周最热 920") < week_list.index("今天最热 500")
    chart = re.search(r"<svg class=\"bar-chart\".*?</svg>", page, re.S).group(0)
    assert chart.count("<rect") == 14
    values = re.findall(r'class="value">(\d+)<', chart)
    assert values[-1] == "520" and values[-4] == "900" and "99999" not in values


def test_a_moderator_sees_the_comment_queue_and_the_reports_and_nothing_of_the_articles(
    client, regions, journalist, moderator
):
    article = article_by(journalist, regions["lezhi"], status=S.PUBLISHED)
    old = CommentFactory(article=article, status=Comment.Status.PENDING)
    Comment.objects.filter(pk=old.pk).update(created_at=timezone.now() - timedelta(hours=3))
    CommentFactory(article=article, status=Comment.Status.PENDING)
    reported = CommentFactory(article=article, status=Comment.Status.APPROVED)
    CommentReport.objects.create(comment=reported, reason=CommentReport.Reason.SPAM, ip_address="203.0.113.9")

    page = home(client, moderator)

    comments = panel(page, "评论与举报")
    assert "2 条评论待审" in comments and "已等 3" in comments and "1 条举报待处理" in comments
    for article_panel in ("待审核", "发布量", "阅读", "我的稿件"):
        assert f"<h2>{article_panel}</h2>" not in page


def test_the_home_page_costs_a_fixed_number_of_queries(
    client, regions, journalist, superuser, django_assert_max_num_queries
):
    for n in range(12):
        article = article_by(journalist, regions["lezhi"], status=S.PUBLISHED, title=f"稿件{n}")
        ArticleDailyViewsFactory(article=article, day=timezone.localdate(), views=n)
        submitted(journalist, regions["wuhou"], n)
    client.force_login(superuser)

    with django_assert_max_num_queries(18):
        assert client.get("/admin/").status_code == 200


def test_an_articles_change_page_shows_its_views_per_day_and_its_comments(client, regions, journalist, editor):
    article = article_by(journalist, regions["lezhi"], status=S.PUBLISHED)
    ArticleDailyViewsFactory(article=article, day=timezone.localdate() - timedelta(days=1), views=321)
    Article.objects.filter(pk=article.pk).update(view_count=4321, comment_count=7)
    client.force_login(editor)

    page = client.get(change_url(article)).content.decode()

    assert "累计阅读 4321 · 已通过的评论 7 条" in page
    chart = re.search(r"<svg class=\"bar-chart\".*?</svg>", page, re.S).group(0)
    assert re.findall(r'class="value">(\d+)<', chart)[-2:] == ["321", "0"]


def test_an_editor_sees_how_many_comments_wait_without_links_to_tools_they_cannot_use(
    client, regions, journalist, editor
):
    CommentFactory(article=article_by(journalist, regions["lezhi"], status=S.PUBLISHED), status=Comment.Status.PENDING)

    page = home(client, editor)

    assert "1 条评论待审" in panel(page, "评论与举报")
    assert "/admin/comments/commentreport/" not in page
