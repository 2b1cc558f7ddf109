"""In a real browser: a reader taps 图文看点 in the menu and scrolls large photo cards, on a phone and a desk."""

import os
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import path
from django.views.static import serve

from newsportal.urls import urlpatterns as site_urlpatterns
from tests.e2e.chromium import launch
from tests.factories import ArticleFactory, ArticlePhotoFactory, sichuan_regions

os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"  # Playwright's sync API runs an event loop

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

SCREENSHOTS = Path(os.environ.get("E2E_SCREENSHOTS", "/tmp/newsportal-e2e"))
VIEWPORTS = {"phone": {"width": 390, "height": 844}, "desktop": {"width": 1366, "height": 900}}


def serve_media(request, path):
    return serve(request, path, document_root=settings.MEDIA_ROOT)


urlpatterns = site_urlpatterns + [path("media/<path:path>", serve_media)]


@pytest.fixture
def photo_stories(settings):
    settings.ROOT_URLCONF = __name__
    regions = sichuan_regions()
    for title in ["乐至县蚕桑节开幕", "安岳柠檬花开满山坡", "资阳城区夜景"]:
        story = ArticleFactory(region=regions.lezhi, title=title)
        ArticlePhotoFactory(article=story, image__width=640, image__height=360)
    ArticleFactory(region=regions.lezhi, title="停水通知")


@pytest.mark.parametrize("device", VIEWPORTS)
def test_the_menu_opens_large_photo_cards(live_server, photo_stories, device):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = launch(playwright)
        page = browser.new_context(viewport=VIEWPORTS[device], locale="zh-CN").new_page()
        errors = []
        page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
        page.goto(live_server.url + "/")
        page.locator("nav.site-nav").get_by_role("link", name="图文看点").click()
        page.wait_for_url(f"{live_server.url}/tupian/")

        cards = page.locator(".photo-card")
        titles = cards.locator(".photo-card-title").all_inner_texts()
        widths = cards.locator("img").evaluate_all("images => images.map(image => image.getBoundingClientRect().width)")
        overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(SCREENSHOTS / f"photo-stories-{device}.png"), full_page=True)
        browser.close()

    assert titles == ["资阳城区夜景", "安岳柠檬花开满山坡", "乐至县蚕桑节开幕"]
    # A phone shows one card a row across the column; a desk two a row.
    column = VIEWPORTS[device]["width"]
    assert all(width > (column - 60 if device == "phone" else 250) for width in widths), widths
    assert overflow <= 0
    assert errors == []
