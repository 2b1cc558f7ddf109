"""Article cards in lists show the comment count, read with the list, fresh when it changes."""

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from comments.models import Comment
from core.pagecache import HEADER, local_copies
from tests.factories import ArticleFactory, ColumnFactory, CommentFactory, RegionFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def region():
    return RegionFactory(slug="lezhi", short_name="乐至", name="乐至县")


def commented(region, title, comments, **fields):
    article = ArticleFactory(region=region, title=title, **fields)
    for _ in range(comments):
        CommentFactory(article=article)
    Comment.objects.recount([article.pk])
    return article


def card_of(html, title):
    return html.split(title)[1].split("</li>")[0]


def test_cards_on_home_channel_and_column_pages_show_the_count(client, region):
    column = ColumnFactory(slug="minsheng", name="民生")
    article = commented(region, "乐至县新建图书馆开放", 3, column=column)
    quiet = commented(region, "乐至县蚕桑丰收", 0, column=column)

    for url in ["/", region.get_absolute_url(), column.get_absolute_url()]:
        html = client.get(url).content.decode()
        assert f'<a class="card-comments" href="{article.get_absolute_url()}#comments">3 评论</a>' in card_of(
            html, article.title
        ), url
        assert "card-comments" not in card_of(html, quiet.title), url


def cold_queries(client, url):
    """The queries of ``url`` built with every cache empty."""
    cache.clear()
    local_copies.clear()
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_the_count_costs_no_query_however_many_cards(client, region):
    commented(region, "乐至新闻", 0)
    with_one_card = cold_queries(client, region.get_absolute_url())

    for n in range(12):
        commented(region, f"乐至新闻{n}", n)

    assert cold_queries(client, region.get_absolute_url()) == with_one_card


def test_an_approved_comment_refreshes_the_count_on_cached_lists(client, region, moderator):
    article = commented(region, "乐至县新建图书馆开放", 1)
    pending = CommentFactory(article=article, status=Comment.Status.PENDING)
    elsewhere = RegionFactory(slug="anyue", short_name="安岳", name="安岳县")
    commented(elsewhere, "安岳柠檬丰收", 0)
    for url in ["/", region.get_absolute_url(), elsewhere.get_absolute_url()]:
        client.get(url)
        assert client.get(url)[HEADER] == "HIT"

    pending.approve(moderator)

    for url in ["/", region.get_absolute_url()]:
        response = client.get(url)
        assert response[HEADER] == "MISS", url
        assert "2 评论" in card_of(response.content.decode(), article.title), url
    assert client.get(elsewhere.get_absolute_url())[HEADER] == "HIT"


def test_the_tag_fails_loudly_without_an_article():
    from django.template import Context, Template, TemplateSyntaxError

    with pytest.raises(TemplateSyntaxError):
        Template("{% load comment_counts %}{% comment_count thing as n %}").render(Context({"thing": "标题"}))
