"""A 专题 page is cached whole and built again when what it shows changes
(articles.staleness): the topic itself, an article it chose, or the newest
of its tag or region; pages it does not show stay cached."""

from datetime import timedelta

import pytest
from django.utils import timezone

from articles.models import Article
from tests.articles.newsroom import article_by
from tests.articles.test_what_goes_stale import cached, visit
from tests.factories import ArticleFactory
from tests.topics.factories import TopicFactory, TopicSectionFactory, choose
from topics.models import SectionArticle

pytestmark = pytest.mark.django_db


@pytest.fixture
def silk(regions, journalist, editor):
    chosen = ArticleFactory(region=regions["lezhi"], title="乐至蚕农采桑忙")
    topic = TopicFactory(title="乐至蚕桑丰收季")
    section = TopicSectionFactory(topic=topic, heading="重点报道")
    choose(section, chosen)
    TopicSectionFactory(topic=topic, heading="乐至新闻", region=regions["lezhi"], newest_count=3)
    other = TopicFactory(title="武侯社区食堂")
    TopicSectionFactory(topic=other, heading="武侯新闻", region=regions["wuhou"])
    return {"topic": topic, "section": section, "chosen": chosen, "other": other, "url": topic.get_absolute_url()}


def test_editing_a_topic_makes_its_page_the_index_and_its_articles_pages_stale(client, silk):
    urls = [silk["url"], "/zhuanti/", silk["chosen"].get_absolute_url()]
    for url in [*urls, silk["other"].get_absolute_url()]:
        cached(client, url)

    silk["topic"].title = "乐至蚕桑丰收节"
    silk["topic"].save()

    for url in urls:
        state, page = visit(client, url)
        assert (state, "乐至蚕桑丰收节" in page) == ("MISS", True), url
    assert visit(client, silk["other"].get_absolute_url())[0] == "HIT"


def test_choosing_and_dropping_an_article_changes_the_topic_and_the_article_page(client, silk, regions):
    newcomer = ArticleFactory(region=regions["wuhou"], title="武侯丝绸博物馆开馆")
    cached(client, silk["url"])
    cached(client, newcomer.get_absolute_url())

    choose(silk["section"], newcomer)

    assert visit(client, silk["url"])[1].count("武侯丝绸博物馆开馆") == 1
    state, page = visit(client, newcomer.get_absolute_url())
    assert (state, "本文收录于专题" in page) == ("MISS", True)

    cached(client, newcomer.get_absolute_url())
    SectionArticle.objects.get(article=newcomer).delete()

    state, page = visit(client, newcomer.get_absolute_url())
    assert (state, "本文收录于专题" in page) == ("MISS", False)
    assert "武侯丝绸博物馆开馆" not in visit(client, silk["url"])[1]


def test_withdrawing_a_chosen_article_takes_it_off_the_topic(client, silk, editor):
    cached(client, silk["url"])

    silk["chosen"].withdraw(editor, "稿件有误")

    state, page = visit(client, silk["url"])
    assert (state, "乐至蚕农采桑忙" in page) == ("MISS", False)


def test_publishing_a_chosen_draft_puts_it_on_the_topic(client, silk, journalist, editor, regions):
    draft = article_by(journalist, regions["wuhou"], status=Article.Status.PENDING, title="武侯蚕桑展览预告")
    choose(silk["section"], draft)
    assert "武侯蚕桑展览预告" not in cached(client, silk["url"]).content.decode()

    draft.publish(editor)

    state, page = visit(client, silk["url"])
    assert (state, "武侯蚕桑展览预告" in page) == ("MISS", True)


def test_a_publish_in_its_region_shows_in_the_region_section(client, silk, journalist, editor, regions):
    """(Every topic page also carries the site's region tabs, which any publish
    may change, so other topics' pages go stale with it too; see issue 17's note.)"""
    cached(client, silk["url"])
    cached(client, silk["other"].get_absolute_url())

    fresh = article_by(journalist, regions["lezhi"], status=Article.Status.PENDING, title="乐至县春季招聘会举行")
    fresh.publish(editor, at=timezone.now() - timedelta(minutes=1))

    state, page = visit(client, silk["url"])
    assert (state, "乐至县春季招聘会举行" in page) == ("MISS", True)


def test_a_tagged_article_edited_shows_in_the_tag_section(client, silk, editor, regions):
    tagged = ArticleFactory(region=regions["wuhou"], title="武侯丝绸博物馆开馆")
    tagged.tags.add("蚕桑")
    TopicSectionFactory(topic=silk["topic"], heading="蚕桑新闻", tag=tagged.tags.get())
    cached(client, silk["url"])

    tagged.title = "武侯丝绸博物馆正式开馆"
    tagged.save()

    state, page = visit(client, silk["url"])
    assert (state, "武侯丝绸博物馆正式开馆" in page) == ("MISS", True)


def test_unpublishing_a_topic_takes_it_off_the_index_and_the_article_page(client, silk):
    cached(client, "/zhuanti/")
    cached(client, silk["chosen"].get_absolute_url())

    silk["topic"].is_published = False
    silk["topic"].save()

    assert "乐至蚕桑丰收季" not in visit(client, "/zhuanti/")[1]
    assert "本文收录于专题" not in visit(client, silk["chosen"].get_absolute_url())[1]
    assert client.get(silk["url"]).status_code == 404
