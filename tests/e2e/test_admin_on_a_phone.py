"""The newsroom on a phone (390 px) and on a desk (1366 px), in real Chromium.

汤斌 (记者) files from his county on a phone: title, body, region, his byline
and a photo in the stacked inline rows, then 提交审核. 王编 (编辑), also on a
phone, opens the review queue, previews one story, sends it back with a note
and publishes the other. 孙审 (审核员) works the comment queue at night: each
comment is a card the width of the screen, long nicknames stay on one line,
and 通过 / 拒绝 / 垃圾 are one tap each. On a 1366 px desk the same pages keep
their table and side-by-side layout. Nothing scrolls sideways.
"""

import io
import os
from pathlib import Path

import pytest
from PIL import Image
from playwright.sync_api import expect

from articles.models import Article
from comments.models import Comment
from regions.models import Region
from tests.articles.newsroom import staff
from tests.factories import ArticleFactory, AuthorFactory, CommentFactory, RegionFactory

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

SCREENSHOTS = Path(os.environ.get("E2E_SCREENSHOTS", "/tmp/newsportal-e2e"))
PHONE = {"width": 390, "height": 844}
DESK = {"width": 1366, "height": 900}
PASSWORD = "newsportal-test"
THUMB = 40  # px: the smallest button height a thumb hits without zooming
LONG_NICKNAMES = ["乐至县童家镇热心网友老王", "资阳雁江区的柠檬种植户", "川中读者"]


@pytest.fixture
def newsroom(db):
    sichuan = RegionFactory(
        name="四川省", short_name="四川", slug="sichuan", adcode="510000", level=Region.Level.PROVINCE
    )
    ziyang = RegionFactory(
        name="资阳市", short_name="资阳", slug="ziyang", adcode="512000", level=Region.Level.CITY, parent=sichuan
    )
    lezhi = RegionFactory(name="乐至县", short_name="乐至", slug="lezhi", adcode="512022", parent=ziyang)
    journalist = staff("tangbin", "记者", password=PASSWORD)
    AuthorFactory(name="汤斌", user=journalist)
    staff("wangbian", "编辑", password=PASSWORD)
    staff("sunshen", "审核员", password=PASSWORD)
    return lezhi, journalist


def logged_in(browser, live_server, username, viewport):
    page = browser.new_context(viewport=viewport, locale="zh-CN").new_page()
    page.goto(f"{live_server.url}/admin/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.click("[type=submit]")
    page.wait_for_url(f"{live_server.url}/admin/")
    return page


def snapshot(page, name):
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=True)


def assert_no_sideways_scroll(page):
    scroll_width, width = page.evaluate("[document.documentElement.scrollWidth, innerWidth]")
    assert scroll_width <= width, f"{page.url} scrolls sideways: {scroll_width}px in a {width}px window"


def assert_tappable(locator):
    box = locator.bounding_box()
    width = locator.page.evaluate("innerWidth")
    assert box["height"] >= THUMB, f"{locator} is {box['height']}px tall"
    assert box["x"] >= 0 and box["x"] + box["width"] <= width, f"{locator} is outside the screen: {box}"


def wait_for_editor(page):
    page.wait_for_function(
        "window.CKEDITOR && CKEDITOR.instances.id_body && CKEDITOR.instances.id_body.status === 'ready'"
    )


def choose_in_autocomplete(page, container, text):
    page.locator(f"{container} .select2-selection").first.click()
    page.locator(".select2-search__field").last.fill(text)
    page.locator(".select2-results__option", has_text=text).first.click()


def picture(tmp_path):
    path = tmp_path / "tongjia.png"
    buffer = io.BytesIO()
    Image.new("RGB", (64, 48), (200, 160, 40)).save(buffer, "PNG")
    path.write_bytes(buffer.getvalue())
    return path


