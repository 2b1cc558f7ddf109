"""A reader comments, a moderator approves, and hostile text stays inert (real Chromium)."""

import os

import pytest
from django.contrib.auth.models import Group
from playwright.sync_api import expect, sync_playwright

from comments.models import Comment
from tests.e2e.chromium import launch
from tests.factories import ArticleFactory, CommentFactory, UserFactory

os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

PENDING = "评论已提交，审核通过后显示"
# Anything that would run if the comment were rendered as HTML.
HOSTILE_NICKNAME = "<b onmouseover=alert(3)>坏人</b>"
HOSTILE_BODY = '<script>alert(1)</script><img src=x onerror=alert(2)>\n<a href="javascript:alert(4)">点我</a>'
# Count every way a script could try to pop something up.
HOOK_ALERTS = """
window.__popups = [];
for (const name of ["alert", "confirm", "prompt"]) {
  window[name] = (...args) => { window.__popups.push([name, ...args]); };
}
"""


@pytest.fixture
def browser(live_server, story):
    # Requested after the database fixtures: once Playwright's event loop runs,
    # Django hands this thread a fresh connection object.
    with sync_playwright() as playwright:
        browser = launch(playwright)
        yield browser
        browser.close()


@pytest.fixture
def story(db):
    article = ArticleFactory(title="乐至县举办柠檬采摘节")
    earlier = CommentFactory(article=article, nickname="老张", body="家乡越来越好了")
    Comment.objects.recount([article.pk])
    moderator = UserFactory(username="alice", is_staff=True)
    moderator.groups.add(Group.objects.get(name="审核员"))
    return article, earlier


def open_page(browser, url):
    page = browser.new_context().new_page()
    page.dialogs = []
    page.on("dialog", lambda dialog: (page.dialogs.append(dialog.message), dialog.dismiss()))
    page.add_init_script(HOOK_ALERTS)
    page.goto(url)
    return page


def post_comment(page, nickname, body):
    page.fill("#comment-nickname", nickname)
    page.fill("#comment-body", body)
    page.click("#comment-form button[type=submit]")
    expect(page.locator("#comment-form .comment-feedback")).to_have_text(PENDING)


def approve_all_in_admin(browser, base_url):
    page = browser.new_context().new_page()
    page.goto(f"{base_url}/admin/login/?next=/admin/comments/comment/")
    page.fill("#id_username", "alice")
    page.fill("#id_password", "newsportal-test")
    page.click("[type=submit]")
    expect(page.locator("#result_list")).to_be_visible()
    # One row by its one-click button, the rest with the bulk action.
    page.locator("button[name=one_click][value^='approve:']").first.click()
    expect(page.locator(".messagelist")).to_contain_text("通过")
    if page.locator("#result_list tbody input.action-select").count():
        page.check("#action-toggle")
        page.select_option("select[name=action]", "approve")
        page.click("button[name=index]")
        expect(page.locator(".messagelist")).to_contain_text("已通过")
    assert not Comment.objects.filter(status=Comment.Status.PENDING).exists()
    page.context.close()


def test_a_comment_and_a_reply_go_through_moderation(live_server, story, browser):
    article, earlier = story
    url = f"{live_server.url}{article.get_absolute_url()}"
    reader = open_page(browser, url)

    post_comment(reader, "小李", "柠檬节办得真好\n明年还来")
    reader.locator(f"#comment-{earlier.pk} .comment-reply").click()
    expect(reader.locator(".comment-replying-to")).to_have_text("老张")
    post_comment(reader, "小李", "同意老张")

    reader.reload()
    expect(reader.locator("#comments")).not_to_contain_text("柠檬节办得真好")
    expect(reader.locator("#comments")).not_to_contain_text("同意老张")

    approve_all_in_admin(browser, live_server.url)

    reader.reload()
    expect(reader.locator("#comments h2")).to_have_text("网友评论（3）")
    expect(reader.locator("#comments .comment-body").filter(has_text="柠檬节办得真好")).to_have_count(1)
    expect(reader.locator(f"#comment-{earlier.pk} .comment-replies")).to_contain_text("同意老张")
    assert reader.dialogs == []


def test_a_script_laden_comment_shows_as_text_and_runs_nothing(live_server, story, browser):
    article, _ = story
    url = f"{live_server.url}{article.get_absolute_url()}"
    reader = open_page(browser, url)

    post_comment(reader, HOSTILE_NICKNAME, HOSTILE_BODY)
    approve_all_in_admin(browser, live_server.url)
    reader.reload()

    hostile = reader.locator(".comment").filter(has_text="坏人")
    expect(hostile.locator(".comment-nickname")).to_have_text(HOSTILE_NICKNAME)
    expect(hostile.locator(".comment-body")).to_contain_text("<script>alert(1)</script>")
    expect(hostile.locator(".comment-body")).to_contain_text('<a href="javascript:alert(4)">点我</a>')
    assert hostile.locator("script, img, a[href^='javascript'], b").count() == 0
    hostile.locator(".comment-nickname").hover()
    hostile.locator(".comment-body").click()
    reader.wait_for_timeout(300)
    assert reader.evaluate("window.__popups") == []
    assert reader.dialogs == []
