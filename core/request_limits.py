"""How much of a request body the site agrees to read, decided before reading it.

Django caps the form fields it keeps in memory (``DATA_UPLOAD_MAX_MEMORY_SIZE``)
but streams every file part of a multipart body to a temporary file first and
checks permissions afterwards: a 200 MB POST to ``/admin/login/`` with only the
public csrftoken cookie was written to disk whole before its 403.

- ``BodyLimitApplication`` (wsgi.py) answers 413 to a body whose declared
  ``Content-Length`` is over the limit of its address, without reading a byte:
  ``REQUEST_BODY_MAX_BYTES`` under ``/admin/`` and ``/ckeditor/`` (where staff
  upload pictures), ``READER_BODY_MAX_BYTES`` everywhere else (a comment or a
  report is a few kilobytes). Django reads no more than the declared length,
  and a body without one (chunked) is not read at all.
  The admin's article form (``ARTICLE_FORM_PATH``: add and change) may
  also carry a video, so it may send ``VIDEO_UPLOAD_MAX_BYTES`` more.
  ``READER_UPLOAD_PATH`` (a reader's avatar) may send
  ``READER_UPLOAD_MAX_BYTES`` plus the reader limit for the form around it.
- ``StaffUploadsOnly``, the first upload handler, stops reading a multipart
  body at its first file part unless the request comes from a staff member,
  or it is one ``avatar`` from a logged-in reader to ``READER_UPLOAD_PATH``:
  a file from anyone else is never written.

The buffering proxy in front (deploy/nginx/newsportal.conf) caps bodies too,
and is what keeps a slow sender from holding a worker; these limits hold when
a request reaches gunicorn some other way.
"""

import json
import re

from django.conf import settings
from django.core.files.uploadhandler import FileUploadHandler, StopUpload
from django.template import loader
from django.template.defaultfilters import filesizeformat

STAFF_PREFIXES = ("/admin/", "/ckeditor/")
# The admin's article add and change forms, where an article's video is uploaded.
ARTICLE_FORM_PATH = re.compile(r"/admin/articles/article/(add|[0-9]+/change)/")


def body_limit(path):
    """The most bytes a request to ``path`` may send."""
    if ARTICLE_FORM_PATH.fullmatch(path):
        return settings.REQUEST_BODY_MAX_BYTES + settings.VIDEO_UPLOAD_MAX_BYTES
    if path.startswith(STAFF_PREFIXES):
        return settings.REQUEST_BODY_MAX_BYTES
    if path == settings.READER_UPLOAD_PATH:
        return settings.READER_UPLOAD_MAX_BYTES + settings.READER_BODY_MAX_BYTES
    return settings.READER_BODY_MAX_BYTES


def declared_length(environ):
    try:
        return int(environ.get("CONTENT_LENGTH") or 0)
    except ValueError:
        return 0  # Django reads such a body as empty too


class BodyLimitApplication:
    """WSGI wrapper: 413 for a declared body over the limit, anything else on to ``application``."""

    def __init__(self, application):
        self.application = application

    def __call__(self, environ, start_response):
        path = environ.get("PATH_INFO", "")
        limit = body_limit(path)
        if declared_length(environ) <= limit:
            return self.application(environ, start_response)
        message = f"提交的内容超过了 {filesizeformat(limit)} 的上限，未被接收。"
        if path.startswith("/ckeditor/upload/") or environ.get("HTTP_ACCEPT", "").startswith("application/json"):
            # The editor's upload and comments.js show the message they are given.
            body, content_type = json_refusal(path, message), "application/json"
        else:
            body, content_type = loader.render_to_string("413.html", {"message": message}).encode(), "text/html"
        start_response(
            "413 Request Entity Too Large",
            [
                ("Content-Type", f"{content_type}; charset=utf-8"),
                ("Content-Length", str(len(body))),
                ("Cache-Control", "no-store"),
                ("X-Content-Type-Options", "nosniff"),
                # The unread body is still on its way: this connection is done.
                ("Connection", "close"),
            ],
        )
        return [body]


def json_refusal(path, message):
    if path.startswith("/ckeditor/upload/"):
        answer = {"uploaded": 0, "error": {"message": message}}  # CKEditor 4's upload response
    else:
        answer = {"ok": False, "message": message}  # as core.resilience answers comments.js
    return json.dumps(answer, ensure_ascii=False).encode()


class StaffUploadsOnly(FileUploadHandler):
    """Ends the parsing of a multipart body at a file part sent by anyone but staff.

    The fields before it are kept (a login form still gets its CSRF check
    and its 403); the file and everything after it are never read.
    """

    READER_FIELD = "avatar"

    def __init__(self, request=None):
        super().__init__(request)
        self.files = 0

    def new_file(self, field_name, *args, **kwargs):
        user = getattr(self.request, "user", None)
        self.files += 1
        if user is not None and user.is_staff:
            return
        if not (self._reader_upload(user) and field_name == self.READER_FIELD and self.files == 1):
            raise StopUpload(connection_reset=True)

    def _reader_upload(self, user):
        return user is not None and user.is_authenticated and self.request.path == settings.READER_UPLOAD_PATH

    def receive_data_chunk(self, raw_data, start):
        return raw_data

    def file_complete(self, file_size):
        return None
