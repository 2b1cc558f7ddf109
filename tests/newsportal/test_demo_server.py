"""The demo as readers would see it: ``runserver`` with DEBUG off shows the
site's own 404 page, not Django's debug page with the server's file paths, and
still serves the stylesheet, the favicon and uploaded pictures.

The server runs as ``make run`` runs it (``DJANGO_DEMO=1``): DEBUG off over
plain http on this machine. Static files are
collected first, as DEBUG off reads hashed names from the manifest, and
whitenoise serves them; ``--insecure`` must not be passed, as runserver's
static handler then answers for /static/ and knows no hashed names.
"""

import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from django.conf import settings

from tests.databases import url_of_test_database

pytestmark = pytest.mark.django_db(transaction=True)
PROJECT = Path(settings.BASE_DIR)


def demo_environment(database_url, root):
    env = {key: value for key, value in os.environ.items() if not key.startswith(("DJANGO_", "REDIS_", "DATABASE_"))}
    return env | {
        "DATABASE_URL": database_url,
        "DJANGO_DEMO": "1",
        "DJANGO_STATIC_ROOT": str(root / "static"),
        "DJANGO_MEDIA_ROOT": str(root / "media"),
    }


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def fetch(url):
    """(status, headers, body bytes); redirects are followed."""
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.status, response.headers, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.headers, error.read()


@pytest.fixture(scope="module")
def demo_server(django_db_setup, tmp_path_factory):
    database_url = url_of_test_database()
    root = tmp_path_factory.mktemp("demo")
    env = demo_environment(database_url, root)
    subprocess.run([sys.executable, "manage.py", "collectstatic", "--noinput", "--verbosity", "0"],
                   cwd=PROJECT, env=env, check=True)  # fmt: skip
    base = f"http://127.0.0.1:{free_port()}"
    server = subprocess.Popen(
        [sys.executable, "manage.py", "runserver", "--noreload", base.removeprefix("http://")],
        cwd=PROJECT, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
    )  # fmt: skip
    try:
        for _ in range(300):
            if server.poll() is not None:
                raise RuntimeError(server.stdout.read())
            try:
                urllib.request.urlopen(base + "/robots.txt", timeout=2)
                break
            except (urllib.error.URLError, ConnectionError):
                time.sleep(0.1)
        yield base, root
    finally:
        server.terminate()
        server.wait(timeout=10)


def test_a_missing_page_is_the_sites_own_404(demo_server):
    base, _ = demo_server

    status, _, body = fetch(base + "/sichuan/no-such-county/")

    page = body.decode()
    assert status == 404
    assert "您要找的页面不存在" in page and "回到首页" in page
    assert "Traceback" not in page and "URLconf" not in page and str(PROJECT) not in page


def test_the_stylesheet_and_the_favicon_load(demo_server):
    base, _ = demo_server
    page = fetch(base + "/")[2].decode()
    stylesheet = page.split('<link rel="stylesheet" href="', 1)[1].split('"', 1)[0]

    css_status, css_headers, _ = fetch(base + stylesheet)
    icon_status, icon_headers, icon = fetch(base + "/favicon.ico")

    assert stylesheet.startswith("/static/css/site.") and stylesheet != "/static/css/site.css"  # hashed
    assert (css_status, css_headers.get_content_type()) == (200, "text/css")
    assert icon_status == 200 and icon.startswith(b"\x00\x00\x01\x00")  # an ICO file


def test_uploaded_pictures_load(demo_server):
    base, root = demo_server
    upload = root / "media" / "covers" / "lemon.png"
    upload.parent.mkdir(parents=True, exist_ok=True)
    upload.write_bytes(b"\x89PNG\r\n\x1a\n")

    assert fetch(base + "/media/covers/lemon.png")[0] == 200
