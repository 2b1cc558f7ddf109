"""In a real browser: a journalist pastes pictures from another site and saves.

The picture on the "other site" (a loopback server let through by the
test-only ``REMOTE_IMAGE_TEST_ADDRESSES``) comes back in the editor served
from this site's media folder; the one on an internal address (127.0.0.2,
not let through) is named in the warning at the top of the form and is gone
from the body. At a phone's width and a desk's.
"""

import os

import pytest
from django.conf import settings
from django.contrib.auth.models import Permission
from django.urls import path
from django.views.static import serve

from articles.models import Article
from newsportal.urls import urlpatterns as site_urlpatterns
from tests.articles.image_files import image_bytes
from tests.e2e.chromium import launch
from tests.factories import ArticleFactory, UserFactory, sichuan_regions

os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"  # Playwright's sync API runs an event loop

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]
SCREENS = {"phone": {"width": 390, "height": 844}, "desk": {"width": 1366, "height": 900}}


def serve_media(request, path):
    # DEBUG is off under test, so the site's urls do not serve uploads.
    return serve(request, path, document_root=settings.MEDIA_ROOT)


urlpatterns = site_urlpatterns + [path("media/<path:path>", serve_media)]


@pytest.mark.parametrize("screen", SCREENS)
def test_a_pasted_picture_comes_home_and_an_internal_one_is_refused(
    screen,
    live_server,
    settings,
    picture_host,
    tmp_path,
):
    settings.ROOT_URLCONF = __name__
    settings.REMOTE_IMAGE_TEST_ADDRESSES = ["127.0.0.1"]
    wechat = picture_host(routes={"/mmbiz_png/xyz/640?wx_fmt=png": (200, {}, image_bytes("PNG", (640, 360)))})
    internal = picture_host("127.0.0.2", routes={"/admin.png": (200, {}, image_bytes("PNG"))})
    journalist = UserFactory(username="tangbin", is_staff=True)
    journalist.user_permissions.set(
        Permission.objects.filter(codename__in=["add_article", "change_article", "view_article"])
    )
    article = ArticleFactory(region=sichuan_regions().lezhi, created_by=journalist, status=Article.Status.DRAFT)
    pasted = (
        f'<p>从公众号复制来的图片：</p><p><img alt="蚕桑节" src="{wechat.url("/mmbiz_png/xyz/640?wx_fmt=png")}"></p>'
        f'<p><img src="{internal.url("/admin.png")}"></p><p>文字都在。</p>'
    )

    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = launch(playwright)
        page = browser.new_context(viewport=SCREENS[screen]).new_page()
        page.goto(f"{live_server.url}/admin/login/?next=/admin/articles/article/{article.pk}/change/")
        page.fill("#id_username", "tangbin")
        page.fill("#id_password", "newsportal-test")
        page.click("[type=submit]")
        page.wait_for_function(
            "window.CKEDITOR && CKEDITOR.instances.id_body && CKEDITOR.instances.id_body.status === 'ready'"
        )
        page.evaluate("(html) => CKEDITOR.instances.id_body.setData(html)", pasted)
        with page.expect_navigation():
            page.locator("[name=_continue]").click()
        page.wait_for_function(
            "window.CKEDITOR && CKEDITOR.instances.id_body && CKEDITOR.instances.id_body.status === 'ready'"
        )
        warning = page.locator(".messagelist .warning").inner_text()
        page.screenshot(path=str(tmp_path / f"pasted-{screen}.png"), full_page=False)
        shown = (
            page.frame_locator("iframe.cke_wysiwyg_frame")
            .locator("img")
            .evaluate_all(
                """(imgs) => Promise.all(imgs.map((img) => img.complete ? img : new Promise(
                   (done) => img.addEventListener("load", () => done(img), { once: true })))).then(
                   (loaded) => loaded.map((img) => [img.getAttribute("src"), img.naturalWidth]))"""
            )
        )
        browser.close()

    assert "1 张外站图片没能保存到本站" in warning
    assert internal.url("/admin.png") in warning and "内网或本机" in warning
    assert internal.asked == []
    [(src, natural_width)] = shown
    assert src.startswith("/media/uploads/pasted/") and natural_width == 640
    article.refresh_from_db()
    assert src in article.body and "127.0.0." not in article.body and "文字都在" in article.body
