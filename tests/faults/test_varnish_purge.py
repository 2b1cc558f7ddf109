"""Varnish in front of the production server carries the readers, and a
withdrawn article leaves every page it kept within a second.

Real parts: gunicorn as ``make serve`` runs it, on a private PostgreSQL and
Redis, and Debian's varnishd on loopback with deploy/varnish/newsportal.vcl.
The withdrawal is made in another process of the site, as an editor's
request would be, and that process sends the BAN (core.proxies).
"""

import shutil
import subprocess
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from tests.faults.services import ROOT, PrivatePostgres, Site, free_port, manage, site_environment, wait_until

SEED = """
from articles.models import Article
from tests.factories import ArticleFactory, RegionFactory
from regions.models import Region
sichuan = RegionFactory(name="四川省", short_name="四川", slug="sichuan", adcode="510000", level=Region.Level.PROVINCE)
ziyang = RegionFactory(name="资阳市", short_name="资阳", slug="ziyang", adcode="512000", level=Region.Level.CITY, parent=sichuan)
lezhi = RegionFactory(name="乐至县", short_name="乐至", slug="lezhi", adcode="512022", parent=ziyang)
first = ArticleFactory(region=lezhi, title="乐至县蚕桑丰收")
second = ArticleFactory(region=lezhi, title="乐至县新建图书馆开放")
print(first.pk, second.pk)
"""


class Varnish:
    def __init__(self, workdir, backend_port):
        self.port = free_port(6081)
        self.dir = Path(workdir) / "varnish"
        self.dir.mkdir()
        self.dir.chmod(0o755)
        vcl = (ROOT / "deploy" / "varnish" / "newsportal.vcl").read_text()
        vcl = vcl.replace("BACKEND_HOST", "127.0.0.1").replace("BACKEND_PORT", str(backend_port))
        (self.dir / "site.vcl").write_text(vcl)
        (self.dir / "site.vcl").chmod(0o644)
        self.process = None

    def start(self):
        self.process = subprocess.Popen(
            ["varnishd", "-F", "-a", f"127.0.0.1:{self.port}", "-f", str(self.dir / "site.vcl"),
             "-n", str(self.dir / "work"), "-s", "malloc,64m"],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )  # fmt: skip
        wait_until(lambda: self.get("/robots.txt")[0] == 200, 30, "varnishd did not answer")
        return self

    def get(self, path):
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{self.port}{path}", timeout=5) as response:
                return response.status, response.read().decode(), dict(response.headers)
        except urllib.error.HTTPError as error:
            return error.code, error.read().decode(), dict(error.headers)
        except (urllib.error.URLError, ConnectionError):
            return "down", "", {}

    def stop(self):
        if self.process and self.process.poll() is None:
            self.process.terminate()
            self.process.wait(10)


def from_varnish(headers):
    """Varnish's X-Varnish holds two ids when it answered from its store."""
    return len(headers.get("X-Varnish", "").split()) == 2


@pytest.fixture
def front(workdir, redis_server, collected_static):
    if shutil.which("varnishd") is None:
        pytest.fail("varnishd is not installed: make test installs it as root (apt-get install varnish)")
    postgres = PrivatePostgres(workdir / "pg").init()
    env = site_environment(postgres.url, collected_static, redis_server.url)
    manage(env, "migrate", "--noinput", "--verbosity", "0")
    first, second = manage(env, "shell", "-c", SEED).stdout.split()[-2:]
    site = Site(env, workers=2).start()
    varnish = Varnish(workdir, site.port).start()
    env["PROXY_PURGE_URLS"] = f"http://127.0.0.1:{varnish.port}/"
    yield {"env": env, "varnish": varnish, "first": int(first), "second": int(second)}
    varnish.stop()
    site.stop()
    postgres.destroy()


def test_varnish_answers_readers_and_a_withdrawal_leaves_every_page_within_a_second(front):
    varnish, withdrawn = front["varnish"], front["first"]
    pages = [f"/article/{withdrawn}/", f"/article/{front['second']}/", "/sichuan/ziyang/lezhi/", "/", "/feeds/latest/"]
    for path in pages:
        varnish.get(path)
        status, body, headers = varnish.get(path)
        assert status == 200 and from_varnish(headers), path
        assert "X-Depends" not in headers  # the names are for bans, not for readers
    assert "乐至县蚕桑丰收" in varnish.get("/sichuan/ziyang/lezhi/")[1]

    withdrawal = (
        "from django.contrib.auth.models import User; from articles.models import Article; "
        "editor = User.objects.create_superuser('chief', 'chief@example.com', 'x' * 20); "
        f"Article.objects.get(pk={withdrawn}).withdraw(editor, note='依法撤稿')"
    )
    manage(front["env"], "shell", "-c", withdrawal)
    withdrawn_at = time.monotonic()

    assert varnish.get(f"/article/{withdrawn}/")[0] == 404
    for path in pages[1:]:
        assert "乐至县蚕桑丰收" not in varnish.get(path)[1], path
    assert time.monotonic() - withdrawn_at < 1
