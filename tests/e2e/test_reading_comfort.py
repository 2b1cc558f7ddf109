"""A reader on a phone shares an article (its QR code scans to the article's
address, 复制链接 copies it), makes the text larger and finds it so after a
reload, reads it in the system's dark mode, and prints it: only the article
comes out, with its address. Screenshots of the article at 390 px, light,
dark and as printed, go to $E2E_SCREENSHOTS (default /tmp/newsportal-e2e)."""

import pytest
import zxingcpp
from PIL import Image

from tests.e2e.test_reader_journey import SCREENSHOTS, VIEWPORTS, load_lazy_images
from tests.e2e.test_reader_journey import news as news  # the article with photos, tags and neighbours
from tests.e2e.test_reader_journey import urlpatterns as urlpatterns  # media served for the pictures
from tests.factories import CommentFactory

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

SITE_URL = "https://news.example.cn"


@pytest.fixture
def article(news, settings):
    settings.SITE_URL = SITE_URL
    news.view_count = 12_345
    news.save(update_fields=["view_count"])
    CommentFactory(article=news, body="桑果很甜，明年还来。")
    return news


@pytest.fixture
def phone(browser):
    context = browser.new_context(viewport=VIEWPORTS["phone"], locale="zh-CN", device_scale_factor=2)
    yield context.new_page()
    context.close()


def test_the_qr_code_in_the_page_scans_to_the_article_and_the_link_copies(browser, live_server, article):
    context = browser.new_context(viewport=VIEWPORTS["phone"], locale="zh-CN")
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=live_server.url)
    page = context.new_page()
    try:
        page.goto(live_server.url + article.get_absolute_url())
        assert "阅读 1.2万" in page.locator(".article-meta").inner_text()
        qr = page.locator(".share-qr img")
        qr.scroll_into_view_if_needed()
        page.wait_for_function("() => document.querySelector('.share-qr img').naturalWidth > 0")
        shot = SCREENSHOTS / "share-qr.png"
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        qr.screenshot(path=str(shot))
        (code,) = zxingcpp.read_barcodes(Image.open(shot))
        assert code.text == f"{SITE_URL}/article/{article.pk}/"
        assert page.get_by_text("微信扫一扫 分享到朋友圈").is_visible()

        page.get_by_role("button", name="复制链接").click()
        page.wait_for_function("() => document.querySelector('.share-feedback').textContent === '链接已复制'")
        assert page.evaluate("navigator.clipboard.readText()") == f"{SITE_URL}/article/{article.pk}/"

        weibo = page.get_by_role("link", name="分享到微博")
        assert weibo.get_attribute("href").startswith("https://service.weibo.com/share/share.php?url=https%3A%2F%2F")
    finally:
        context.close()


def body_size(page):
    return page.eval_on_selector(".article-body", "el => parseFloat(getComputedStyle(el).fontSize)")


def test_the_text_size_is_kept_on_the_device_across_a_reload(phone, live_server, article):
    phone.goto(live_server.url + article.get_absolute_url())
    default = body_size(phone)
    phone.get_by_role("button", name="放大字号").click()
    phone.get_by_role("button", name="放大字号").click()
    larger = body_size(phone)
    assert larger > default * 1.2

    # The size is on <html> before the body is parsed: no flash of the default size.
    phone.add_init_script(
        """document.addEventListener("readystatechange", () => {
            if (!window.sizeWhenParsing) window.sizeWhenParsing = document.documentElement.dataset.fontStep;
        });"""
    )
    phone.reload()
    assert body_size(phone) == larger
    assert phone.evaluate("window.sizeWhenParsing") == "2"

    phone.get_by_role("button", name="缩小字号").click()
    phone.reload()
    assert default < body_size(phone) < larger


def test_dark_mode_follows_the_system(phone, live_server, article):
    phone.goto(live_server.url + article.get_absolute_url())
    background = "getComputedStyle(document.body).backgroundColor"
    assert phone.evaluate(background) == "rgb(255, 255, 255)"
    load_lazy_images(phone)
    phone.screenshot(path=str(SCREENSHOTS / "article-phone-light.png"), full_page=True)

    phone.emulate_media(color_scheme="dark")
    assert phone.evaluate(background) == "rgb(20, 20, 20)"
    assert phone.eval_on_selector(".article-body", "el => getComputedStyle(el).color") == "rgb(230, 230, 230)"
    # The QR code keeps its white ground, or a phone could not scan it.
    assert phone.eval_on_selector(".share-qr img", "el => getComputedStyle(el).backgroundColor") == "rgb(255, 255, 255)"
    phone.screenshot(path=str(SCREENSHOTS / "article-phone-dark.png"), full_page=True)


def test_printing_gives_the_article_alone_with_its_address(phone, live_server, article):
    phone.goto(live_server.url + article.get_absolute_url())
    assert not phone.locator(".print-url").is_visible()

    phone.emulate_media(media="print")

    for gone in [
        ".site-header",
        ".site-nav",
        ".region-tabs",
        ".side-col",
        ".comments",
        ".share",
        ".font-size",
        ".site-footer",
    ]:
        assert not phone.locator(gone).first.is_visible(), gone
    for kept in ["h1", ".article-meta", ".article-body", ".photo img"]:
        assert phone.locator(kept).first.is_visible(), kept
    meta = phone.locator(".article-meta").inner_text()
    assert "四川经济日报" in meta and "汤斌" in meta
    assert phone.locator(".print-url").inner_text().endswith(f"{SITE_URL}/article/{article.pk}/")
    load_lazy_images(phone)
    phone.screenshot(path=str(SCREENSHOTS / "article-phone-print.png"), full_page=True)
