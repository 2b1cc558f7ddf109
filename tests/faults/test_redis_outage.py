"""Redis stops: pages still come from the database, comments are still taken
(and still rate-limited), view counting pauses, and nothing crashes; when Redis
returns the shared cache is used again.

A real redis-server on a private port, killed and restarted mid-test.
"""

import logging
import time

import pytest
import redis
from django.core.cache import cache
from django.test import Client
from django.urls import reverse

from articles.counters import buffered_views, flush_views, record_view
from articles.models import Article
from comments.models import Comment, SensitiveWord
from comments.sensitive import _WordList
from core.health import health
from core.kept import rebuild_lock
from core.pagecache import HEADER
from core.redis_cache import CacheUnavailable, _circuits, cache_recovered
from tests.articles.newsroom import form_data, staff
from tests.factories import ArticleFactory, CommentFactory
from tests.faults.services import free_port, wait_until

pytestmark = pytest.mark.django_db


@pytest.fixture
def resilient_cache(settings, redis_server):
    settings.CACHES = {
        "default": {"BACKEND": "core.redis_cache.ResilientRedisCache", "LOCATION": redis_server.url, "KEY_PREFIX": "np"}
    }
    return cache


def post_comment(article, body, ip="198.51.100.7"):
    return Client().post(
        reverse("comments:post", args=[article.pk]),
        {"nickname": "小王", "body": body},
        headers={"Accept": "application/json"},
        REMOTE_ADDR=ip,
    )


def keys_in(server):
    return redis.Redis.from_url(server.url).dbsize()


def test_the_site_keeps_serving_while_redis_is_down_and_uses_it_again_after(redis_server, resilient_cache):
    article = ArticleFactory(title="柠檬节开幕")
    reader = Client()
    assert reader.get(article.get_absolute_url()).status_code == 200
    assert keys_in(redis_server) > 0  # the view count, cached lists...

    redis_server.kill()
    for url in ["/", article.get_absolute_url(), "/search/?q=柠檬", "/feeds/latest/"]:
        response = reader.get(url)
        assert response.status_code == 200, url
    assert "柠檬节开幕" in reader.get(article.get_absolute_url()).content.decode()
    assert post_comment(article, "停了缓存也能评论").status_code == 201
    assert Comment.objects.filter(body="停了缓存也能评论").exists()
    assert not flush_views()  # the buffered counts are out of reach: nothing moved, nothing crashes

    redis_server.start()  # empty: it keeps nothing on disk
    wait_until(lambda: reader.get(article.get_absolute_url()).status_code == 200 and keys_in(redis_server) > 0,
               5, "the site did not use Redis again")  # fmt: skip


def test_the_health_check_reports_redis_down_but_keeps_the_server_in_rotation(redis_server, resilient_cache):
    assert health() == (True, {"database": "ok", "cache": "ok"})

    redis_server.kill()
    # The site serves uncached without Redis: the balancer should keep sending readers.
    assert health() == (True, {"database": "ok", "cache": "unavailable"})

    redis_server.start()
    wait_until(lambda: health()[1]["cache"] == "ok", 5, "the health check did not see Redis again")


def test_with_redis_down_each_request_rebuilds_for_itself_rather_than_wait(redis_server, resilient_cache):
    """No request can take a rebuild lock while Redis is down, so none holds
    one: waiting for another's search ranking would only delay every search."""
    with rebuild_lock("search:柠檬") as rebuild, rebuild_lock("search:柠檬") as rebuild_too:
        assert (rebuild, rebuild_too) == (True, False)  # Redis up: one rebuilds, the other waits

    redis_server.kill()
    with rebuild_lock("search:柠檬") as rebuild, rebuild_lock("search:柠檬") as rebuild_too:
        assert (rebuild, rebuild_too) == (True, True)


def test_the_newsroom_keeps_working_while_redis_is_down(redis_server, resilient_cache):
    """Publishing and moderating invalidate cached pages and lists: with Redis
    gone that must degrade to nothing, not to an error in the editor's face."""
    editor, moderator = Client(), Client()
    editor.force_login(staff("wangbian", "编辑"))
    moderator.force_login(staff("sunshen", "审核员"))
    article = ArticleFactory(status=Article.Status.PENDING, published_at=None)
    comment = CommentFactory(article=article, status=Comment.Status.PENDING)
    redis_server.kill()

    published = editor.post(f"/admin/articles/article/{article.pk}/change/", form_data(article, _publish="发布"))
    approved = moderator.post("/admin/comments/comment/", {"one_click": f"approve:{comment.pk}"})

    assert published.status_code == 302 and approved.status_code == 302
    article.refresh_from_db()
    comment.refresh_from_db()
    assert (article.status, comment.status) == (Article.Status.PUBLISHED, Comment.Status.APPROVED)
    assert Client().get(article.get_absolute_url()).status_code == 200


