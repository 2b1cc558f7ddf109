"""Payloads a visitor puts in a URL or a form come back inert; feeds stay well-formed XML."""

from urllib.parse import quote
from xml.etree import ElementTree

import pytest
from django.urls import reverse

from search.query import MAX_QUERY_LENGTH
from tests.factories import ArticleFactory, AuthorFactory, BylineFactory, RegionFactory
from tests.security.html_audit import executable_parts, visible_text
from tests.security.xss_payloads import PAYLOADS

pytestmark = pytest.mark.django_db


def readable(text):
    return " ".join(text.split())


def test_search_reflects_every_payload_as_text(client):
    ArticleFactory(title="乐至县柠檬丰收", summary="alert 柠檬 script")

    for payload in PAYLOADS:
        url = reverse("search") + "?q=" + quote(payload) + "&region=" + quote(payload) + "&page=" + quote(payload)
        response = client.get(url)
        assert response.status_code == 200, payload
        html = response.content.decode()
        assert executable_parts(html) == [], payload
        shown = " ".join(payload.split())[:MAX_QUERY_LENGTH]  # the search keeps this many characters
        assert readable(shown) in visible_text(html), payload


def test_search_highlighting_never_lets_a_match_open_a_tag(client):
    ArticleFactory(title="<script>alert(1)</script> 柠檬", summary="<img src=x onerror=alert(2)> 柠檬")

    for query in ("script", "柠檬", "img", "<", "alert"):
        html = client.get(reverse("search"), {"q": query}).content.decode()
        assert executable_parts(html) == [], query


def test_the_no_javascript_comment_form_echoes_payloads_as_text(client):
    article = ArticleFactory()

    for payload in PAYLOADS:
        response = client.post(
            reverse("comments:write", args=[article.pk]), {"nickname": payload, "body": payload, "parent": payload}
        )
        assert executable_parts(response.content.decode()) == [], payload


def test_a_rejected_comment_post_echoes_payloads_as_text(client):
    article = ArticleFactory()

    for n, payload in enumerate(PAYLOADS):
        response = client.post(
            reverse("comments:post", args=[article.pk]),
            {"nickname": payload, "body": "", "parent": payload},
            REMOTE_ADDR=f"198.51.100.{n}",
        )
        assert response.status_code == 400, payload
        assert executable_parts(response.content.decode()) == [], payload


@pytest.mark.parametrize("payload", PAYLOADS[:20], ids=range(20))
def test_not_found_pages_do_not_reflect_the_path_as_markup(client, payload):
    response = client.get("/" + quote(payload) + "/")

    assert response.status_code == 404
    assert executable_parts(response.content.decode()) == []


def test_feeds_stay_well_formed_and_carry_every_payload_as_text(client):
    region = RegionFactory(slug="xss-feed", level="province")
    for payload in PAYLOADS:
        article = ArticleFactory(region=region, title=payload[:120], summary=payload, body=f"<p>{payload}</p>")
        BylineFactory(article=article, author=AuthorFactory(name=payload[:50]))

    for url in (reverse("feed-latest"), reverse("feed-region", args=[region.path])):
        response = client.get(url)
        assert response.status_code == 200
        channel = ElementTree.fromstring(response.content).find("channel")
        titles = [item.findtext("title") for item in channel.iter("item")]
        assert titles and all(
            title in {p[:120] for p in PAYLOADS} | {clean(p[:120]) for p in PAYLOADS} for title in titles
        )


def clean(text):
    """What the feed shows for characters XML 1.0 cannot carry."""
    return "".join(ch for ch in text if ch in "\t\n\r" or ch >= " ")
