"""Request bodies are refused by their size before they are read (issue 23, item 5).

A 200 MB multipart POST to /admin/login/ carrying only the public csrftoken
cookie was written to a temporary file whole before its 403. Requests go
through ``newsportal.wsgi.application`` as gunicorn hands them over, with a
body that counts how much of it the site read.
"""

import json

import pytest

from tests.factories import ArticleFactory
from tests.newsportal.test_page_cache_fast_path import wsgi_get

pytestmark = pytest.mark.django_db

BOUNDARY = "----newsportal-test-boundary"
MB = 1024 * 1024
CSRF_TOKEN = "k" * 32  # any well-formed token: the cookie and the field agree


class MultipartBody:
    """A multipart form of one text field and one file of ``file_bytes``,
    produced as it is read, counting the bytes the reader took."""

    def __init__(self, file_bytes, field=("csrfmiddlewaretoken", CSRF_TOKEN)):
        self.head = (
            f'--{BOUNDARY}\r\nContent-Disposition: form-data; name="{field[0]}"\r\n\r\n{field[1]}\r\n'
            f'--{BOUNDARY}\r\nContent-Disposition: form-data; name="upload"; filename="big.jpg"\r\n'
            "Content-Type: image/jpeg\r\n\r\n"
        ).encode()
        self.tail = f"\r\n--{BOUNDARY}--\r\n".encode()
        self.length = len(self.head) + file_bytes + len(self.tail)
        self.read_bytes = 0

    def _at(self, position, size):
        middle_end = self.length - len(self.tail)
        out = bytearray()
        while size > 0 and position < self.length:
            if position < len(self.head):
                piece = self.head[position : position + size]
            elif position < middle_end:
                piece = b"x" * min(size, middle_end - position)
            else:
                piece = self.tail[position - middle_end : position - middle_end + size]
            out += piece
            position += len(piece)
            size -= len(piece)
        return bytes(out)

    def read(self, size=-1):
        if size is None or size < 0:
            size = self.length - self.read_bytes
        data = self._at(self.read_bytes, size)
        self.read_bytes += len(data)
        return data

    def readline(self, size=-1):
        return self.read(size)


def post(path, body, **environ):
    return wsgi_get(
        path,
        REQUEST_METHOD="POST",
        CONTENT_TYPE=f"multipart/form-data; boundary={BOUNDARY}",
        CONTENT_LENGTH=str(body.length),
        HTTP_COOKIE=f"csrftoken={CSRF_TOKEN}",
        **{"wsgi.input": body, **environ},
    )


def test_a_200_mb_post_to_the_login_page_is_refused_before_a_byte_is_read():
    body = MultipartBody(200 * MB)

    status, headers, content = post("/admin/login/", body)

    assert status.startswith("413")
    assert body.read_bytes == 0
    assert headers["Connection"] == "close"
    page = content.decode()
    assert "提交的内容过大" in page and "12.0" in page


def test_a_comment_larger_than_any_comment_is_refused_with_a_message_the_comment_form_shows():
    article = ArticleFactory()
    body = MultipartBody(200 * 1024, field=("body", "好"))

    status, headers, content = post(f"/comments/post/{article.pk}/", body, HTTP_ACCEPT="application/json")

    assert status.startswith("413") and body.read_bytes == 0
    answer = json.loads(content)
    assert answer["ok"] is False and "64.0" in answer["message"]


def test_the_editor_upload_gets_its_json_error_for_a_body_over_the_staff_limit():
    body = MultipartBody(13 * MB)

    status, headers, content = post("/ckeditor/upload/?responseType=json", body)

    assert status.startswith("413") and body.read_bytes == 0
    assert json.loads(content)["uploaded"] == 0
    assert "上限" in json.loads(content)["error"]["message"]


def test_a_body_under_the_staff_limit_reaches_the_site():
    body = MultipartBody(11 * MB)

    status, headers, content = post("/ckeditor/upload/?responseType=json", body)

    assert not status.startswith("413")
    assert status.startswith("302")  # nobody is logged in: the editor's upload sends to the login


def test_a_file_sent_by_someone_not_logged_in_is_never_read_or_written(settings, tmp_path):
    settings.FILE_UPLOAD_MAX_MEMORY_SIZE = 0  # Django would write any file part to a temporary file
    settings.FILE_UPLOAD_TEMP_DIR = str(tmp_path)
    body = MultipartBody(3 * MB)

    status, headers, content = post("/admin/login/", body)

    assert status.startswith(("200", "403"))
    assert body.read_bytes < 256 * 1024, "the parser stops at the file part"
    assert list(tmp_path.iterdir()) == []
