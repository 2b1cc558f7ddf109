"""The article page's side lists: 相关新闻, 新闻推荐, 猜你喜欢 and 频道推荐."""

from datetime import timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone

from articles import side_lists
from articles.models import Article, ArticleSideLists
from tests.factories import ArticleDailyViewsFactory, ArticleFactory, sichuan_regions

pytestmark = pytest.mark.django_db


@pytest.fixture
def regions():
    return sichuan_regions()


def hours_ago(hours):
    return timezone.now() - timedelta(hours=hours)


def tagged(*tags, **fields):
    article = ArticleFactory(**fields)
    article.tags.add(*tags)
    return article


def page_lists(client, article):
    page = client.get(article.get_absolute_url()).context
    lists = page["lists"]
    return {
        "recommended": lists.recommended,
        "related": lists.related,
        "channel_picks": lists.channel_picks,
        "hot": page["hot"],
        "guess": page["guess"],
    }


def test_related_ranks_shared_tags_then_same_region_then_newest(regions):
    article = tagged("蚕桑", "乡村振兴", region=regions.lezhi)
    two_tags_other_city = tagged("蚕桑", "乡村振兴", region=regions.jinjiang, published_at=hours_ago(50))
    one_tag_same_region = tagged("蚕桑", region=regions.lezhi, published_at=hours_ago(40))
    one_tag_sibling_newer = tagged("蚕桑", region=regions.anyue, published_at=hours_ago(2))
    one_tag_sibling_older = tagged("乡村振兴", region=regions.anyue, published_at=hours_ago(30))
    same_region_untagged = ArticleFactory(region=regions.lezhi, published_at=hours_ago(3))
    same_city_untagged = ArticleFactory(region=regions.anyue, published_at=hours_ago(4))
    ArticleFactory(region=regions.jinjiang)  # shares nothing

    assert article.related(limit=10) == [
        two_tags_other_city,
        one_tag_same_region,
        one_tag_sibling_newer,
        one_tag_sibling_older,
        same_region_untagged,
        same_city_untagged,
    ]


def test_an_older_articles_related_news_are_chosen_again_by_the_minutely_job(regions):
    """相关新闻 are chosen as an article is published, as a static portal
    writes them into its page; a later article sharing its tags joins them
    when the job chooses them again (side_lists.REFRESH_AFTER)."""
    article = tagged("蚕桑", region=regions.lezhi, published_at=hours_ago(8))
    later = tagged("蚕桑", region=regions.jinjiang, published_at=hours_ago(1))
    assert later.pk not in article.side_lists.related
    ArticleSideLists.objects.filter(article=article).update(built_at=hours_ago(7))

    call_command("minutely")

    article.side_lists.refresh_from_db()
    assert later.pk in article.side_lists.related


def test_related_never_lists_the_article_itself_or_anything_unpublished(regions):
    article = tagged("蚕桑", region=regions.lezhi)
    tagged("蚕桑", region=regions.lezhi, status=Article.Status.DRAFT)
    tagged("蚕桑", region=regions.lezhi, status=Article.Status.PENDING)
    tagged("蚕桑", region=regions.lezhi, published_at=timezone.now() + timedelta(hours=1))
    visible = tagged("蚕桑", region=regions.lezhi, published_at=hours_ago(5))

    assert article.related() == [visible]


def test_recommended_puts_editor_picks_before_featured(client, regions):
    article = ArticleFactory(region=regions.lezhi)
    featured = ArticleFactory(region=regions.jinjiang, is_featured=True, published_at=hours_ago(1))
    pick = ArticleFactory(region=regions.jinjiang, published_at=hours_ago(90))
    article.recommended.add(pick)
    ArticleFactory(region=regions.jinjiang, is_featured=True, featured_until=hours_ago(1))  # expired
    withdrawn_pick = ArticleFactory(region=regions.lezhi, status=Article.Status.WITHDRAWN)
    article.recommended.add(withdrawn_pick)

    lists = page_lists(client, article)

    assert lists["recommended"][:2] == [pick, featured]
    assert withdrawn_pick not in lists["recommended"]


def test_channel_picks_are_other_channels_promoted_then_the_channels_newest(client, regions):
    article = ArticleFactory(region=regions.lezhi)
    same_city = ArticleFactory(region=regions.anyue, is_pinned=True, published_at=hours_ago(2))
    other = ArticleFactory(region=regions.jinjiang, is_pinned=True, published_at=hours_ago(3))
    ArticleFactory(region=regions.jinjiang, published_at=hours_ago(1))  # another channel, not promoted
    # Fill 新闻推荐 first so the remaining promoted article goes to 频道推荐.
    for n in range(side_lists.RECOMMENDED_LIMIT):
        article.recommended.add(ArticleFactory(region=regions.lezhi, published_at=hours_ago(10 + n)))

    lists = page_lists(client, article)

    picks = lists["channel_picks"]
    assert picks[0] == other and len(picks) > 1
    # Then the channel's newest (资阳's: 乐至 and 安岳), none shown elsewhere on the page.
    assert {a.region_id for a in picks[1:]} <= {regions.lezhi.pk, regions.anyue.pk}
    shown_elsewhere = {a.pk for key in ["related", "recommended", "hot", "guess"] for a in lists[key]}
    assert not shown_elsewhere & {a.pk for a in picks} and article not in picks
    assert same_city in picks + lists["related"]  # the same city's pinned one: not as promoted, but as news


def test_guess_you_like_is_popular_in_the_city_and_not_already_on_the_page(client, regions):
    # Enough tag-sharing news elsewhere to fill 相关新闻, one of them in this city.
    related = tagged("蚕桑", region=regions.anyue, published_at=hours_ago(5))
    for n in range(side_lists.RELATED_LIMIT - 1):
        tagged("蚕桑", region=regions.jinjiang, published_at=hours_ago(6 + n))
    article = tagged("蚕桑", region=regions.lezhi)  # its lists are chosen as it is published
    popular_in_city = ArticleFactory(region=regions.anyue, published_at=hours_ago(30))
    popular_elsewhere = ArticleFactory(region=regions.jinjiang, published_at=hours_ago(30))
    for popular, views in [(article, 900), (related, 800), (popular_in_city, 500), (popular_elsewhere, 999)]:
        ArticleDailyViewsFactory(article=popular, views=views)

    lists = page_lists(client, article)

    assert lists["guess"] == [popular_in_city]
    shown_elsewhere = {a.pk for key in ["related", "recommended", "channel_picks", "hot"] for a in lists[key]}
    assert not shown_elsewhere & {a.pk for a in lists["guess"]}


def test_hot_reading_is_hot_in_the_articles_region_but_not_the_article_itself(client, regions):
    article = ArticleFactory(region=regions.lezhi)
    ArticleDailyViewsFactory(article=article, views=999)
    county_hot = ArticleFactory(region=regions.lezhi, published_at=hours_ago(2))
    sibling_hot = ArticleFactory(region=regions.anyue, published_at=hours_ago(2))
    ArticleDailyViewsFactory(article=county_hot, views=50)
    ArticleDailyViewsFactory(article=sibling_hot, views=500)

    assert page_lists(client, article)["hot"] == [county_hot]
