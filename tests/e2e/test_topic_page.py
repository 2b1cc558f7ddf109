"""A reader on a phone and on a desktop opens 专题 from the home page, reads a
topic (banner, introduction, sections of cards), jumps to a section and
follows a card to its article, which names the topic. Nothing overflows.
Screenshots go to $E2E_SCREENSHOTS (default /tmp/newsportal-e2e)."""

import io

import pytest
from django.core.files.base import ContentFile
from PIL import Image

from tests.e2e.pictures import natural_width
from tests.e2e.test_reader_journey import VIEWPORTS, assert_fits
from tests.e2e.test_reader_journey import urlpatterns as urlpatterns  # media served for the pictures
from tests.factories import ArticleFactory, ArticlePhotoFactory, sichuan_regions
from tests.topics.factories import TopicFactory, TopicSectionFactory, choose

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def jpeg(colour):
    buffer = io.BytesIO()
    Image.new("RGB", (1200, 675), colour).save(buffer, "JPEG")
    return ContentFile(buffer.getvalue(), name="banner.jpg")


@pytest.fixture
def topic(settings):
    settings.ROOT_URLCONF = __name__
    regions = sichuan_regions()
    stories = []
    for n, title in enumerate(["乐至县蚕桑产业助农增收，全县桑园面积突破五万亩", "蚕农采桑忙", "丝绸加工厂开工"]):
        article = ArticleFactory(
            title=title, region=regions.lezhi, summary="乐至县大力发展蚕桑产业，带动上万农户增收。"
        )
        ArticlePhotoFactory(
            article=article, image__width=900, image__height=600, image__color=["green", "olive", "teal"][n]
        )
        stories.append(article)
    for n in range(4):
        ArticleFactory(title=f"乐至县乡村新闻第{n + 1}条：村道硬化通到家门口", region=regions.lezhi)
    topic = TopicFactory(
        title="春到乐至：乡村振兴进行时",
        introduction="从桑园到稻田，从集镇到村社，记者走进乐至县的田间地头，记录乡村振兴中的新变化、新面孔。",
        banner=jpeg((60, 120, 70)),
        region=regions.lezhi,
    )
    choose(TopicSectionFactory(topic=topic, heading="记者走基层", sort_order=1), *stories)
    TopicSectionFactory(topic=topic, heading="乐至最新", sort_order=2, region=regions.lezhi, newest_count=4)
    return topic


@pytest.mark.parametrize("device", VIEWPORTS)
def test_a_reader_opens_a_topic_and_follows_it_to_an_article(browser, live_server, topic, device):
    context = browser.new_context(viewport=VIEWPORTS[device], locale="zh-CN")
    page = context.new_page()
    try:
        page.goto(live_server.url + "/")
        page.get_by_role("link", name="专题").first.click()
        page.get_by_role("link", name="春到乐至：乡村振兴进行时").first.click()
        assert page.url.endswith(topic.get_absolute_url())
        assert page.locator("h1").inner_text() == "春到乐至：乡村振兴进行时"
        assert natural_width(page.locator(".topic-banner img")) > 0
        assert page.locator("section#section-1 .card").count() == 3
        assert page.locator("section#section-2 .card").count() == 4
        assert_fits(page, f"topic-{device}")

        page.locator(".topic-toc").get_by_role("link", name="乐至最新").click()
        assert page.url.endswith("#section-2")
        page.locator("section#section-1 .card-title").first.click()
        assert "乐至县蚕桑产业助农增收" in page.locator("h1").inner_text()
        page.locator(".in-topics").get_by_role("link").click()
        assert page.url.endswith(topic.get_absolute_url())
    finally:
        context.close()
