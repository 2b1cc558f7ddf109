"""Each page has a query budget that holds with 3 or 300 comments, tags, photos or authors.

The cache is empty at the start of every test (tests/conftest.py), so these
are the cold-cache numbers; a warm page runs fewer.
"""

import pytest
from django.core.cache import cache

from articles.models import Byline
from articles.schedule import next_go_live
from tests.factories import (
    ArticleDailyViewsFactory,
    ArticleFactory,
    ArticlePhotoFactory,
    AuthorFactory,
    BylineFactory,
    ColumnFactory,
    CommentFactory,
    SourceFactory,
    sichuan_regions,
)

pytestmark = pytest.mark.django_db

# Every cache empty; with the region's lists kept, as the minutely job keeps
# them, the article page runs 3 (tests/articles/test_cold_article_page.py).
# One more for the region's ads (ads.slots), kept like the lists: 7.
ARTICLE_PAGE_BUDGET = 7
# One more than before the channel tabs and friend links (articles.region_lists): 13.
# One more for the region's ads (ads.slots): 14.
LIST_PAGE_BUDGET = 14
# A channel page with the region's lists kept (hot list, sub-regions, the
# channel's region ids, the publication schedule).
CHANNEL_PAGE_BUDGET = 5


@pytest.fixture
def regions():
    return sichuan_regions()


def rich_article(region, size, **fields):
    """An article with ``size`` comments (with replies), tags, photos and authors."""
    article = ArticleFactory(region=region, source=SourceFactory(name="四川经济日报"), **fields)
    article.tags.add(*[f"标签{n}" for n in range(size)])
    for n in range(size):
        BylineFactory(article=article, author=AuthorFactory(), role=Byline.Role.TEXT, sort_order=n)
        ArticlePhotoFactory(article=article, image__width=40, image__height=30)
        comment = CommentFactory(article=article)
        CommentFactory(article=article, parent=comment)
    ArticleDailyViewsFactory(article=article, views=size)
    return article


def neighbourhood(regions, size):
    """Enough news around for every block and side list to have something to show."""
    column = ColumnFactory(name="乡里乡亲", slug="xiangli")
    articles = [rich_article(regions.lezhi, size, is_featured=True, column=column)]
    for region in [regions.lezhi, regions.anyue, regions.ziyang, regions.jinjiang]:
        articles.append(rich_article(region, 3, is_pinned=True, column=column))
        for _ in range(3):
            other = ArticleFactory(region=region, column=column)
            other.tags.add("标签1")
            ArticleDailyViewsFactory(article=other, views=5)
    articles[0].recommended.add(*articles[1:3])
    return articles[0]


@pytest.mark.parametrize("size", [3, 300])
def test_article_page_budget(client, regions, size, django_assert_max_num_queries):
    article = neighbourhood(regions, size)
    cache.clear()

    # 1 article with byline, photos, tags and stored side lists; 1 the listed
    # articles; 1 comments with replies; 1 region hot list, 1 city hot list (猜你喜欢);
    # 1 the region's lists (tabs, 图文看点, 乡里乡亲, 头条 and 置顶, 频道推荐's
    # fill, 友情链接).
    with django_assert_max_num_queries(ARTICLE_PAGE_BUDGET):
        response = client.get(article.get_absolute_url())

    assert response.status_code == 200
    assert response.content.decode().count('<figure class="photo"') == size


@pytest.mark.parametrize("size", [3, 300])
@pytest.mark.parametrize("path", ["/", "/sichuan/", "/sichuan/ziyang/", "/sichuan/ziyang/lezhi/", "/column/xiangli/"])
def test_listing_page_budget(client, regions, size, path, django_assert_max_num_queries):
    neighbourhood(regions, size)
    cache.clear()

    # Home: 3 latest page (count, rows, bylines), 2 top stories, 1 city blocks,
    # 1 photo news, 2 hot lists, 1 region nav, 1 the site's tabs and friend
    # links. Channel: 1 region, 2 pinned, 1 sub-regions, 3 page, 1 hot list,
    # 1 the region's lists.
    with django_assert_max_num_queries(LIST_PAGE_BUDGET):
        response = client.get(path)

    assert response.status_code == 200


def test_tag_author_and_source_pages_budget(client, regions, django_assert_max_num_queries):
    article = neighbourhood(regions, 300)
    urls = [
        f"/tag/{article.tags.first().slug}/",
        article.authors.first().get_absolute_url(),
        article.source.get_absolute_url(),
    ]
    for url in urls:
        cache.clear()
        with django_assert_max_num_queries(LIST_PAGE_BUDGET):
            assert client.get(url).status_code == 200


@pytest.mark.parametrize("path", ["/sichuan/", "/sichuan/ziyang/", "/sichuan/ziyang/lezhi/"])
def test_channel_page_budget_with_the_region_lists_kept(client, regions, path, django_assert_max_num_queries, settings):
    settings.PAGE_CACHE_ENABLED = False
    neighbourhood(regions, 300)
    client.get(path)  # keeps the region's lists, as every other page of the region would
    next_go_live()

    # 1 region, 1 pinned, 1 count, 1 the page's articles, 1 bylines of both
    with django_assert_max_num_queries(CHANNEL_PAGE_BUDGET):
        assert client.get(path).status_code == 200
