"""王编 (编辑) keeps the footer's 友情链接 in the admin; 汤斌 (记者) cannot."""

import pytest

from links.models import FriendLink

pytestmark = pytest.mark.django_db


def test_an_editor_adds_a_friend_link_for_a_region(client, editor, regions):
    client.force_login(editor)

    response = client.post(
        "/admin/links/friendlink/add/",
        {"name": "资阳市人民政府", "url": "https://www.ziyang.gov.cn/", "region": regions["ziyang"].pk,
         "sort_order": 10, "is_active": "on"},
    )  # fmt: skip

    assert response.status_code == 302, response.content.decode()[:2000]
    assert FriendLink.objects.get().region == regions["ziyang"]
    assert client.get("/admin/links/friendlink/").status_code == 200


def test_a_journalist_cannot(client, journalist):
    client.force_login(journalist)

    assert client.get("/admin/links/friendlink/add/").status_code == 403
