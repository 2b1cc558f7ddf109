"""The production front (deploy/nginx/newsportal.conf) in front of gunicorn (issue 21, item 6).

gunicorn's sync workers serve one connection each: a client that announced
a body and then stalled held a worker until gunicorn's timeout, and five of
them froze a five-worker site. Behind nginx the body is read by nginx first,
so a stalled client costs a connection there, never a worker. The same stack
shows the other rules of the front: bodies over the upload cap are refused
by nginx, malformed addresses get a 4xx, static files and uploads come from
disk with their cache and safety headers.
"""

import json
import re
import socket
import tempfile
import time
import uuid
from contextlib import ExitStack
from pathlib import Path

import pytest

from tests.faults.services import PrivateNginx, PrivatePostgres, Site, manage, site_environment, wait_until

WORKERS = 2
STALLED = 5


@pytest.fixture(scope="module")
def stack(collected_static):
    """A private PostgreSQL, gunicorn with two sync workers as ``make serve``
    runs it, and nginx with the shipped configuration in front of it."""
    with ExitStack() as cleanup:
        workdir = Path(cleanup.enter_context(tempfile.TemporaryDirectory(prefix="newsportal-front-")))
        workdir.chmod(0o755)  # the postgres user enters it
        postgres = PrivatePostgres(workdir / "pg").init()
        cleanup.callback(postgres.destroy)
        media = workdir / "media"
        env = site_environment(postgres.url, collected_static, DJANGO_MEDIA_ROOT=str(media),
                               GUNICORN_ACCESS_LOG=str(workdir / "gunicorn-access.log"))  # fmt: skip
        manage(env, "migrate", "--noinput", "--verbosity", "0")
        made = manage(env, "shell", "-c", "from tests.factories import ArticleFactory; print(ArticleFactory().pk)")
        site = Site(env, workers=WORKERS).start()
        cleanup.callback(site.stop)
        nginx = PrivateNginx(workdir, f"127.0.0.1:{site.port}", collected_static, media).start()
        cleanup.callback(nginx.stop)
        site.article_id = made.stdout.strip().splitlines()[-1]
        site.access_log = workdir / "gunicorn-access.log"
        yield site, nginx


def raw_request(port, head, body=b"", timeout=5):
    """Send ``head`` (and ``body``) on a fresh connection, return the status line's code."""
    with socket.create_connection(("127.0.0.1", port), timeout=timeout) as conn:
        conn.sendall(head.encode() + b"\r\n\r\n" + body)
        return int(conn.recv(4096).split(b" ", 2)[1])


def stall_bodies(port, article_id, count):
    """``count`` clients that announce a 20,000-byte form (within the reader body cap),
    send 10 bytes of it and wait."""
    sockets = []
    for _ in range(count):
        conn = socket.create_connection(("127.0.0.1", port), timeout=5)
        conn.sendall(
            f"POST /comments/write/{article_id}/ HTTP/1.1\r\nHost: 127.0.0.1\r\n"
            "Content-Type: application/x-www-form-urlencoded\r\nContent-Length: 20000\r\n\r\nbody=%E6%9F".encode()
        )
        sockets.append(conn)
    time.sleep(0.5)  # let the server take them in
    return sockets


def timed_get(server, path, timeout):
    started = time.monotonic()
    status = server.get(path, timeout=timeout)[0]
    return status, time.monotonic() - started


def test_stalled_bodies_hold_no_worker_behind_nginx(stack):
    site, nginx = stack
    sockets = stall_bodies(nginx.port, site.article_id, STALLED)
    try:
        status, seconds = timed_get(nginx, "/", timeout=20)
    finally:
        for conn in sockets:
            conn.close()

    assert status == 200
    print(f"\nGET / through nginx while {STALLED} bodies stall: {seconds * 1000:.0f} ms")


def test_without_nginx_the_same_clients_hold_every_worker(stack):
    """The control: the stalled clients above really do take gunicorn's workers."""
    site, _ = stack
    sockets = stall_bodies(site.port, site.article_id, STALLED)
    try:
        status, seconds = timed_get(site, "/", timeout=3)
    finally:
        for conn in sockets:
            conn.close()

    assert status == "down"
    print(f"\nGET / from gunicorn alone while {STALLED} bodies stall: no answer in {seconds:.1f} s")
    # Once the clients are gone the workers are free again.
    assert timed_get(site, "/", timeout=20)[0] == 200


