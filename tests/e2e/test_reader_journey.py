"""A reader goes home → a county channel → an article → a tag page, on a phone and a desktop.

Real headless Chromium against the live server. On every page nothing may
overflow horizontally. Screenshots go to $E2E_SCREENSHOTS (default /tmp/newsportal-e2e).
"""

import os
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import path
from django.views.static import serve

from newsportal.urls import urlpatterns as site_urlpatterns
from tests.factories import (
    ArticleDailyViewsFactory,
    ArticleFactory,
    ArticlePhotoFactory,
    AuthorFactory,
    BylineFactory,
    SourceFactory,
    sichuan_regions,
)

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

SCREENSHOTS = Path(os.environ.get("E2E_SCREENSHOTS", "/tmp/newsportal-e2e"))
VIEWPORTS = {"phone": {"width": 390, "height": 844}, "desktop": {"width": 1366, "height": 900}}
LONG_BODY = "".join(
    f"<p>乐至县第{n}届蚕桑文化节开幕，来自全县的桑农带来了新鲜桑果和蚕丝制品，https://example.com/a-very-long-unbroken-link-{n}-{'x' * 60}</p>"
    for n in range(1, 6)
)


def serve_media(request, path):
    # DEBUG is off under test, so the site's urls do not serve uploads; the
    # live server needs them for the pictures to appear in screenshots.
    return serve(request, path, document_root=settings.MEDIA_ROOT)


urlpatterns = site_urlpatterns + [path("media/<path:path>", serve_media)]


@pytest.fixture
def news(settings):
    settings.ROOT_URLCONF = __name__
    regions = sichuan_regions()
    source, tang = SourceFactory(name="四川经济日报"), AuthorFactory(name="汤斌")
    article = ArticleFactory(
        title="乐至县蚕桑产业助农增收，全县桑园面积突破五万亩",
        subtitle="“小蚕桑”撑起乡村振兴“大产业”",
        summary="乐至县大力发展蚕桑产业，带动上万农户增收。",
        body=LONG_BODY,
        region=regions.lezhi,
        source=source,
        is_featured=True,
    )
    article.tags.add("蚕桑", "乡村振兴")
    BylineFactory(article=article, author=tang)
    for n in range(2):
        ArticlePhotoFactory(
            article=article, image__width=1200, image__height=800, caption=f"桑农在采摘桑叶（第{n + 1}张）"
        )
    ArticleDailyViewsFactory(article=article, views=300)
    for n, region in enumerate([regions.lezhi, regions.anyue, regions.ziyang, regions.jinjiang] * 3):
        other = ArticleFactory(
            title=f"{region.short_name}新闻动态第{n}期：基层治理有新招", region=region, source=source
        )
        other.tags.add("乡村振兴")
        ArticleDailyViewsFactory(article=other, views=10 + n)
    return article


def load_lazy_images(page):
    """Scroll through the page so lazy images load, as a reader scrolling would."""
    page.evaluate(
        """async () => {
            for (let y = 0; y < document.body.scrollHeight; y += window.innerHeight / 2) {
                window.scrollTo(0, y);
                await new Promise(resolve => setTimeout(resolve, 50));
            }
            window.scrollTo(0, 0);
        }"""
    )
    page.wait_for_function("[...document.images].every(img => img.complete)")


def assert_fits(page, name):
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    load_lazy_images(page)
    page.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=True)
    scroll_width, inner_width = page.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")
    assert scroll_width <= inner_width, f"{name}: page is {scroll_width}px wide in a {inner_width}px window"


@pytest.mark.parametrize("device", VIEWPORTS)
def test_reader_journey_home_county_article_tag(browser, live_server, news, device):
    context = browser.new_context(viewport=VIEWPORTS[device], locale="zh-CN")
    page = context.new_page()
    try:
        page.goto(live_server.url + "/")
        assert page.locator(".site-name").inner_text()
        assert_fits(page, f"{device}-1-home")

        page.locator(".region-nav").get_by_role("link", name="乐至", exact=True).click()
        assert page.locator("h1").inner_text() == "乐至新闻"
        assert_fits(page, f"{device}-2-county")

        page.locator(".cards").get_by_role("link", name=news.title).click()
        assert page.locator("h1").inner_text() == news.title
        assert page.locator(".breadcrumb").inner_text().replace(" ", "").endswith("乐至新闻>正文")
        page.locator(".photo img").first.wait_for()
        assert_fits(page, f"{device}-3-article")

        page.locator(".tags").get_by_role("link", name="蚕桑").click()
        assert page.locator("h1").inner_text() == "标签：蚕桑"
        assert page.locator(".cards").get_by_role("link", name=news.title).is_visible()
        assert_fits(page, f"{device}-4-tag")
    finally:
        context.close()
