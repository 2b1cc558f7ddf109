"""Pictures dropped into the article editor: only for people who write articles, only real images.

Cast: 汤斌 is a journalist (staff, may add and change articles), 王芳 moderates
comments (staff, no article rights), 李四 is a reader with an account.
"""

import io

import pytest
from django.contrib.auth.models import Permission
from django.urls import resolve, reverse
from PIL import Image

from articles.uploads import editor_browse, editor_upload
from tests.articles.image_files import HTML_WITH_PNG_HEADER, SVG, image_bytes, upload
from tests.factories import UserFactory

UPLOAD_URL = "/ckeditor/upload/"
BROWSE_URL = "/ckeditor/browse/"


def user_with(username, *codenames, is_staff=True):
    user = UserFactory(username=username, is_staff=is_staff)
    user.user_permissions.set(Permission.objects.filter(codename__in=codenames))
    return user


@pytest.fixture
def tangbin(db):
    return user_with("tangbin", "add_article", "change_article")


@pytest.fixture
def wangfang(db):
    return user_with("wangfang", "change_comment", "view_comment")


def stored_files(settings):
    return [path for path in settings.MEDIA_ROOT.rglob("*") if path.is_file()] if settings.MEDIA_ROOT.exists() else []


# What CKEditor's JavaScript does before every upload: a random token in a
# cookie, repeated in the form.
CK_TOKEN = "f3a9c1d27b5e48e0a6c4b19d3e7f20a85c6d1b4e"


def post_picture(client, name, content, query="?responseType=json", token=CK_TOKEN):
    client.cookies["ckCsrfToken"] = CK_TOKEN
    return client.post(UPLOAD_URL + query, {"upload": upload(name, content), "ckCsrfToken": token})


def test_the_editor_keeps_posting_to_the_same_url_names_which_now_reach_our_views():
    assert reverse("ckeditor_upload") == UPLOAD_URL
    assert reverse("ckeditor_browse") == BROWSE_URL
    assert resolve(UPLOAD_URL).func is editor_upload
    assert resolve(BROWSE_URL).func is editor_browse


@pytest.mark.django_db
class TestWhoMayUpload:
    def test_an_anonymous_visitor_is_sent_to_the_login_and_nothing_is_written(self, client, settings):
        response = post_picture(client, "a.png", image_bytes("PNG"))

        assert response.status_code == 302
        assert response["Location"].startswith(reverse("admin:login"))
        assert stored_files(settings) == []

    def test_a_reader_account_with_article_rights_but_no_staff_flag_is_sent_to_the_login(self, client, settings):
        client.force_login(user_with("lisi", "add_article", is_staff=False))

        response = post_picture(client, "a.png", image_bytes("PNG"))

        assert response.status_code == 302
        assert stored_files(settings) == []

    @pytest.mark.parametrize("url", [UPLOAD_URL, UPLOAD_URL + "extra/path/"])
    def test_a_moderator_without_article_rights_is_refused(self, client, wangfang, settings, url):
        client.force_login(wangfang)

        response = client.post(url, {"upload": upload("a.png", image_bytes("PNG"))})

        assert response.status_code == 403
        assert stored_files(settings) == []

    def test_a_journalist_with_only_the_change_right_may_upload(self, client, settings):
        client.force_login(user_with("zhaoliu", "change_article"))

        response = post_picture(client, "a.png", image_bytes("PNG"))

        assert response.json()["uploaded"] == "1"


