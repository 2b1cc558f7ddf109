"""An editor finds a region in the admin by name, pinyin or code, and narrows the list to a province."""

import pytest

from regions.models import Region
from tests.factories import UserFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("national_regions")]

CHANGELIST = "/admin/regions/region/"


@pytest.fixture
def editor_client(client):
    client.force_login(UserFactory(username="alice", is_staff=True, is_superuser=True))
    return client


@pytest.mark.parametrize("query", ["乐至", "lezhi", "512022", "5120"])
def test_lezhi_is_found_by_name_pinyin_or_code(editor_client, query):
    response = editor_client.get(CHANGELIST, {"q": query})

    assert response.status_code == 200
    assert "乐至县" in {region.name for region in response.context["cl"].result_list}


def test_the_province_filter_shows_the_province_and_everything_in_it(editor_client):
    sichuan = Region.objects.get(adcode="510000")
    response = editor_client.get(CHANGELIST, {"province": sichuan.pk, "level": "county"})

    assert response.status_code == 200
    assert response.context["cl"].result_count == 183
