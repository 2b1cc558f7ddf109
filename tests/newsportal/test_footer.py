"""Every page's footer carries what a Chinese news site must show, when the
operator set it: the ICP备案号 linking to the MIIT registry, the 公安备案号
linking to its record, the 互联网新闻信息服务许可证; and the 友情链接 the
editors keep, site-wide and per region."""

import pytest

from tests.factories import ArticleFactory, FriendLinkFactory, sichuan_regions
from tests.newsportal.test_production_settings import PRODUCTION, manage

pytestmark = pytest.mark.django_db


@pytest.fixture
def regions():
    regions = sichuan_regions()
    for region in [regions.lezhi, regions.jinjiang]:
        ArticleFactory(region=region, title=f"{region.short_name}今日要闻")
    return regions


def footer(client, url):
    page = client.get(url).content.decode()
    return page[page.index('<footer class="site-footer">') :]


def test_the_filings_show_with_links_to_their_registries(client, regions, settings):
    settings.SITE_ICP_BEIAN = "川ICP备12345678号-1"
    settings.SITE_PSB_BEIAN = "川公网安备51200002000001号"
    settings.SITE_NEWS_LICENCE = "51120170001"

    for url in ["/", "/sichuan/ziyang/lezhi/", "/search/"]:
        html = footer(client, url)
        assert '<a href="https://beian.miit.gov.cn/" rel="noopener">川ICP备12345678号-1</a>' in html, url
        assert 'href="https://beian.mps.gov.cn/#/query/webSearch?code=51200002000001"' in html, url
        assert "川公网安备51200002000001号</a>" in html
        assert "互联网新闻信息服务许可证：51120170001" in html


def test_nothing_is_shown_that_was_not_set(client, regions, settings):
    settings.SITE_ICP_BEIAN = "川ICP备12345678号-1"
    settings.SITE_PSB_BEIAN = settings.SITE_NEWS_LICENCE = ""

    html = footer(client, "/")

    assert "川ICP备12345678号-1" in html
    assert "beian.mps.gov.cn" not in html and "许可证" not in html


def test_no_filing_no_line(client, regions, settings):
    settings.SITE_ICP_BEIAN = settings.SITE_PSB_BEIAN = settings.SITE_NEWS_LICENCE = ""

    assert 'class="beian"' not in footer(client, "/")


def test_site_wide_links_everywhere_a_regions_links_on_its_pages_and_below(client, regions):
    FriendLinkFactory(name="四川新闻网", url="https://www.newssc.org/", sort_order=2)
    FriendLinkFactory(name="中国政府网", url="https://www.gov.cn/", sort_order=1)
    FriendLinkFactory(name="资阳市人民政府", url="https://www.ziyang.gov.cn/", region=regions.ziyang)
    FriendLinkFactory(name="已停用的链接", is_active=False)

    home = footer(client, "/")
    lezhi = footer(client, regions.lezhi.get_absolute_url())
    chengdu = footer(client, "/sichuan/chengdu/jinjiang/")

    assert "友情链接" in home and home.index("中国政府网") < home.index("四川新闻网")
    assert '<a href="https://www.newssc.org/" rel="noopener">四川新闻网</a>' in home
    assert "资阳市人民政府" not in home and "资阳市人民政府" not in chengdu
    assert "资阳市人民政府" in lezhi and "四川新闻网" in lezhi
    assert "已停用的链接" not in home


PRINT_FILINGS = (
    "from django.conf import settings as s; print(repr((s.SITE_ICP_BEIAN, s.SITE_PSB_BEIAN, s.SITE_NEWS_LICENCE)))"
)


def filings_under(**env):
    result = manage("shell", "-c", PRINT_FILINGS, **env)
    assert result.returncode == 0, result.stderr
    return result.stdout.strip().splitlines()[-1]


def test_the_demo_shows_samples_and_a_real_site_only_what_it_set():
    assert "川ICP备" in filings_under(DJANGO_DEMO="1")
    assert filings_under(**PRODUCTION) == "('', '', '')"
    assert filings_under(**PRODUCTION, SITE_ICP_BEIAN="川ICP备12345678号-1") == "('川ICP备12345678号-1', '', '')"
