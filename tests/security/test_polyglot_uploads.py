"""Pictures that are also something else are stored as pictures only (issue 23, item 4).

Valid JPEGs carrying ``<img src=x onerror=…>``, ``<meta http-equiv=refresh>``
or a UTF-16 ``<script>`` in their metadata, a PNG with ``<img onerror>`` in a
text chunk and a GIF with ``<?= system($_GET['c']) ?>`` passed the markup
check (which looks for ``<script``, ``<?php`` and the like in ASCII) and were
stored byte for byte through all three upload inputs; cover and photo
uploads kept their file name, so ``shell.php.gif`` was stored as is. Every
stored picture is now decoded and written again by Pillow, under a generated
name with the extension of its format: none of those bytes survive.
"""

import re

import pytest
from PIL import Image

from articles.models import Article
from tests.articles.image_files import (
    IMG_ONERROR,
    META_REFRESH,
    PHP_SHORT_TAG,
    UTF16_SCRIPT,
    gif_with_comment,
    jpeg_with_comment,
    jpeg_with_exif,
    png_with_text,
    upload,
)
from tests.articles.test_editor_upload import post_picture, stored_files
from tests.articles.test_image_uploads import ADD_URL, admin_add_form
from tests.factories import RegionFactory

pytestmark = pytest.mark.django_db

POLYGLOTS = {
    "jpeg-comment-img-onerror": ("photo.jpg", jpeg_with_comment(IMG_ONERROR), IMG_ONERROR, "JPEG"),
    "jpeg-exif-meta-refresh": ("photo.jpeg", jpeg_with_exif(META_REFRESH), META_REFRESH, "JPEG"),
    "jpeg-utf16-script": ("photo.jpg", jpeg_with_comment(UTF16_SCRIPT), UTF16_SCRIPT, "JPEG"),
    "png-text-chunk-img-onerror": ("chart.png", png_with_text("Comment", IMG_ONERROR.decode()), IMG_ONERROR, "PNG"),
    "gif-php-short-tag": ("shell.php.gif", gif_with_comment(PHP_SHORT_TAG), PHP_SHORT_TAG, "GIF"),
    "animated-gif-php-short-tag": ("shell.php.gif", gif_with_comment(PHP_SHORT_TAG, frames=3), PHP_SHORT_TAG, "GIF"),
}
GENERATED_NAME = re.compile(r"[0-9a-f]{32}(_thumb)?\.(jpg|png|gif|webp)")
EXTENSIONS = {"JPEG": ".jpg", "PNG": ".png", "GIF": ".gif"}


def assert_stored_clean(settings, payload, image_format):
    files = stored_files(settings)
    assert files, "nothing was stored"
    for path in files:
        content = path.read_bytes()
        assert payload not in content, path.name
        assert GENERATED_NAME.fullmatch(path.name), path.name
        assert path.suffix == EXTENSIONS[image_format]
        with Image.open(path) as stored:
            stored.load()
            assert stored.format == image_format
            if "_thumb" not in path.name:
                assert stored.size == (40, 30)


@pytest.fixture
def superuser_client(client, superuser):
    client.force_login(superuser)
    return client


@pytest.mark.parametrize("case", POLYGLOTS)
def test_a_polyglot_cover_is_stored_re_encoded_under_a_generated_name(superuser_client, settings, case):
    name, content, payload, image_format = POLYGLOTS[case]

    response = superuser_client.post(ADD_URL, admin_add_form(RegionFactory(), upload(name, content)))

    assert response.status_code == 302, response.content.decode()
    assert Article.objects.get().cover_image.name.startswith("covers/")
    assert_stored_clean(settings, payload, image_format)


@pytest.mark.parametrize("case", POLYGLOTS)
def test_a_polyglot_in_the_photo_set_is_stored_re_encoded(superuser_client, settings, case):
    name, content, payload, image_format = POLYGLOTS[case]
    form = admin_add_form(RegionFactory(), "")
    form |= {"photos-TOTAL_FORMS": "1", "photos-0-image": upload(name, content), "photos-0-sort_order": "0"}

    response = superuser_client.post(ADD_URL, form)

    assert response.status_code == 302, response.content.decode()
    assert_stored_clean(settings, payload, image_format)


@pytest.mark.parametrize("case", POLYGLOTS)
def test_a_polyglot_dropped_into_the_editor_is_stored_re_encoded(client, journalist, settings, case):
    name, content, payload, image_format = POLYGLOTS[case]
    client.force_login(journalist)

    response = post_picture(client, name, content)

    assert response.json()["uploaded"] == "1", response.json()
    assert GENERATED_NAME.fullmatch(response.json()["fileName"])
    assert_stored_clean(settings, payload, image_format)
