"""A file too big for the server is refused in the browser, and what was typed stays.

The server can only answer such a body with 413 and a page of its own; the
reader's nickname or the journalist's whole article would be gone with it.
"""

import pytest
from django.conf import settings
from django.contrib.auth.models import Group
from django.test import Client
from playwright.sync_api import expect

from members.models import Reader
from tests.e2e.test_reader_journey import SCREENSHOTS, VIEWPORTS
from tests.factories import UserFactory, sichuan_regions


def logged_in_context(browser, live_server, user, device):
    """A browser already logged in as ``user`` (the session made by Django's test client)."""
    client = Client()
    client.force_login(user)
    context = browser.new_context(viewport=VIEWPORTS[device], locale="zh-CN")
    session = client.cookies[settings.SESSION_COOKIE_NAME].value
    context.add_cookies([{"name": settings.SESSION_COOKIE_NAME, "value": session, "url": live_server.url}])
    return context


def big_file(tmp_path, name, size):
    path = tmp_path / name
    path.write_bytes(b"\xff\xd8\xff" + b"\0" * (size - 3))
    return str(path)


@pytest.mark.parametrize("device", VIEWPORTS)
def test_a_reader_picking_a_huge_avatar_keeps_the_new_nickname(browser, live_server, tmp_path, device):
    user = UserFactory(username="13800138000")
    Reader.objects.create(user=user, phone="13800138000", nickname="柠檬姑娘")
    context = logged_in_context(browser, live_server, user, device)
    page = context.new_page()
    sent = []
    page.on("request", lambda request: sent.append(request.method) if request.method == "POST" else None)
    page.goto(live_server.url + "/members/profile/")

    page.fill("#id_nickname", "柠檬哥哥")
    page.set_input_files("#id_avatar", big_file(tmp_path, "huge.jpg", 5 * 1024 * 1024))
    page.click("form.members-form button[type=submit]")

    expect(page.locator(".upload-limit-error")).to_contain_text("共约 5 MB，超过了 3.1 MB 的上限，未提交")
    expect(page.locator("#id_nickname")).to_have_value("柠檬哥哥")
    page.screenshot(path=str(SCREENSHOTS / f"upload-limit-avatar-{device}.png"))
    assert sent == [] and Reader.objects.get(user=user).nickname == "柠檬姑娘"

    # A smaller picture goes through, with the nickname typed before.
    page.set_input_files("#id_avatar", big_file(tmp_path, "small.jpg", 2048))
    expect(page.locator(".upload-limit-error")).to_have_count(0)
    page.click("form.members-form button[type=submit]")
    expect(page.locator("#id_nickname")).to_have_value("柠檬哥哥")
    assert sent == ["POST"]
    context.close()


def test_a_journalist_picking_a_huge_cover_keeps_the_article_typed(browser, live_server, tmp_path):
    sichuan_regions()
    journalist = UserFactory(username="tangbin", is_staff=True)
    journalist.groups.add(Group.objects.get(name="记者"))
    context = logged_in_context(browser, live_server, journalist, "phone")
    page = context.new_page()
    page.goto(live_server.url + "/admin/articles/article/add/")
    page.fill("#id_title", "乐至县柠檬丰收")
    limit = settings.REQUEST_BODY_MAX_BYTES + settings.VIDEO_UPLOAD_MAX_BYTES

    page.set_input_files("#id_cover_image", big_file(tmp_path, "cover.jpg", limit + 1024))
    page.locator("[name=_continue]").click()

    expect(page.locator(".upload-limit-error")).to_contain_text("未提交")
    assert page.url.endswith("/admin/articles/article/add/")
    expect(page.locator("#id_title")).to_have_value("乐至县柠檬丰收")
    page.screenshot(path=str(SCREENSHOTS / "upload-limit-cover-phone.png"))
    context.close()
