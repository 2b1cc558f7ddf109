"""A reader replies, likes and sorts comments on an article page, on a phone and a desktop.

Real headless Chromium against the live server, running static/js/comments.js
on the cached article page. Screenshots go to $E2E_SCREENSHOTS (default
/tmp/newsportal-e2e).
"""

import os
from datetime import timedelta
from pathlib import Path

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from comments.models import Comment
from tests.factories import ArticleFactory, CommentFactory, UserFactory

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

SCREENSHOTS = Path(os.environ.get("E2E_SCREENSHOTS", "/tmp/newsportal-e2e"))
VIEWPORTS = {"phone": {"width": 390, "height": 844}, "desktop": {"width": 1366, "height": 900}}


@pytest.fixture
def thread():
    article = ArticleFactory(title="乐至县举办柠檬采摘节")

    def comment(nickname, body, minutes_ago, likes=0, place="四川", **fields):
        made = CommentFactory(article=article, nickname=nickname, body=body, like_count=likes, ip_place=place, **fields)
        Comment.objects.filter(pk=made.pk).update(created_at=timezone.now() - timedelta(minutes=minutes_ago))
        return made

    favourite = comment("老张", "家乡越来越好了，柠檬节年年都来", 90, likes=4)
    newest = comment("小王", "今年的柠檬特别甜", 5, place="广东")
    middle = comment("李老师", "希望多办几届，带动乡村旅游", 30, likes=1, place="")
    comment("柠檬妹", "同意，去年也来了", 60, parent=favourite, place="北京")
    Comment.objects.recount([article.pk])
    return article, favourite, middle, newest


def order(page):
    return page.locator(".comment-list > li.comment > .comment-meta .comment-nickname").all_inner_texts()


@pytest.mark.parametrize("device", VIEWPORTS)
def test_reply_like_and_sort(browser, live_server, thread, device):
    article, favourite, middle, newest = thread
    context = browser.new_context(viewport=VIEWPORTS[device], locale="zh-CN")
    page = context.new_page()
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(live_server.url + article.get_absolute_url())

    # IP属地 beside each comment that has one; the reply under its comment names it.
    expect(page.locator(f"#comment-{newest.pk} .comment-place")).to_have_text("IP属地：广东")
    expect(page.locator(f"#comment-{middle.pk} .comment-place")).to_have_count(0)
    expect(page.locator(f"#comment-{favourite.pk} .comment-replies .comment-reply-to")).to_have_text("回复 老张")

    # 最热 first, as the server rendered it; 最新 re-orders in place.
    sorter = page.locator(".comment-sort")
    expect(sorter).to_be_visible()
    assert order(page) == ["老张", "李老师", "小王"]
    sorter.get_by_role("button", name="最新").click()
    assert order(page) == ["小王", "李老师", "老张"]
    expect(sorter.get_by_role("button", name="最新")).to_have_attribute("aria-pressed", "true")
    expect(sorter.get_by_role("button", name="最热")).to_have_attribute("aria-pressed", "false")

    # A like counts at once; a second tap takes it back (取消点赞), a third
    # likes again; 最热 then puts the liked comment higher.
    like = page.locator(f"#comment-{newest.pk} > .comment-actions .comment-like")
    like.click()
    expect(like.locator(".comment-like-count")).to_have_text("1")
    expect(like).to_have_class("comment-like liked")
    like.click()
    expect(page.locator(f"#comment-{newest.pk} .comment-like-status")).to_have_text("已取消点赞")
    expect(like.locator(".comment-like-count")).to_have_text("0")
    expect(like).to_have_class("comment-like")
    assert Comment.objects.get(pk=newest.pk).like_count == 0
    like.click()
    expect(page.locator(f"#comment-{newest.pk} .comment-like-status")).to_have_text("点赞成功")
    expect(like.locator(".comment-like-count")).to_have_text("1")
    assert Comment.objects.get(pk=newest.pk).like_count == 1
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.locator("#comments").screenshot(path=str(SCREENSHOTS / f"comments-liked-{device}.png"))
    sorter.get_by_role("button", name="最热").click()
    assert order(page) == ["老张", "小王", "李老师"]  # 1 like each: the newer first

    # A reply to 李老师's comment.
    page.locator(f"#comment-{middle.pk} > .comment-actions .comment-reply").click()
    expect(page.locator(".comment-replying")).to_contain_text("回复 李老师")
    expect(page.locator("#comment-body")).to_be_focused()
    page.fill("#comment-nickname", "乐至人")
    page.fill("#comment-body", "说得对，乡村旅游大有可为")
    page.click("#comment-form button[type=submit]")
    expect(page.locator("#comment-form .comment-feedback")).to_have_text("评论已提交，审核通过后显示")
    expect(page.locator(".comment-replying")).to_be_hidden()
    reply = Comment.objects.get(body="说得对，乡村旅游大有可为")
    assert reply.parent_id == middle.pk and reply.ip_place == ""  # the live server is on 127.0.0.1

    # Approved, it shows under 李老师's comment; the like is on the rebuilt page and remembered.
    reply.approve(UserFactory(username="alice", is_staff=True))
    page.reload()
    expect(page.locator(f"#comment-{middle.pk} .comment-replies")).to_contain_text("说得对，乡村旅游大有可为")
    expect(page.locator(f"#comment-{middle.pk} .comment-replies .comment-reply-to")).to_have_text("回复 李老师")
    expect(like.locator(".comment-like-count")).to_have_text("1")
    expect(like).to_have_class("comment-like liked")
    assert order(page) == ["老张", "小王", "李老师"]

    page.locator("#comments").screenshot(path=str(SCREENSHOTS / f"comments-{device}.png"))
    scroll_width, inner_width = page.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")
    assert scroll_width <= inner_width, f"page is {scroll_width}px wide in a {inner_width}px window"
    assert errors == []
    context.close()