def test_a_journalist_files_a_story_with_photo_and_byline_from_a_phone(browser, live_server, newsroom, tmp_path):
    page = logged_in(browser, live_server, "tangbin", PHONE)
    page.goto(f"{live_server.url}/admin/articles/article/add/")
    wait_for_editor(page)
    assert_no_sideways_scroll(page)

    page.fill("#id_title", "童家镇蚕桑节开幕")
    page.fill("#id_summary", "千余名蚕农参加开幕式。")
    page.frame_locator("iframe.cke_wysiwyg_frame").locator("body").click()
    page.keyboard.type("9月20日，乐至县第三届蚕桑节在童家镇开幕。")
    choose_in_autocomplete(page, ".field-region", "乐至县")

    # The inline rows are stacked: each field of a byline or photo is as wide as the screen allows.
    choose_in_autocomplete(page, "#byline-group", "汤斌")
    page.set_input_files("#id_photos-0-image", picture(tmp_path))
    page.fill("#id_photos-0-caption", "开幕式现场")
    for field in ["#byline-group .field-role select", "#id_photos-0-caption", "#id_photos-0-credit"]:
        box = page.locator(field).first.bounding_box()
        assert box["width"] >= 250 and box["x"] + box["width"] <= PHONE["width"], f"{field}: {box}"
    add_photo = page.locator("#photos-group a.add-row")
    assert_tappable(add_photo)
    add_photo.click()
    expect(page.locator("#id_photos-1-caption")).to_be_visible()
    assert_no_sideways_scroll(page)
    snapshot(page, "phone-article-form")

    save = page.locator("[name=_continue]")
    assert_tappable(save)
    save.click()
    expect(page.locator(".messagelist .success")).to_have_count(1)
    submit = page.locator("input[name=_submit_review]")
    assert_tappable(submit)
    submit.click()
    expect(page.locator(".messagelist")).to_contain_text("待审核")

    article = Article.objects.get(title="童家镇蚕桑节开幕")
    assert article.status == Article.Status.PENDING
    assert article.byline_display() == "汤斌 文"
    assert [photo.caption for photo in article.photos.all()] == ["开幕式现场"]


def test_an_editor_previews_rejects_and_publishes_from_a_phone(browser, live_server, newsroom):
    lezhi, journalist = newsroom
    doubtful = ArticleFactory(
        title="柠檬价格上涨", region=lezhi, created_by=journalist, status=Article.Status.PENDING, published_at=None
    )
    ready = ArticleFactory(
        title="童家镇新桥通车", region=lezhi, created_by=journalist, status=Article.Status.PENDING, published_at=None
    )
    page = logged_in(browser, live_server, "wangbian", PHONE)
    page.goto(f"{live_server.url}/admin/articles/article/?queue=pending")
    assert_no_sideways_scroll(page)
    rows = page.locator("#result_list tr.data-row")
    expect(rows).to_have_count(2)
    assert page.evaluate("getComputedStyle(document.querySelector('#result_list tr.data-row')).display") == "block"

    rows.filter(has_text="柠檬价格上涨").locator("a", has_text="柠檬价格上涨").click()
    wait_for_editor(page)
    assert_no_sideways_scroll(page)
    with page.context.expect_page() as preview:
        page.locator("a.workflow-button", has_text="预览").click()
    expect(preview.value.locator(".preview-banner")).to_contain_text("读者现在看不到这篇文章")
    preview.value.close()

    page.fill("#id_reject_note", "请补充价格来源。")
    reject = page.locator("input[name=_reject]")
    assert_tappable(reject)
    reject.click()
    expect(page.locator(".messagelist")).to_contain_text("已退回")
    doubtful.refresh_from_db()
    assert (doubtful.status, doubtful.review_note) == (Article.Status.REJECTED, "请补充价格来源。")

    page.goto(f"{live_server.url}/admin/articles/article/{ready.pk}/change/")
    wait_for_editor(page)
    publish = page.locator("input[name=_publish]")
    assert_tappable(publish)
    snapshot(page, "phone-article-review")
    publish.click()
    expect(page.locator(".messagelist")).to_contain_text("已发布")
    ready.refresh_from_db()
    assert ready.status == Article.Status.PUBLISHED