def test_a_body_over_the_upload_cap_is_refused_by_nginx(stack):
    site, nginx = stack
    probe = f"/comments/write/{site.article_id}/?probe={uuid.uuid4().hex}"
    head = (f"POST {probe} HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: multipart/form-data; boundary=x\r\n"
            f"Content-Length: {13 * 1024 * 1024}")  # fmt: skip

    assert raw_request(nginx.port, head, b"--x\r\n") == 413
    # A body within both caps (nginx's, and the site's for readers) goes through,
    # and gunicorn's access log shows it.
    allowed = probe.replace("probe=", "allowed=")
    form = b"body=" + b"a" * 20_000
    within = head.replace(probe, allowed).replace(
        "multipart/form-data; boundary=x", "application/x-www-form-urlencoded"
    )
    assert raw_request(nginx.port, re.sub(r"Content-Length: \d+", f"Content-Length: {len(form)}", within), form) == 200
    # gunicorn logs a request after answering it.
    wait_until(lambda: allowed.split("?")[1] in site.access_log.read_text(), 5, "gunicorn did not log the request")
    assert probe.split("?")[1] not in site.access_log.read_text()


def test_only_the_article_form_takes_a_video_sized_body(stack):
    """Its own nginx location and Django's limit (core.request_limits) agree:
    a 13 MB article form gets through both (anonymous, it is then refused as any
    anonymous admin POST is), a 13 MB POST elsewhere under /admin/ does not."""
    site, nginx = stack
    body = b"--x\r\n" + b"v" * (13 * 1024 * 1024)
    head = (f"POST /admin/articles/article/add/ HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n"
            f"Content-Type: multipart/form-data; boundary=x\r\nContent-Length: {len(body)}")  # fmt: skip

    assert raw_request(nginx.port, head, body, timeout=20) not in (413, 502)
    assert raw_request(nginx.port, head.replace("article/add/", "article/1/history/"), b"--x\r\n") == 413
    too_big = re.sub(r"Content-Length: \d+", f"Content-Length: {213 * 1024 * 1024}", head)
    assert raw_request(nginx.port, too_big, b"--x\r\n") == 413


MALFORMED = ["/tag/%00/", "/feeds/region/sichuan%00/", "/tag/%FF/", "/search/?q=%FF%FE", "/sichuan/%C0%AF/",
             "/feeds/region/%ED%A0%80/", "/column/%FF/", "/article/1%ED%A0%80/"]  # fmt: skip


@pytest.mark.parametrize("path", MALFORMED)
def test_malformed_addresses_get_a_4xx_from_the_production_server(stack, path):
    """Through gunicorn (which hands Django the raw bytes) and through nginx."""
    site, nginx = stack
    expected = 200 if path.startswith("/search/") else 404

    assert site.get(path)[0] == expected
    assert nginx.get(path)[0] in (expected, 400)


def test_static_files_come_from_disk_with_cache_headers(stack, collected_static):
    _, nginx = stack
    hashed = json.loads((collected_static / "staticfiles.json").read_text())["paths"]["css/site.css"]

    status, body, headers = nginx.get(f"/static/{hashed}")
    assert status == 200 and body == (collected_static / hashed).read_text()
    assert headers["Cache-Control"] == "public, max-age=31536000, immutable"
    status, _, headers = nginx.get("/static/css/site.css")
    assert status == 200 and headers["Cache-Control"] == "public, max-age=3600"


def test_uploads_are_files_never_pages(stack):
    """Uploads are re-encoded images; should anything else get there, a browser gets a download."""
    _, nginx = stack
    uploads = Path(nginx.values["@MEDIA_ROOT@"]) / "uploads"
    uploads.mkdir(parents=True, exist_ok=True)
    (uploads / "photo.png").write_text("PNG")  # the type comes from the name
    (uploads / "page.html").write_text("<script>alert(1)</script>")
    (uploads / "shell.php").write_text("<?php system($_GET['c']); ?>")

    status, _, headers = nginx.get("/media/uploads/photo.png")
    assert status == 200 and headers["Content-Type"] == "image/png"
    (uploads / "clip.mp4").write_bytes(b"\0\0\0\x20ftypisom")  # an article's video (articles.videos)
    status, _, headers = nginx.get("/media/uploads/clip.mp4")
    assert status == 200 and headers["Content-Type"] == "video/mp4"
    for name in ("page.html", "shell.php"):
        status, body, headers = nginx.get(f"/media/uploads/{name}")
        assert status == 200 and headers["Content-Type"] == "application/octet-stream"
        assert headers["X-Content-Type-Options"] == "nosniff" and "sandbox" in headers["Content-Security-Policy"]
