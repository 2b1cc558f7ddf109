"""Every hostile payload, stored in every field a person controls, renders inert and readable."""

import pytest
from django.urls import reverse

from tests.security.html_audit import executable_parts, visible_text
from tests.security.xss_data import hostile_site, post_and_approve
from tests.security.xss_payloads import PAYLOADS

pytestmark = pytest.mark.django_db


def readable(text):
    return " ".join(text.split())


def pages_showing(site):
    article = site.article
    return {
        "home": reverse("articles:home"),
        "channel": site.region.get_absolute_url(),
        "article": article.get_absolute_url(),
        "tag": reverse("articles:tag", args=[site.tag.slug]),
        "author": site.author.get_absolute_url(),
        "source": site.source.get_absolute_url(),
        "column": site.column.get_absolute_url(),
    }


@pytest.mark.parametrize("payload", PAYLOADS, ids=range(len(PAYLOADS)))
def test_stored_payload_is_inert_on_every_page(client, payload):
    site = hostile_site(payload)
    comment = post_and_approve(client, site.article, payload)

    for name, url in pages_showing(site).items():
        response = client.get(url)
        assert response.status_code == 200, (name, url)
        html = response.content.decode()
        assert executable_parts(html) == [], (name, payload)

    article_text = visible_text(client.get(site.article.get_absolute_url()).content.decode())
    for shown in (site.article.title, site.article.subtitle, comment.nickname, comment.body, site.source.name):
        assert readable(shown) in article_text, shown
    channel_text = visible_text(client.get(site.region.get_absolute_url()).content.decode())
    assert readable(site.region.description) in channel_text


def test_the_audit_itself_catches_what_it_should():
    """The checker must not be a test that can't fail."""
    assert executable_parts("<p><img src=x onerror=alert(1)></p>")
    assert executable_parts("<script>alert(1)</script>")
    assert executable_parts('<a href=" jav\tascript:alert(1)">x</a>')
    assert executable_parts('<script type="application/ld+json">{"a": "</script>')
    assert executable_parts('<iframe src="https://example.com"></iframe>')
    assert executable_parts('<script src="/static/js/comments.js"></script>') == []
    assert executable_parts('<script type="application/ld+json">{"a": 1}</script>') == []
