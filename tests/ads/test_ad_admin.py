"""王编 (编辑) places ads in the admin and reads their counts; 汤斌 (记者) cannot."""

import pytest
from django.utils import timezone

from ads.models import Ad, AdDailyStats
from tests.articles.image_files import image_bytes, upload
from tests.factories import AdFactory

pytestmark = pytest.mark.django_db


def form(**fields):
    data = {"title": "乐至春茶节", "slot": "header", "position": "", "text": "", "link": "https://tea.example.cn/",
            "starts_at_0": "", "starts_at_1": "", "ends_at_0": "", "ends_at_1": "", "weight": 2, "is_active": "on"}  # fmt: skip
    data.update(fields)
    return data


def test_an_editor_adds_an_image_ad_for_a_region(client, editor, regions):
    client.force_login(editor)

    response = client.post(
        "/admin/ads/ad/add/",
        form(image=upload("banner.png", image_bytes("PNG", (600, 100))), regions=[regions["lezhi"].pk]),
    )

    assert response.status_code == 302, response.content.decode()[:3000]
    ad = Ad.objects.get()
    assert list(ad.regions.all()) == [regions["lezhi"]]
    assert ad.image.name.startswith("ads/") and ad.image.name.endswith(".png") and "banner" not in ad.image.name


def test_an_upload_that_is_not_an_image_is_refused(client, editor):
    client.force_login(editor)

    response = client.post("/admin/ads/ad/add/", form(image=upload("banner.png", b"<script>alert(1)</script>")))

    assert response.status_code == 200
    assert not Ad.objects.exists()


def test_an_end_before_the_start_is_refused(client, editor):
    client.force_login(editor)

    response = client.post(
        "/admin/ads/ad/add/",
        form(starts_at_0="2026-05-02", starts_at_1="08:00:00", ends_at_0="2026-05-01", ends_at_1="08:00:00"),
    )

    assert response.status_code == 200 and "结束时间须晚于开始时间" in response.content.decode()


def test_the_list_shows_impressions_and_clicks_today_and_in_all(client, editor):
    ad = AdFactory(title="乐至春茶节")
    today = timezone.localdate()
    AdDailyStats.objects.create(ad=ad, day=today, impressions=120, clicks=7)
    AdDailyStats.objects.create(ad=ad, day=today - timezone.timedelta(days=1), impressions=300, clicks=11)
    client.force_login(editor)

    page = client.get("/admin/ads/ad/").content.decode()

    for number in ["120", "420", ">7<", ">18<"]:
        assert number in page, number


def test_a_journalist_cannot(client, journalist):
    client.force_login(journalist)

    assert client.get("/admin/ads/ad/add/").status_code == 403


def test_the_list_filters_site_wide_and_targeted_ads(client, editor, regions):
    AdFactory(title="全站广告")
    AdFactory(title="乐至广告", regions=[regions["lezhi"]])
    client.force_login(editor)

    site = client.get("/admin/ads/ad/", {"reach": "site"}).content.decode()
    targeted = client.get("/admin/ads/ad/", {"reach": "regions"}).content.decode()

    assert "全站广告" in site and "乐至广告" not in site
    assert "乐至广告" in targeted and "全站广告" not in targeted
