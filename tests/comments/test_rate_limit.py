"""At most COMMENT_RATE_LIMIT comments per IP per minute, counted in the shared cache."""

import pytest
from django.core.cache import caches

from comments.models import Comment


@pytest.fixture(params=["locmem", "redis"])
def shared_cache(request, settings):
    if request.param == "redis":
        settings.CACHES = {
            "default": {
                "BACKEND": "django.core.cache.backends.redis.RedisCache",
                "LOCATION": request.getfixturevalue("test_redis_url"),
                "KEY_PREFIX": "np-comments-test",
            }
        }
    caches["default"].clear()
    yield
    caches["default"].clear()


def test_the_fourth_comment_in_a_minute_gets_a_friendly_429(article, post_comment, settings, shared_cache):
    settings.COMMENT_RATE_LIMIT = 3
    for n in range(3):
        assert post_comment(article, body=f"第{n}条评论内容").status_code == 201

    refused = post_comment(article, as_json=False, body="第四条评论内容")

    assert refused.status_code == 429
    assert "评论太频繁了，请休息一分钟再来。" in refused.content.decode()
    assert Comment.objects.count() == 3


def test_other_readers_are_not_held_back(article, post_comment, settings, shared_cache):
    settings.COMMENT_RATE_LIMIT = 1
    assert post_comment(article, ip="198.51.100.1").status_code == 201
    assert post_comment(article, ip="198.51.100.1", body="又一条评论").status_code == 429

    assert post_comment(article, ip="198.51.100.2", nickname="另一位读者").status_code == 201
