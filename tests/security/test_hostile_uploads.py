"""What issue 7 throws at the upload fields that the image tests do not already.

tests/articles/test_image_uploads.py and test_editor_upload.py cover SVG,
HTML behind a PNG header, decompression bombs, double extensions and the
size limit with small settings. Here: a real 50 MB file through both upload
paths, and polyglots of every raster format we accept.
"""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from articles.models import Article
from tests.articles.image_files import image_bytes
from tests.articles.test_editor_upload import CK_TOKEN, UPLOAD_URL, stored_files
from tests.articles.test_image_uploads import ADD_URL, admin_add_form
from tests.factories import RegionFactory, UserFactory

pytestmark = pytest.mark.django_db

FIFTY_MB = 50 * 1024 * 1024


@pytest.fixture
def fifty_mb_jpeg(tmp_path):
    """A real JPEG header followed by 50 MB of noise, written to a temporary file."""
    path = tmp_path / "huge.jpg"
    with path.open("wb") as out:
        out.write(image_bytes("JPEG"))
        out.truncate(FIFTY_MB)
    return path


def test_a_50_mb_file_is_refused_by_the_editor_upload_with_the_limit_named(client, journalist, settings, fifty_mb_jpeg):
    client.force_login(journalist)
    client.cookies["ckCsrfToken"] = CK_TOKEN
    with fifty_mb_jpeg.open("rb") as picture:
        response = client.post(UPLOAD_URL + "?responseType=json", {"upload": picture, "ckCsrfToken": CK_TOKEN})

    assert response.status_code == 200  # CKEditor shows only the message of a 200 answer
    message = response.json()["error"]["message"].replace("\xa0", " ")
    assert "图片太大（50.0 MB）" in message and "上限为 10.0 MB" in message
    assert stored_files(settings) == []


def test_a_50_mb_cover_is_refused_in_the_admin_form_and_nothing_is_saved(client, settings, fifty_mb_jpeg):
    client.force_login(UserFactory(username="tangbin", is_staff=True, is_superuser=True))
    with fifty_mb_jpeg.open("rb") as picture:
        response = client.post(ADD_URL, admin_add_form(RegionFactory(), picture))

    assert response.status_code == 200
    assert "图片太大" in response.content.decode()
    assert not Article.objects.exists()
    assert stored_files(settings) == []


POLYGLOTS = {
    "jpeg-with-html-after-the-end.jpg": image_bytes("JPEG") + b"<html><script>alert(1)</script></html>",
    "png-with-php-after-iend.png": image_bytes("PNG") + b"<?php system($_GET['c']); ?>",
    "gif-with-script-after-the-trailer.gif": image_bytes("GIF") + b"<SCRIPT>alert(1)</SCRIPT>",
    "webp-with-svg-after-the-riff.webp": image_bytes("WEBP") + b'<svg onload="alert(1)">',
}


@pytest.mark.parametrize("name", POLYGLOTS)
def test_a_polyglot_picture_is_refused_with_a_reason_and_not_stored(client, journalist, settings, name):
    client.force_login(journalist)
    client.cookies["ckCsrfToken"] = CK_TOKEN

    upload = SimpleUploadedFile(name, POLYGLOTS[name], content_type="image/png")
    response = client.post(UPLOAD_URL + "?responseType=json", {"upload": upload, "ckCsrfToken": CK_TOKEN})

    assert response.json()["uploaded"] == 0
    assert "夹带了网页或脚本代码" in response.json()["error"]["message"]
    assert stored_files(settings) == []


def test_markup_split_across_read_chunks_is_still_found():
    from articles import images

    padding = b"\0" * (images._CHUNK - 3)
    upload = io.BytesIO(padding + b"<script>")

    with pytest.raises(Exception, match="夹带"):
        images._check_no_markup(upload)
