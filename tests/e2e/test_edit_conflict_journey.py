"""Two tabs on one article, and a rollback, in real Chromium at 390 px and 1366 px.

王编 opens 乐至蚕桑节 in two tabs. Tab A changes the title and saves. Tab B,
still showing the old title, changes the summary and saves: nothing is saved,
tab B shows the conflict table with A's title beside its own, the side that
changed each field already chosen; leaving the page now asks first. Tab B
saves again and both changes are kept. Then 王编 rolls the story back to its
first version from the history: the words go back, the 头条 stays.

Screenshots go to $E2E_SCREENSHOTS (default /tmp/newsportal-e2e).
"""

import os
from pathlib import Path

import pytest

from articles.models import Article
from regions.models import Region
from tests.articles.newsroom import staff
from tests.factories import ArticleFactory, RegionFactory

os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"  # Playwright's sync API runs an event loop

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

SCREENSHOTS = Path(os.environ.get("E2E_SCREENSHOTS", "/tmp/newsportal-e2e"))
VIEWPORTS = {"phone": {"width": 390, "height": 844}, "desktop": {"width": 1366, "height": 900}}
PASSWORD = "newsportal-test"
OLD_TITLE, NEW_TITLE = "乐至蚕桑节开幕", "乐至县第三届蚕桑节在童家镇开幕"
B_SUMMARY = "千余名蚕农参加开幕式，现场签约蚕茧收购订单两百余份。"


@pytest.fixture
def story(db):
    sichuan = RegionFactory(
        name="四川省", short_name="四川", slug="sichuan", adcode="510000", level=Region.Level.PROVINCE
    )
    ziyang = RegionFactory(
        name="资阳市", short_name="资阳", slug="ziyang", adcode="512000", level=Region.Level.CITY, parent=sichuan
    )
    lezhi = RegionFactory(name="乐至县", short_name="乐至", slug="lezhi", adcode="512022", parent=ziyang)
    editor = staff("wangbian", "编辑", password=PASSWORD)
    return ArticleFactory(
        title=OLD_TITLE,
        summary="开幕式在童家镇举行。",
        body="<p>9月20日，乐至县第三届蚕桑节开幕。</p><p>蚕农带来了新茧。</p>",
        region=lezhi,
        created_by=editor,
        is_featured=True,
    )


def logged_in_context(browser, live_server, viewport):
    context = browser.new_context(viewport=viewport, locale="zh-CN")
    page = context.new_page()
    page.goto(f"{live_server.url}/admin/login/")
    page.fill("#id_username", "wangbian")
    page.fill("#id_password", PASSWORD)
    page.click("[type=submit]")
    page.wait_for_url(f"{live_server.url}/admin/")
    return context, page


def open_change_form(page, url):
    page.goto(url)
    page.wait_for_function(
        "window.CKEDITOR && CKEDITOR.instances.id_body && CKEDITOR.instances.id_body.status === 'ready'"
    )


def save_and_continue(page):
    with page.expect_navigation():
        page.locator("[name=_continue]").click()
    page.wait_for_load_state()


def snapshot(page, name):
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=True)


def assert_fits(page, selector):
    width = page.evaluate("window.innerWidth")
    box = page.locator(selector).bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= width, f"{selector} spills out of a {width}px window: {box}"


@pytest.mark.parametrize("device", VIEWPORTS)
def test_the_second_tab_chooses_instead_of_overwriting(browser, live_server, story, device):
    context, tab_a = logged_in_context(browser, live_server, VIEWPORTS[device])
    tab_b = context.new_page()
    url = f"{live_server.url}/admin/articles/article/{story.pk}/change/"
    open_change_form(tab_a, url)
    open_change_form(tab_b, url)

    tab_a.fill("#id_title", NEW_TITLE)
    save_and_continue(tab_a)
    assert tab_a.locator(".messagelist .success").count() == 1

    tab_b.fill("#id_summary", B_SUMMARY)
    save_and_continue(tab_b)

    conflict = tab_b.locator("#edit-conflict")
    assert conflict.is_visible()
    assert "保存冲突" in tab_b.locator(".errornote, .errorlist").first.inner_text() or "为免覆盖" in tab_b.content()
    assert [row.inner_text().strip() for row in conflict.locator("tbody th").all()] == ["标题", "摘要"]
    assert NEW_TITLE in conflict.inner_text() and B_SUMMARY in conflict.inner_text()
    assert tab_b.locator("#id_summary").input_value() == B_SUMMARY  # what was typed is still in the form
    assert tab_b.locator("input[name=keep_title][value=theirs]").is_checked()
    assert tab_b.locator("input[name=keep_summary][value=mine]").is_checked()
    conflict.scroll_into_view_if_needed()
    snapshot(tab_b, f"edit-conflict-{device}")
    assert_fits(tab_b, "#edit-conflict")
    story.refresh_from_db()
    assert (story.title, story.summary) == (NEW_TITLE, "开幕式在童家镇举行。")

    # Leaving with typed, unsaved work asks first; staying keeps it all.
    asked = []
    tab_b.on("dialog", lambda dialog: (asked.append(dialog.type), dialog.dismiss()))
    tab_b.locator("input[name=keep_title][value=theirs]").click()  # a person's tap: the browser may now ask
    tab_b.locator("#header-inner h1 a").first.click()
    tab_b.wait_for_timeout(300)
    assert asked == ["beforeunload"] and tab_b.url == url

    save_and_continue(tab_b)
    assert tab_b.locator(".messagelist .success").count() == 1 and asked == ["beforeunload"]
    story.refresh_from_db()
    assert (story.title, story.summary) == (NEW_TITLE, B_SUMMARY)
    context.close()


@pytest.mark.parametrize("device", VIEWPORTS)
def test_an_untouched_form_leaves_without_asking(browser, live_server, story, device):
    context, page = logged_in_context(browser, live_server, VIEWPORTS[device])
    asked = []
    page.on("dialog", lambda dialog: (asked.append(dialog.type), dialog.accept()))
    open_change_form(page, f"{live_server.url}/admin/articles/article/{story.pk}/change/")
    page.locator("#id_title").click()  # focus only, nothing typed

    away = page.locator("#header-inner h1 a").first  # the header's trail back to the app
    href = away.get_attribute("href")
    away.click()
    page.wait_for_url(f"{live_server.url}{href}")

    assert asked == []
    context.close()


@pytest.mark.parametrize("device", VIEWPORTS)
def test_rolling_back_from_the_history_keeps_the_top_story(browser, live_server, story, device):
    context, page = logged_in_context(browser, live_server, VIEWPORTS[device])
    url = f"{live_server.url}/admin/articles/article/{story.pk}/change/"
    open_change_form(page, url)
    save_and_continue(page)  # the first version, as written
    open_change_form(page, url)
    page.fill("#id_title", NEW_TITLE)
    save_and_continue(page)

    page.goto(f"{url.removesuffix('change/')}history/")
    page.locator("#change-history a", has_text="回滚到此版本").first.click()
    page.wait_for_load_state()
    assert "- " + NEW_TITLE in page.locator("#content-main").inner_text()
    snapshot(page, f"rollback-confirm-{device}")
    assert_fits(page, "#content-main")
    with page.expect_navigation():
        page.locator("input[type=submit][value=确认回滚]").click()

    assert "已回滚到" in page.locator(".messagelist").inner_text()
    assert page.locator("#id_title").input_value() == OLD_TITLE
    story.refresh_from_db()
    assert story.title == OLD_TITLE and story.is_featured and story.status == Article.Status.PUBLISHED
    context.close()
