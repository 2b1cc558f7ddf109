"""A reader changes nickname and avatar; bad input keeps what they typed, a bad picture leaves no file."""

import pytest
from django.conf import settings
from django.urls import reverse
from PIL import Image

from members.models import Reader
from tests.articles.image_files import SVG, image_bytes, upload

pytestmark = pytest.mark.django_db


def media_files():
    root = settings.MEDIA_ROOT
    return sorted(p.relative_to(root) for p in root.rglob("*") if p.is_file()) if root.exists() else []


def save_profile(client, **data):
    return client.post(reverse("members:profile"), {"nickname": "柠檬姑娘", **data})


def test_the_profile_page_needs_a_login(client):
    response = client.get(reverse("members:profile"))

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("members:login") + "?next=")


def test_a_reader_renames_themselves_and_the_header_cookie_follows(logged_in, reader):
    response = save_profile(logged_in, nickname="  乐至老乡 ")

    assert response.status_code == 302
    reader.refresh_from_db()
    assert reader.nickname == "乐至老乡"
    assert response.cookies[settings.READER_COOKIE_NAME].value == "%E4%B9%90%E8%87%B3%E8%80%81%E4%B9%A1"


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("", "请填写昵称"),
        ("编辑部小王", "工作人员"),
        ("我的号13912345678", "昵称里不要写手机号"),
        ("x" * 31, "昵称最多 30 个字"),
    ],
)
def test_a_refused_nickname_says_why_and_stays_in_the_box(logged_in, reader, typed, message):
    response = save_profile(logged_in, nickname=typed)

    assert response.status_code == 400
    page = response.content.decode()
    assert message in str(response.context["form"].errors["nickname"])
    assert f'value="{typed}"' in page or typed == ""
    reader.refresh_from_db()
    assert reader.nickname == "柠檬姑娘"


def test_an_avatar_is_stored_reencoded_and_small(logged_in, reader):
    photo = upload("me.png", image_bytes("PNG", size=(900, 600)))

    assert save_profile(logged_in, avatar=photo).status_code == 302

    reader.refresh_from_db()
    assert reader.avatar.name.startswith("avatars/") and reader.avatar.name.endswith(".png")
    with Image.open(reader.avatar.path) as stored:
        assert max(stored.size) <= 256
    assert "me.png" not in reader.avatar.name


def test_a_new_avatar_replaces_the_old_file(logged_in, reader):
    save_profile(logged_in, avatar=upload("one.png", image_bytes("PNG")))
    save_profile(logged_in, avatar=upload("two.jpg", image_bytes("JPEG"), "image/jpeg"))

    reader.refresh_from_db()
    assert [str(path) for path in media_files()] == [reader.avatar.name]


def test_an_avatar_over_3_mb_is_refused_with_a_clear_message_and_leaves_no_file(logged_in, reader):
    too_big = upload("big.png", image_bytes("PNG") + b"\0" * (settings.READER_UPLOAD_MAX_BYTES + 1))

    response = save_profile(logged_in, nickname="新名字", avatar=too_big)

    assert response.status_code == 400
    assert "头像图片太大" in str(response.context["form"].errors["avatar"])
    assert "上限为 3.0" in response.content.decode()
    assert 'value="新名字"' in response.content.decode(), "the nickname typed is kept"
    assert media_files() == []
    assert Reader.objects.get().nickname == "柠檬姑娘"


@pytest.mark.parametrize(
    ("name", "content"),
    [("me.svg", SVG), ("me.png", b"not a picture at all"), ("me.png", SVG), ("me.txt", b"hello")],
)
def test_a_file_that_is_no_picture_is_refused_and_leaves_no_file(logged_in, reader, name, content):
    response = save_profile(logged_in, avatar=upload(name, content))

    assert response.status_code == 400
    assert "图片" in str(response.context["form"].errors["avatar"])
    assert media_files() == []
    reader.refresh_from_db()
    assert not reader.avatar
