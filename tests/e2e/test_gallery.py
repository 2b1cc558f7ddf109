"""In a real browser: a reader opens an article's photos full screen and moves through them.

On a phone by swiping, on a desk with the arrow keys; "2 / 3" and the
caption follow; tapping the picture shows the original; Esc closes. The
page's strict CSP is on, so this also shows the viewer needs no inline script.
"""

import os

import pytest
from django.conf import settings
from django.urls import path
from django.views.static import serve

from newsportal.urls import urlpatterns as site_urlpatterns
from tests.e2e.chromium import launch
from tests.factories import ArticleFactory, ArticlePhotoFactory, sichuan_regions

os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"  # Playwright's sync API runs an event loop

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def serve_media(request, path):
    return serve(request, path, document_root=settings.MEDIA_ROOT)


urlpatterns = site_urlpatterns + [path("media/<path:path>", serve_media)]


@pytest.fixture
def photo_story(settings):
    settings.ROOT_URLCONF = __name__
    article = ArticleFactory(region=sichuan_regions().lezhi, title="乐至县蚕桑节图集")
    for n, caption in enumerate(["开幕式", "采桑比赛", "蚕茧展"]):
        ArticlePhotoFactory(article=article, caption=caption, sort_order=n)
    return article


def viewer_state(page):
    return page.evaluate(
        """() => {
            const viewer = document.querySelector(".viewer");
            const img = viewer.querySelector(".viewer-img");
            return {open: !viewer.hidden, count: viewer.querySelector(".viewer-count").textContent,
                    caption: viewer.querySelector(".viewer-caption").textContent, src: img.getAttribute("src"),
                    zoomed: viewer.classList.contains("zoomed"), width: viewer.getBoundingClientRect().width};
        }"""
    )


def swipe(page, from_x, to_x):
    page.locator(".viewer-stage").evaluate(
        """(stage, [fromX, toX]) => {
            const touch = (x) => new Touch({identifier: 1, target: stage, clientX: x, clientY: 300});
            stage.dispatchEvent(new TouchEvent("touchstart", {touches: [touch(fromX)], changedTouches: [touch(fromX)], bubbles: true}));
            stage.dispatchEvent(new TouchEvent("touchend", {touches: [], changedTouches: [touch(toX)], bubbles: true}));
        }""",
        [from_x, to_x],
    )


def test_a_phone_reader_swipes_through_the_photos(live_server, photo_story, tmp_path):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = launch(playwright)
        page = browser.new_context(viewport={"width": 390, "height": 844}, has_touch=True).new_page()
        errors = []
        page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
        page.goto(live_server.url + photo_story.get_absolute_url())
        page.locator("figure.photo").nth(1).tap()
        opened = viewer_state(page)
        swipe(page, 300, 80)
        after_left_swipe = viewer_state(page)
        page.screenshot(path=str(tmp_path / "gallery-phone.png"))
        swipe(page, 80, 300)
        swipe(page, 80, 300)
        wrapped = viewer_state(page)
        page.locator(".viewer-img").tap()
        zoomed = viewer_state(page)
        page.locator(".viewer-close").tap()
        closed = viewer_state(page)
        browser.close()

    assert opened["open"] and opened["count"] == "2 / 3" and "采桑比赛" in opened["caption"]
    assert opened["width"] == 390
    assert after_left_swipe["count"] == "3 / 3" and "蚕茧展" in after_left_swipe["caption"]
    assert wrapped["count"] == "1 / 3"
    assert zoomed["zoomed"] and zoomed["src"] == photo_story.photos.order_by("sort_order")[0].image.url
    assert not closed["open"]
    assert not [error for error in errors if "Content Security Policy" in error]


def test_a_desk_reader_uses_the_arrow_keys_and_escape(live_server, photo_story, tmp_path):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = launch(playwright)
        page = browser.new_context(viewport={"width": 1366, "height": 900}).new_page()
        page.goto(live_server.url + photo_story.get_absolute_url())
        page.locator("figure.photo").first.click()
        first = viewer_state(page)
        page.keyboard.press("ArrowRight")
        page.keyboard.press("ArrowRight")
        third = viewer_state(page)
        page.keyboard.press("ArrowLeft")
        second = viewer_state(page)
        page.screenshot(path=str(tmp_path / "gallery-desk.png"))
        page.keyboard.press("Escape")
        closed = viewer_state(page)
        focused = page.evaluate("() => document.activeElement.matches('figure.photo')")
        browser.close()

    assert [first["count"], third["count"], second["count"]] == ["1 / 3", "3 / 3", "2 / 3"]
    assert "/media/" in first["src"] and first["src"] != second["src"]
    assert not closed["open"] and focused
