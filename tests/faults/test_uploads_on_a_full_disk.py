"""A full or read-only media store: the journalist is told why in Chinese,
keeps what was typed, and no picture is left behind, whole or in part.

MEDIA_ROOT is a small tmpfs of its own, filled up or remounted read-only, so
the writes fail the way a real disk fails them (ENOSPC half-way through a
picture, EROFS at open). Mounting needs root, as ``make test`` runs.

Cast: 汤斌 is a journalist.
"""

import io
import os
import subprocess

import pytest
from django.core.files.base import ContentFile
from PIL import Image

from articles.models import Article, ArticlePhoto
from core.storage import AtomicFileSystemStorage, MediaWriteFailed
from tests.articles.image_files import image_bytes, upload
from tests.articles.newsroom import form_data, staff
from tests.articles.video_files import video_upload
from tests.factories import ArticleFactory, RegionFactory

ADD_URL = "/admin/articles/article/add/"
UPLOAD_URL = "/ckeditor/upload/"
CK_TOKEN = "f3a9c1d27b5e48e0a6c4b19d3e7f20a85c6d1b4e"
FILLER = "filler"
STORE_SIZE = 512 * 1024
FREE_WHEN_FULL = 32 * 1024


def noisy_picture(image_format="JPEG", size=(400, 400)):
    """A picture that stays far bigger than FREE_WHEN_FULL once re-encoded (noise does not compress)."""
    buffer = io.BytesIO()
    Image.frombytes("RGB", size, os.urandom(size[0] * size[1] * 3)).save(buffer, format=image_format, quality=95)
    return buffer.getvalue()


class MediaStore:
    def __init__(self, root):
        self.root = root

    def fill(self, leave=FREE_WHEN_FULL):
        (self.root / FILLER).write_bytes(b"\0" * (STORE_SIZE - leave))

    def make_read_only(self):
        subprocess.run(["mount", "-o", "remount,ro", str(self.root)], check=True)

    def files(self):
        """Every file but the filler, hidden temporary ones included."""
        return sorted(str(p.relative_to(self.root)) for p in self.root.rglob("*") if p.is_file() and p.name != FILLER)


@pytest.fixture
def media_store(settings, tmp_path):
    root = tmp_path / "media"
    root.mkdir()
    mounted = subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={STORE_SIZE}", "tmpfs", str(root)],
                             capture_output=True, text=True)  # fmt: skip
    if mounted.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs (needs root): {mounted.stderr.strip()}")
    settings.MEDIA_ROOT = root
    try:
        yield MediaStore(root)
    finally:
        subprocess.run(["umount", "--lazy", str(root)], check=True)


@pytest.fixture
def journalist(db):
    return staff("tangbin", "记者")


@pytest.fixture
def tangbin(client, journalist):
    client.force_login(journalist)
    return client


def new_article_form(region, **overrides):
    draft = Article(title="乐至县召开春耕生产推进会", summary="全县粮食播种面积稳定在 80 万亩以上。",
                    body="<p>3月1日，乐至县召开春耕生产推进会。</p>", region=region)  # fmt: skip
    return form_data(draft, **overrides)


class TestTheStorage:
    def test_a_picture_that_does_not_fit_raises_in_chinese_and_leaves_no_partial_file(self, media_store):
        media_store.fill()

        with pytest.raises(MediaWriteFailed) as failed:
            AtomicFileSystemStorage().save("covers/big.jpg", ContentFile(noisy_picture()))

        assert str(failed.value) == "图片保存失败：存储空间已满，请联系管理员。"
        assert media_store.files() == []

    def test_a_read_only_store_says_so(self, media_store):
        media_store.make_read_only()

        with pytest.raises(MediaWriteFailed, match="存储只读"):
            AtomicFileSystemStorage().save("big.jpg", ContentFile(b"picture"))

    def test_a_saved_file_is_whole_readable_by_the_web_server_and_never_replaces_another(self, media_store):
        storage = AtomicFileSystemStorage()

        first = storage.save("uploads/a.jpg", ContentFile(b"first"))
        second = storage.save("uploads/a.jpg", ContentFile(b"second"))

        assert first == "uploads/a.jpg" and second != first
        assert (storage.open(first).read(), storage.open(second).read()) == (b"first", b"second")
        assert (media_store.root / first).stat().st_mode & 0o044 == 0o044
        assert media_store.files() == sorted([first, second])


