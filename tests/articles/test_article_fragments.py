"""Without the page cache (staff, a reader with a session, PAGE_CACHE_ENABLED=0)
a warm article page reads no rows: the article, its comments and its side
lists are fragments rendered once per content version, and the article row
is kept under that version too."""

from time import time as real_time

import pytest
from django.core.cache import cache, caches
from django.db import connection
from django.test.utils import CaptureQueriesContext

from articles.models import Article
from comments.models import Comment
from newsportal import pagecache
from newsportal.pagecache import lock_key
from tests.articles.newsroom import article_by
from tests.factories import ArticlePhotoFactory, CommentFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def no_page_cache(settings):
    settings.PAGE_CACHE_ENABLED = False


@pytest.fixture
def story(regions, journalist, editor):
    article = article_by(journalist, regions["lezhi"], status=Article.Status.PENDING, title="乐至县蚕桑丰收")
    ArticlePhotoFactory(article=article, caption="蚕农在采桑")
    article.tags.add("蚕桑")
    article.publish(editor)
    return article


def test_a_second_visit_reads_no_rows(client, story, django_assert_num_queries):
    first = client.get(story.get_absolute_url())

    with django_assert_num_queries(0):
        again = client.get(story.get_absolute_url())

    assert again.content == first.content
    page = again.content.decode()
    assert "乐至县蚕桑丰收" in page and "蚕农在采桑" in page and "蚕桑</a>" in page


def test_a_logged_in_reader_reads_only_the_article_row(client, story, django_assert_num_queries):
    """Neither their session nor their account is loaded just to show an article."""
    client.force_login(UserFactory())
    client.get(story.get_absolute_url())

    with django_assert_num_queries(1):
        page = client.get(story.get_absolute_url()).content.decode()

    assert "乐至县蚕桑丰收" in page


def test_a_second_visit_reads_its_fragments_in_one_round_trip(redis_cache, client, story, monkeypatch):
    client.get(story.get_absolute_url())
    asked_one_by_one = []
    redis = caches["default"]
    get_one = redis.get
    monkeypatch.setattr(
        redis, "get", lambda key, *args, **kwargs: asked_one_by_one.append(key) or get_one(key, *args, **kwargs)
    )

    page = client.get(story.get_absolute_url()).content.decode()

    assert "蚕农在采桑" in page
    assert [key for key in asked_one_by_one if key.startswith("fragment:")] == []


def test_a_move_to_another_district_shows_at_once(client, story, regions):
    client.get(story.get_absolute_url())

    story.region = regions["wuhou"]
    story.save()

    assert "武侯新闻" in client.get(story.get_absolute_url()).content.decode()


def test_an_approved_comment_shows_at_once(client, story, moderator):
    client.get(story.get_absolute_url())
    comment = CommentFactory(article=story, status=Comment.Status.PENDING, body="为家乡的蚕农点赞")

    comment.approve(moderator)

    assert "为家乡的蚕农点赞" in client.get(story.get_absolute_url()).content.decode()


def test_an_edit_of_the_published_article_shows_at_once(client, story):
    client.get(story.get_absolute_url())

    story.body = "<p>今年蚕茧收购价创新高。</p>"
    story.save()

    assert "今年蚕茧收购价创新高" in client.get(story.get_absolute_url()).content.decode()


def test_a_withdrawn_article_is_gone_though_its_fragments_were_cached(client, story, editor):
    client.get(story.get_absolute_url())

    story.withdraw(editor)

    assert client.get(story.get_absolute_url()).status_code == 404


def test_the_preview_of_an_edit_neither_uses_nor_leaves_a_reader_fragment(client, story, editor):
    """The admin's preview renders the saved row fresh each time and stores
    nothing a reader could be served."""
    client.get(story.get_absolute_url())
    Article.objects.filter(pk=story.pk).update(title="乐至县蚕桑丰收（更正）")  # no signal, no new version

    client.force_login(editor)
    preview = client.get(f"/admin/articles/article/{story.pk}/preview/")
    client.logout()

    assert "乐至县蚕桑丰收（更正）" in preview.content.decode()
    reader_page = client.get(story.get_absolute_url()).content.decode()
    assert "<h1>乐至县蚕桑丰收</h1>" in reader_page


class FragmentsExpired:
    """The clock kept fragments are dated by (newsportal.pagecache's), moved past FRAGMENT_CACHE_SECONDS."""

    def __init__(self, settings):
        self.offset = settings.FRAGMENT_CACHE_SECONDS + 1

    def time(self):
        return real_time() + self.offset


FRAGMENTS = ("article-head", "article-main", "article-aside")


def lock_every_fragment_of(article):
    """As another worker does while it renders them again."""
    for name in FRAGMENTS:
        cache.add(lock_key(f"fragment:{name}:{article.pk}"), 1)


def unlock_every_fragment_of(article):
    cache.delete_many([lock_key(f"fragment:{name}:{article.pk}") for name in FRAGMENTS])


def test_expired_fragments_are_rendered_again_by_one_request(client, story, settings, monkeypatch,
                                                             django_assert_max_num_queries):  # fmt: skip
    client.get(story.get_absolute_url())
    monkeypatch.setattr(pagecache, "time", FragmentsExpired(settings))

    rendering_again = CaptureQueriesContext(connection)
    with rendering_again:
        client.get(story.get_absolute_url())
    with django_assert_max_num_queries(0):
        client.get(story.get_absolute_url())

    assert len(rendering_again) > 1


def test_while_one_request_renders_them_again_the_others_show_the_kept_copy(client, story, settings, monkeypatch,
                                                                            django_assert_num_queries):  # fmt: skip
    first = client.get(story.get_absolute_url())
    monkeypatch.setattr(pagecache, "time", FragmentsExpired(settings))
    lock_every_fragment_of(story)

    with django_assert_num_queries(0):
        meanwhile = client.get(story.get_absolute_url())

    assert meanwhile.content == first.content


def test_after_an_edit_one_request_renders_again_while_the_others_show_the_kept_copy(client, story,
                                                                                     django_assert_num_queries):  # fmt: skip
    """A hot article after a publish is rendered by one worker, not by all of them at once."""
    client.get(story.get_absolute_url())
    story.title = "乐至县蚕桑丰收（更新）"
    story.save()
    lock_every_fragment_of(story)

    with django_assert_num_queries(1):  # the edited article row
        meanwhile = client.get(story.get_absolute_url()).content.decode()
    unlock_every_fragment_of(story)
    rendered_again = client.get(story.get_absolute_url()).content.decode()

    assert "<h1>乐至县蚕桑丰收</h1>" in meanwhile
    assert "<h1>乐至县蚕桑丰收（更新）</h1>" in rendered_again
