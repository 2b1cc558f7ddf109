"""Each change makes stale exactly the cached pages that show it (articles.staleness).

The newsroom: 乐至 (a county of 资阳, 四川) and 武侯 (a district of 成都).
Readers' pages are cached whole; after each change the pages that show what
changed are built again at the next visit (MISS) and the others are still
answered from the cache (HIT).
"""

import re
import time
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone
from taggit.models import Tag

from articles.models import Article
from comments.models import Comment
from core.pagecache import HEADER
from tests.articles.newsroom import article_by
from tests.factories import (
    ArticleFactory,
    ArticlePhotoFactory,
    ColumnFactory,
    CommentFactory,
    FriendLinkFactory,
    RegionFactory,
    SourceFactory,
)

pytestmark = pytest.mark.django_db


def cached(client, url):
    """Visit twice, so the page is in the cache; return what readers see."""
    client.get(url)
    response = client.get(url)
    assert response[HEADER] == "HIT", url
    return response


def visit(client, url):
    response = client.get(url)
    return response[HEADER], response.content.decode()


@pytest.fixture
def news(regions, journalist, editor):
    def publish(region, title, **fields):
        article = article_by(journalist, regions[region], status=Article.Status.PENDING, title=title, **fields)
        article.publish(editor)
        return article

    older = publish("lezhi", "乐至县蚕桑丰收", published_at=timezone.now() - timedelta(hours=3))
    newer = publish("lezhi", "乐至县新建图书馆开放", published_at=timezone.now() - timedelta(hours=2))
    chengdu = publish("wuhou", "武侯区社区食堂开业", published_at=timezone.now() - timedelta(hours=1))
    return {"older": older, "newer": newer, "chengdu": chengdu, "publish": publish}


def test_a_publish_in_lezhi_shows_on_its_channels_and_home_but_leaves_chengdu_pages_alone(client, news):
    chengdu_page = news["chengdu"].get_absolute_url()
    channels = ["/", "/sichuan/ziyang/lezhi/", "/sichuan/ziyang/", "/sichuan/", "/feeds/latest/"]
    for url in [*channels, chengdu_page, "/sichuan/chengdu/wuhou/"]:
        cached(client, url)

    news["publish"]("lezhi", "乐至县春季招聘会举行")

    for url in channels:
        state, page = visit(client, url)
        assert (state, "乐至县春季招聘会举行" in page) == ("MISS", True), url
    assert visit(client, chengdu_page)[0] == "HIT"
    assert visit(client, "/sichuan/chengdu/wuhou/")[0] == "HIT"


def test_a_publish_gives_the_previous_article_its_next_link(client, news):
    cached(client, news["newer"].get_absolute_url())

    fresh = news["publish"]("lezhi", "乐至县春季招聘会举行")

    state, page = visit(client, news["newer"].get_absolute_url())
    assert state == "MISS"
    assert f'href="{fresh.get_absolute_url()}" rel="next"' in page


def test_an_edited_title_shows_on_its_page_its_lists_and_its_neighbours_pages(client, news):
    for url in [news["older"].get_absolute_url(), news["newer"].get_absolute_url(), "/sichuan/ziyang/lezhi/"]:
        cached(client, url)

    news["older"].title = "乐至县蚕桑喜获丰收"
    news["older"].save()

    for url in [news["older"].get_absolute_url(), news["newer"].get_absolute_url(), "/sichuan/ziyang/lezhi/"]:
        assert "乐至县蚕桑喜获丰收" in visit(client, url)[1], url
    assert visit(client, news["chengdu"].get_absolute_url())[0] == "MISS"  # first visit: never cached
    assert visit(client, news["chengdu"].get_absolute_url())[0] == "HIT"


def test_a_withdrawn_article_leaves_every_page_that_showed_it(client, news, editor):
    related_page = news["newer"].get_absolute_url()  # lists the older one as 上一篇 and 相关新闻
    assert "乐至县蚕桑丰收" in cached(client, related_page).content.decode()
    cached(client, "/sichuan/ziyang/lezhi/")
    cached(client, news["older"].get_absolute_url())

    news["older"].withdraw(editor, note="信息有误")

    assert client.get(news["older"].get_absolute_url()).status_code == 404
    assert "乐至县蚕桑丰收" not in visit(client, related_page)[1]
    assert "乐至县蚕桑丰收" not in visit(client, "/sichuan/ziyang/lezhi/")[1]
    assert visit(client, news["chengdu"].get_absolute_url())[0] == "MISS"
    assert visit(client, news["chengdu"].get_absolute_url())[0] == "HIT"


def test_a_moved_article_leaves_its_old_channel_and_joins_the_new_one(client, news, regions):
    cached(client, "/sichuan/ziyang/lezhi/")
    cached(client, "/sichuan/chengdu/wuhou/")

    news["older"].region = regions["wuhou"]
    news["older"].save()

    assert "乐至县蚕桑丰收" not in visit(client, "/sichuan/ziyang/lezhi/")[1]
    assert "乐至县蚕桑丰收" in visit(client, "/sichuan/chengdu/wuhou/")[1]


