"""In a real browser, the journalist's image dialog still uploads through our guarded endpoint.

Proves that CKEditor 4's own request (iframe form, ckCsrfToken cookie and
field, CKEditorFuncNum callback) passes ``articles.uploads.editor_upload``,
that a refused file comes back as the editor's alert, not a broken page, and
that the picture the dialog puts in the body keeps its shape on a phone.
"""

import os

import pytest
from django.conf import settings
from django.contrib.auth.models import Permission
from django.urls import path
from django.views.static import serve

from newsportal.urls import urlpatterns as site_urlpatterns
from tests.articles.image_files import SVG, image_bytes
from tests.e2e.chromium import launch
from tests.factories import ArticleFactory, UserFactory, sichuan_regions

os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"  # Playwright's sync API runs an event loop

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]
PHONE = {"width": 390, "height": 844}


def serve_media(request, path):
    # DEBUG is off under test, so the site's urls do not serve uploads.
    return serve(request, path, document_root=settings.MEDIA_ROOT)


urlpatterns = site_urlpatterns + [path("media/<path:path>", serve_media)]


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
    page.click("[type=submit]")
    page.wait_for_function(
        "window.CKEDITOR && CKEDITOR.instances.id_body && CKEDITOR.instances.id_body.status === 'ready'"
    )
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


def shown_size(page, selector):
    """(rendered width, height, file width, height, the file the browser chose) of a picture, once loaded."""
    picture = page.locator(selector)
    picture.scroll_into_view_if_needed()  # a lazy picture loads once in view
    # A function, not a string: the site's CSP refuses the eval a string predicate needs.
    return picture.evaluate(
        """async (img) => {
            if (!img.complete) await new Promise((loaded) => img.addEventListener("load", loaded, { once: true }));
            const box = img.getBoundingClientRect();
            return [box.width, box.height, img.naturalWidth, img.naturalHeight, img.currentSrc];
        }"""
    )


def test_a_dialog_picture_keeps_its_proportions_on_a_phone(journalist_page, live_server, tmp_path, settings):
    settings.ROOT_URLCONF = __name__
    upload_through_image_dialog(journalist_page, tmp_path, "huichang.jpg", image_bytes("JPEG", (1200, 800)))
    # The dialog fills in the picture's size once it has loaded it, then 确定 puts it in the body.
    journalist_page.wait_for_function("CKEDITOR.dialog.getCurrent().getValueOf('info', 'txtHeight') !== ''")
    journalist_page.evaluate("CKEDITOR.dialog.getCurrent().click('ok')")
    body = journalist_page.evaluate("CKEDITOR.instances.id_body.getData()")
    assert "height:800px" in body.replace(" ", "")  # what squashed it before
    article = ArticleFactory(region=sichuan_regions().lezhi, body=body)

    phone = journalist_page.context.browser.new_context(viewport=PHONE, device_scale_factor=2)
    reader = phone.new_page()
    reader.goto(live_server.url + article.get_absolute_url())
    width, height, file_width, file_height, chosen = shown_size(reader, ".article-body img")
    phone.close()

    assert width <= PHONE["width"]
    assert width / height == pytest.approx(1200 / 800, rel=0.01)
    assert file_width / file_height == pytest.approx(1200 / 800, rel=0.01)
    assert "/media/cache/" in chosen  # a copy from the srcset, not the 1200 px original


def test_a_picture_saved_with_a_fixed_height_before_the_fix_keeps_its_proportions_too(page, live_server, settings):
    from django.core.files.base import ContentFile
    from django.core.files.storage import default_storage

    from articles.models import Article

    settings.ROOT_URLCONF = __name__
    name = default_storage.save("uploads/2025/12/01/old.jpg", ContentFile(image_bytes("JPEG", (1200, 800))))
    article = ArticleFactory(region=sichuan_regions().lezhi)
    # update() skips save() and so the sanitizer, as the bodies stored before it dropped heights.
    old_body = f'<p><img alt="" src="/media/{name}" style="height:800px;width:1200px"></p>'
    Article.objects.filter(pk=article.pk).update(body=old_body)

    phone = page.context.browser.new_context(viewport=PHONE)
    reader = phone.new_page()
    reader.goto(live_server.url + article.get_absolute_url())
    width, height, *_ = shown_size(reader, ".article-body img")
    phone.close()

    assert width <= PHONE["width"]
    assert width / height == pytest.approx(1200 / 800, rel=0.01)
