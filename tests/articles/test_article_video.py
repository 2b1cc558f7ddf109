"""An article can carry a video: a real H.264/AAC MP4, checked by ffprobe,
given a poster by ffmpeg, and played on the article page.

A journalist who picks the wrong file is told why in Chinese, keeps what was
typed, and nothing is left in the media folder.

Cast: 汤斌 (tangbin) is a journalist.
"""

import pytest
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from PIL import Image

from articles import checks, revisions, videos
from articles.models import Article
from core.request_limits import body_limit
from tests.articles.newsroom import form_data, staff
from tests.articles.video_files import video_upload
from tests.factories import ArticleFactory, sichuan_regions

ADD_URL = "/admin/articles/article/add/"

REFUSED = [
    # (name sent, file made by ffmpeg or given bytes, code, words of the message)
    ("notes.mp4", b"just some text, renamed\n" * 40, "not_mp4", "不是有效的 MP4 视频"),
    ("clip.mp4", "vp9.webm", "not_mp4", "不是有效的 MP4 视频"),
    ("clip.webm", "vp9.webm", "extension", "扩展名不是 .mp4"),
    ("clip.mp4", "mpeg4-part2.mp4", "video_codec", "画面编码是 mpeg4"),
    ("clip.mp4", "h264-mp3.mp4", "audio_codec", "声音编码是 mp3"),
    ("clip.mp4", "quicktime.mov", "quicktime", "QuickTime"),
    ("clip.mov", "quicktime.mov", "extension", "扩展名不是 .mp4"),
]


def content_of(video_files, made):
    return video_files[made] if isinstance(made, str) else made


def stored_files(settings):
    root = settings.MEDIA_ROOT
    return sorted(str(p.relative_to(root)) for p in root.rglob("*") if p.is_file()) if root.exists() else []


class TestTheProbe:
    @pytest.mark.parametrize(("name", "made", "code", "words"), REFUSED, ids=[f"{r[0]}-{r[2]}" for r in REFUSED])
    def test_what_is_not_an_h264_aac_mp4_is_refused_with_a_reason(self, video_files, name, made, code, words):
        with pytest.raises(ValidationError) as refused:
            videos.inspect_video(video_upload(name, content_of(video_files, made)))

        assert refused.value.code == code
        assert words in refused.value.messages[0]
        assert refused.value.messages[0].startswith("只接受 MP4 视频（H.264 视频编码，AAC 音频或无声）")

    @pytest.mark.parametrize("made", ["h264-aac.mp4", "h264-silent.mp4"])
    def test_an_h264_mp4_with_aac_or_no_sound_is_accepted_with_its_facts_and_a_poster(self, video_files, made):
        facts = videos.inspect_video(video_upload("现场视频.mp4", video_files[made]))

        assert (facts.width, facts.height) == (320, 180)
        assert facts.duration == pytest.approx(2.0, abs=0.1)
        assert facts.poster.startswith(b"\xff\xd8")

    def test_a_video_shot_upright_is_portrait(self, video_files):
        facts = videos.inspect_video(video_upload("竖屏.mp4", video_files["h264-portrait.mp4"]))

        assert (facts.width, facts.height) == (180, 320)

    def test_the_size_cap_comes_from_settings(self, settings, video_files):
        content = video_files["h264-aac.mp4"]
        settings.VIDEO_UPLOAD_MAX_BYTES = len(content) - 1

        with pytest.raises(ValidationError, match="视频太大") as refused:
            videos.inspect_video(video_upload("clip.mp4", content))

        assert refused.value.code == "too_large"

    def test_without_ffprobe_the_upload_is_refused_and_check_warns(self, monkeypatch, video_files):
        monkeypatch.setenv("PATH", "/nonexistent")

        with pytest.raises(ValidationError, match="服务器没有安装 ffmpeg"):
            videos.inspect_video(video_upload("clip.mp4", video_files["h264-aac.mp4"]))
        [warning] = checks.video_tools(None)
        assert warning.id == "articles.W001" and "ffprobe" in warning.msg

    def test_with_ffmpeg_installed_check_is_quiet(self):
        assert checks.video_tools(None) == []


