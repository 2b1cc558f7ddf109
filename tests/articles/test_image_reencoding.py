"""A journalist's picture is stored as Pillow writes it, not as it arrived.

Every cover, photo-set picture and editor upload is decoded and written
again: a phone photo is stored upright (its EXIF orientation applied), with
no EXIF left (no camera serial, no GPS position of the reporter), under a
generated name with the extension of its format. Transparency and animation
survive; an article edited later keeps the file it has.
"""

import io
import re

import pytest
from django.core.exceptions import ValidationError
from PIL import Image

from articles.images import inspect_image, reencode
from articles.models import Article, ArticlePhoto
from tests.articles.image_files import gif_with_comment, image_bytes, jpeg_with_exif, upload
from tests.articles.test_editor_upload import post_picture
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db

ROTATE_90_CLOCKWISE = 6  # what a phone held upright writes into a landscape sensor's picture
GENERATED = re.compile(r"[0-9a-f]{32}\.(jpg|png|gif|webp)")


def opened(field_file):
    field_file.open("rb")
    with field_file:
        image = Image.open(io.BytesIO(field_file.read()))
        image.load()
        return image


def test_a_phone_photo_is_stored_upright_and_without_its_exif(regions):
    article = ArticleFactory(region=regions["lezhi"])
    article.cover_image = upload("IMG_2041.JPG", jpeg_with_exif(b"Canon EOS R6 serial 0412", ROTATE_90_CLOCKWISE))
    article.full_clean()
    article.save()

    stored = opened(Article.objects.get().cover_image)

    assert stored.size == (30, 40)  # was 40 wide, 30 high, shown turned
    assert not stored.getexif()
    top, bottom = stored.getpixel((15, 2)), stored.getpixel((15, 37))
    assert sum(top) < 100 < 600 < sum(bottom)  # the black half, once on the left, is now on top


def test_the_stored_name_is_generated_with_the_extension_of_the_format(regions):
    article = ArticleFactory(region=regions["lezhi"])
    article.cover_image = upload("乐至 柠檬节 现场.JPEG", image_bytes("JPEG"))
    article.save()

    folder, name = article.cover_image.name.rsplit("/", 1)
    assert folder.startswith("covers/") and GENERATED.fullmatch(name) and name.endswith(".jpg")


def test_transparency_survives(regions):
    logo = Image.new("RGBA", (40, 30), (0, 0, 0, 0))
    logo.paste((200, 30, 30, 255), (10, 10, 30, 20))
    buffer = io.BytesIO()
    logo.save(buffer, format="PNG")
    photo = ArticlePhoto(article=ArticleFactory(region=regions["lezhi"]), image=upload("logo.png", buffer.getvalue()))
    photo.save()

    stored = opened(ArticlePhoto.objects.get().image).convert("RGBA")

    assert stored.getpixel((0, 0))[3] == 0 and stored.getpixel((20, 15)) == (200, 30, 30, 255)


def test_an_animated_gif_keeps_its_frames_and_timing():
    clean = reencode(upload("dance.gif", gif_with_comment(b"hello", frames=3)))

    with Image.open(clean) as stored:
        assert stored.format == "GIF" and stored.n_frames == 3
        assert stored.info["duration"] == 120 and stored.info["loop"] == 0
        assert "comment" not in stored.info


def test_editing_the_article_later_keeps_the_stored_cover(regions):
    article = ArticleFactory(region=regions["lezhi"])
    article.cover_image = upload("cover.png", image_bytes("PNG"))
    article.save()
    name = article.cover_image.name

    article = Article.objects.get()
    article.title = "改了标题"
    article.full_clean()
    article.save()

    assert Article.objects.get().cover_image.name == name


def test_the_editor_stores_the_re_encoded_picture_and_a_thumbnail_in_the_same_format(client, journalist, settings):
    client.force_login(journalist)

    body = post_picture(client, "会场 照片.png", image_bytes("PNG")).json()

    stored = settings.MEDIA_ROOT / body["url"].removeprefix(settings.MEDIA_URL)
    assert GENERATED.fullmatch(stored.name)
    thumbnail = stored.with_name(stored.stem + "_thumb.png")
    with Image.open(stored) as picture, Image.open(thumbnail) as thumb:
        assert (picture.format, picture.size) == ("PNG", (40, 30))
        assert thumb.format == "PNG" and max(thumb.size) <= 75


def test_an_animation_too_long_to_re_encode_is_refused_with_its_size_named(settings):
    settings.IMAGE_UPLOAD_MAX_PIXELS = 40 * 30 * 2  # two frames' worth

    with pytest.raises(ValidationError) as refused:
        inspect_image(upload("dance.gif", gif_with_comment(b"", frames=3)))

    assert refused.value.code == "too_many_frames"
    assert "动图太大（3 帧，每帧 40×30 像素）" in refused.value.messages[0]
