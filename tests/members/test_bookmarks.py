"""收藏: a reader keeps articles and finds them in 我的收藏."""

import pytest
from django.urls import reverse

from articles.models import Article
from members.models import Bookmark
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def article(db):
    return ArticleFactory(title="乐至县举办柠檬采摘节")


def test_a_reader_bookmarks_an_article_and_finds_it_in_the_list(logged_in, reader, article):
    response = logged_in.post(reverse("members:bookmark", args=[article.pk]))

    assert response.status_code == 302 and response["Location"] == reverse("members:bookmarks")
    page = logged_in.get(reverse("members:bookmarks")).content.decode()
    assert "乐至县举办柠檬采摘节" in page and article.get_absolute_url() in page


def test_bookmarking_twice_keeps_one_and_answers_json_for_the_article_page(logged_in, reader, article):
    url = reverse("members:bookmark", args=[article.pk])
    logged_in.post(url)

    answer = logged_in.post(url, headers={"Accept": "application/json"}).json()

    assert answer == {"ok": True, "bookmarked": True, "message": "已收藏，可在会员中心的“我的收藏”里找到。"}
    assert Bookmark.objects.count() == 1


def test_a_reader_takes_a_bookmark_off(logged_in, reader, article):
    url = reverse("members:bookmark", args=[article.pk])
    logged_in.post(url)

    logged_in.post(url, {"remove": "1"})

    assert not Bookmark.objects.exists()
    assert "还没有收藏文章" in logged_in.get(reverse("members:bookmarks")).content.decode()


def test_readers_see_only_their_own_bookmarks(logged_in, reader, article, client):
    from members.models import Reader
    from tests.factories import UserFactory

    bob = Reader.objects.create(user=UserFactory(username="13900139000"), phone="13900139000", nickname="bob")
    Bookmark.objects.create(user=bob.user, article=ArticleFactory(title="雁江区新建图书馆"))
    logged_in.post(reverse("members:bookmark", args=[article.pk]))

    page = logged_in.get(reverse("members:bookmarks")).content.decode()

    assert "乐至县举办柠檬采摘节" in page and "雁江区新建图书馆" not in page


def test_the_bookmark_link_asks_for_a_login_first(client, article):
    response = client.post(reverse("members:bookmark", args=[article.pk]))

    assert response.status_code == 302 and response["Location"].startswith(reverse("members:login"))
    assert not Bookmark.objects.exists()


def test_an_unpublished_article_cannot_be_bookmarked(logged_in, reader):
    draft = ArticleFactory(status=Article.Status.DRAFT)

    assert logged_in.post(reverse("members:bookmark", args=[draft.pk])).status_code == 404
    assert logged_in.post(reverse("members:bookmark", args=[999999])).status_code == 404
    assert not Bookmark.objects.exists()


def test_the_list_pages_and_survives_any_page_number(logged_in, reader):
    for n in range(25):
        Bookmark.objects.create(user=reader.user, article=ArticleFactory(title=f"新闻{n}"))

    for page in ["1", "2", "99", "abc", "-1", "\x00"]:
        assert logged_in.get(reverse("members:bookmarks"), {"page": page}).status_code == 200
