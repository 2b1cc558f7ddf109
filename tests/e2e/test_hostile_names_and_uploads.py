"""In Chromium: a punctuation tag no longer breaks the article page, and a
polyglot picture reaches the browser as a picture only (issue 23, items 1 and 4).

Before, the article page of an article tagged ``……`` answered 500, and the
media folder served a JPEG carrying ``<img src=x onerror=…>`` byte for byte.
"""

import pytest
from django.conf import settings
from django.contrib.auth.models import Group
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import path
from django.views.static import serve

from newsportal.urls import urlpatterns as site_urlpatterns
from tests.articles.image_files import IMG_ONERROR, PHP_SHORT_TAG, gif_with_comment, jpeg_with_comment
from tests.factories import ArticleFactory, UserFactory, sichuan_regions

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def serve_media(request, path):
    # DEBUG is off under test, so the site's urls do not serve uploads.
    return serve(request, path, document_root=settings.MEDIA_ROOT)


urlpatterns = site_urlpatterns + [path("media/<path:path>", serve_media)]


def test_a_reader_opens_an_article_tagged_with_punctuation_and_follows_the_tag(page, live_server):
    article = ArticleFactory(title="乐至县举办柠檬节", region=sichuan_regions().lezhi)
    article.tags.add(">", "……", "！！", "柠檬")

    response = page.goto(live_server.url + article.get_absolute_url())

    assert response.status == 200
    assert page.locator("h1").inner_text() == "乐至县举办柠檬节"
    assert set(page.locator(".tags a").all_inner_texts()) == {">", "……", "！！", "柠檬"}
    page.locator(".tags a", has_text="……").click()
    page.wait_for_load_state()
    assert "/tag/tag-" in page.url
    assert page.locator("h1").inner_text() == "标签：……"
    assert page.get_by_role("link", name="乐至县举办柠檬节").count() >= 1


def test_a_polyglot_cover_reaches_the_browser_as_a_picture_only(page, live_server, settings):
    settings.ROOT_URLCONF = __name__
    article = ArticleFactory(title="乐至县举办柠檬节", region=sichuan_regions().lezhi)
    article.cover_image = SimpleUploadedFile("shell.php.jpg", jpeg_with_comment(IMG_ONERROR, size=(800, 600)))
    article.save()

    page.goto(live_server.url + article.get_absolute_url())
    shown = page.locator("article img").first
    shown.scroll_into_view_if_needed()
    src = shown.evaluate(
        """async (img) => {
            if (!img.complete) await new Promise((loaded) => img.addEventListener("load", loaded, { once: true }));
            return img.naturalWidth > 0 ? img.currentSrc : "";
        }"""
    )
    original = page.locator('meta[property="og:image"]').get_attribute("content")

    assert src, "the cover did not load"
    for url in {src, original.replace(settings.SITE_URL, live_server.url)}:
        served = page.request.get(url)
        assert served.status == 200 and served.headers["content-type"] == "image/jpeg", url
        assert IMG_ONERROR not in served.body(), url
    assert "shell" not in original and original.endswith(".jpg")


def test_a_gif_dropped_into_the_editor_is_served_without_its_php(page, live_server, settings, tmp_path):
    settings.ROOT_URLCONF = __name__
    journalist = UserFactory(username="tangbin", is_staff=True)
    journalist.groups.add(Group.objects.get(name="记者"))
    page.goto(f"{live_server.url}/admin/login/?next=/admin/articles/article/add/")
    page.fill("#id_username", "tangbin")
    page.fill("#id_password", "newsportal-test")
    page.click("[type=submit]")
    page.wait_for_function(
        "window.CKEDITOR && CKEDITOR.instances.id_body && CKEDITOR.instances.id_body.status === 'ready'"
    )
    picture = tmp_path / "shell.php.gif"
    picture.write_bytes(gif_with_comment(PHP_SHORT_TAG))

    page.evaluate("CKEDITOR.instances.id_body.execCommand('image')")
    page.wait_for_function("CKEDITOR.dialog.getCurrent() !== null")
    page.evaluate("CKEDITOR.dialog.getCurrent().selectPage('Upload')")
    page.frame_locator("iframe.cke_dialog_ui_input_file").locator("input[type=file]").set_input_files(picture)
    page.locator("span.cke_dialog_ui_button", has_text="上传到服务器").click()
    page.wait_for_function("CKEDITOR.dialog.getCurrent().getValueOf('info', 'txtUrl') !== ''")
    url = page.evaluate("CKEDITOR.dialog.getCurrent().getValueOf('info', 'txtUrl')")

    assert "shell" not in url and url.endswith(".gif")
    served = page.request.get(live_server.url + url)
    assert served.status == 200 and served.headers["content-type"] == "image/gif"
    assert PHP_SHORT_TAG not in served.body()