class TestTheArticleForm:
    def test_a_cover_on_a_full_disk_gives_a_chinese_error_keeps_the_form_and_saves_nothing(self, tangbin, media_store):
        media_store.fill()

        response = tangbin.post(
            ADD_URL, new_article_form(RegionFactory(), cover_image=upload("c.jpg", noisy_picture()))
        )

        assert response.status_code == 200
        page = response.content.decode()
        assert "图片保存失败：存储空间已满，请联系管理员。" in page
        assert 'value="乐至县召开春耕生产推进会"' in page
        assert "全县粮食播种面积稳定在 80 万亩以上。" in page and "3月1日，乐至县召开春耕生产推进会。" in page
        assert not Article.objects.exists()
        assert media_store.files() == []

    def test_a_photo_that_does_not_fit_takes_the_already_stored_cover_with_it(self, tangbin, media_store):
        media_store.fill()
        form = new_article_form(RegionFactory(), cover_image=upload("c.jpg", image_bytes("JPEG")), **{
            "photos-TOTAL_FORMS": "1", "photos-0-image": upload("p.png", noisy_picture("PNG")),
            "photos-0-caption": "春耕现场", "photos-0-sort_order": "0",
        })  # fmt: skip

        response = tangbin.post(ADD_URL, form)

        page = response.content.decode()
        assert "存储空间已满" in page and 'value="春耕现场"' in page
        assert (Article.objects.count(), ArticlePhoto.objects.count()) == (0, 0)
        assert media_store.files() == []

    def test_a_video_on_a_full_disk_says_so_keeps_the_form_and_leaves_no_file(self, tangbin, media_store, video_files):
        media_store.fill()
        form = new_article_form(
            RegionFactory(), video=video_upload("春耕.mp4", video_files["h264-aac.mp4"]), video_caption="春耕现场"
        )

        response = tangbin.post(ADD_URL, form)

        page = response.content.decode()
        assert response.status_code == 200 and "视频保存失败：存储空间已满，请联系管理员。" in page
        assert 'value="乐至县召开春耕生产推进会"' in page and 'value="春耕现场"' in page
        assert not Article.objects.exists()
        assert media_store.files() == []

    def test_an_edit_on_a_read_only_store_leaves_the_article_as_it_was(self, tangbin, journalist, media_store):
        article = ArticleFactory(
            title="原来的标题", status=Article.Status.DRAFT, published_at=None, created_by=journalist
        )
        media_store.make_read_only()

        response = tangbin.post(
            f"/admin/articles/article/{article.pk}/change/",
            form_data(article, title="改过的标题", cover_image=upload("c.jpg", image_bytes("JPEG"))),
        )

        page = response.content.decode()
        assert response.status_code == 200 and "图片保存失败：存储只读，请联系管理员。" in page
        assert 'value="改过的标题"' in page
        article.refresh_from_db()
        assert article.title == "原来的标题" and not article.cover_image


class TestTheEditorUpload:
    @pytest.fixture
    def editor_client(self, tangbin):
        client = tangbin
        client.cookies["ckCsrfToken"] = CK_TOKEN
        return client

    def post_picture(self, client, content, query="?responseType=json"):
        return client.post(UPLOAD_URL + query, {"upload": upload("现场.jpg", content), "ckCsrfToken": CK_TOKEN})

    def test_a_picture_on_a_full_disk_gets_ckeditors_json_error_and_nothing_stays(self, editor_client, media_store):
        media_store.fill()

        response = self.post_picture(editor_client, noisy_picture())

        assert response.status_code == 200
        assert response.json() == {"uploaded": 0, "error": {"message": "图片保存失败：存储空间已满，请联系管理员。"}}
        assert media_store.files() == []

    def test_the_image_dialog_gets_the_read_only_error_through_its_callback(self, editor_client, media_store):
        media_store.make_read_only()

        response = self.post_picture(editor_client, image_bytes("JPEG"), query="?CKEditorFuncNum=3")

        assert response.content.decode() == (
            "<script>window.parent.CKEDITOR.tools.callFunction(3, '', '图片保存失败：存储只读，请联系管理员。');</script>"
        )
