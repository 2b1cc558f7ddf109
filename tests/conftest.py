import os

import pytest
from django.core.cache import cache, caches

from newsportal.pagecache import local_copies

# The newsroom's people and region tree, shared by the workflow, cache and security tests.
pytest_plugins = ["tests.articles.newsroom"]


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


@pytest.fixture
def redis_cache(settings):
    """The default cache on the test Redis (TEST_REDIS_URL), as production runs
    it: one Redis every app server shares. Skipped where there is none."""
    url = os.environ.get("TEST_REDIS_URL")
    if not url:
        pytest.skip("TEST_REDIS_URL is not set")
    settings.CACHES = {
        "default": {"BACKEND": "newsportal.cache.ResilientRedisCache", "LOCATION": url, "KEY_PREFIX": "np-test"}
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