@pytest.mark.django_db
class TestTheArticle:
    def test_a_saved_video_is_stored_under_a_new_name_with_its_poster_and_facts(self, settings, video_files):
        article = ArticleFactory()
        article.video = video_upload("../../现场 视频.mp4", video_files["h264-aac.mp4"])
        article.full_clean()
        article.save()

        article.refresh_from_db()
        assert article.video.name.startswith("videos/") and article.video.name.endswith(".mp4")
        assert article.video_poster.name == article.video.name[: -len(".mp4")] + ".jpg"
        assert (article.video_width, article.video_height, article.video_length) == (320, 180, "0:02")
        assert stored_files(settings) == sorted([article.video.name, article.video_poster.name])
        with Image.open(article.video_poster.path) as poster:
            assert (poster.format, poster.size) == ("JPEG", (320, 180))

    def test_editing_later_does_not_probe_again_and_clearing_the_video_clears_its_poster(self, settings, video_files):
        article = ArticleFactory()
        article.video = video_upload("clip.mp4", video_files["h264-silent.mp4"])
        article.full_clean()
        article.save()

        settings.VIDEO_UPLOAD_MAX_BYTES = 1  # a stricter cap later must not lock old articles
        article = Article.objects.get(pk=article.pk)
        article.title = "改了标题"
        article.full_clean()
        article.save()
        assert Article.objects.get(pk=article.pk).video

        article.video = None
        article.save()
        article.refresh_from_db()
        assert (article.video.name, article.video_poster.name, article.video_duration) == ("", "", None)

    def test_a_refused_video_leaves_nothing_behind(self, settings, video_files):
        article = ArticleFactory()
        article.video = video_upload("clip.mp4", video_files["mpeg4-part2.mp4"])

        with pytest.raises(ValidationError) as refused:
            article.full_clean()

        assert "画面编码是 mpeg4" in " ".join(refused.value.message_dict["video"])
        assert stored_files(settings) == []


@pytest.mark.django_db
class TestTheAdminForm:
    @pytest.fixture
    def tangbin(self, client):
        client.force_login(staff("tangbin", "记者"))
        return client

    @pytest.fixture
    def lezhi(self):
        return sichuan_regions().lezhi

    def new_article(self, region, **overrides):
        draft = Article(title="乐至县春耕现场", summary="记者走进田间地头。", body="<p>春耕正忙。</p>", region=region)
        return form_data(draft, **overrides)

    def test_the_form_offers_the_video_and_its_caption(self, tangbin):
        page = tangbin.get(ADD_URL).content.decode()

        assert 'name="video"' in page and 'name="video_caption"' in page
        assert 'enctype="multipart/form-data"' in page

    def test_a_journalist_attaches_a_video(self, tangbin, lezhi, settings, video_files):
        form = self.new_article(
            lezhi, video=video_upload("春耕.mp4", video_files["h264-aac.mp4"]), video_caption="乐至县春耕现场"
        )

        response = tangbin.post(ADD_URL, form)

        assert response.status_code == 302
        article = Article.objects.get()
        assert article.video_caption == "乐至县春耕现场" and article.video_poster
        assert len(stored_files(settings)) == 2

    @pytest.mark.parametrize(("name", "made", "code", "words"), REFUSED[:4], ids=[r[2] for r in REFUSED[:4]])
    def test_a_refused_video_keeps_what_was_typed_and_stores_nothing(
        self, tangbin, lezhi, settings, video_files, name, made, code, words
    ):
        form = self.new_article(lezhi, video=video_upload(name, content_of(video_files, made)), video_caption="现场")

        response = tangbin.post(ADD_URL, form)

        assert response.status_code == 200
        page = response.content.decode()
        assert "errorlist" in page and words in page
        assert 'value="乐至县春耕现场"' in page and "记者走进田间地头。" in page and 'value="现场"' in page
        assert not Article.objects.exists()
        assert stored_files(settings) == []

    def test_a_video_streamed_to_a_temporary_file_is_probed_there_and_named_in_the_history(
        self, tangbin, lezhi, settings, video_files
    ):
        settings.FILE_UPLOAD_MAX_MEMORY_SIZE = 1024  # as every real video: Django writes it to a temporary file
        form = self.new_article(lezhi, video=video_upload("春耕.mp4", video_files["h264-silent.mp4"]))

        response = tangbin.post(ADD_URL, form)

        assert response.status_code == 302
        article = Article.objects.get()
        assert (article.video_width, article.video_height) == (320, 180)
        response = tangbin.post(
            f"/admin/articles/article/{article.pk}/change/",
            form_data(article, video=video_upload("换一段.mp4", video_files["h264-aac.mp4"])),
        )
        assert response.status_code == 302
        assert revisions.previous_version(article).revision.comment == "修改了：视频"

    def test_a_video_over_the_cap_is_refused_in_the_form(self, tangbin, lezhi, settings, video_files):
        settings.VIDEO_UPLOAD_MAX_BYTES = 1024

        response = tangbin.post(
            ADD_URL, self.new_article(lezhi, video=video_upload("a.mp4", video_files["h264-aac.mp4"]))
        )

        assert "视频太大" in response.content.decode()
        assert not Article.objects.exists()
        assert stored_files(settings) == []

    def test_only_the_article_form_may_send_a_video_sized_body(self, settings):
        settings.REQUEST_BODY_MAX_BYTES, settings.VIDEO_UPLOAD_MAX_BYTES = 12, 200

        assert body_limit(ADD_URL) == body_limit("/admin/articles/article/17/change/") == 212
        assert body_limit("/admin/articles/article/17/history/") == body_limit("/ckeditor/upload/") == 12
        assert body_limit("/admin/articles/article/add/x") == 12


