"""正在编辑 and autosave, in real Chromium at 390 px and 1366 px.

汤斌 is writing 乐至蚕桑节 when 王编 opens it too: each page says who else
has it open, by name; when 王编 closes his tab the name goes from 汤斌's page
at once (the tab's goodbye beacon), and a page that just goes quiet is gone
within three beats. Then 汤斌 types a new title and a line of body, waits for
the autosave, and closes the tab without saving. Opening the story again, he
is offered what he typed; 恢复 puts it back into the form, saving keeps it
and the draft copy is gone. Another time he chooses 丢弃 instead.

The beats and autosaves come every second here (settings), not every 20/30 s.
Screenshots go to $E2E_SCREENSHOTS (default /tmp/newsportal-e2e).
"""

import os
import re
import time
from pathlib import Path

import pytest
from playwright.sync_api import expect

from articles import presence
from articles.models import Article, ArticleDraft
from tests.articles.newsroom import staff
from tests.factories import ArticleFactory, RegionFactory

os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"  # Playwright's sync API runs an event loop

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

SCREENSHOTS = Path(os.environ.get("E2E_SCREENSHOTS", "/tmp/newsportal-e2e"))
VIEWPORTS = {"phone": {"width": 390, "height": 844}, "desktop": {"width": 1366, "height": 900}}
PASSWORD = "newsportal-test"
OLD_TITLE, NEW_TITLE = "乐至蚕桑节开幕", "乐至县第三届蚕桑节在童家镇开幕"
TYPED_LINE = "千余名蚕农参加开幕式。"


@pytest.fixture
def story(db):
    lezhi = RegionFactory(name="乐至县", short_name="乐至", slug="lezhi", adcode="512022")
    journalist = staff("tangbin", "记者", password=PASSWORD, first_name="汤斌")
    staff("wangbian", "编辑", password=PASSWORD, first_name="王编")
    return ArticleFactory(
        title=OLD_TITLE,
        body="<p>9月20日，乐至县第三届蚕桑节开幕。</p>",
        region=lezhi,
        created_by=journalist,
        status=Article.Status.DRAFT,
        published_at=None,
    )


@pytest.fixture
def every_second(settings):
    settings.ARTICLE_PRESENCE_SECONDS = 1
    settings.ARTICLE_AUTOSAVE_SECONDS = 1


def logged_in(browser, live_server, viewport, username):
    context = browser.new_context(viewport=viewport, locale="zh-CN")
    page = context.new_page()
    page.goto(f"{live_server.url}/admin/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.click("[type=submit]")
    page.wait_for_url(f"{live_server.url}/admin/")
    return context, page


def open_change_form(page, live_server, article):
    page.goto(f"{live_server.url}/admin/articles/article/{article.pk}/change/")
    page.wait_for_function(
        "window.CKEDITOR && CKEDITOR.instances.id_body && CKEDITOR.instances.id_body.status === 'ready'"
    )


def body_html(page):
    return page.evaluate("CKEDITOR.instances.id_body.getData()")


def snapshot(page, name):
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=True)


def assert_fits(page, selector):
    width = page.evaluate("window.innerWidth")
    box = page.locator(selector).bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= width, f"{selector} spills out of a {width}px window: {box}"


@pytest.mark.parametrize("device", VIEWPORTS)
def test_each_sees_who_else_is_editing_and_a_closed_tab_goes(browser, live_server, story, every_second, device):
    tangbin_context, tangbin = logged_in(browser, live_server, VIEWPORTS[device], "tangbin")
    wangbian_context, wangbian = logged_in(browser, live_server, VIEWPORTS[device], "wangbian")
    open_change_form(tangbin, live_server, story)
    expect(tangbin.locator("#presence")).to_be_hidden()  # alone so far
    open_change_form(wangbian, live_server, story)

    expect(wangbian.locator("#presence")).to_have_text("汤斌 正在编辑此稿件")
    expect(tangbin.locator("#presence")).to_have_text("王编 正在编辑此稿件", timeout=3000)
    snapshot(tangbin, f"presence-{device}")
    assert_fits(tangbin, "#presence")

    # 王编 closes his tab: the goodbye beacon takes him off at once, well
    # before three missed beats would.
    wangbian.close(run_before_unload=True)
    gone_by = time.monotonic() + 1.5
    while presence.editing_now(story, story.created_by) and time.monotonic() < gone_by:
        time.sleep(0.05)
    assert presence.editing_now(story, story.created_by) == []
    expect(tangbin.locator("#presence")).to_be_hidden(timeout=3000)

    # A page that just goes quiet (a laptop shut) is gone within three beats.
    wangbian = wangbian_context.new_page()
    open_change_form(wangbian, live_server, story)
    expect(tangbin.locator("#presence")).to_have_text("王编 正在编辑此稿件", timeout=3000)
    wangbian_context.set_offline(True)  # neither beats nor goodbye get through
    wangbian.evaluate("window.dispatchEvent(new Event('pagehide'))")
    expect(tangbin.locator("#presence")).to_be_hidden(timeout=3000 * presence.expiry_seconds())
    wangbian_context.close()
    tangbin_context.close()


