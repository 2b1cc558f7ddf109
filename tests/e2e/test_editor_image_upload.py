"""In a real browser, the journalist's image dialog still uploads through our guarded endpoint.

Proves that CKEditor 4's own request (iframe form, ckCsrfToken cookie and
field, CKEditorFuncNum callback) passes ``articles.uploads.editor_upload``,
and that a refused file comes back as the editor's alert, not a broken page.
"""

import os

import pytest
from django.contrib.auth.models import Permission

from tests.articles.image_files import SVG, image_bytes
from tests.e2e.chromium import launch
from tests.factories import UserFactory

os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"  # Playwright's sync API runs an event loop

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]



@pytest.fixture
def page():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = launch(playwright)
        yield browser.new_page()
        browser.close()


@pytest.fixture
def journalist_page(page, live_server):
    user = UserFactory(username="tangbin", is_staff=True)
    user.user_permissions.set(Permission.objects.filter(codename__in=["add_article", "change_article", "view_article"]))
    page.goto(f"{live_server.url}/admin/login/?next=/admin/articles/article/add/")
    page.fill("#id_username", "tangbin")
    page.fill("#id_password", "newsportal-test")
    page.click("input[type=submit]")
    page.wait_for_function("window.CKEDITOR && CKEDITOR.instances.id_body && CKEDITOR.instances.id_body.status === 'ready'")
    return page


def upload_through_image_dialog(page, tmp_path, name, content):
    """Open 图像 > 上传, choose the file and press 上传到服务器, as a journalist would."""
    picture = tmp_path / name
    picture.write_bytes(content)
    page.evaluate("CKEDITOR.instances.id_body.execCommand('image')")
    page.wait_for_function("CKEDITOR.dialog.getCurrent() !== null")
    page.evaluate("CKEDITOR.dialog.getCurrent().selectPage('Upload')")
    frame = page.frame_locator("iframe.cke_dialog_ui_input_file")
    frame.locator("input[type=file]").set_input_files(picture)
    page.locator("span.cke_dialog_ui_button", has_text="上传到服务器").click()


def test_a_real_picture_goes_into_the_dialog_and_onto_disk(journalist_page, tmp_path, settings):
    upload_through_image_dialog(journalist_page, tmp_path, "会场.png", image_bytes("PNG"))

    journalist_page.wait_for_function("CKEDITOR.dialog.getCurrent().getValueOf('info', 'txtUrl') !== ''")
    url = journalist_page.evaluate("CKEDITOR.dialog.getCurrent().getValueOf('info', 'txtUrl')")
    assert url.startswith("/media/uploads/") and url.endswith(".png")
    assert (settings.MEDIA_ROOT / url.removeprefix("/media/")).is_file()


def test_an_svg_disguised_as_png_is_refused_with_the_message_in_an_alert(journalist_page, tmp_path, settings):
    with journalist_page.expect_event("dialog") as alert:
        upload_through_image_dialog(journalist_page, tmp_path, "logo.png", SVG)

    assert "不是有效的图片" in alert.value.message
    alert.value.dismiss()
    assert not (settings.MEDIA_ROOT / "uploads").exists()
