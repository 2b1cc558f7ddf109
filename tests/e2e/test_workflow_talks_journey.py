"""In a real browser: a journalist reads the editor's note at the top, watches 字数 as they type,
submits, takes the submission back with 撤回, and finds the notice in the header. Phone and desk."""

import os

import pytest

from articles.models import Article
from tests.articles.newsroom import article_by, staff
from tests.e2e.chromium import launch

os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"  # Playwright's sync API runs an event loop

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]
SCREENS = {"phone": {"width": 390, "height": 844}, "desk": {"width": 1366, "height": 900}}
EDITOR_READY = "window.CKEDITOR && CKEDITOR.instances.id_body && CKEDITOR.instances.id_body.status === 'ready'"


@pytest.mark.parametrize("screen", SCREENS)
def test_a_rejected_article_goes_back_and_forth(screen, live_server, regions, tmp_path):
    journalist = staff("tangbin", "记者", password="newsportal-test")
    editor = staff("wangbian", "编辑")
    article = article_by(journalist, regions["lezhi"], status=Article.Status.PENDING, body="<p>柠檬丰收。</p>")
    article.reject(editor, "请补充价格来源")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = launch(playwright)
        page = browser.new_context(viewport=SCREENS[screen]).new_page()
        page.goto(f"{live_server.url}/admin/login/?next=/admin/")
        page.fill("#id_username", "tangbin")
        page.fill("#id_password", "newsportal-test")
        page.click("[type=submit]")
        header = page.locator("#user-tools").inner_text()
        page.locator("a.notice-link").click()
        page.locator("#result_list a", has_text="请补充价格来源").click()  # opens the article, marks it read
        page.wait_for_function(EDITOR_READY)
        note_box = page.locator(".review-note-top").bounding_box()
        title_box = page.locator("#id_title").bounding_box()
        counted_before = page.locator(".word-count").inner_text()
        page.evaluate(
            "CKEDITOR.instances.id_body.setData('<p>柠檬丰收，每斤三元。</p><p>来源：乐至县农业农村局。</p>')"
        )
        page.wait_for_function("document.querySelector('.word-count').textContent.includes('字数 22')")
        page.screenshot(path=str(tmp_path / f"rejected-{screen}.png"))
        with page.expect_navigation():
            page.locator("input[name=_submit_review]").click()
        with page.expect_navigation():
            page.locator("form.recall button").click()
        message = page.locator(".messagelist").inner_text()
        header_after = page.locator("#user-tools").inner_text()
        browser.close()

    assert "通知 (1)" in header
    assert note_box["y"] < title_box["y"] and note_box["x"] + note_box["width"] <= SCREENS[screen]["width"]
    assert counted_before == "字数 5 · 约 1 分钟读完"
    assert "已撤回，改回草稿" in message
    assert "通知 (" not in header_after
    article.refresh_from_db()
    assert article.status == Article.Status.DRAFT and "每斤三元" in article.body
