"""In a real browser: a phone reader sees a video's poster and starts it.

Debian's Chromium decodes H.264 and AAC with the system's ffmpeg; the page's
strict CSP is on, so this also shows ``media-src`` lets the video load.
"""

import os

import pytest
from django.conf import settings
from django.urls import path
from django.views.static import serve

from newsportal.urls import urlpatterns as site_urlpatterns
from tests.articles.video_files import video_upload
from tests.e2e.chromium import launch
from tests.factories import ArticleFactory, sichuan_regions

os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"  # Playwright's sync API runs an event loop

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def serve_media(request, path):
    return serve(request, path, document_root=settings.MEDIA_ROOT)


urlpatterns = site_urlpatterns + [path("media/<path:path>", serve_media)]


@pytest.fixture
def video_story(settings, video_files):
    settings.ROOT_URLCONF = __name__
    article = ArticleFactory(region=sichuan_regions().lezhi, title="航拍乐至蚕桑园", video_caption="航拍：乐至县蚕桑园")
    article.video = video_upload("航拍.mp4", video_files["h264-aac.mp4"])
    article.save()
    return article


def test_a_phone_reader_sees_the_poster_and_plays_the_video(live_server, video_story, tmp_path):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = launch(playwright)
        page = browser.new_context(viewport={"width": 390, "height": 844}, has_touch=True).new_page()
        errors = []
        page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
        page.goto(live_server.url + video_story.get_absolute_url())
        video = page.locator("figure.video video")
        before = video.evaluate(
            """(video) => {
                window.videoEvents = [];
                for (const name of ["play", "playing", "error"]) video.addEventListener(name, () => window.videoEvents.push(name));
                const box = video.getBoundingClientRect();
                return {poster: video.poster, preload: video.preload, inline: video.playsInline, networkState: video.networkState,
                        width: box.width, height: box.height, canPlay: video.canPlayType('video/mp4; codecs="avc1.42E01E, mp4a.40.2"')};
            }"""
        )
        poster = page.request.get(before["poster"])
        page.screenshot(path=str(tmp_path / "video-poster-390.png"))
        # Chromium's own controls live in a closed shadow tree: its play
        # button is the first of the bar along the video's bottom edge.
        box = video.bounding_box()
        page.touchscreen.tap(box["x"] + 24, box["y"] + box["height"] - 48)
        page.wait_for_function("() => document.querySelector('figure.video video').currentTime > 0.3", timeout=15000)
        after = video.evaluate(
            "(video) => ({currentTime: video.currentTime, paused: video.paused, error: video.error})"
        )
        events = page.evaluate("() => window.videoEvents")
        page.screenshot(path=str(tmp_path / "video-playing-390.png"))
        browser.close()

    assert before["poster"].endswith(video_story.video_poster.url)
    assert poster.ok and poster.headers["content-type"] == "image/jpeg"
    assert before["preload"] == "none" and before["inline"] is True
    assert before["canPlay"] in ("probably", "maybe")
    assert before["width"] <= 390 and before["height"] == pytest.approx(before["width"] * 180 / 320, abs=2)
    assert after["currentTime"] > 0.3 and not after["paused"] and after["error"] is None
    assert "playing" in events and "error" not in events
    assert errors == []
