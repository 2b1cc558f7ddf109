"""axe-core finds no serious or critical accessibility violation on the
pages readers meet: home, a channel, an article, a 专题, search results and
the 404 page, on a phone (390 px) and a desktop (1366 px), and in dark mode
on the phone.

axe.min.js comes from the axe-playwright-python wheel (a dev extra), which
ships Deque's axe-core build unchanged; only that file is used. Injecting it
is an inline script as far as the page's CSP is concerned, so these contexts
bypass CSP; tests/e2e/test_csp.py checks the policy itself."""

from pathlib import Path

import axe_playwright_python
import pytest

from tests.e2e.test_reader_journey import VIEWPORTS, load_lazy_images
from tests.e2e.test_reader_journey import news as news  # the article with photos, tags and neighbours
from tests.e2e.test_reader_journey import urlpatterns as urlpatterns  # media served for the pictures
from tests.e2e.test_topic_page import jpeg
from tests.factories import CommentFactory
from tests.topics.factories import TopicFactory, TopicSectionFactory, choose

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

AXE = Path(axe_playwright_python.__file__).with_name("axe.min.js")
GRAVE = {"serious", "critical"}


@pytest.fixture
def pages(news):
    news.view_count = 23_456
    news.save(update_fields=["view_count"])
    CommentFactory(article=news, body="桑果很甜，明年还来。")
    topic = TopicFactory(
        title="春到乐至：乡村振兴进行时",
        introduction="记者走进乐至县的田间地头，记录乡村振兴中的新变化。",
        banner=jpeg((60, 120, 70)),
        region=news.region,
    )
    choose(TopicSectionFactory(topic=topic, heading="记者走基层", sort_order=1), news)
    TopicSectionFactory(topic=topic, heading="乐至最新", sort_order=2, region=news.region, newest_count=4)
    return {
        "home": "/",
        "channel": news.region.get_absolute_url(),
        "article": news.get_absolute_url(),
        "topic": topic.get_absolute_url(),
        "search": "/search/?q=乡村振兴",
        "404": "/no-such-page/here/",
    }


def grave_violations(page):
    page.add_script_tag(path=str(AXE))
    results = page.evaluate("() => axe.run(document, {resultTypes: ['violations']})")
    return [
        f"{v['id']} ({v['impact']}): {v['help']} at {[node['target'] for node in v['nodes']][:5]}"
        for v in results["violations"]
        if v["impact"] in GRAVE
    ]


@pytest.mark.parametrize("device, scheme", [("phone", "light"), ("desktop", "light"), ("phone", "dark")])
def test_reader_pages_have_no_serious_accessibility_violation(browser, live_server, pages, device, scheme):
    context = browser.new_context(viewport=VIEWPORTS[device], locale="zh-CN", color_scheme=scheme, bypass_csp=True)
    page = context.new_page()
    found = {}
    try:
        for name, path in pages.items():
            page.goto(live_server.url + path)
            load_lazy_images(page)
            found[name] = grave_violations(page)
    finally:
        context.close()
    assert {name: violations for name, violations in found.items() if violations} == {}
