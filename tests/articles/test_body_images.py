"""A picture a journalist puts in the body through CKEditor's 图像 dialog keeps
its shape on a phone, and a phone downloads a copy the size of its screen.

CKEditor stores the picture with the size it had in the editor (1200×800 as a
style); a fixed height squashed it to 358×800 in a 390 px wide phone. The
page now gives each body picture its true proportions and a srcset of
smaller copies made once by sorl-thumbnail, as covers and photos have.
"""

import io
import re
from html import unescape

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import connection
from django.test.utils import CaptureQueriesContext
from PIL import Image

from tests.factories import ArticleFactory, sichuan_regions

pytestmark = pytest.mark.django_db


def upload(name, size):
    """A JPEG where CKEditor's uploader puts it; returns its URL."""
    buffer = io.BytesIO()
    Image.new("RGB", size, (40, 120, 200)).save(buffer, "JPEG")
    return default_storage.url(default_storage.save(f"uploads/2026/03/01/{name}", ContentFile(buffer.getvalue())))


def body_images(page):
    """Attributes of every <img> inside the article body, as dicts."""
    body = re.search(r'<div class="article-body">(.*?)</div>', page, re.DOTALL).group(1)
    return [
        {name: unescape(value) for name, value in re.findall(r'([\w-]+)="([^"]*)"', tag)}
        for tag in re.findall(r"<img\b[^>]*>", body)
    ]


def srcset_entries(img):
    return [(url, int(width.rstrip("w"))) for url, width in (entry.split() for entry in img["srcset"].split(", "))]


@pytest.fixture
def lezhi():
    return sichuan_regions().lezhi


def article_page(client, region, body):
    article = ArticleFactory(region=region, body=body)
    return client.get(article.get_absolute_url()).content.decode()


def test_a_dialog_picture_loses_its_fixed_height_and_keeps_its_proportions(client, lezhi):
    url = upload("huiyi.jpg", (1200, 800))

    [img] = body_images(
        article_page(client, lezhi, f'<p><img alt="会场" src="{url}" style="height:800px; width:1200px"></p>')
    )

    assert "height" not in img.get("style", "")
    assert int(img["width"]) * 2 == int(img["height"]) * 3  # the file's 3:2


def test_a_body_picture_gets_a_srcset_of_copies_that_exist(client, lezhi):
    url = upload("huiyi.jpg", (1200, 800))

    [img] = body_images(article_page(client, lezhi, f'<p><img alt="会场" src="{url}" style="width:1200px"></p>'))

    entries = srcset_entries(img)
    assert [width for _, width in entries] == [640, 1200]  # no copy claims more pixels than the file has
    for copy_url, width in entries:
        with default_storage.open(copy_url.removeprefix("/media/")) as copy, Image.open(copy) as copy_image:
            assert copy_image.size == (width, round(width * 2 / 3))
    assert img["src"] == url
    assert img["loading"] == "lazy"


def test_a_picture_smaller_than_every_copy_is_offered_at_its_own_size(client, lezhi):
    url = upload("xiaotu.jpg", (300, 200))

    [img] = body_images(article_page(client, lezhi, f'<img alt="小图" src="{url}">'))

    assert [width for _, width in srcset_entries(img)] == [300]
    assert (img["width"], img["height"]) == ("300", "200")


def test_a_picture_the_editor_made_smaller_stays_that_size(client, lezhi):
    url = upload("huiyi.jpg", (1200, 800))

    [img] = body_images(article_page(client, lezhi, f'<img alt="会场" src="{url}" width="300" height="100">'))

    # The editor's width stays; the height follows the file, not the editor's 100.
    assert (img["width"], img["height"]) == ("300", "200")
    assert img["sizes"] == "(max-width: 300px) 100vw, 300px"


def test_pictures_from_elsewhere_or_missing_are_left_as_they_are(client, lezhi):
    body = (
        '<img alt="外站" src="https://img.example.cn/a.jpg"><img alt="丢失" src="/media/uploads/2026/03/01/gone.jpg">'
    )

    images = body_images(article_page(client, lezhi, body))

    assert [img["alt"] for img in images] == ["外站", "丢失"]
    assert not any("srcset" in img for img in images)


def test_body_pictures_cost_the_article_page_no_query(client, lezhi):
    urls = [upload(f"tu{n}.jpg", (800 + n, 600)) for n in range(3)]
    plain = ArticleFactory(region=lezhi, body="<p>正文</p>")
    illustrated = ArticleFactory(region=lezhi, body="".join(f'<p><img alt="" src="{url}"></p>' for url in urls))
    # The first page after an empty cache also builds what all pages share.
    client.get(ArticleFactory(region=lezhi).get_absolute_url())

    counts = []
    for article in (plain, illustrated):
        with CaptureQueriesContext(connection) as queries:
            client.get(article.get_absolute_url())
        counts.append(len(queries))

    assert counts[0] == counts[1]
