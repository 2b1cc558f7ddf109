import pytest

from articles.models import Article
from tests.articles.newsroom import article_by
from tests.factories import RegionFactory


@pytest.fixture
def anyue(regions):
    return RegionFactory(name="安岳县", short_name="安岳", slug="anyue", adcode="512021", parent=regions["ziyang"])


@pytest.fixture
def lezhi_article(regions, journalist, editor):
    article = article_by(
        journalist,
        regions["lezhi"],
        status=Article.Status.PENDING,
        title="乐至县蚕桑丰收",
        body="<p>第一段。</p><p>第二段。</p><p>第三段。</p><p>第四段。</p>",
    )
    article.publish(editor)
    return article


@pytest.fixture
def anyue_article(anyue, journalist, editor):
    article = article_by(journalist, anyue, status=Article.Status.PENDING, title="安岳柠檬花开")
    article.publish(editor)
    return article
