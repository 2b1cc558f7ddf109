"""A reader on a phone taps a channel tab at the top of the page, reads an
article with 图文看点 and 乡里乡亲 beside it, and finds the 友情链接 and the
备案 lines in the footer; the same on a desktop.

Screenshots go to $E2E_SCREENSHOTS (default /tmp/newsportal-e2e), named region-blocks-*.
"""

import pytest

from tests.e2e.test_reader_journey import VIEWPORTS, assert_fits, urlpatterns  # noqa: F401 (media for the live server)
from tests.factories import ArticleFactory, ArticlePhotoFactory, ColumnFactory, FriendLinkFactory, sichuan_regions

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def news(settings):
    settings.ROOT_URLCONF = "tests.e2e.test_reader_journey"
    settings.SITE_ICP_BEIAN = "川ICP备12345678号-1"
    settings.SITE_PSB_BEIAN = "川公网安备51200002000001号"
    settings.SITE_NEWS_LICENCE = "51120170001"
    regions = sichuan_regions()
    xiangli = ColumnFactory(name="乡里乡亲", slug="xiangli")
    regions.ziyang.neighbours_column = xiangli
    regions.ziyang.save()
    article = ArticleFactory(region=regions.lezhi, title="乐至县蚕桑产业助农增收，全县桑园面积突破五万亩")
    for n, region in enumerate([regions.anyue, regions.lezhi, regions.ziyang] * 2):
        story = ArticleFactory(region=region, title=f"{region.short_name}图片新闻第{n}期：柠檬花开满山坡")
        ArticlePhotoFactory(article=story, image__width=1200, image__height=800)
        ArticleFactory(region=region, column=xiangli, title=f"{region.short_name}好人第{n}位：七旬老人义务修路")
    ArticleFactory(region=regions.jinjiang, title="锦江区夜市开张")
    FriendLinkFactory(name="中国政府网", url="https://www.gov.cn/", sort_order=1)
    FriendLinkFactory(name="资阳市人民政府", url="https://www.ziyang.gov.cn/", region=regions.ziyang, sort_order=2)
    return article


@pytest.mark.parametrize("device", VIEWPORTS)
def test_tabs_blocks_and_footer(browser, live_server, news, device):
    context = browser.new_context(viewport=VIEWPORTS[device], locale="zh-CN")
    page = context.new_page()
    try:
        page.goto(live_server.url + news.get_absolute_url())
        tabs = page.locator(".region-tabs")
        # At the top: the tabs are within the first screen on a phone too.
        assert tabs.bounding_box()["y"] < 200
        assert tabs.get_by_role("link").all_inner_texts() == ["资阳新闻", "安岳新闻", "乐至新闻"]
        assert tabs.locator("[aria-current=page]").inner_text() == "乐至新闻"
        assert page.locator(".photo-block img").count() == 4
        assert page.get_by_role("heading", name="乡里乡亲").is_visible()
        footer = page.locator(".site-footer")
        assert footer.get_by_role("link", name="资阳市人民政府").is_visible()
        assert (
            footer.get_by_role("link", name="川ICP备12345678号-1").get_attribute("href") == "https://beian.miit.gov.cn/"
        )
        assert "互联网新闻信息服务许可证：51120170001" in footer.inner_text()
        assert_fits(page, f"region-blocks-{device}-1-article")

        tabs.get_by_role("link", name="安岳新闻").click()
        assert page.locator("h1").inner_text() == "安岳新闻"
        assert page.locator(".region-tabs [aria-current=page]").inner_text() == "安岳新闻"
        assert_fits(page, f"region-blocks-{device}-2-channel")

        page.goto(live_server.url + "/")
        assert page.locator(".region-tabs").get_by_role("link", name="资阳新闻").is_visible()
        assert_fits(page, f"region-blocks-{device}-3-home")
    finally:
        context.close()
