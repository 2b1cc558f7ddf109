"""The profile page is the one reader address that takes a file, and only a
logged-in reader's avatar (core.request_limits). Requests go through
the WSGI application as gunicorn hands them over."""

import io

import pytest
from django.conf import settings

from tests.articles.image_files import image_bytes
from tests.factories import ArticleFactory
from tests.newsportal.test_page_cache_fast_path import wsgi_get

pytestmark = pytest.mark.django_db

BOUNDARY = "----members-avatar-boundary"
CSRF_TOKEN = "k" * 32
MB = 1024 * 1024


class CountingBody(io.BytesIO):
    def __init__(self, data):
        super().__init__(data)
        self.read_bytes = 0

    def read(self, size=-1):
        data = super().read(size)
        self.read_bytes += len(data)
        return data

    def readline(self, size=-1):
        data = super().readline(size)
        self.read_bytes += len(data)
        return data


def multipart(file_field, file_content, nickname="柠檬姑娘"):
    parts = [
        f'--{BOUNDARY}\r\nContent-Disposition: form-data; name="csrfmiddlewaretoken"\r\n\r\n{CSRF_TOKEN}\r\n'.encode(),
        f'--{BOUNDARY}\r\nContent-Disposition: form-data; name="nickname"\r\n\r\n{nickname}\r\n'.encode(),
        f'--{BOUNDARY}\r\nContent-Disposition: form-data; name="{file_field}"; filename="me.png"\r\n'
        "Content-Type: image/png\r\n\r\n".encode(),
        file_content,
        f"\r\n--{BOUNDARY}--\r\n".encode(),
    ]
    return CountingBody(b"".join(parts))


def post(path, body, session=None):
    cookies = f"csrftoken={CSRF_TOKEN}" + (f"; {settings.SESSION_COOKIE_NAME}={session}" if session else "")
    return wsgi_get(
        path,
        REQUEST_METHOD="POST",
        CONTENT_TYPE=f"multipart/form-data; boundary={BOUNDARY}",
        CONTENT_LENGTH=str(len(body.getvalue())),
        HTTP_COOKIE=cookies,
        **{"wsgi.input": body},
    )


@pytest.fixture
def session(client, reader):
    client.force_login(reader.user)
    return client.cookies[settings.SESSION_COOKIE_NAME].value


@pytest.fixture
def temp_files(settings, tmp_path):
    settings.FILE_UPLOAD_MAX_MEMORY_SIZE = 0  # any file part read would be written here
    settings.FILE_UPLOAD_TEMP_DIR = str(tmp_path / "uploads")
    (tmp_path / "uploads").mkdir()
    return tmp_path / "uploads"


def test_a_logged_in_readers_avatar_reaches_the_profile(session, reader):
    body = multipart("avatar", image_bytes("PNG", (300, 300)))

    status, headers, content = post(settings.READER_UPLOAD_PATH, body, session)

    assert status.startswith("302"), content.decode()[:500]
    reader.refresh_from_db()
    assert reader.avatar


def test_a_picture_of_2_mb_is_over_the_comment_limit_but_allowed_here(session, reader):
    body = multipart("avatar", b"x" * (2 * MB))

    status, headers, content = post(settings.READER_UPLOAD_PATH, body, session)

    assert status.startswith("400"), "read, and refused by the form as no picture"
    assert "不是有效的图片" in content.decode()


def test_a_body_over_the_avatar_limit_is_refused_before_it_is_read(session):
    body = multipart("avatar", b"x" * (settings.READER_UPLOAD_MAX_BYTES + settings.READER_BODY_MAX_BYTES))

    status, headers, content = post(settings.READER_UPLOAD_PATH, body, session)

    assert status.startswith("413") and body.read_bytes == 0


def test_someone_not_logged_in_cannot_send_a_file_to_the_profile(temp_files):
    body = multipart("avatar", b"x" * (2 * MB))

    status, headers, content = post(settings.READER_UPLOAD_PATH, body)

    assert status.startswith("302")  # to the login page
    assert body.read_bytes < 256 * 1024
    assert list(temp_files.iterdir()) == []


def test_a_reader_sends_no_file_under_another_name(session, temp_files, reader):
    body = multipart("cover", b"x" * (2 * MB))

    post(settings.READER_UPLOAD_PATH, body, session)

    assert body.read_bytes < 256 * 1024
    assert list(temp_files.iterdir()) == []


def test_a_reader_sends_no_file_anywhere_else(session, temp_files):
    article = ArticleFactory()
    body = multipart("avatar", b"x" * (40 * 1024))

    status, headers, content = post(f"/comments/post/{article.pk}/", body, session)

    assert status.startswith("400")  # the comment's fields before the file are all it got
    assert list(temp_files.iterdir()) == []
