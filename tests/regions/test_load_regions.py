"""An operator runs `manage.py load_regions` and gets the whole country, province > city > county."""

import re
from collections import Counter
from io import StringIO

import pytest
from django.core.management import call_command
from django.db.models import Count

from regions.loader import DivisionLoader, read_divisions
from regions.models import Region

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("national_regions")]

PROVINCE, CITY, COUNTY = Region.Level.PROVINCE, Region.Level.CITY, Region.Level.COUNTY


def region(adcode):
    return Region.objects.select_related("parent__parent").get(adcode=adcode)


def names_below(adcode):
    return set(Region.objects.filter(parent__adcode=adcode).values_list("name", flat=True))


def test_every_province_city_and_county_is_loaded():
    per_level = Counter(Region.objects.values_list("level", flat=True))

    # The numbers this data file (NBS 2023) produces...
    assert per_level == {PROVINCE: 34, CITY: 333, COUNTY: 2850}
    # ... and what the country looks like: 31 mainland province-level
    # divisions plus 台湾, 香港, 澳门; 333 prefecture-level; ~2,850 county-level.
    assert 31 <= per_level[PROVINCE] <= 34
    assert 330 <= per_level[CITY] <= 340
    assert 2800 <= per_level[COUNTY] <= 2900


def test_lezhi_sits_in_ziyang_in_sichuan():
    lezhi = region("512022")

    assert (lezhi.name, lezhi.short_name, lezhi.level) == ("乐至县", "乐至", COUNTY)
    assert lezhi.channel_name == "乐至新闻"
    assert lezhi.path == "sichuan/ziyang/lezhi"
    assert [(r.adcode, r.name, r.short_name) for r in lezhi.ancestors()] == [
        ("510000", "四川省", "四川"),
        ("512000", "资阳市", "资阳"),
    ]


def test_ziyang_has_exactly_its_three_counties():
    assert names_below("512000") == {"雁江区", "安岳县", "乐至县"}
    assert set(Region.objects.filter(parent__adcode="512000").values_list("path", flat=True)) == {
        "sichuan/ziyang/yanjiang",
        "sichuan/ziyang/anyue",
        "sichuan/ziyang/lezhi",
    }


def test_municipality_districts_hang_directly_under_the_municipality():
    beijing = region("110000")
    districts = Region.objects.filter(parent=beijing)

    assert beijing.level == PROVINCE
    assert districts.count() == 16
    assert set(districts.values_list("level", flat=True)) == {COUNTY}
    assert {"东城区", "海淀区", "延庆区"} <= set(districts.values_list("name", flat=True))
    assert region("110108").path == "beijing/haidian"


def test_chongqing_districts_and_counties_are_all_under_chongqing():
    below = names_below("500000")

    assert len(below) == 38
    assert {"万州区", "渝中区", "忠县", "石柱土家族自治县", "巫溪县"} <= below
    assert region("500240").path == "chongqing/shizhu"


def test_nbs_placeholders_never_become_regions():
    placeholders = {"市辖区", "县", "省直辖县级行政区划", "自治区直辖县级行政区划"}

    assert not Region.objects.filter(name__in=placeholders).exists()
    # Nor do the statistical development zones (石家庄高新技术产业开发区, 130171).
    assert not Region.objects.filter(name__endswith="开发区").exists()


@pytest.mark.parametrize(
    "adcode, name, province",
    [("419001", "济源市", "410000"), ("429004", "仙桃市", "420000"), ("659001", "石河子市", "650000")],
)
def test_province_administered_county_level_cities_hang_under_their_province(adcode, name, province):
    city = region(adcode)

    assert (city.name, city.level, city.parent.adcode) == (name, COUNTY, province)


@pytest.mark.parametrize("adcode", ["441900", "442000", "460400", "620200"])
def test_cities_without_counties_are_childless_cities(adcode):
    city = region(adcode)

    assert city.level == CITY
    assert not city.children.exists()


def test_hong_kong_macao_and_taiwan_are_province_level():
    specials = Region.objects.filter(adcode__in=["710000", "810000", "820000"]).order_by("adcode")

    assert [(r.short_name, r.path, r.level) for r in specials] == [
        ("台湾", "taiwan", PROVINCE),
        ("香港", "xianggang", PROVINCE),
        ("澳门", "aomen", PROVINCE),
    ]