def test_the_comment_rate_limit_still_holds_without_redis(redis_server, resilient_cache, settings):
    settings.COMMENT_RATE_LIMIT = 2
    article = ArticleFactory()
    redis_server.kill()

    answers = [post_comment(article, f"第{n}条，缓存停了", ip="203.0.113.9").status_code for n in range(4)]

    assert answers == [201, 201, 429, 429]
    assert Comment.objects.filter(article=article).count() == 2


def test_the_sensitive_word_list_is_applied_by_a_process_started_during_the_outage(redis_server, resilient_cache):
    SensitiveWord.objects.create(word="赌博网站", action=SensitiveWord.Action.REJECT)
    redis_server.kill()
    fresh_process_list = _WordList()

    assert fresh_process_list.get() is not None


def test_a_dead_redis_reads_as_an_empty_cache_that_forgets_writes(settings, caplog):
    settings.CACHES = {
        "default": {
            "BACKEND": "core.redis_cache.ResilientRedisCache",
            "LOCATION": f"redis://127.0.0.1:{free_port(6391)}/0",
        }
    }
    with caplog.at_level(logging.ERROR, logger="core.redis_cache"):
        started = time.monotonic()
        assert cache.get("home", "miss") == "miss"
        assert cache.add("k", 1) is False
        cache.set("k", 1)
        assert cache.get_or_set("side", lambda: ["built"]) == ["built"]
        assert cache.get_many(["a", "b"]) == {}
        assert cache.delete("k") is False
        with pytest.raises(CacheUnavailable):
            cache.incr("k")
        with pytest.raises(ValueError):  # what callers of incr() already handle
            cache.decr("k")
        elapsed = time.monotonic() - started
    assert len([r for r in caplog.records if r.name == "core.redis_cache"]) == 1
    assert elapsed < 2, "a dead Redis must not stall the request"


def test_processes_that_saw_the_outage_hear_when_redis_is_back(redis_server, resilient_cache):
    heard = []

    def listener(sender, location, **kwargs):
        heard.append(location)

    cache.set("before", 1)
    cache_recovered.connect(listener)
    try:
        redis_server.kill()
        cache.get("during")
        redis_server.start()
        wait_until(lambda: cache.add("after", 1), 5, "Redis did not come back")
        cache.get("after")
    finally:
        cache_recovered.disconnect(listener)
    assert heard == [redis_server.url]


@pytest.fixture
def paused_redis(redis_server, resilient_cache):
    redis_server.pause()
    yield redis_server
    redis_server.resume()
    _circuits.clear()  # the next test's Redis may get the same port


def test_a_paused_redis_costs_a_process_one_short_wait_every_few_seconds(paused_redis):
    """SIGSTOP: Redis accepts connections and answers nothing. Every Redis
    command, view counting and its flush included, goes through the breaker."""
    article = ArticleFactory()
    waits = []
    started = time.monotonic()
    while time.monotonic() - started < 3:
        for call in (
            lambda: cache.get("home"),
            lambda: record_view(article.pk),
            lambda: buffered_views(article.pk),
            flush_views,
            health,
        ):
            began = time.monotonic()
            call()
            waits.append(time.monotonic() - began)
        time.sleep(0.05)
    assert max(waits) < 0.4
    assert sum(waits) < 0.6, "one socket timeout, then the breaker stays open"


def test_while_redis_is_down_each_process_serves_its_own_copy_for_a_while(
    redis_server, resilient_cache, settings, django_assert_num_queries
):
    settings.PAGE_CACHE_LOCAL_SECONDS = 2
    seen, unseen = ArticleFactory(title="柠檬节开幕"), ArticleFactory(title="油菜花节")
    reader = Client()
    assert reader.get(seen.get_absolute_url())[HEADER] == "MISS"
    assert reader.get(seen.get_absolute_url())[HEADER] == "HIT"

    redis_server.kill()
    with django_assert_num_queries(0):
        page = reader.get(seen.get_absolute_url())
    assert (page.status_code, page[HEADER], page["Cache-Control"]) == (200, "LOCAL", "no-store")
    assert "柠檬节开幕" in page.content.decode()
    # Built once from the database, then served from this process's copy.
    built = reader.get(unseen.get_absolute_url())
    assert (built[HEADER], built["Cache-Control"]) == ("MISS", "no-store")
    assert reader.get(unseen.get_absolute_url())[HEADER] == "LOCAL"

    # A withdrawal cannot be recorded while Redis is down: readers see it
    # once the copy is PAGE_CACHE_LOCAL_SECONDS old at most.
    Article.objects.filter(pk=seen.pk).update(status=Article.Status.WITHDRAWN)
    assert reader.get(seen.get_absolute_url())[HEADER] == "LOCAL"
    time.sleep(settings.PAGE_CACHE_LOCAL_SECONDS)
    assert reader.get(seen.get_absolute_url()).status_code == 404
