"""Readers open a 专题: its sections show chosen articles in order, then the
newest of a tag or a region; only published articles; unknown slugs 404."""

from datetime import timedelta

import pytest
from django.utils import timezone

from articles.models import Article
from tests.factories import ArticleFactory
from tests.topics.factories import TopicFactory, TopicSectionFactory, choose
from topics.models import Topic

pytestmark = pytest.mark.django_db

# The topic; the next scheduled article (articles.schedule); its sections;
# their chosen rows; the chosen articles; one per section with a rule (here
# two); the bylines of every card; the region tabs and friend links at the
# top and foot of every page (articles.region_lists).
TOPIC_PAGE_BUDGET = 10  # one more for the ads of the header and sidebar slots (ads.slots)
# the topics; the next scheduled topic; the count for the pages; the region tabs.
INDEX_BUDGET = 5  # one more for the ads (ads.slots)


@pytest.fixture
def silk(regions):
    lezhi = regions["lezhi"]
    first = ArticleFactory(region=lezhi, title="乐至蚕桑产业发布会", published_at=timezone.now() - timedelta(days=3))
    second = ArticleFactory(region=lezhi, title="乐至蚕农采桑忙", published_at=timezone.now() - timedelta(days=1))
    draft = ArticleFactory(region=lezhi, title="未发布的蚕桑稿件", status=Article.Status.DRAFT)
    tagged = ArticleFactory(region=regions["wuhou"], title="武侯丝绸博物馆开馆")
    tagged.tags.add("蚕桑")
    in_lezhi = ArticleFactory(region=lezhi, title="乐至县新建图书馆开放")
    topic = TopicFactory(title="乐至蚕桑丰收季", introduction="桑叶青青，蚕茧满仓。")
    chosen = TopicSectionFactory(topic=topic, heading="重点报道", sort_order=1)
    choose(chosen, second, draft, first)
    by_tag = TopicSectionFactory(topic=topic, heading="蚕桑新闻", sort_order=2, tag=tagged.tags.get())
    by_region = TopicSectionFactory(topic=topic, heading="乐至新闻", sort_order=3, region=lezhi, newest_count=1)
    return {"topic": topic, "first": first, "second": second, "tagged": tagged, "in_lezhi": in_lezhi,
            "sections": (chosen, by_tag, by_region)}  # fmt: skip


def test_a_blank_slug_is_the_pinyin_of_the_title_and_stays_unique(db):
    assert TopicFactory(title="乐至蚕桑丰收季").slug == "lezhicansangfengshouji"
    assert TopicFactory(title="乐至蚕桑丰收季").slug == "lezhicansangfengshouji-2"
    assert TopicFactory(title="！！").slug.startswith("zhuanti-")


def test_a_topic_page_shows_its_sections_in_order_with_published_articles_only(client, silk, settings,
                                                                               django_assert_max_num_queries):  # fmt: skip
    settings.PAGE_CACHE_ENABLED = False

    with django_assert_max_num_queries(TOPIC_PAGE_BUDGET):
        page = client.get("/zhuanti/lezhicansangfengshouji/").content.decode()

    assert "乐至蚕桑丰收季" in page and "桑叶青青，蚕茧满仓。" in page
    _, chosen, by_tag, by_region = page.split('<section class="block" id="section-')
    assert chosen.index("重点报道") < chosen.index("乐至蚕农采桑忙") < chosen.index("乐至蚕桑产业发布会")
    assert "未发布的蚕桑稿件" not in page
    assert "蚕桑新闻" in by_tag and "武侯丝绸博物馆开馆" in by_tag
    # The region's newest one, leaving out what was chosen above.
    assert "乐至新闻" in by_region and "乐至县新建图书馆开放" in by_region and "乐至蚕农采桑忙" not in by_region


def test_the_topic_page_budget_holds_with_many_chosen_articles(client, silk, regions, settings,
                                                               django_assert_max_num_queries):  # fmt: skip
    settings.PAGE_CACHE_ENABLED = False
    choose(
        TopicSectionFactory(topic=silk["topic"], heading="更多"),
        *ArticleFactory.create_batch(30, region=regions["lezhi"]),
    )

    with django_assert_max_num_queries(TOPIC_PAGE_BUDGET):
        assert client.get(silk["topic"].get_absolute_url()).status_code == 200


def test_the_index_lists_published_topics_newest_first(client, silk, settings, django_assert_max_num_queries):
    settings.PAGE_CACHE_ENABLED = False
    TopicFactory(title="武侯社区食堂", published_at=timezone.now() - timedelta(minutes=5))
    TopicFactory(title="未发布的专题", is_published=False)
    TopicFactory(title="明天的专题", published_at=timezone.now() + timedelta(days=1))

    with django_assert_max_num_queries(INDEX_BUDGET):
        page = client.get("/zhuanti/").content.decode()

    assert page.index("武侯社区食堂") < page.index("乐至蚕桑丰收季")
    assert "未发布的专题" not in page and "明天的专题" not in page


@pytest.mark.parametrize(
    "path", ["/zhuanti/no-such-topic/", "/zhuanti/%E4%B8%AD/", "/zhuanti/a/b/", "/zhuanti/?page=x", "/zhuanti/?page=99"]
)
def test_unknown_topics_and_odd_addresses_are_not_found_never_errors(client, silk, path):
    assert client.get(path).status_code == 404


def test_an_unpublished_or_scheduled_topic_is_not_found(client, silk):
    Topic.objects.filter(pk=silk["topic"].pk).update(is_published=False)
    assert client.get(silk["topic"].get_absolute_url()).status_code == 404
    Topic.objects.filter(pk=silk["topic"].pk).update(
        is_published=True, published_at=timezone.now() + timedelta(hours=1)
    )
    assert client.get(silk["topic"].get_absolute_url()).status_code == 404


def test_a_chosen_article_names_its_topic_and_others_do_not(client, silk):
    page = client.get(silk["second"].get_absolute_url()).content.decode()
    assert "本文收录于专题" in page and 'href="/zhuanti/lezhicansangfengshouji/">《乐至蚕桑丰收季》' in page
    # Listed by the tag rule only: not chosen, so not "收录".
    assert "本文收录于专题" not in client.get(silk["tagged"].get_absolute_url()).content.decode()


def test_the_home_page_links_to_the_topics(client, db):
    assert 'href="/zhuanti/"' in client.get("/").content.decode()
