"""From a journalist's draft to a reader's county channel, in real Chromium.

汤斌 (记者) writes about 乐至县 in the admin: CKEditor body with an uploaded
picture, byline, region and tags; he saves and submits. 王编 (编辑) finds it
in the review queue and sends it back with a note. 汤斌 reads the note,
edits, resubmits; 王编 publishes; a reader finds it on /sichuan/ziyang/lezhi/.
"""

import io
import os

import pytest
from PIL import Image

from articles.models import Article
from regions.models import Region
from tests.articles.newsroom import staff
from tests.e2e.chromium import launch
from tests.factories import AuthorFactory, RegionFactory

os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"  # Playwright's sync API runs an event loop

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

PASSWORD = "newsportal-test"
TITLE = "乐至县第三届蚕桑节开幕"
NOTE = "请补充参会蚕农人数和数据来源。"


@pytest.fixture
def chromium():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = launch(playwright)
        yield browser
        browser.close()


@pytest.fixture
def newsroom(db):
    sichuan = RegionFactory(
        name="四川省", short_name="四川", slug="sichuan", adcode="510000", level=Region.Level.PROVINCE
    )
    ziyang = RegionFactory(
        name="资阳市", short_name="资阳", slug="ziyang", adcode="512000", level=Region.Level.CITY, parent=sichuan
    )
    RegionFactory(name="乐至县", short_name="乐至", slug="lezhi", adcode="512022", parent=ziyang)
    journalist = staff("tangbin", "记者", password=PASSWORD)
    AuthorFactory(name="汤斌", user=journalist)
    staff("wangbian", "编辑", password=PASSWORD)


def logged_in(chromium, live_server, username):
    page = chromium.new_context(viewport={"width": 1280, "height": 1000}, locale="zh-CN").new_page()
    page.goto(f"{live_server.url}/admin/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.click("[type=submit]")
    page.wait_for_url(f"{live_server.url}/admin/")
    return page


def choose_in_autocomplete(page, container, text):
    page.locator(f"{container} .select2-selection").first.click()
    page.locator(".select2-search__field").last.fill(text)
    page.locator(".select2-results__option", has_text=text).first.click()


def write_body_with_picture(page, tmp_path):
    page.wait_for_function(
        "window.CKEDITOR && CKEDITOR.instances.id_body && CKEDITOR.instances.id_body.status === 'ready'"
    )
    body = page.frame_locator("iframe.cke_wysiwyg_frame").locator("body")
    body.click()
    page.keyboard.type("9月20日，乐至县第三届蚕桑节在童家镇开幕。")
    page.keyboard.press("Enter")

    picture = tmp_path / "蚕桑节.png"
    buffer = io.BytesIO()
    Image.new("RGB", (64, 48), (30, 140, 60)).save(buffer, "PNG")
    picture.write_bytes(buffer.getvalue())
    page.locator("a.cke_button__image").click()
    page.wait_for_function("CKEDITOR.dialog.getCurrent() !== null")
    page.locator(".cke_dialog_tab", has_text="上传").click()
    page.frame_locator("iframe.cke_dialog_ui_input_file").locator("input[type=file]").set_input_files(picture)
    page.locator("span.cke_dialog_ui_button", has_text="上传到服务器").click()
    page.wait_for_function("CKEDITOR.dialog.getCurrent().getValueOf('info', 'txtUrl') !== ''")
    page.locator("a.cke_dialog_ui_button_ok").click()


def click_button(page, name):
    page.locator(f"[name={name}]").click()
    page.wait_for_load_state()


def open_article(page, live_server, queue=""):
    page.goto(f"{live_server.url}/admin/articles/article/{queue}")
    page.locator("#result_list a", has_text=TITLE).click()


def test_a_story_goes_from_draft_through_review_to_its_county_channel(chromium, live_server, newsroom, tmp_path):
    journalist = logged_in(chromium, live_server, "tangbin")
    journalist.goto(f"{live_server.url}/admin/articles/article/add/")
    journalist.fill("#id_title", TITLE)
    journalist.fill("#id_summary", "千余名蚕农参加开幕式。")
    write_body_with_picture(journalist, tmp_path)
    choose_in_autocomplete(journalist, ".field-region", "乐至县")
    journalist.fill("#id_tags", "蚕桑, 乡村振兴")
    choose_in_autocomplete(journalist, "#byline-group", "汤斌")
    click_button(journalist, "_continue")
    assert journalist.locator(".messagelist .success").count() == 1
    click_button(journalist, "_submit_review")
    assert "待审核" in journalist.locator(".messagelist").inner_text()

    editor = logged_in(chromium, live_server, "wangbian")
    open_article(editor, live_server, "?queue=pending")
    editor.fill("#id_reject_note", NOTE)
    click_button(editor, "_reject")
    assert "已退回" in editor.locator(".messagelist").inner_text()

    journalist.goto(f"{live_server.url}/admin/articles/article/")
    assert NOTE in journalist.locator("#result_list").inner_text()
    open_article(journalist, live_server)
    journalist.fill("#id_summary", "一千二百名蚕农参加开幕式（数据来源：乐至县农业农村局）。")
    click_button(journalist, "_continue")
    click_button(journalist, "_submit_review")

    open_article(editor, live_server, "?queue=pending")
    click_button(editor, "_publish")
    assert "已发布" in editor.locator(".messagelist").inner_text()

    article = Article.objects.get(title=TITLE)
    assert [t.to_status for t in article.transitions.all()] == ["pending", "rejected", "draft", "pending", "published"]
    assert list(article.tags.names().order_by("name")) == sorted(["蚕桑", "乡村振兴"])
    assert article.byline_display() == "汤斌 文"

    reader = chromium.new_context(locale="zh-CN").new_page()
    reader.goto(f"{live_server.url}/sichuan/ziyang/lezhi/")
    reader.locator("a", has_text=TITLE).first.click()
    assert "童家镇开幕" in reader.locator("body").inner_text()
    assert reader.locator("img[src*='/media/uploads/']").count() == 1
