"""赵编 handles 资阳市: he sets up its channels (乡里乡亲 column, introduction, order)
but not the region tree, and not 成都市's channels."""

import pytest

from regions.models import Region
from tests.factories import ColumnFactory


@pytest.fixture
def neighbours(db):
    return ColumnFactory(name="乡里乡亲", slug="xiangli")


def channel_form(region, **changes):
    data = {
        "description": region.description,
        "is_active": "on" if region.is_active else "",
        "sort_order": region.sort_order,
        "neighbours_column": region.neighbours_column_id or "",
    }
    return data | changes


def change_url(region):
    return f"/admin/regions/region/{region.pk}/change/"


def test_a_city_editor_chooses_the_neighbours_column_of_a_county_channel(client, ziyang_editor, regions, neighbours):
    lezhi = regions["lezhi"]
    client.force_login(ziyang_editor)

    page = client.get(change_url(lezhi)).content.decode()
    response = client.post(
        change_url(lezhi),
        channel_form(lezhi, neighbours_column=neighbours.pk, description="乐至县新闻", name="改个名", slug="gai"),
    )

    assert 'name="neighbours_column"' in page and 'name="name"' not in page and 'name="parent"' not in page
    assert response.status_code == 302
    lezhi = Region.objects.get(pk=lezhi.pk)
    assert (lezhi.neighbours_column, lezhi.description) == (neighbours, "乐至县新闻")
    assert (lezhi.name, lezhi.slug) == ("乐至县", "lezhi"), "the region tree is not the editor's to change"


def test_a_city_editor_cannot_change_another_citys_channel(client, ziyang_editor, regions, neighbours):
    wuhou = regions["wuhou"]
    client.force_login(ziyang_editor)

    page = client.get(change_url(wuhou))
    response = client.post(change_url(wuhou), channel_form(wuhou, neighbours_column=neighbours.pk))

    assert page.status_code == 200 and 'name="neighbours_column"' not in page.content.decode()
    assert response.status_code == 403
    assert Region.objects.get(pk=wuhou.pk).neighbours_column is None


def test_the_region_list_is_editable_in_place_only_by_an_administrator(client, ziyang_editor, superuser, regions):
    client.force_login(ziyang_editor)
    as_editor = client.get("/admin/regions/region/").content.decode()
    client.force_login(superuser)
    as_administrator = client.get("/admin/regions/region/").content.decode()

    assert "乐至县" in as_editor and 'name="form-0-is_active"' not in as_editor
    assert 'name="form-0-is_active"' in as_administrator


def test_an_administrator_still_edits_the_region_tree(client, superuser, regions):
    lezhi = regions["lezhi"]
    client.force_login(superuser)

    page = client.get(change_url(lezhi)).content.decode()

    assert 'name="name"' in page and 'name="parent"' in page
