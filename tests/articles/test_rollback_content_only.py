"""Rolling back restores what an article says, never where or whether it is shown.

王编 publishes 乐至蚕桑节, later rewrites it (title, body, source, tags, byline,
photo) and makes it 头条 and 置顶. Rolling back to the first version brings
the words back and leaves it published, on top, in 乐至.
"""

import pytest
import reversion
from reversion.models import Version

from articles.models import Article, Byline
from tests.articles.newsroom import article_by, change_url, form_data, stored_version
from tests.articles.video_files import video_upload
from tests.factories import ArticlePhotoFactory, AuthorFactory, BylineFactory, SourceFactory

pytestmark = pytest.mark.django_db


def versions_of(article):
    return list(Version.objects.get_for_object(article).order_by("pk"))


def rollback_url(article, version):
    return f"/admin/articles/article/{article.pk}/history/{version.pk}/rollback/"


@pytest.fixture
def story(client, regions, journalist, editor):
    economy, ziyang_daily = SourceFactory(name="四川经济日报"), SourceFactory(name="资阳日报")
    tang, li = AuthorFactory(name="汤斌"), AuthorFactory(name="李明")
    article = article_by(
        journalist,
        regions["lezhi"],
        title="乐至蚕桑节开幕",
        summary="第一稿摘要",
        body="<p>第一稿。</p>",
        source=economy,
    )
    BylineFactory(article=article, author=tang)
    photo = ArticlePhotoFactory(article=article, caption="开幕式现场")
    client.force_login(editor)
    client.post(change_url(article), form_data(article, tags="蚕桑", _save="保存"))
    article.refresh_from_db()
    article.publish(editor)

    with reversion.create_revision():
        article.byline.all().delete()
        BylineFactory(article=article, author=li, role=Byline.Role.PHOTOGRAPHY)
        photo.caption = "桑农在采桑叶"
        photo.save()
    rewritten = form_data(
        article,
        title="乐至第三届蚕桑节开幕",
        summary="第二稿摘要",
        body="<p>第二稿。</p>",
        source=ziyang_daily.pk,
        tags="柑橘",
        is_featured="on",
        is_pinned="on",
        _save="保存",
    )
    assert client.post(change_url(article), rewritten).status_code == 302
    article.refresh_from_db()
    assert (article.is_featured, article.is_pinned, article.title) == (True, True, "乐至第三届蚕桑节开幕")
    return article


def test_rollback_restores_the_content(client, story):
    first = versions_of(story)[0]

    response = client.post(rollback_url(story, first), {"version": stored_version(story)})

    assert response.status_code == 302
    story.refresh_from_db()
    assert (story.title, story.summary, story.body) == ("乐至蚕桑节开幕", "第一稿摘要", "<p>第一稿。</p>")
    assert story.source.name == "四川经济日报"
    assert list(story.tags.names()) == ["蚕桑"]
    assert story.byline_display() == "汤斌 文"
    assert [photo.caption for photo in story.photos.all()] == ["开幕式现场"]


def test_rollback_keeps_the_article_where_readers_find_it(client, regions, story):
    first = versions_of(story)[0]
    published_at = story.published_at

    client.post(rollback_url(story, first), {"version": stored_version(story)})

    story.refresh_from_db()
    assert story.title == "乐至蚕桑节开幕"
    assert story.status == Article.Status.PUBLISHED and story.published_at == published_at
    assert story.is_featured and story.is_pinned  # the first version was neither: still 头条 and 置顶
    assert story.region == regions["lezhi"]
    assert story in Article.objects.published()


def test_the_rollback_is_a_revision_that_names_what_it_restored(client, story):
    first = versions_of(story)[0]

    client.post(rollback_url(story, first), {"version": stored_version(story)})

    comment = versions_of(story)[-1].revision.get_comment()
    assert comment.startswith("回滚到 ")
    assert comment.endswith("恢复了：标题、摘要、正文、来源、署名、组图、标签")


def test_the_confirmation_page_lists_the_changes_and_changes_nothing(client, story):
    first = versions_of(story)[0]

    html = client.get(rollback_url(story, first)).content.decode()

    assert "- 乐至第三届蚕桑节开幕" in html and "+ 乐至蚕桑节开幕" in html
    assert "- 资阳日报" in html and "+ 四川经济日报" in html
    assert "+ 蚕桑" in html and "- 柑橘" in html
    assert "头条、置顶" in html and "确认回滚" in html
    story.refresh_from_db()
    assert story.title == "乐至第三届蚕桑节开幕"


def test_a_confirmation_overtaken_by_a_save_is_shown_again_not_applied(client, story):
    first = versions_of(story)[0]
    opened = stored_version(story)
    client.post(
        change_url(story), form_data(story, summary="第三稿摘要", is_featured="on", is_pinned="on", _save="保存")
    )

    response = client.post(rollback_url(story, first), {"version": opened})

    assert response.status_code == 200 and "又被保存过" in response.content.decode()
    story.refresh_from_db()
    assert story.summary == "第三稿摘要"


def test_a_journalist_rolls_back_their_own_draft(client, regions, journalist):
    draft = article_by(journalist, regions["lezhi"], title="初稿标题")
    client.force_login(journalist)
    client.post(change_url(draft), form_data(draft, _save="保存"))
    client.post(change_url(draft), form_data(draft, title="改坏的标题", _save="保存"))

    client.post(rollback_url(draft, versions_of(draft)[0]), {"version": stored_version(draft)})

    draft.refresh_from_db()
    assert draft.title == "初稿标题" and draft.status == Article.Status.DRAFT


def test_a_version_of_another_article_is_not_found(client, regions, editor, story):
    other = article_by(editor, regions["lezhi"])
    client.force_login(editor)
    client.post(change_url(other), form_data(other, _save="保存"))

    response = client.get(rollback_url(story, versions_of(other)[0]))

    assert response.status_code == 404


def test_rollback_brings_back_the_video_the_version_had(client, regions, journalist, editor, video_files):
    article = article_by(journalist, regions["lezhi"], title="乐至县春耕现场")
    client.force_login(editor)
    landscape = video_upload("春耕.mp4", video_files["h264-aac.mp4"])
    client.post(change_url(article), form_data(article, video=landscape, video_caption="田间", _save="保存"))
    article.refresh_from_db()
    first = (article.video.name, article.video_poster.name, article.video_width, article.video_height)
    upright = video_upload("竖屏.mp4", video_files["h264-portrait.mp4"])
    client.post(change_url(article), form_data(article, video=upright, video_caption="竖屏", _save="保存"))
    article.refresh_from_db()
    assert article.video.name != first[0] and article.video_caption == "竖屏"

    client.post(rollback_url(article, versions_of(article)[0]), {"version": stored_version(article)})

    article.refresh_from_db()
    assert (article.video.name, article.video_poster.name, article.video_width, article.video_height) == first
    assert article.video_caption == "田间"
    assert article.video.storage.exists(article.video.name), "the older file is still there to show"
