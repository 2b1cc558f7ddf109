"""A journalist pastes pictures from a WeChat article; readers see them, served from here.

The "other site" is an HTTP server on loopback. Loopback is exactly what the
fetch refuses, so the tests that bring pictures home let 127.0.0.1 through
with the test-only ``REMOTE_IMAGE_TEST_ADDRESSES``; the ones about SSRF
leave it empty, or let only 127.0.0.1 through and aim a redirect at a second
server on 127.0.0.2, and check that server never saw a request.
"""

import io
import re
from pathlib import Path

import pytest
from django.conf import settings
from PIL import Image

from articles.models import Article
from articles.remote_images import NotBroughtHome, fetch, is_public
from tests.articles.image_files import image_bytes
from tests.articles.newsroom import article_by, change_url, form_data


def jpeg_with_script_in_its_comment():
    buffer = io.BytesIO()
    Image.new("RGB", (60, 40), (20, 120, 200)).save(buffer, format="JPEG", comment=b"<img src=x onerror=alert(1)>")
    return buffer.getvalue()


@pytest.fixture
def loopback_allowed(settings):
    settings.REMOTE_IMAGE_TEST_ADDRESSES = ["127.0.0.1"]


def save_body(client, journalist, article, body):
    client.force_login(journalist)
    response = client.post(change_url(article), form_data(article, body=body, _save="保存"), follow=True)
    article.refresh_from_db()
    return response


def stored_file(src):
    assert src.startswith(settings.MEDIA_URL + settings.CKEDITOR_UPLOAD_PATH + "pasted/"), src
    return Path(settings.MEDIA_ROOT) / src.removeprefix(settings.MEDIA_URL)


def srcs(body):
    return re.findall(r'<img[^>]* src="([^"]*)"', body)


def test_pasted_pictures_are_stored_here_and_the_body_points_at_them(
    client, regions, journalist, picture_host, loopback_allowed
):
    wechat = picture_host(
        routes={
            "/mmbiz_jpg/abc/640?wx_fmt=jpeg": (200, {"Content-Type": "image/jpeg"}, jpeg_with_script_in_its_comment()),
            "/moved": (302, {"Location": "/photo.png"}, b""),
            "/photo.png": (200, {"Content-Type": "image/png"}, image_bytes("PNG")),
        }
    )
    article = article_by(journalist, regions["lezhi"])
    pasted = wechat.url("/mmbiz_jpg/abc/640?wx_fmt=jpeg")
    body = (
        f'<p>蚕农在采桑。</p><p><img alt="采桑" src="{pasted}" style="width:300px"></p>'
        f'<p><img src="{wechat.url("/moved")}"></p><p><img src="{pasted}"></p>'
    )

    response = save_body(client, journalist, article, body)

    assert response.status_code == 200
    found = srcs(article.body)
    assert len(found) == 3 and not any("127.0.0.1" in src for src in found)
    assert found[0] == found[2], "the same picture pasted twice is fetched and stored once"
    assert wechat.asked.count("/mmbiz_jpg/abc/640?wx_fmt=jpeg") == 1
    jpeg, png = stored_file(found[0]), stored_file(found[1])
    assert jpeg.suffix == ".jpg" and png.suffix == ".png"
    assert b"onerror" not in jpeg.read_bytes(), "stored as Pillow writes it again, not the bytes fetched"
    assert 'alt="采桑"' in article.body and "width:300px" in article.body
    assert "外站图片没能保存" not in response.content.decode()


def test_a_picture_that_cannot_be_brought_home_is_named_and_left_out(
    client, regions, journalist, picture_host, loopback_allowed
):
    host = picture_host(
        routes={
            "/page.html": (200, {"Content-Type": "text/html"}, b"<html><body>not a picture</body></html>"),
            "/ok.gif": (200, {"Content-Type": "image/gif"}, image_bytes("GIF")),
        }
    )
    article = article_by(journalist, regions["lezhi"])
    body = (
        f'<p>一</p><img src="{host.url("/page.html")}"><p>二</p><img src="{host.url("/gone.jpg")}">'
        f'<img src="{host.url("/ok.gif")}"><p>三</p>'
    )

    page = save_body(client, journalist, article, body).content.decode()

    assert "2 张外站图片没能保存到本站" in page
    assert host.url("/page.html") in page and "不是 JPEG、PNG、GIF 或 WebP 图片" in page
    assert host.url("/gone.jpg") in page and "HTTP 404" in page
    assert [Path(src).suffix for src in srcs(article.body)] == [".gif"]
    assert "<p>一</p>" in article.body and "<p>三</p>" in article.body, "the text around them is kept"


def test_an_internal_address_is_never_fetched(client, regions, journalist, picture_host):
    """No test setting: loopback is refused before any connection is made."""
    host = picture_host(routes={"/secret.png": (200, {}, image_bytes("PNG"))})
    article = article_by(journalist, regions["lezhi"])

    page = save_body(client, journalist, article, f'<p>正文</p><img src="{host.url("/secret.png")}">').content.decode()

    assert host.asked == []
    assert "指向内网或本机" in page
    assert srcs(article.body) == []


def test_a_redirect_into_the_internal_network_is_refused(picture_host, loopback_allowed):
    internal = picture_host("127.0.0.2", routes={"/latest/meta-data": (200, {}, image_bytes("PNG"))})
    outside = picture_host(routes={"/innocent.png": (302, {"Location": internal.url("/latest/meta-data")}, b"")})

    with pytest.raises(NotBroughtHome, match="指向内网或本机"):
        fetch(outside.url("/innocent.png"), deadline=float("inf"))

    assert outside.asked == ["/innocent.png"]
    assert internal.asked == []


@pytest.mark.parametrize(
    "url",
    [
        "http://localhost/x.png",
        "http://169.254.169.254/latest/meta-data/",
        "http://10.0.0.8/x.png",
        "http://[::1]/x.png",
        "http://[::ffff:127.0.0.1]/x.png",
        "http://100.64.1.1/x.png",
        "http://0.0.0.0/x.png",
    ],
)
def test_private_and_metadata_addresses_are_refused_before_connecting(url):
    with pytest.raises(NotBroughtHome, match="指向内网或本机"):
        fetch(url, deadline=float("inf"))


def test_only_public_addresses_count_as_public():
    assert is_public("101.226.4.6") and is_public("2408:8000::1")
    assert not any(map(is_public, ["127.0.0.1", "192.168.1.1", "172.16.0.1", "fe80::1", "fc00::1", "224.0.0.1"]))


def test_other_schemes_and_oversized_pictures_are_refused(picture_host, loopback_allowed, settings):
    settings.IMAGE_UPLOAD_MAX_BYTES = 1000
    host = picture_host(routes={"/big.png": (200, {}, image_bytes("PNG", size=(400, 400)) + b"\0" * 2000)})

    with pytest.raises(NotBroughtHome, match="超过上传上限"):
        fetch(host.url("/big.png"), deadline=float("inf"))
    with pytest.raises(NotBroughtHome, match="http 或 https"):
        fetch("ftp://example.com/x.png", deadline=float("inf"))


def test_pictures_already_here_are_left_alone(client, regions, journalist, picture_host):
    article = article_by(journalist, regions["lezhi"])
    ours = f"{settings.MEDIA_URL}{settings.CKEDITOR_UPLOAD_PATH}2026/12/05/photo.jpg"

    save_body(client, journalist, article, f'<p>正文</p><img src="{ours}"><img src="http://testserver/media/a.png">')

    assert srcs(article.body) == [ours, "http://testserver/media/a.png"]
    assert Article.objects.get(pk=article.pk).body == article.body
