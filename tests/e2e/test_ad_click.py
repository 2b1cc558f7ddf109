"""A reader on a phone (390 px) sees the header banner marked 广告, an ad
after the second paragraph of the article and one between the channel's
cards; the banner's impression is counted once it is in view, and tapping it
goes through the signed redirect to the advertiser's page (here a page of
the live server) and counts the click.

Screenshots go to $E2E_SCREENSHOTS (default /tmp/newsportal-e2e), named ads-*.
"""

import io
import time

import pytest
from django.core.files.base import ContentFile
from PIL import Image

from ads import counting
from tests.e2e.test_reader_journey import VIEWPORTS, assert_fits
from tests.e2e.test_reader_journey import urlpatterns as urlpatterns  # media served for the banner
from tests.factories import AdFactory, ArticleFactory, sichuan_regions

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

BODY = "".join(f"<p>乐至县第{n}届蚕桑文化节开幕，桑农带来了新鲜桑果和蚕丝制品。</p>" for n in range(1, 6))


def banner():
    buffer = io.BytesIO()
    Image.new("RGB", (1200, 200), (180, 40, 40)).save(buffer, "JPEG")
    return ContentFile(buffer.getvalue(), name="banner.jpg")


@pytest.fixture
def news(settings, live_server):
    settings.ROOT_URLCONF = __name__
    regions = sichuan_regions()
    article = ArticleFactory(region=regions.lezhi, title="乐至县蚕桑文化节开幕", body=BODY)
    for n in range(5):
        ArticleFactory(region=regions.lezhi, title=f"乐至县乡村新闻第{n + 1}条")
    advertiser = live_server.url + regions.anyue.get_absolute_url() + "?from=ad"
    header = AdFactory(title="安岳柠檬节", slot="header", image=banner(), link=advertiser, regions=[regions.ziyang])
    AdFactory(title="乐至蚕丝被特卖", text="产地直销，包邮到家", slot="article", position=2, regions=[regions.lezhi])
    AdFactory(title="资阳房产展销会", text="五一期间开幕", slot="list", position=2)
    return {"article": article, "header": header, "advertiser": advertiser, "channel": regions.lezhi}


def wait_for(count, ad, kind, seconds=5):
    give_up = time.monotonic() + seconds
    while counting.buffered(ad.pk, kind) < count and time.monotonic() < give_up:
        time.sleep(0.1)
    return counting.buffered(ad.pk, kind)


def test_a_reader_on_a_phone_sees_the_ads_and_taps_the_banner(browser, live_server, news):
    context = browser.new_context(viewport=VIEWPORTS["phone"], locale="zh-CN")
    page = context.new_page()
    csp = []
    page.on("console", lambda m: "Content Security Policy" in m.text and csp.append(m.text))
    try:
        page.goto(live_server.url + news["channel"].get_absolute_url())
        # One list ad after every 2 cards, each marked 广告.
        assert page.locator("ul.cards > li.ad-card").count() >= 2
        assert page.locator("ul.cards > li.ad-card .ad-label").first.inner_text() == "广告"
        assert_fits(page, "ads-channel-phone")

        page.goto(live_server.url + news["article"].get_absolute_url())
        header = page.locator(".ad-slot-header .ad:not([hidden])")
        assert header.is_visible()
        assert header.locator("img").get_attribute("alt") == "安岳柠檬节"
        assert header.locator(".ad-label").inner_text() == "广告"
        assert header.locator(".ad-label").is_visible()
        # The in-article ad moved after the second paragraph.
        assert page.evaluate(
            "document.querySelector('.article-body > p:nth-of-type(2)').nextElementSibling.matches('.ad-slot-article')"
        )
        assert page.locator(".ad-slot-article .ad-label").is_visible()
        assert_fits(page, "ads-article-phone")
        assert wait_for(1, news["header"], counting.IMPRESSION) == 1

        header.locator("a").click()
        page.wait_for_url(news["advertiser"])

        assert "安岳" in page.title()
        assert wait_for(1, news["header"], counting.CLICK) == 1
        assert csp == []
    finally:
        context.close()
