"""Whatever a reader types is shown as text: no tags, no handlers, no links."""

import pytest

from comments.models import Comment
from tests.comments.conftest import article_page

HOSTILE = [
    "<script>alert('xss')</script>",
    '<img src=x onerror="alert(1)">',
    '<a href="javascript:alert(1)">点我</a>',
    '"><svg onload=alert(1)>',
    "javascript:alert(document.cookie)",
]


@pytest.mark.parametrize("payload", HOSTILE)
def test_hostile_nickname_and_body_are_inert_on_the_article_page(client, article, post_comment, moderator, payload):
    post_comment(article, nickname=payload[:30], body=f"第一行{payload}\n第二行")
    Comment.objects.get().approve(moderator)

    html = article_page(client, article)
    area = html[html.index('id="comments"') :]

    assert "<script>alert" not in area
    assert "<img src=x" not in area and "<svg" not in area
    assert 'href="javascript:' not in area
    assert "&lt;" in area or "javascript:alert" in area
    assert "第一行" in area and "<br>第二行" in area


def test_web_addresses_stay_plain_text(client, article, post_comment, moderator):
    post_comment(article, body="详见 https://example.com/ad 和 www.example.org")
    Comment.objects.get().approve(moderator)

    area = article_page(client, article).split('id="comments"')[1]

    assert "https://example.com/ad" in area
    assert 'href="https://example.com' not in area and 'href="http://www.example.org' not in area


def test_the_body_is_stored_exactly_as_typed(article, post_comment):
    post_comment(article, body=HOSTILE[1])

    assert Comment.objects.get().body == HOSTILE[1]


def test_a_rejected_hostile_form_is_echoed_escaped(article, post_comment):
    response = post_comment(article, as_json=False, nickname="<b>x</b>", body="<")

    html = response.content.decode()
    assert response.status_code == 400
    assert "&lt;b&gt;x&lt;/b&gt;" in html and ">&lt;</textarea>" in html
