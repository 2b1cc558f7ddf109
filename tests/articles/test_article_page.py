"""A reader opens an article: everything about it, in Beijing time, with photos, tags and neighbours."""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse
from django.utils import timezone

from articles.models import Article, Byline
from comments.models import Comment
from tests.factories import (
    ArticleFactory,
    ArticlePhotoFactory,
    AuthorFactory,
    BylineFactory,
    CommentFactory,
    SourceFactory,
    sichuan_regions,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def regions():
    return sichuan_regions()


@pytest.fixture
def article(regions):
    article = ArticleFactory(
        title="乐至县蚕桑产业助农增收",
        subtitle="全县桑园面积突破五万亩",
        region=regions.lezhi,
        source=SourceFactory(name="四川经济日报"),
        published_at=datetime(2017, 3, 10, 12, 38, tzinfo=ZoneInfo("Asia/Shanghai")),
        body="<p>乐至县大力发展蚕桑产业。</p>",
    )
    tang = AuthorFactory(name="汤斌")
    BylineFactory(article=article, author=tang, role=Byline.Role.TEXT, sort_order=1)
    BylineFactory(article=article, author=tang, role=Byline.Role.PICTURE, sort_order=2)
    BylineFactory(article=article, author=AuthorFactory(name="李明"), role=Byline.Role.PHOTOGRAPHY, sort_order=3)
    article.tags.add("蚕桑", "乡村振兴")
    return article


def test_the_article_shows_title_source_beijing_time_byline_and_body(client, article):
    page = client.get(article.get_absolute_url()).content.decode()

    assert "<h1>乐至县蚕桑产业助农增收</h1>" in page
    assert "全县桑园面积突破五万亩" in page
    assert "来源：" in page and "四川经济日报" in page
    assert "2017-03-10 12:38" in page
    assert "乐至县大力发展蚕桑产业。" in page
    assert article.byline_display() == "汤斌 文/图 李明 摄影"
    tang, li = article.authors.filter(name="汤斌").first(), article.authors.filter(name="李明").first()
    assert f'<a href="/author/{tang.pk}/">汤斌</a> 文/图' in page
    assert f'<a href="/author/{li.pk}/">李明</a> 摄影' in page


def test_photos_show_with_captions_credits_and_responsive_sizes(client, article):
    ArticlePhotoFactory(article=article, caption="桑农采摘桑叶", credit="汤斌 摄")

    page = client.get(article.get_absolute_url()).content.decode()

    assert "桑农采摘桑叶" in page and "汤斌 摄" in page
    assert 'srcset="' in page and " 640w" in page
    assert 'loading="lazy"' in page


def test_tags_link_to_their_tag_pages(client, article):
    page = client.get(article.get_absolute_url()).content.decode()

    for tag in article.tags.all():
        assert f'href="{reverse("articles:tag", args=[tag.slug])}">{tag.name}</a>' in page
    tag_page = client.get(reverse("articles:tag", args=[article.tags.get(name="蚕桑").slug]))
    assert [a.title for a in tag_page.context["articles"]] == ["乐至县蚕桑产业助农增收"]


def test_previous_and_next_stay_in_the_same_channel_and_skip_the_unpublished(client, article, regions):
    at = article.published_at
    earlier = ArticleFactory(title="上一篇乐至", region=regions.lezhi, published_at=at - timedelta(days=2))
    ArticleFactory(title="更早乐至", region=regions.lezhi, published_at=at - timedelta(days=3))
    ArticleFactory(
        title="撤稿乐至", region=regions.lezhi, published_at=at - timedelta(days=1), status=Article.Status.WITHDRAWN
    )
    ArticleFactory(title="安岳同一天", region=regions.anyue, published_at=at + timedelta(minutes=1))
    later = ArticleFactory(title="下一篇乐至", region=regions.lezhi, published_at=at + timedelta(days=1))

    article = client.get(article.get_absolute_url()).context["article"]

    assert article.previous_in_channel == {"pk": earlier.pk, "title": "上一篇乐至"}
    assert article.next_in_channel == {"pk": later.pk, "title": "下一篇乐至"}


def test_the_newest_article_has_no_next_and_never_links_a_scheduled_one(client, regions):
    newest = ArticleFactory(region=regions.lezhi)
    ArticleFactory(region=regions.lezhi, published_at=timezone.now() + timedelta(hours=1))

    response = client.get(newest.get_absolute_url())

    assert response.context["article"].next_in_channel is None
    assert "下一篇：没有了" in response.content.decode()


def test_only_approved_comments_and_their_approved_replies_are_shown(client, article):
    approved = CommentFactory(article=article, body="支持蚕桑产业")
    CommentFactory(article=article, parent=approved, body="同感")
    CommentFactory(article=article, parent=approved, body="待审回复", status=Comment.Status.PENDING)
    CommentFactory(article=article, body="垃圾广告", status=Comment.Status.SPAM)

    response = client.get(article.get_absolute_url())

    assert response.context["comments"] == [approved]
    assert [r.body for r in response.context["comments"][0].approved_replies] == ["同感"]
    page = response.content.decode()
    assert "支持蚕桑产业" in page and "垃圾广告" not in page
    assert "网友评论" in page
