"""A picture whose file is gone from the media folder costs the reader that
picture, never the page: lists and the article page still open."""

import pytest

from tests.factories import ArticleFactory, sichuan_regions

pytestmark = pytest.mark.django_db


def test_a_lost_cover_leaves_the_lists_and_the_article_page_standing(client):
    lezhi = sichuan_regions().lezhi
    article = ArticleFactory(title="封面丢失的新闻", region=lezhi, cover_image="covers/2026/03/gone.jpg")

    for url in ["/", lezhi.get_absolute_url(), article.get_absolute_url()]:
        response = client.get(url)
        assert response.status_code == 200, url
        assert "封面丢失的新闻" in response.content.decode()
        assert 'src="/media/covers/2026/03/gone.jpg"' not in response.content.decode()