def test_a_new_headline_shows_in_every_articles_recommendations_at_once(client, news):
    """头条 fill 新闻推荐 beside every article, in whichever channel."""
    pages = [news["older"].get_absolute_url(), news["chengdu"].get_absolute_url()]
    for url in pages:
        cached(client, url)

    news["publish"]("lezhi", "乐至县两会隆重开幕", is_featured=True)

    for url in pages:
        state, page = visit(client, url)
        assert (state, "乐至县两会隆重开幕" in page) == ("MISS", True), url


def test_an_editors_pick_for_an_article_shows_on_its_page(client, news):
    cached(client, news["newer"].get_absolute_url())

    news["newer"].recommended.add(news["chengdu"])

    state, page = visit(client, news["newer"].get_absolute_url())
    assert state == "MISS"
    assert "新闻推荐" in page and "武侯区社区食堂开业" in page


@pytest.fixture
def pending_comment(news):
    return CommentFactory(article=news["newer"], status=Comment.Status.PENDING, body="为家乡的图书馆点赞")


def test_approving_a_comment_shows_it_on_its_article_page_and_the_count_on_its_cards(
    client, moderator, news, pending_comment
):
    for url in [news["newer"].get_absolute_url(), "/sichuan/ziyang/lezhi/", news["older"].get_absolute_url()]:
        cached(client, url)
    cached(client, "/sichuan/chengdu/wuhou/")

    pending_comment.approve(moderator)

    assert "为家乡的图书馆点赞" in visit(client, news["newer"].get_absolute_url())[1]
    state, channel = visit(client, "/sichuan/ziyang/lezhi/")
    assert (state, "1 评论</a>" in channel) == ("MISS", True)
    assert visit(client, news["older"].get_absolute_url())[0] == "HIT"
    assert visit(client, "/sichuan/chengdu/wuhou/")[0] == "HIT"


@pytest.mark.parametrize("decision", ["reject", "mark_spam"])
def test_rejecting_or_marking_spam_hides_the_comment_at_once(client, moderator, news, pending_comment, decision):
    pending_comment.approve(moderator)
    cached(client, news["newer"].get_absolute_url())

    getattr(pending_comment, decision)(moderator)

    assert "为家乡的图书馆点赞" not in visit(client, news["newer"].get_absolute_url())[1]


def test_an_approved_comment_edited_by_a_moderator_shows_as_edited(client, moderator, news, pending_comment):
    pending_comment.approve(moderator)
    cached(client, news["newer"].get_absolute_url())

    comment = Comment.objects.get(pk=pending_comment.pk)
    comment.body = "为家乡新建的图书馆点赞"
    comment.save()

    assert "为家乡新建的图书馆点赞" in visit(client, news["newer"].get_absolute_url())[1]


def test_a_deleted_comment_is_gone_at_once(client, moderator, news, pending_comment):
    pending_comment.approve(moderator)
    cached(client, news["newer"].get_absolute_url())

    Comment.objects.get(pk=pending_comment.pk).delete()

    assert "为家乡的图书馆点赞" not in visit(client, news["newer"].get_absolute_url())[1]


def test_a_renamed_tag_shows_on_the_pages_of_its_articles(client, news):
    news["newer"].tags.add("图书馆")
    cached(client, news["newer"].get_absolute_url())
    tag_page = f"/tag/{Tag.objects.get(name='图书馆').slug}/"
    cached(client, tag_page)

    tag = Tag.objects.get(name="图书馆")
    tag.name = "公共图书馆"
    tag.save()

    assert "公共图书馆" in visit(client, news["newer"].get_absolute_url())[1]
    assert "公共图书馆" in visit(client, tag_page)[1]
    assert visit(client, news["chengdu"].get_absolute_url())[0] == "MISS"


def test_a_renamed_source_shows_on_its_articles_and_lists(client, news):
    source = SourceFactory(name="乐至报")
    Article.objects.filter(pk=news["newer"].pk).update(source=source)  # set quietly, then cached
    cached(client, news["newer"].get_absolute_url())
    cached(client, "/sichuan/ziyang/lezhi/")

    source.name = "乐至县融媒体中心"
    source.save()

    assert "乐至县融媒体中心" in visit(client, news["newer"].get_absolute_url())[1]
    assert "乐至县融媒体中心" in visit(client, "/sichuan/ziyang/lezhi/")[1]


def test_a_scheduled_article_appears_at_its_minute_without_any_job(client, news, regions, journalist, editor):
    scheduled = article_by(journalist, regions["lezhi"], status=Article.Status.PENDING, title="乐至县春季招聘会")
    scheduled.publish(editor, at=timezone.now() + timedelta(seconds=1))
    assert "乐至县春季招聘会" not in cached(client, "/").content.decode()

    # The clock reaches the publication time; nobody saves anything.
    time.sleep(max(0, scheduled.published_at.timestamp() - time.time()) + 0.1)

    state, page = visit(client, "/")
    assert (state, "乐至县春季招聘会" in page) == ("MISS", True)
    assert visit(client, "/")[0] == "HIT"


def test_a_deploy_rebuilds_every_cached_page(client, news):
    cached(client, news["newer"].get_absolute_url())

    call_command("migrate", verbosity=0)

    assert visit(client, news["newer"].get_absolute_url())[0] == "MISS"