def test_a_moderator_decides_each_comment_with_one_tap_on_its_card(browser, live_server, newsroom):
    lezhi, _ = newsroom
    article = ArticleFactory(title="乐至县举办柠檬采摘节", region=lezhi)
    approve, reject, spam = (
        CommentFactory(
            article=article, nickname=name, body="柠檬节办得真好，明年还带家里人来采摘！" * 2, status="pending"
        )
        for name in LONG_NICKNAMES
    )
    Comment.objects.recount([article.pk])
    page = logged_in(browser, live_server, "sunshen", PHONE)
    page.goto(f"{live_server.url}/admin/comments/comment/")
    assert_no_sideways_scroll(page)
    snapshot(page, "phone-comment-queue")

    cards = page.locator("#result_list tr.data-row")
    expect(cards).to_have_count(3)
    for card in cards.all():
        box = card.bounding_box()
        assert card.evaluate("row => getComputedStyle(row).display") == "block"  # a card, not a table row
        assert box["width"] >= PHONE["width"] - 60 and box["x"] + box["width"] <= PHONE["width"]
        # No field of the card is squeezed into a column: each takes the card's width.
        narrowest = card.evaluate("row => Math.min(...[...row.cells].map(cell => cell.getBoundingClientRect().width))")
        assert narrowest >= box["width"] - 4, f"a field is {narrowest}px wide in a {box['width']}px card"
        # The nickname is one line, not one character a line.
        lines = card.locator("td.field-nickname").evaluate(
            "cell => { const range = document.createRange(); range.selectNodeContents(cell);"
            " return new Set([...range.getClientRects()].map(rect => Math.round(rect.top))).size; }"
        )
        assert lines == 1, f"the nickname wraps onto {lines} lines"

    for comment, decision, message in [
        (approve, "approve", "通过"),
        (reject, "reject", "拒绝"),
        (spam, "mark_spam", "垃圾"),
    ]:
        button = page.locator(f"button[name=one_click][value='{decision}:{comment.pk}']")
        assert_tappable(button)
        button.click()
        expect(page.locator(".messagelist")).to_contain_text(message)
        comment.refresh_from_db()
        assert comment.status == {"approve": "approved", "reject": "rejected", "mark_spam": "spam"}[decision]
    expect(cards).to_have_count(0)  # the pending queue is empty


def test_the_desk_keeps_its_table_and_dashboard(browser, live_server, newsroom):
    lezhi, journalist = newsroom
    article = ArticleFactory(title="乐至县举办柠檬采摘节", region=lezhi, created_by=journalist)
    for name in LONG_NICKNAMES:
        CommentFactory(article=article, nickname=name, body="柠檬节办得真好！", status="pending")
    Comment.objects.recount([article.pk])

    editor = logged_in(browser, live_server, "wangbian", DESK)
    expect(editor.locator(".newsroom-dashboard")).to_be_visible()
    assert_no_sideways_scroll(editor)
    snapshot(editor, "desk-dashboard")
    editor.goto(f"{live_server.url}/admin/articles/article/{article.pk}/change/")
    wait_for_editor(editor)
    assert_no_sideways_scroll(editor)
    snapshot(editor, "desk-article-form")

    moderator = logged_in(browser, live_server, "sunshen", DESK)
    snapshot(moderator, "desk-dashboard-moderator")
    moderator.goto(f"{live_server.url}/admin/comments/comment/")
    assert moderator.evaluate("getComputedStyle(document.getElementById('result_list')).display") == "table"
    assert_no_sideways_scroll(moderator)
    snapshot(moderator, "desk-comment-queue")
    first = Comment.objects.filter(nickname=LONG_NICKNAMES[0]).get()
    moderator.locator(f"button[name=one_click][value='approve:{first.pk}']").click()
    expect(moderator.locator(".messagelist")).to_contain_text("通过")
    first.refresh_from_db()
    assert first.status == Comment.Status.APPROVED

    phone = logged_in(browser, live_server, "wangbian", PHONE)
    expect(phone.locator(".newsroom-dashboard")).to_be_visible()
    assert_no_sideways_scroll(phone)
    snapshot(phone, "phone-dashboard")
