"""Beside an article a reader finds what the portal's county pages carry:
图文看点 (the channel's newest photo stories, with pictures), 乡里乡亲 (the
column the region chose for that slot) and 频道推荐, never empty."""

import re

import pytest

from tests.factories import ArticleFactory, ArticlePhotoFactory, ColumnFactory, sichuan_regions

pytestmark = pytest.mark.django_db


@pytest.fixture
def regions():
    return sichuan_regions()


def block(page, title):
    """The titles listed in the side block called ``title``, or None when the page has no such block."""
    found = re.search(rf'<h2 [^>]*class="block-title">{title}.*?</section>', page, re.S)
    if not found:
        return None
    links = re.findall(r'<a href="/article/\d+/"[^>]*>(.*?)</a>', found.group(), re.S)
    return [re.sub(r"<[^>]+>", "", link).strip() for link in links]


def test_photo_stories_of_the_city_channel_with_their_pictures(client, regions):
    article = ArticleFactory(region=regions.lezhi, title="乐至县蚕桑丰收")
    photo_story = ArticleFactory(region=regions.anyue, title="安岳柠檬花开")
    ArticlePhotoFactory(article=photo_story, image__width=400, image__height=300)
    ArticleFactory(region=regions.anyue, title="安岳县召开会议")  # no picture
    chengdu_photo = ArticleFactory(region=regions.jinjiang, title="锦江夜景")
    ArticlePhotoFactory(article=chengdu_photo, image__width=400, image__height=300)

    page = client.get(article.get_absolute_url()).content.decode()

    assert block(page, "图文看点") == ["安岳柠檬花开"]
    assert re.search(r'photo-block".*?<img class="picture picture-card"', page, re.S)


def test_the_column_a_region_chose_shows_as_its_own_block(client, regions):
    xiangli = ColumnFactory(name="乡里乡亲", slug="xiangli")
    regions.ziyang.neighbours_column = xiangli
    regions.ziyang.save()
    article = ArticleFactory(region=regions.lezhi, title="乐至县蚕桑丰收")
    ArticleFactory(region=regions.anyue, column=xiangli, title="安岳七旬老人义务修路")
    ArticleFactory(region=regions.jinjiang, column=xiangli, title="锦江好邻居")  # another city
    ArticleFactory(region=regions.anyue, title="安岳县召开会议")  # another column

    page = client.get(article.get_absolute_url()).content.decode()

    assert block(page, "乡里乡亲") == ["安岳七旬老人义务修路"]
    assert 'href="/column/xiangli/">更多›</a>' in page


def test_a_county_may_choose_its_own_column(client, regions):
    regions.ziyang.neighbours_column = ColumnFactory(name="乡里乡亲", slug="xiangli")
    regions.ziyang.save()
    regions.lezhi.neighbours_column = ColumnFactory(name="乐至人物", slug="renwu")
    regions.lezhi.save()
    article = ArticleFactory(region=regions.lezhi, title="乐至县蚕桑丰收")
    ArticleFactory(region=regions.anyue, column=regions.lezhi.neighbours_column, title="蚕桑能手王大姐")

    page = client.get(article.get_absolute_url()).content.decode()

    assert block(page, "乐至人物") == ["蚕桑能手王大姐"]
    assert block(page, "乡里乡亲") is None


def test_no_column_chosen_no_block(client, regions):
    article = ArticleFactory(region=regions.lezhi, title="乐至县蚕桑丰收")
    ArticleFactory(region=regions.anyue, column=ColumnFactory(name="乡里乡亲", slug="xiangli"), title="安岳好人")

    assert block(client.get(article.get_absolute_url()).content.decode(), "乡里乡亲") is None


def test_channel_picks_are_filled_with_the_channels_newest_when_editors_chose_nothing(client, regions):
    article = ArticleFactory(region=regions.lezhi, title="乐至县蚕桑丰收")
    ArticleFactory(region=regions.anyue, title="安岳柠檬丰收")
    ArticleFactory(region=regions.jinjiang, title="锦江夜市开张")  # another city's channel

    page = client.get(article.get_absolute_url()).content.decode()

    picks = block(page, "频道推荐")
    assert picks and "安岳柠檬丰收" in picks + (block(page, "相关新闻") or [])
    assert "锦江夜市开张" not in picks and "乐至县蚕桑丰收" not in picks


def test_other_channels_pinned_articles_come_first_in_channel_picks(client, regions):
    article = ArticleFactory(region=regions.lezhi, title="乐至县蚕桑丰收")
    ArticleFactory(region=regions.jinjiang, title="锦江置顶新闻", is_pinned=True)
    for n in range(6):
        ArticleFactory(region=regions.anyue, title=f"安岳新闻{n}")

    picks = block(client.get(article.get_absolute_url()).content.decode(), "频道推荐")

    assert picks[0] == "锦江置顶新闻" and len(picks) == 5