def test_saving_only_counters_leaves_the_pages_alone(client, news):
    cached(client, news["newer"].get_absolute_url())

    news["newer"].view_count = 5
    news["newer"].save(update_fields=["view_count"])

    assert visit(client, news["newer"].get_absolute_url())[0] == "HIT"


def test_a_draft_being_written_makes_nothing_stale(client, news, regions, journalist):
    cached(client, "/sichuan/ziyang/lezhi/")

    draft = article_by(journalist, regions["lezhi"], title="写到一半的稿子")
    draft.body = "<p>改了又改</p>"
    draft.save()

    assert visit(client, "/sichuan/ziyang/lezhi/")[0] == "HIT"


@pytest.mark.django_db(transaction=True)
def test_a_change_is_announced_once_after_its_transaction_commits(regions, journalist, editor):
    from django.db import transaction

    from core.changes import changed

    heard = []
    changed.connect(lambda sender, changes, **kwargs: heard.append(changes), weak=False, dispatch_uid="test-heard")
    try:
        article = ArticleFactory(region=regions["lezhi"], title="乐至县蚕桑丰收")
        heard.clear()
        with transaction.atomic():
            article.title = "乐至县蚕桑喜获丰收"
            article.save()
            article.tags.add("蚕桑")
            article.save()
            assert heard == []  # nothing before the commit
        assert len(heard) == 1
        assert {type(change).__name__ for change in heard[0]} == {"ArticleChanged"}
    finally:
        changed.disconnect(dispatch_uid="test-heard")


def test_a_photo_story_published_in_anyue_shows_beside_lezhis_articles_not_chengdus(client, news, regions):
    """图文看点 and 频道推荐 are the city channel's: 资阳's pages, not 成都's."""
    anyue = RegionFactory(name="安岳县", short_name="安岳", slug="anyue", adcode="512021", parent=regions["ziyang"])
    for url in [news["older"].get_absolute_url(), news["chengdu"].get_absolute_url()]:
        cached(client, url)

    story = news["publish"]("lezhi", "乐至柠檬花开")
    Article.objects.filter(pk=story.pk).update(region=anyue)  # a county next door, set quietly
    ArticlePhotoFactory(article=story, image__width=400, image__height=300)  # announced: its photos changed

    state, page = visit(client, news["older"].get_absolute_url())
    assert state == "MISS" and "photo-block" in page and "乐至柠檬花开" in page
    assert visit(client, news["chengdu"].get_absolute_url())[0] == "HIT"


def test_choosing_a_regions_neighbours_column_shows_on_its_articles(client, news, regions):
    column = ColumnFactory(name="乡里乡亲", slug="xiangli")
    Article.objects.filter(pk=news["newer"].pk).update(column=column)  # set quietly, then cached
    cached(client, news["older"].get_absolute_url())
    cached(client, news["chengdu"].get_absolute_url())

    regions["ziyang"].neighbours_column = column
    regions["ziyang"].save()

    state, page = visit(client, news["older"].get_absolute_url())
    assert state == "MISS" and 'href="/column/xiangli/">更多›</a>' in page


def test_a_story_in_the_neighbours_column_shows_in_that_block(client, news, regions):
    column = ColumnFactory(name="乡里乡亲", slug="xiangli")
    regions["ziyang"].neighbours_column = column
    regions["ziyang"].save()
    cached(client, news["older"].get_absolute_url())

    news["publish"]("lezhi", "七旬老人义务修路", column=column)

    page = visit(client, news["older"].get_absolute_url())[1]
    assert re.search(r'乡里乡亲 <a class="more".*?七旬老人义务修路.*?</section>', page, re.S)


def test_a_regions_friend_link_shows_on_its_pages_and_leaves_other_cities_alone(client, news, regions):
    for url in [news["older"].get_absolute_url(), "/sichuan/ziyang/lezhi/", news["chengdu"].get_absolute_url()]:
        cached(client, url)

    link = FriendLinkFactory(name="资阳市人民政府", region=regions["ziyang"])

    assert "资阳市人民政府" in visit(client, news["older"].get_absolute_url())[1]
    assert "资阳市人民政府" in visit(client, "/sichuan/ziyang/lezhi/")[1]
    assert visit(client, news["chengdu"].get_absolute_url())[0] == "HIT"

    link.region = regions["chengdu"]
    link.save()

    assert "资阳市人民政府" not in visit(client, news["older"].get_absolute_url())[1]
    assert "资阳市人民政府" in visit(client, news["chengdu"].get_absolute_url())[1]


def test_a_site_wide_friend_link_shows_on_every_page(client, news):
    pages = ["/", "/sichuan/ziyang/lezhi/", news["chengdu"].get_absolute_url(), "/search/"]
    for url in pages[:3]:
        cached(client, url)

    link = FriendLinkFactory(name="四川新闻网")

    for url in pages:
        assert "四川新闻网" in client.get(url).content.decode(), url
    link.delete()
    for url in pages:
        assert "四川新闻网" not in client.get(url).content.decode(), url
