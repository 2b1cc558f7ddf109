"""Every hostile payload, stored and reflected, in real Chromium: no script runs, the text reads.

The payloads are batched: each article carries a group of them in every
field, so about forty page loads cover the corpus. The browser context
ignores our Content-Security-Policy (``bypass_csp``): this test proves the
escaping and sanitizing alone; tests/e2e/test_csp.py proves the policy.
``alert``/``confirm``/``prompt`` are replaced before any page script runs and
every dialog, page error and console error is recorded: all must stay empty.
"""

from urllib.parse import quote

import pytest
from django.conf import settings
from django.urls import path, reverse
from django.views.static import serve

from articles.models import Column
from core.text import without_control_characters
from newsportal.urls import urlpatterns as site_urlpatterns
from regions.models import Region
from tests.factories import (
    ArticleFactory,
    ArticlePhotoFactory,
    AuthorFactory,
    BylineFactory,
    CommentFactory,
    RegionFactory,
    SourceFactory,
)
from tests.security.xss_payloads import PAYLOADS

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

GROUP = 8
HOOKS = """
window.__fired = [];
for (const name of ["alert", "confirm", "prompt", "print"]) {
  window[name] = (...args) => { window.__fired.push(name + "(" + args.join(",") + ")"); };
}
"""


def serve_media(request, path):
    return serve(request, path, document_root=settings.MEDIA_ROOT)


urlpatterns = site_urlpatterns + [path("media/<path:path>", serve_media)]


def groups():
    return [PAYLOADS[i : i + GROUP] for i in range(0, len(PAYLOADS), GROUP)]


def pick(group, i):
    # The last group is shorter; its fields reuse its payloads.
    return group[i % len(group)]


def fit(model, field, text):
    return text[: model._meta.get_field(field).max_length]


@pytest.fixture
def hostile_news(settings):
    settings.ROOT_URLCONF = __name__
    region = RegionFactory(
        short_name=fit(Region, "short_name", PAYLOADS[0]),
        description="\n".join(PAYLOADS),
        slug="xss",
        level=Region.Level.PROVINCE,
    )
    stories = []
    for n, group in enumerate(groups()):
        article = ArticleFactory(
            region=region,
            title=pick(group, 0)[:120],
            subtitle=pick(group, 1)[:120],
            summary=" ".join(group),
            body="".join(f"<p>第{i}段</p>{payload}" for i, payload in enumerate(group)),
            source=SourceFactory(name=pick(group, 2)[:100]),
            column=Column.objects.create(
                name=fit(Column, "name", pick(group, 3)), slug=f"xss-{n}", description=pick(group, 4)
            ),
        )
        BylineFactory(article=article, author=AuthorFactory(name=pick(group, 5)[:50]))
        article.tags.add(*(("标签" + payload)[:100] for payload in group))
        ArticlePhotoFactory(
            article=article,
            image__width=160,
            image__height=120,
            caption=pick(group, 6)[:300],
            credit=pick(group, 7)[:100],
        )
        for payload in group:
            CommentFactory(article=article, nickname=payload[:30], body=f"评论：{payload}")
        stories.append(article)
    return region, stories


def urls_for(region, stories):
    urls = [reverse("articles:home"), region.get_absolute_url()]
    for article, group in zip(stories, groups()):
        urls += [
            article.get_absolute_url(),
            reverse("articles:tag", args=[article.tags.order_by("pk").first().slug]),
            article.byline.get().author.get_absolute_url(),
            article.source.get_absolute_url(),
            article.column.get_absolute_url(),
            reverse("search") + "?q=" + quote(pick(group, 0)) + "&region=" + quote(pick(group, 1)),
        ]
    return urls


@pytest.fixture
def watched_page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="zh-CN", bypass_csp=True)
    context.add_init_script(HOOKS)
    page = context.new_page()
    page.incidents = []
    page.on(
        "dialog", lambda dialog: (page.incidents.append(f"dialog {dialog.type}: {dialog.message}"), dialog.dismiss())
    )
    page.on("pageerror", lambda error: page.incidents.append(f"page error: {error}"))
    page.on("console", lambda message: script_error(message) and page.incidents.append(f"console: {message.text}"))
    yield page
    context.close()


def script_error(message):
    # A sanitized body keeps <img src="x"> minus its onerror; the browser's
    # failed fetch of "x" (and of the missing favicon) is no script running.
    return message.type == "error" and not message.text.startswith("Failed to load resource")


def readable(text):
    # Saving drops control characters (core.text), so a payload's \x0c is not shown.
    return " ".join(without_control_characters(text).split())


def test_no_payload_runs_anywhere_and_every_one_stays_readable(live_server, watched_page, hostile_news):
    region, stories = hostile_news
    page = watched_page

    for url in urls_for(region, stories):
        response = page.goto(live_server.url + url, wait_until="load")
        assert response.status == 200, url
        fired = page.evaluate("window.__fired")
        assert fired == [] and page.incidents == [], (url, fired, page.incidents)

    for article, group in zip(stories, groups()):
        page.goto(live_server.url + article.get_absolute_url())
        assert readable(page.inner_text("h1")) == readable(pick(group, 0)[:120])
        comments = readable(page.inner_text("#comments"))
        assert all(readable(f"评论：{payload}") in comments for payload in group), article.title
    page.goto(live_server.url + region.get_absolute_url())
    assert readable(PAYLOADS[-1]) in readable(page.inner_text(".page-intro"))
