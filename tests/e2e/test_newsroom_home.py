"""In a real browser: the admin's home page fits a phone and a desk, for an editor and a moderator."""

import os
from datetime import timedelta

import pytest
from django.utils import timezone

from articles.models import Article
from comments.models import Comment
from tests.articles.newsroom import article_by, staff
from tests.e2e.chromium import launch
from tests.factories import ArticleDailyViewsFactory, CommentFactory

os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"  # Playwright's sync API runs an event loop

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]
SCREENS = {"phone": {"width": 390, "height": 844}, "desk": {"width": 1366, "height": 900}}


@pytest.fixture
def newsroom_day(regions):
    journalist = staff("tangbin", "记者")
    today = timezone.localdate()
    for n in range(8):
        article = article_by(
            journalist, regions["lezhi"], status=Article.Status.PUBLISHED, title=f"乐至县蚕桑节第{n}场活动圆满结束"
        )
        for days_ago in range(n + 2):
            ArticleDailyViewsFactory(
                article=article, day=today - timedelta(days=days_ago), views=100 * (8 - n) + days_ago
            )
        CommentFactory(article=article, status=Comment.Status.PENDING)
    article_by(
        journalist,
        regions["wuhou"],
        status=Article.Status.PENDING,
        submitted_at=timezone.now() - timedelta(hours=4),
    )


@pytest.mark.parametrize("screen", SCREENS)
@pytest.mark.parametrize("role", ["编辑", "审核员"])
def test_the_home_page_fits_the_screen(role, screen, live_server, newsroom_day, tmp_path):
    staff("person", role, password="newsportal-test")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = launch(playwright)
        page = browser.new_context(viewport=SCREENS[screen]).new_page()
        page.goto(f"{live_server.url}/admin/login/?next=/admin/")
        page.fill("#id_username", "person")
        page.fill("#id_password", "newsportal-test")
        page.click("[type=submit]")
        page.wait_for_selector(".newsroom-dashboard")
        overflow = page.evaluate("document.scrollingElement.scrollWidth - window.innerWidth")
        headings = page.locator(".newsroom-dashboard h2").all_inner_texts()
        chart_width = page.locator(".bar-chart").first.bounding_box()["width"] if role == "编辑" else None
        page.screenshot(path=str(tmp_path / f"home-{role}-{screen}.png"), full_page=True)
        browser.close()

    assert overflow <= 0
    if role == "编辑":
        assert headings[:2] == ["待审核", "评论与举报"] and "阅读" in headings
        assert 200 < chart_width <= SCREENS[screen]["width"]
    else:
        assert headings == ["评论与举报"]
