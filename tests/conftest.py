import os
import shutil

import pytest
from django.core.cache import cache, caches

from core.pagecache import local_copies
from tests.faults.services import PrivateRedis

# The newsroom's people and region tree, shared by the workflow, cache and security tests;
# a loopback website for the pictures journalists paste.
pytest_plugins = ["tests.articles.newsroom", "tests.articles.picture_host", "tests.articles.video_files"]


@pytest.fixture(autouse=True)
def media_in_tmp(settings, tmp_path):
    """Uploads in tests go to a throwaway folder, never the project's media/."""
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture(autouse=True)
def fresh_cache():
    cache.clear()
    local_copies.clear()
    yield
    cache.clear()
    local_copies.clear()


@pytest.fixture(scope="session")
def test_redis_url():
    """A Redis for the tests: TEST_REDIS_URL when set, else a private
    redis-server on a free port for this run (never the machine's shared one)."""
    url = os.environ.get("TEST_REDIS_URL")
    if url:
        yield url
        return
    if shutil.which("redis-server") is None:
        pytest.fail("redis-server is not installed: make test installs it as root (apt-get install redis-server)")
    server = PrivateRedis().start()
    yield server.url
    server.kill()


@pytest.fixture
def redis_cache(settings, test_redis_url):
    """The default cache on the test Redis, as production runs it: one Redis
    every app server shares."""
    url = test_redis_url
    settings.CACHES = {
        "default": {"BACKEND": "core.redis_cache.ResilientRedisCache", "LOCATION": url, "KEY_PREFIX": "np-test"}
    }
    caches["default"].clear()
    yield url
    caches["default"].clear()


@pytest.fixture(params=["local", "redis"])
def local_or_redis_cache(request):
    """Each test twice: with the local cache of a laptop, and with Redis."""
    if request.param == "redis":
        request.getfixturevalue("redis_cache")
    return request.param
