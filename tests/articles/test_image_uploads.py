"""Only real JPEG, PNG, GIF and WebP pictures get into an article.

A journalist who picks the wrong file gets a Chinese message saying what is
wrong; an attacker who disguises SVG or HTML as a picture gets nothing stored.
"""

import pytest
from django.core.exceptions import ValidationError

from articles.images import inspect_image
from articles.models import Article, ArticlePhoto
from tests.articles.image_files import HTML_WITH_PNG_HEADER, PNG_SIGNATURE, SVG, image_bytes, png_claiming_size, upload
from tests.factories import ArticleFactory, RegionFactory, UserFactory

JPEG = image_bytes("JPEG")
PNG = image_bytes("PNG")

REFUSED = [
    ("logo.svg", SVG, "extension"),
    ("logo.png", SVG, "invalid"),
    ("cover.png", HTML_WITH_PNG_HEADER, "invalid"),
    ("cover.png", PNG_SIGNATURE + b"\x00garbage-after-the-signature" * 20, "invalid"),
    ("cut.jpg", JPEG[: len(JPEG) // 2], "invalid"),
    ("cut.png", PNG[: len(PNG) - 30], "invalid"),
    ("photo.jpg.html", b"<html><script>alert(1)</script></html>", "extension"),
    ("evil.php.jpg", b"<?php system($_GET['c']); ?>", "invalid"),
    ("notes.txt", b"just text", "extension"),
    ("no-extension", PNG, "extension"),
    ("photo.jpg", PNG, "extension_mismatch"),
    ("photo.gif", JPEG, "extension_mismatch"),
    ("scan.bmp", image_bytes("BMP"), "extension"),
    ("scan.png", image_bytes("BMP"), "invalid"),
    ("scan.jpg", image_bytes("TIFF"), "invalid"),
    ("huge.png", png_claiming_size(8000, 6000), "too_many_pixels"),
    ("bomb.png", png_claiming_size(10_000, 10_000), "bomb"),
    ("bigger-bomb.png", png_claiming_size(30_000, 30_000), "bomb"),
    ("raw.jpg", b"\0" * (10 * 1024 * 1024 + 1), "too_large"),
    # Decodes fully as a JPEG, but a browser sniffing it would find a page (issue 7).
    ("polyglot.jpg", JPEG + b"<html><script>alert(1)</script></html>", "polyglot"),
]

MESSAGES = {
    "extension": "扩展名不是 .jpg、.png、.gif 或 .webp",
    "invalid": "不是有效的图片",
    "extension_mismatch": "请改成正确的扩展名",
    "too_many_pixels": "图片尺寸太大",
    "bomb": "解压炸弹",
    "too_large": "图片太大",
    "polyglot": "夹带了网页或脚本代码",
}

ACCEPTED = [
    ("photo.jpg", JPEG, "JPEG"),
    ("photo.JPEG", JPEG, "JPEG"),
    ("chart.png", PNG, "PNG"),
    ("anim.gif", image_bytes("GIF"), "GIF"),
    ("phone.webp", image_bytes("WEBP"), "WEBP"),
]


def ids(cases):
    return [f"{name}-{expected}" for name, _, expected in cases]


@pytest.mark.parametrize(("name", "content", "code"), REFUSED, ids=ids(REFUSED))
def test_a_file_that_is_not_an_acceptable_picture_is_refused_with_a_reason(name, content, code):
    with pytest.raises(ValidationError) as refused:
        inspect_image(upload(name, content))

    assert refused.value.code == code
    assert MESSAGES[code] in refused.value.messages[0]


@pytest.mark.parametrize(("name", "content", "image_format"), ACCEPTED, ids=ids(ACCEPTED))
def test_real_pictures_are_accepted(name, content, image_format):
    picture = upload(name, content)

    assert inspect_image(picture) == image_format
    assert picture.tell() == 0  # rewound for whoever stores it


def test_pixel_and_byte_limits_come_from_settings(settings):
    settings.IMAGE_UPLOAD_MAX_PIXELS = 40 * 30 - 1
    with pytest.raises(ValidationError, match="40×30 像素"):
        inspect_image(upload("photo.jpg", JPEG))

    settings.IMAGE_UPLOAD_MAX_PIXELS = 40 * 30
    settings.IMAGE_UPLOAD_MAX_BYTES = len(JPEG) - 1
    with pytest.raises(ValidationError, match="图片太大"):
        inspect_image(upload("photo.jpg", JPEG))


def test_a_bomb_is_refused_even_when_the_pixel_limit_is_set_absurdly_high(settings):
    settings.IMAGE_UPLOAD_MAX_PIXELS = 10**12

    with pytest.raises(ValidationError) as refused:
        inspect_image(upload("bomb.png", png_claiming_size(10_000, 10_000)))

    assert refused.value.code in {"bomb", "too_many_pixels"}


def stored_files(settings):
    return [path for path in settings.MEDIA_ROOT.rglob("*") if path.is_file()] if settings.MEDIA_ROOT.exists() else []


@pytest.mark.django_db
class TestModelFields:
    @pytest.mark.parametrize(("name", "content", "code"), REFUSED[:12], ids=ids(REFUSED[:12]))
    def test_cover_image_refuses_what_inspect_image_refuses(self, name, content, code, settings):
        article = ArticleFactory()
        article.cover_image = upload(name, content)

        with pytest.raises(ValidationError) as refused:
            article.full_clean()

        assert MESSAGES[code] in " ".join(refused.value.message_dict["cover_image"])
        assert stored_files(settings) == []

    @pytest.mark.parametrize(("name", "content", "code"), REFUSED[:12], ids=ids(REFUSED[:12]))
    def test_photo_set_image_refuses_what_inspect_image_refuses(self, name, content, code, settings):
        photo = ArticlePhoto(article=ArticleFactory(), image=upload(name, content), caption="会场")

        with pytest.raises(ValidationError) as refused:
            photo.full_clean()

        assert MESSAGES[code] in " ".join(refused.value.message_dict["image"])
        assert stored_files(settings) == []

    def test_a_valid_cover_is_stored_and_editing_later_does_not_recheck_it(self, settings):
        article = ArticleFactory()
        article.cover_image = upload("cover.webp", image_bytes("WEBP"))
        article.full_clean()
        article.save()

        settings.IMAGE_UPLOAD_MAX_BYTES = 1  # a stricter limit later must not lock old articles
        article = Article.objects.get(pk=article.pk)
        article.title = "改了标题"
        article.full_clean()

        assert [path.suffix for path in stored_files(settings)] == [".webp"]


ADD_URL = "/admin/articles/article/add/"


def admin_add_form(region, cover):
    return {
        "title": "乐至县召开春耕生产推进会",
        "subtitle": "",
        "summary": "全县粮食播种面积稳定在 80 万亩以上。",
        "body": "<p>3月1日，乐至县召开春耕生产推进会。</p>",
        "cover_image": cover,
        "region": region.pk,
        "status": Article.Status.DRAFT,
        "allow_comments": "on",
        "tags": "",
        "byline-TOTAL_FORMS": "0",
        "byline-INITIAL_FORMS": "0",
        "photos-TOTAL_FORMS": "0",
        "photos-INITIAL_FORMS": "0",
    }


@pytest.mark.django_db
class TestAdminAddForm:
    @pytest.fixture
    def journalist_client(self, client):
        client.force_login(UserFactory(username="tangbin", is_staff=True, is_superuser=True))
        return client

    @pytest.mark.parametrize(
        ("name", "content"),
        [
            ("logo.png", SVG),
            ("cover.png", HTML_WITH_PNG_HEADER),
            ("photo.jpg.html", b"<html></html>"),
            ("photo.jpg", PNG),
        ],
        ids=["svg-as-png", "html-with-png-header", "double-extension", "wrong-extension"],
    )
    def test_a_refused_cover_keeps_what_the_journalist_typed(self, journalist_client, settings, name, content):
        response = journalist_client.post(ADD_URL, admin_add_form(RegionFactory(), upload(name, content)))

        assert response.status_code == 200
        page = response.content.decode()
        assert 'value="乐至县召开春耕生产推进会"' in page
        assert "全县粮食播种面积稳定在 80 万亩以上。" in page
        assert "errorlist" in page and "图片" in page
        assert not Article.objects.exists()
        assert stored_files(settings) == []

    def test_our_limits_show_up_in_the_admin_too(self, journalist_client, settings):
        settings.IMAGE_UPLOAD_MAX_PIXELS = 100

        response = journalist_client.post(ADD_URL, admin_add_form(RegionFactory(), upload("c.jpg", JPEG)))

        assert "图片尺寸太大（40×30 像素）" in response.content.decode()
        assert not Article.objects.exists()
        assert stored_files(settings) == []

    def test_a_disguised_photo_in_the_photo_set_is_refused(self, journalist_client, settings):
        form = admin_add_form(RegionFactory(), "")
        form["photos-TOTAL_FORMS"] = "1"
        form["photos-0-image"] = upload("p.png", HTML_WITH_PNG_HEADER)
        form["photos-0-caption"] = "会场"

        response = journalist_client.post(ADD_URL, form)

        assert response.status_code == 200
        assert 'value="会场"' in response.content.decode()
        assert not Article.objects.exists()
        assert stored_files(settings) == []

    def test_a_real_cover_is_saved(self, journalist_client, settings):
        response = journalist_client.post(ADD_URL, admin_add_form(RegionFactory(), upload("c.jpg", JPEG)))

        assert response.status_code == 302
        article = Article.objects.get()
        assert article.cover_image.name.startswith("covers/") and article.cover_image.name.endswith(".jpg")
        assert len(stored_files(settings)) == 1