def write(page, title, line):
    page.fill("#id_title", title)
    page.frame_locator("iframe.cke_wysiwyg_frame").locator("body").click()
    page.keyboard.press("Control+End")
    page.keyboard.press("Enter")
    page.keyboard.type(line)


@pytest.mark.parametrize("device", VIEWPORTS)
def test_typed_work_is_offered_back_after_the_tab_was_closed(browser, live_server, story, every_second, device):
    context, page = logged_in(browser, live_server, VIEWPORTS[device], "tangbin")
    open_change_form(page, live_server, story)
    expect(page.locator(".autosave-offer")).to_have_count(0)
    page.wait_for_timeout(2500)  # two autosave rounds with nothing typed
    assert not ArticleDraft.objects.exists() and page.locator(".autosave-status").inner_text() == ""
    write(page, NEW_TITLE, TYPED_LINE)
    expect(page.locator(".autosave-status")).to_contain_text("自动保存", timeout=5000)
    page.wait_for_function(f"CKEDITOR.instances.id_body.getData().includes({TYPED_LINE!r})")
    expect(page.locator(".autosave-status")).to_have_text(re.compile("^已于 .* 自动保存"), timeout=5000)
    page.wait_for_timeout(1500)  # one more autosave round, so the last keystrokes are in too
    page.close()  # no save

    story.refresh_from_db()
    assert story.title == OLD_TITLE and TYPED_LINE not in story.body  # the article itself is untouched
    draft = ArticleDraft.objects.get(article=story)
    assert draft.fields["title"] == NEW_TITLE and TYPED_LINE in draft.fields["body"]

    page = context.new_page()
    open_change_form(page, live_server, story)
    offer = page.locator(".autosave-offer")
    expect(offer).to_contain_text(re.compile(r"有 \d\d:\d\d 自动保存的未提交内容"))
    assert page.locator("#id_title").input_value() == OLD_TITLE  # nothing filled in until asked
    snapshot(page, f"autosave-offer-{device}")
    assert_fits(page, ".autosave-offer")

    offer.get_by_role("button", name="恢复").click()
    expect(offer).to_have_count(0)
    assert page.locator("#id_title").input_value() == NEW_TITLE
    assert TYPED_LINE in body_html(page) and "蚕桑节开幕" in body_html(page)
    story.refresh_from_db()
    assert story.title == OLD_TITLE  # 恢复 fills the form; it saves nothing

    with page.expect_navigation():
        page.locator("[name=_continue]").click()
    expect(page.locator(".messagelist .success")).to_have_count(1)
    story.refresh_from_db()
    assert story.title == NEW_TITLE and TYPED_LINE in story.body
    assert not ArticleDraft.objects.filter(article=story).exists()
    expect(page.locator(".autosave-offer")).to_have_count(0)
    context.close()


def test_discarding_the_offer_deletes_the_draft(browser, live_server, story, every_second):
    context, page = logged_in(browser, live_server, VIEWPORTS["desktop"], "tangbin")
    open_change_form(page, live_server, story)
    write(page, NEW_TITLE, TYPED_LINE)
    expect(page.locator(".autosave-status")).to_have_text(re.compile("^已于 .* 自动保存"), timeout=5000)
    page.close()

    page = context.new_page()
    open_change_form(page, live_server, story)
    page.locator(".autosave-offer").get_by_role("button", name="丢弃").click()

    expect(page.locator(".autosave-status")).to_have_text("已丢弃自动保存的内容。")
    expect(page.locator(".autosave-offer")).to_have_count(0)
    assert page.locator("#id_title").input_value() == OLD_TITLE
    assert not ArticleDraft.objects.filter(article=story).exists()
    open_change_form(page, live_server, story)
    expect(page.locator(".autosave-offer")).to_have_count(0)  # not offered again
    story.refresh_from_db()
    assert story.title == OLD_TITLE and story.status == Article.Status.DRAFT
    context.close()