@pytest.mark.django_db
class TestWhatMayBeUploaded:
    @pytest.mark.parametrize(
        ("name", "content"),
        [
            ("logo.svg", SVG),
            ("logo.png", SVG),
            ("cover.png", HTML_WITH_PNG_HEADER),
            ("photo.jpg.html", b"<html></html>"),
        ],
        ids=["svg", "svg-as-png", "html-with-png-header", "double-extension"],
    )
    def test_a_disguised_file_gets_ckeditors_json_error_and_nothing_is_written(
        self, client, tangbin, settings, name, content
    ):
        client.force_login(tangbin)

        response = post_picture(client, name, content)

        assert response.status_code == 200
        body = response.json()
        assert body["uploaded"] == 0
        assert "JPEG、PNG、GIF 或 WebP" in body["error"]["message"]
        assert stored_files(settings) == []

    def test_the_image_dialog_gets_the_error_through_its_callback(self, client, tangbin, settings):
        client.force_login(tangbin)

        response = post_picture(client, "logo.png", SVG, query="?CKEditorFuncNum=3&langCode=zh-cn")

        page = response.content.decode()
        assert page.startswith("<script>window.parent.CKEDITOR.tools.callFunction(3, '', '")
        assert "不是有效的图片" in page
        assert stored_files(settings) == []

    def test_a_picture_over_the_size_limit_is_refused_with_the_limit_named(self, client, tangbin, settings):
        settings.IMAGE_UPLOAD_MAX_BYTES = 100
        client.force_login(tangbin)

        response = post_picture(client, "big.jpg", image_bytes("JPEG"))

        assert "上限为 100\xa0字节" in response.json()["error"]["message"]
        assert stored_files(settings) == []

    def test_a_request_without_a_file_gets_an_error_not_a_crash(self, client, tangbin):
        client.force_login(tangbin)

        client.cookies["ckCsrfToken"] = CK_TOKEN
        response = client.post(UPLOAD_URL + "?responseType=json", {"ckCsrfToken": CK_TOKEN})

        assert response.json() == {"uploaded": 0, "error": {"message": "没有收到文件，请重新选择图片。"}}

    @pytest.mark.parametrize("token", ["", "0" * 40], ids=["missing", "not-the-cookie"])
    def test_an_upload_without_ckeditors_token_is_refused(self, client, tangbin, settings, token):
        client.force_login(tangbin)

        response = post_picture(client, "a.png", image_bytes("PNG"), token=token)

        assert response.json()["uploaded"] == 0
        assert "安全令牌" in response.json()["error"]["message"]
        assert stored_files(settings) == []

    def test_a_callback_number_that_is_not_a_number_is_refused(self, client, tangbin, settings):
        client.force_login(tangbin)

        response = post_picture(client, "a.png", image_bytes("PNG"), query="?CKEditorFuncNum=alert(document.cookie)")

        assert response.status_code == 400
        assert b"alert" not in response.content
        assert stored_files(settings) == []

    def test_a_real_picture_is_stored_as_the_same_picture_and_its_url_returned(self, client, tangbin, settings):
        client.force_login(tangbin)
        picture = image_bytes("PNG")

        response = post_picture(client, "会场 照片.png", picture)

        body = response.json()
        assert body["uploaded"] == "1"
        assert body["url"].startswith(settings.MEDIA_URL + "uploads/") and body["url"].endswith(".png")
        stored = settings.MEDIA_ROOT / body["url"].removeprefix(settings.MEDIA_URL)
        # Written again by Pillow (tests/articles/test_image_reencoding.py), pixel for pixel the same.
        with Image.open(stored) as kept, Image.open(io.BytesIO(picture)) as sent:
            assert (kept.mode, kept.size, kept.tobytes()) == (sent.mode, sent.size, sent.tobytes())

    def test_the_image_dialog_gets_the_url_through_its_callback(self, client, tangbin):
        client.force_login(tangbin)

        response = post_picture(client, "a.webp", image_bytes("WEBP"), query="?CKEditorFuncNum=7")

        page = response.content.decode()
        assert "window.parent.CKEDITOR.tools.callFunction(7, '/media/uploads/" in page

    def test_get_is_not_an_upload(self, client, tangbin):
        client.force_login(tangbin)

        assert client.get(UPLOAD_URL).status_code == 405


@pytest.mark.django_db
class TestBrowsingUploads:
    def test_a_journalist_sees_the_uploaded_pictures(self, client, tangbin):
        client.force_login(tangbin)
        url = post_picture(client, "a.png", image_bytes("PNG")).json()["url"]

        response = client.get(BROWSE_URL)

        assert response.status_code == 200
        assert url in response.content.decode()

    def test_a_moderator_may_not_browse(self, client, wangfang):
        client.force_login(wangfang)

        assert client.get(BROWSE_URL).status_code == 403

    def test_an_anonymous_visitor_is_sent_to_the_login(self, client):
        assert client.get(BROWSE_URL).status_code == 302