@pytest.mark.django_db
class TestTheReaderPage:
    @pytest.fixture
    def regions(self):
        return sichuan_regions()

    @pytest.fixture
    def video_article(self, regions, video_files):
        article = ArticleFactory(title="航拍乐至蚕桑园", region=regions.lezhi, video_caption="航拍：乐至县蚕桑园")
        article.video = video_upload("clip.mp4", video_files["h264-aac.mp4"])
        article.save()
        return article

    def test_the_video_plays_inline_with_its_poster_and_caption(self, client, video_article):
        page = client.get(video_article.get_absolute_url()).content.decode()

        assert (
            f'<video playsinline controls preload="none" poster="{video_article.video_poster.url}" '
            'width="320" height="180"'
        ) in page
        assert f'<source src="{video_article.video.url}" type="video/mp4">' in page
        assert "航拍：乐至县蚕桑园" in page and "时长 0:02" in page

    def test_an_article_without_video_has_no_player(self, client, regions):
        page = client.get(ArticleFactory(region=regions.lezhi).get_absolute_url()).content.decode()

        assert "<video" not in page

    def test_a_video_costs_the_article_page_no_query(self, client, regions, video_article):
        plain = ArticleFactory(region=regions.lezhi)

        counts = []
        for article in (plain, video_article):
            cache.clear()
            with CaptureQueriesContext(connection) as queries:
                assert client.get(article.get_absolute_url()).status_code == 200
            counts.append(len(queries))

        assert counts[0] == counts[1]

    def test_cards_of_video_articles_carry_a_badge_and_the_poster(self, client, regions, video_article):
        ArticleFactory(title="没有视频的新闻", region=regions.lezhi)

        page = client.get(regions.lezhi.get_absolute_url()).content.decode()

        card = page.split("航拍乐至蚕桑园")[0].rsplit('<li class="card', 1)[1]
        assert '<span class="badge badge-video">视频</span>' in card
        assert "has-picture" in card
        assert page.count("badge-video") == 1

    def test_the_reader_policy_lets_the_page_play_media_from_the_site(self, client, video_article):
        policy = client.get(video_article.get_absolute_url())["Content-Security-Policy"]

        assert "media-src 'self'" in policy
