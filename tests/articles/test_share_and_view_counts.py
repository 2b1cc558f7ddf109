"""The article page's share block (a QR code of the article's address, a
Weibo link, the link to copy) and 阅读量 on the article page and on cards:
the count flushed from the view counters, shown without any write on a GET.
The QR code read back in a browser: tests/e2e/test_reading_comfort.py."""

import io
import re
from urllib.parse import parse_qs, urlsplit

import pytest
import zxingcpp
from django.db import connection
from django.template import Context, Template, TemplateSyntaxError
from django.test.utils import CaptureQueriesContext
from PIL import Image

from articles import share
from articles.counters import flush_views, record_view
from core.pagecache import HEADER
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def site_url(settings):
    settings.SITE_URL = "https://news.example.cn"


def wan(count):
    return Template("{% load view_counts %}{{ count|wan }}").render(Context({"count": count}))


@pytest.mark.parametrize(
    "count, shown",
    [(0, "0"), (9999, "9999"), (10000, "1万"), (12345, "1.2万"), (99999, "9.9万"), (123456789, "1.2亿")],
)
def test_view_counts_read_as_portals_write_them(count, shown):
    assert wan(count) == shown


def test_a_count_that_is_not_one_fails_loudly():
    with pytest.raises(TemplateSyntaxError):
        wan("12")


def test_the_qr_code_encodes_the_canonical_address_and_is_kept(client, django_assert_num_queries):
    article = ArticleFactory()

    with django_assert_num_queries(0):
        response = client.get(f"/article/{article.pk}/qr.svg")

    assert response.status_code == 200
    assert response["Content-Type"] == "image/svg+xml"
    assert "public" in response["Cache-Control"] and "max-age=2592000" in response["Cache-Control"]
    assert response.content.startswith(b"<svg")
    # segno writes SVG only; its PNG of the same code is read back here, the SVG itself in Chromium.
    assert decoded(share.canonical_url(article.pk)) == f"https://news.example.cn/article/{article.pk}/"


def decoded(url):
    import segno

    png = io.BytesIO()
    segno.make(url, error="m", micro=False).save(png, kind="png", scale=6, border=4)
    (result,) = zxingcpp.read_barcodes(Image.open(io.BytesIO(png.getvalue())))
    return result.text


def test_the_article_page_has_the_share_block(client):
    article = ArticleFactory(title="乐至县蚕桑产业助农增收")

    html = client.get(article.get_absolute_url()).content.decode()

    assert f'src="/article/{article.pk}/qr.svg"' in html
    assert "微信扫一扫 分享到朋友圈" in html
    assert f'value="https://news.example.cn/article/{article.pk}/"' in html
    weibo = next(part for part in html.split('"') if part.startswith(share.WEIBO_SHARE))
    query = parse_qs(urlsplit(weibo.replace("&amp;", "&")).query)
    assert query == {"url": [f"https://news.example.cn/article/{article.pk}/"], "title": ["乐至县蚕桑产业助农增收"]}
    # A plain link: no script comes from Weibo.
    assert all(src.startswith("/static/") for src in re.findall(r'<script[^>]*\bsrc="([^"]+)"', html))


def test_the_page_shows_the_flushed_count_and_a_get_writes_nothing(client):
    article = ArticleFactory(view_count=12_000)
    for n in range(3):
        record_view(article.pk, reader=f"reader-{n}")

    with CaptureQueriesContext(connection) as queries:
        html = client.get(article.get_absolute_url(), REMOTE_ADDR="198.51.100.9").content.decode()

    assert "阅读 1.2万" in html
    assert [q["sql"] for q in queries if not q["sql"].lstrip("( ").upper().startswith("SELECT")] == []

    flush_views()
    article.refresh_from_db()
    assert article.view_count == 12_004
    # The kept page is as fresh as it is: a flush makes no page stale.
    response = client.get(article.get_absolute_url(), REMOTE_ADDR="198.51.100.10")
    assert response[HEADER] == "HIT"
    assert "阅读 1.2万" in response.content.decode()


def test_cards_show_the_count_once_there_is_one(client):
    read = ArticleFactory(title="读过的新闻", view_count=25_600)
    unread = ArticleFactory(title="没人读的新闻", region=read.region, view_count=0)

    html = client.get(read.region.get_absolute_url()).content.decode()

    card = html.split("读过的新闻")[1].split("</li>")[0]
    assert "阅读 2.5万" in card
    assert "阅读" not in html.split(unread.title)[1].split("</li>")[0]


def test_search_results_show_views_and_comments(client):
    ArticleFactory(title="乐至县柠檬丰收", view_count=15_000, comment_count=7)

    html = client.get("/search/", {"q": "柠檬"}).content.decode()

    card = html.split("search-results")[1]
    assert "阅读 1.5万" in card and "7 评论" in card


def test_the_home_title_lists_show_comment_counts(client):
    for n in range(4):
        ArticleFactory(title=f"头条新闻{n}", is_featured=True, comment_count=n + 2, cover_image="covers/x.jpg")

    html = client.get("/").content.decode()

    title_lists = "".join(part.split("</ul>")[0] for part in html.split('class="title-list"')[1:])
    assert "评论" in title_lists
