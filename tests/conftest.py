import pytest
from django.core.cache import cache

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
