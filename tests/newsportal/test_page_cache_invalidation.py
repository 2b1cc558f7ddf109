"""Every editorial and moderation decision makes the cached pages fresh at once,
and a hot page that went stale is rebuilt by one request while the others get
the previous copy."""

import time
from datetime import timedelta

import pytest
from django.core.cache import cache
from django.core.management import call_command
from django.test import RequestFactory
from django.urls import resolve
from django.utils import timezone

from articles import sidebars
from articles.models import Article
from comments.models import Comment
from newsportal import invalidation
from newsportal.pagecache import HEADER, lock_key, page_key
from tests.articles.newsroom import article_by
from tests.factories import ColumnFactory, CommentFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def story(regions, journalist, editor):
    article = article_by(journalist, regions["lezhi"], status=Article.Status.PENDING, title="乐至县蚕桑丰收")
    article.publish(editor)
    return article


def cached(client, url):
    """Visit twice, so the page is in the cache; return what readers see."""
    client.get(url)
    response = client.get(url)
    assert response[HEADER] == "HIT"
    return response


def test_publishing_shows_the_new_article_on_the_cached_home_page(client, regions, journalist, editor, story):
    cached(client, "/")
    fresh = article_by(journalist, regions["lezhi"], status=Article.Status.PENDING, title="乐至县新建图书馆开放")

    fresh.publish(editor)

    assert "乐至县新建图书馆开放" in client.get("/").content.decode()


def test_publishing_shows_the_new_article_in_the_cached_feeds(client, regions, journalist, editor, story):
    for feed in ["/feeds/latest/", "/feeds/region/sichuan/ziyang/"]:
        cached(client, feed)
    fresh = article_by(journalist, regions["lezhi"], status=Article.Status.PENDING, title="乐至县新建图书馆开放")

    fresh.publish(editor)

    for feed in ["/feeds/latest/", "/feeds/region/sichuan/ziyang/"]:
        assert "乐至县新建图书馆开放" in client.get(feed).content.decode()


def test_editing_a_published_article_shows_at_once(client, story):
    cached(client, story.get_absolute_url())

    story.title = "乐至县蚕桑喜获丰收"
    story.save()

    assert "乐至县蚕桑喜获丰收" in client.get(story.get_absolute_url()).content.decode()


def test_withdrawing_takes_the_article_off_every_cached_page(client, editor, story):
    cached(client, story.get_absolute_url())
    cached(client, "/sichuan/ziyang/lezhi/")

    story.withdraw(editor, note="信息有误")

    assert client.get(story.get_absolute_url()).status_code == 404
    assert "乐至县蚕桑丰收" not in client.get("/sichuan/ziyang/lezhi/").content.decode()


def test_a_scheduled_article_appears_at_its_minute_without_any_job(client, regions, journalist, editor, story):
    scheduled = article_by(journalist, regions["lezhi"], status=Article.Status.PENDING, title="乐至县春季招聘会")
    scheduled.publish(editor, at=timezone.now() + timedelta(seconds=1))
    assert "乐至县春季招聘会" not in cached(client, "/").content.decode()

    # The clock reaches the publication time; nobody saves anything.
    time.sleep(max(0, scheduled.published_at.timestamp() - time.time()) + 0.1)

    response = client.get("/")
    assert response[HEADER] == "MISS"
    assert "乐至县春季招聘会" in response.content.decode()
    assert client.get("/")[HEADER] == "HIT"


def test_after_the_cache_was_emptied_the_next_page_built_learns_the_schedule(
    client, regions, journalist, editor, story
):
    scheduled = article_by(journalist, regions["lezhi"], status=Article.Status.PENDING, title="乐至县春季招聘会")
    scheduled.publish(editor, at=timezone.now() + timedelta(hours=2))
    cache.clear()  # a Redis restart: the time of the next publication is forgotten

    client.get("/")

    assert cache.get(invalidation.GO_LIVE_KEY) == scheduled.published_at.timestamp()


@pytest.fixture
def pending_comment(story):
    return CommentFactory(article=story, status=Comment.Status.PENDING, body="为家乡的蚕农点赞")


def test_approving_a_comment_shows_it_on_the_cached_article_page(client, moderator, story, pending_comment):
    cached(client, story.get_absolute_url())

    pending_comment.approve(moderator)

    assert "为家乡的蚕农点赞" in client.get(story.get_absolute_url()).content.decode()


@pytest.mark.parametrize("decision", ["reject", "mark_spam"])
def test_rejecting_or_marking_spam_hides_the_comment_at_once(client, moderator, story, pending_comment, decision):
    pending_comment.approve(moderator)
    cached(client, story.get_absolute_url())

    getattr(pending_comment, decision)(moderator)

    assert "为家乡的蚕农点赞" not in client.get(story.get_absolute_url()).content.decode()


def test_a_deploy_rebuilds_every_cached_page(client, story):
    """Pages hold the templates and headers of the code that built them;
    every deploy runs migrate."""
    cached(client, story.get_absolute_url())

    call_command("migrate", verbosity=0)

    assert client.get(story.get_absolute_url())[HEADER] == "MISS"


def test_side_lists_follow_the_content_version(story):
    before = sidebars.columns()

    ColumnFactory(name="乡村振兴", slug="xiangcun")

    assert [c.slug for c in sidebars.columns()] == [c.slug for c in before] + ["xiangcun"]


def test_changes_are_announced_again_after_the_commit(story, django_capture_on_commit_callbacks):
    version = invalidation.content_version()
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        story.title = "乐至县蚕桑丰收在望"
        story.save()

    assert len(callbacks) >= 1
    assert invalidation.content_version() >= version + 2


def test_saving_only_counters_leaves_the_cache_alone(story):
    version = invalidation.content_version()
    story.view_count = 5
    story.save(update_fields=["view_count"])
    assert invalidation.content_version() == version


def key_of(url):
    request = RequestFactory().get(url)
    return page_key(request, resolve(url))


def test_while_one_request_rebuilds_a_stale_page_the_others_get_the_old_copy(client, story, django_assert_num_queries):
    url = story.get_absolute_url()
    cached(client, url)
    story.title = "乐至县蚕桑丰收再创新高"
    story.save()
    # Another request is rebuilding this page right now: it holds the lock.
    assert cache.add(lock_key(key_of(url)), 1, timeout=30)

    with django_assert_num_queries(0):
        meanwhile = client.get(url)

    assert meanwhile[HEADER] == "STALE"
    assert "乐至县蚕桑丰收" in meanwhile.content.decode()
    cache.delete(lock_key(key_of(url)))
    rebuilt = client.get(url)
    assert rebuilt[HEADER] == "MISS"
    assert "乐至县蚕桑丰收再创新高" in rebuilt.content.decode()


def test_the_rebuilding_request_releases_its_lock(client, story):
    url = story.get_absolute_url()
    cached(client, url)
    invalidation.bump_content_version()

    assert client.get(url)[HEADER] == "MISS"
    assert cache.get(lock_key(key_of(url))) is None
    assert client.get(url)[HEADER] == "HIT"
