"""A newer division list arrives: the operator reloads it over a live site."""

from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from regions.models import Region
from tests.factories import RegionFactory

pytestmark = pytest.mark.django_db

HEADER = "adcode,name,parent_adcode,level\n"
SICHUAN_2015 = HEADER + (
    "510000,四川省,,province\n"
    "510100,成都市,510000,city\n"
    "512000,资阳市,510000,city\n"
    "510104,锦江区,510100,county\n"
    "512002,雁江区,512000,county\n"
    "512081,简阳市,512000,county\n"
)
# In 2016 简阳市 moved from 资阳 to 成都 and took a new code; pretend here it
# kept its code, so the same region moves.
SICHUAN_2016 = SICHUAN_2015.replace("512081,简阳市,512000", "512081,简阳市,510100")


def load(tmp_path, text, name="divisions.csv"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    out = StringIO()
    call_command("load_regions", file=str(path), stdout=out)
    return out.getvalue()


def test_a_region_moved_to_another_city_gets_its_new_path(tmp_path):
    load(tmp_path, SICHUAN_2015)
    assert Region.objects.get(adcode="512081").path == "sichuan/ziyang/jianyang"

    output = load(tmp_path, SICHUAN_2016)

    jianyang = Region.objects.get(adcode="512081")
    assert (jianyang.parent.name, jianyang.path) == ("成都市", "sichuan/chengdu/jianyang")
    assert "县级 新建 0、更新 1" in output


def test_a_move_onto_a_taken_slug_gets_a_distinct_one(tmp_path):
    load(tmp_path, SICHUAN_2015)
    chengdu = Region.objects.get(adcode="510100")
    RegionFactory(name="剑阳区", short_name="剑阳", slug="jianyang", adcode="510199", parent=chengdu)

    load(tmp_path, SICHUAN_2016)

    assert Region.objects.get(adcode="512081").path == "sichuan/chengdu/jianyang512081"


def test_a_renamed_region_keeps_its_short_name_and_url(tmp_path):
    load(tmp_path, SICHUAN_2015)

    output = load(tmp_path, SICHUAN_2015.replace("雁江区", "雁江新区"))

    yanjiang = Region.objects.get(adcode="512002")
    assert (yanjiang.name, yanjiang.short_name, yanjiang.path) == ("雁江新区", "雁江", "sichuan/ziyang/yanjiang")
    assert "改名 512002: 雁江区 -> 雁江新区" in output


def test_regions_missing_from_the_file_are_left_alone_and_reported(tmp_path):
    load(tmp_path, SICHUAN_2015)
    RegionFactory(name="测试县", adcode="900001", slug="ceshi", level=Region.Level.PROVINCE)

    output = load(tmp_path, SICHUAN_2015)

    assert Region.objects.filter(adcode="900001").exists()
    assert "另有 1 个地区不在文件里" in output


@pytest.mark.parametrize(
    "text",
    [
        HEADER + "5100,四川省,,province\n",  # four digits
        HEADER + "510000,四川省,,state\n",
        HEADER + "510100,成都市,510000,city\n510000,四川省,,province\n",  # child before parent
        HEADER + "510100,成都市,,city\n",  # a city needs a province
        HEADER + "510000,四川省,,province\n510104,锦江区,510000,county\n510199,某街道,510104,county\n",  # 4 levels
        "code,name\n510000,四川省\n",
    ],
)
def test_a_broken_file_stops_the_load_with_a_message(tmp_path, text):
    with pytest.raises(CommandError, match="读不了区划数据文件"):
        load(tmp_path, text)
    assert not Region.objects.exists()


def test_a_changed_slug_in_the_admin_carries_down_to_every_path(tmp_path):
    load(tmp_path, SICHUAN_2015)
    sichuan = Region.objects.get(adcode="510000")

    sichuan.slug = "shu"
    sichuan.save()

    assert set(Region.objects.values_list("path", flat=True)) == {
        "shu",
        "shu/chengdu",
        "shu/ziyang",
        "shu/chengdu/jinjiang",
        "shu/ziyang/yanjiang",
        "shu/ziyang/jianyang",
    }