def test_every_adcode_has_six_digits_and_every_slug_is_plain_pinyin():
    assert all(re.fullmatch(r"\d{6}", code) for code in Region.objects.values_list("adcode", flat=True))
    assert all(re.fullmatch(r"[a-z]+", slug) for slug in Region.objects.values_list("slug", flat=True))


def test_slugs_are_unique_among_siblings_across_the_country():
    clashes = Region.objects.values("parent", "slug").annotate(n=Count("id")).filter(n__gt=1)

    assert list(clashes) == []
    # Homophones get a suffix: 云安区 keeps yunan, 郁南县 becomes yunanxian.
    assert (region("445303").slug, region("445322").slug) == ("yunan", "yunanxian")


@pytest.mark.parametrize(
    "adcode, path",
    [
        ("500000", "chongqing"),
        ("430100", "hunan/changsha"),
        ("350200", "fujian/xiamen"),
        ("341500", "anhui/luan"),
        ("340300", "anhui/bengbu"),
        ("331100", "zhejiang/lishui"),
        ("440113", "guangdong/guangzhou/panyu"),
        ("140400", "shanxi/changzhi"),
        ("610000", "shaanxi"),
        ("511100", "sichuan/leshan"),
        ("371722", "shandong/heze/shanxian"),
        ("370881", "shandong/jining/qufu"),
        ("510100", "sichuan/chengdu"),
        ("211300", "liaoning/chaoyang"),
        ("220200", "jilin/jilinshi"),
    ],
)
def test_polyphonic_place_names_read_as_locals_say_them(adcode, path):
    assert region(adcode).path == path


@pytest.mark.parametrize(
    "adcode, size", [("510000", 1 + 21 + 183), ("512000", 1 + 3), ("512022", 1), ("110000", 1 + 16)]
)
def test_self_and_descendants_covers_the_whole_subtree(adcode, size):
    top = region(adcode)
    subtree = Region.objects.self_and_descendants(top)

    assert subtree.count() == size
    assert all(r == top or top in r.ancestors() for r in subtree.select_related("parent"))


def test_a_province_has_no_ancestors():
    assert region("510000").ancestors() == []


def test_loading_twice_creates_and_changes_nothing(django_assert_max_num_queries):
    before = Counter(Region.objects.values_list("level", flat=True))
    out = StringIO()

    # Read everything, write nothing: one SELECT plus the transaction's savepoints.
    with django_assert_max_num_queries(5):
        created, updated = DivisionLoader(read_divisions()).run()
    call_command("load_regions", stdout=out)

    assert (created, updated) == (Counter(), Counter())
    assert Counter(Region.objects.values_list("level", flat=True)) == before
    assert "省级 新建 0、更新 0；地级 新建 0、更新 0；县级 新建 0、更新 0" in out.getvalue()


def test_a_reload_restores_official_names_but_keeps_the_editors_work():
    Region.objects.filter(adcode="512022").update(
        name="乐至区", short_name="乐至县", description="川中腹地", is_active=False, sort_order=7
    )

    created, updated = DivisionLoader(read_divisions()).run()

    lezhi = region("512022")
    assert (created, updated) == (Counter(), Counter({COUNTY: 1}))
    assert lezhi.name == "乐至县"
    assert (lezhi.short_name, lezhi.slug, lezhi.path) == ("乐至县", "lezhi", "sichuan/ziyang/lezhi")
    assert (lezhi.description, lezhi.is_active, lezhi.sort_order) == ("川中腹地", False, 7)


def test_ancestors_cost_at_most_one_query(django_assert_num_queries):
    lezhi = Region.objects.get(adcode="512022")
    with django_assert_num_queries(1):
        assert [r.short_name for r in lezhi.ancestors()] == ["四川", "资阳"]

    breadcrumb_ready = Region.objects.select_related("parent__parent").get(adcode="512022")
    with django_assert_num_queries(0):
        assert [r.short_name for r in breadcrumb_ready.ancestors()] == ["四川", "资阳"]
