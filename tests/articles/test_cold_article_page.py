"""An article page no cache has seen (an old article a search engine crawls,
a link shared in a chat group) costs three queries: the article with its
byline, photos, tags and stored side lists; the articles those lists name;
its comments. The lists were chosen when content changed; the region's hot
lists and its other lists (tabs, 图文看点, 乡里乡亲, 头条 and 置顶, 友情链接)
and its ads are kept for every page of the region (articles.article_page)."""

import pytest

from ads import slots
from articles import region_lists, sidebars
from articles.models import Article, ArticleSideLists
from articles.reading import channel_city
from core.pagecache import HEADER
from tests.articles.newsroom import article_by
from tests.factories import ArticleFactory, ArticlePhotoFactory, AuthorFactory, BylineFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def story(regions, journalist, editor):
    for n in range(8):
        ArticleFactory(region=regions["lezhi"], title=f"乐至县蚕桑新闻{n}").tags.add("蚕桑")
    article = article_by(journalist, regions["lezhi"], status=Article.Status.PENDING, title="乐至县蚕桑丰收")
    ArticlePhotoFactory(article=article, caption="蚕农在采桑")
    BylineFactory(article=article, author=AuthorFactory(name="汤斌"))
    article.tags.add("蚕桑", "乡村振兴")
    article.publish(editor)
    return article


@pytest.fixture
def region_lists_kept(story):
    """As any earlier page of the region leaves them: hot lists ranked by the
    minutely job, the region's other lists kept for every page of it."""
    sidebars.hot_list(story.region)
    sidebars.hot_list(channel_city(story.region))
    region_lists.for_region(story.region)
    slots.for_region(story.region_id)  # its ads (广告位), kept likewise


def test_its_side_lists_were_chosen_when_it_was_published(story):
    lists = ArticleSideLists.objects.get(article=story)

    assert len(lists.related) >= 6 and lists.previous_id is not None


def test_a_cold_article_page_costs_three_queries(client, settings, story, region_lists_kept, django_assert_num_queries):
    settings.PAGE_CACHE_ENABLED = False

    # the article with its parts and lists; the listed articles; the comments
    with django_assert_num_queries(3):
        page = client.get(story.get_absolute_url()).content.decode()

    assert "乐至县蚕桑丰收" in page and "蚕农在采桑" in page and "汤斌" in page and "乡村振兴</a>" in page
    assert "相关新闻" in page and "乐至县蚕桑新闻7" in page


def test_a_logged_in_reader_costs_the_same_three_queries(client, settings, story, region_lists_kept,
                                                         django_assert_num_queries):  # fmt: skip
    """Neither their session nor their account is loaded just to show an article."""
    client.force_login(UserFactory())

    with django_assert_num_queries(3):
        page = client.get(story.get_absolute_url()).content.decode()

    assert "乐至县蚕桑丰收" in page


def test_a_shared_link_is_the_same_cached_page(client, story):
    client.get(story.get_absolute_url())

    shared = client.get(story.get_absolute_url() + "?from=singlemessage&isappinstalled=0")

    assert shared[HEADER] == "HIT"


def test_a_link_with_another_query_string_is_built_for_itself(client, story):
    client.get(story.get_absolute_url())

    response = client.get(story.get_absolute_url() + "?print=1")

    assert response.status_code == 200 and not response.has_header(HEADER)


def test_the_preview_of_an_edit_leaves_nothing_a_reader_is_served(client, story, editor):
    """The admin's preview renders the saved row fresh each time and keeps nothing."""
    client.get(story.get_absolute_url())
    Article.objects.filter(pk=story.pk).update(title="乐至县蚕桑丰收（更正）")  # no announcement

    client.force_login(editor)
    preview = client.get(f"/admin/articles/article/{story.pk}/preview/")
    client.logout()

    assert "乐至县蚕桑丰收（更正）" in preview.content.decode()
    assert "<h1>乐至县蚕桑丰收</h1>" in client.get(story.get_absolute_url()).content.decode()
