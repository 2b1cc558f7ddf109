"""A reader signs up with a code, bookmarks, sets a nickname and avatar, comments, finds it all
in 会员中心, and logs out: on a phone (390 px) and a desktop (1366 px).

Real headless Chromium against the live server; the code is read from the
console SMS backend, as a developer reads it from the server's output.
Screenshots go to $E2E_SCREENSHOTS (default /tmp/newsportal-e2e).
"""

import re

import pytest
from django.urls import path
from playwright.sync_api import expect

from comments.models import Comment
from comments.readers import VERIFICATION_REQUIRED_MESSAGE
from members import sms
from newsportal.urls import urlpatterns as site_urlpatterns
from tests.articles.image_files import image_bytes
from tests.e2e.pictures import natural_width
from tests.e2e.test_reader_journey import SCREENSHOTS, VIEWPORTS, serve_media
from tests.factories import ArticleFactory

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

PHONE = "13800138000"
urlpatterns = site_urlpatterns + [path("media/<path:path>", serve_media)]


@pytest.fixture
def article(settings):
    settings.ROOT_URLCONF = __name__
    sms.outbox.clear()
    return ArticleFactory(title="乐至县举办柠檬采摘节，万亩柠檬迎丰收")


def shot(page, name):
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=True)
    scroll_width, inner_width = page.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")
    assert scroll_width <= inner_width, f"{name}: page is {scroll_width}px wide in a {inner_width}px window"


@pytest.mark.parametrize("device", VIEWPORTS)
def test_a_reader_signs_up_by_code_and_uses_the_member_centre(
    browser, live_server, article, device, tmp_path, settings
):
    settings.COMMENT_REQUIRE_VERIFIED = True  # 实名: only a verified number may comment
    context = browser.new_context(viewport=VIEWPORTS[device], locale="zh-CN")
    page = context.new_page()
    article_url = live_server.url + article.get_absolute_url()
    page.goto(article_url)
    expect(page.locator(".account-link")).to_have_text("登录")

    # Before logging in, a comment is refused with the reason, and the text stays.
    page.fill("#comment-nickname", "路人")
    page.fill("#comment-body", "没登录也想说两句")
    page.click("#comment-form button[type=submit]")
    expect(page.locator(".comment-feedback")).to_have_text("提交失败，请按提示修改。")
    expect(page.locator("#comment-form")).to_contain_text(VERIFICATION_REQUIRED_MESSAGE)
    expect(page.locator("#comment-body")).to_have_value("没登录也想说两句")
    assert not Comment.objects.exists()

    # 收藏 leads to the login page first, and back to the article's bookmark after.
    page.click(".bookmark-link")
    expect(page).to_have_url(re.compile(r"/members/login/\?next="))
    page.fill("#id_phone", "138 0013 8000")
    page.click("button[value=send]")
    expect(page.locator(".members-feedback.success")).to_contain_text("验证码已发送到 138****8000")
    expect(page.locator("#id_phone")).to_have_value("138 0013 8000")
    shot(page, f"member-login-{device}")
    page.fill("#id_code", sms.outbox[-1].code)
    page.click("button[value=code]")

    expect(page.locator("h1")).to_have_text("收藏文章")
    page.click("main button[type=submit]")
    expect(page.locator(".members-list")).to_contain_text("乐至县举办柠檬采摘节")

    # Nickname and avatar.
    picture = tmp_path / "me.png"
    picture.write_bytes(image_bytes("PNG", size=(600, 400)))
    page.goto(live_server.url + "/members/profile/")
    page.fill("#id_nickname", "柠檬姑娘")
    page.set_input_files("#id_avatar", str(picture))
    page.click("form.members-form button[type=submit]")
    expect(page.locator(".profile-nickname")).to_have_text("柠檬姑娘")
    expect(page.locator("img.avatar")).to_be_visible()
    assert natural_width(page.locator("img.avatar")) > 0
    shot(page, f"member-profile-{device}")

    # The article page greets the reader from the cookie and comments under the nickname.
    page.goto(article_url)
    expect(page.locator(".account-link")).to_have_text("柠檬姑娘")
    expect(page.locator("#comment-nickname")).to_have_value("柠檬姑娘")
    page.fill("#comment-body", "柠檬又大又香，明年还来！")
    page.click("#comment-form button[type=submit]")
    expect(page.locator(".comment-feedback")).to_have_text("评论已提交，审核通过后显示")
    assert Comment.objects.get().nickname == "柠檬姑娘"
    served = context.request.get(article_url).text()
    assert "柠檬姑娘" not in served and PHONE not in served, "the page's HTML never carries the reader's name"
    shot(page, f"member-article-{device}")

    page.click(".account-link")
    page.click("text=我的评论")
    expect(page.locator(".members-list")).to_contain_text("柠檬又大又香")
    expect(page.locator(".members-list .status")).to_have_text("待审核")
    shot(page, f"member-comments-{device}")

    page.click("text=阅读历史")
    expect(page.locator("#reading-history")).to_contain_text("乐至县举办柠檬采摘节")
    shot(page, f"member-history-{device}")

    # Logging out takes the nickname off every page.
    page.click("text=我的资料")
    page.click("text=退出登录")
    expect(page.locator(".account-link")).to_have_text("登录")
    assert "np_reader" not in {cookie["name"] for cookie in context.cookies()}
    context.close()
