"""Channel names and URL slugs that a reader in the place would recognise."""

import pytest

from regions.naming import pinyin_slug, short_name, short_names, split_name, unique_slug

PROVINCES = {"四川", "吉林", "河北", "海南", "河南"}


@pytest.mark.parametrize(
    "name, short",
    [
        ("四川省", "四川"),
        ("北京市", "北京"),
        ("广西壮族自治区", "广西"),
        ("内蒙古自治区", "内蒙古"),
        ("新疆维吾尔自治区", "新疆"),
        ("香港特别行政区", "香港"),
        ("资阳市", "资阳"),
        ("乐至县", "乐至"),
        ("雁江区", "雁江"),
        ("凉山彝族自治州", "凉山"),
        ("峨边彝族自治县", "峨边"),
        ("阿坝藏族羌族自治州", "阿坝"),
        ("伊犁哈萨克自治州", "伊犁"),
        ("积石山保安族东乡族撒拉族自治县", "积石山"),
        ("三都水族自治县", "三都"),
        ("鄂伦春自治旗", "鄂伦春"),
        ("东乡族自治县", "东乡"),
        ("管城回族区", "管城"),
        ("阿里地区", "阿里"),
        ("锡林郭勒盟", "锡林郭勒"),
        ("达拉特旗", "达拉特"),
        ("浦东新区", "浦东"),
        ("清新区", "清新"),
        ("白云鄂博矿区", "白云鄂博"),
        ("六枝特区", "六枝"),
        ("神农架林区", "神农架"),
        ("万柏林区", "万柏林"),
    ],
)
def test_administrative_suffixes_are_stripped(name, short):
    assert short_name(name) == short


@pytest.mark.parametrize(
    "name", ["和县", "城区", "矿区", "郊区", "市中区", "城关区", "镶黄旗", "正镶白旗", "乌拉特前旗", "科尔沁左翼中旗"]
)
def test_names_that_would_lose_their_meaning_stay_whole(name):
    assert short_name(name) == name


@pytest.mark.parametrize(
    "name, short",
    [
        ("吉林市", "吉林市"),  # not the province 吉林
        ("河北区", "河北区"),  # a district of 天津
        ("海南藏族自治州", "海南州"),  # in 青海
        ("河南蒙古族自治县", "河南县"),
        ("资阳市", "资阳"),
    ],
)
def test_a_short_name_never_poses_as_a_province(name, short):
    assert short_name(name, avoid=PROVINCES) == short


def test_a_county_named_after_its_city_keeps_its_suffix():
    assert short_name("本溪满族自治县", avoid={"辽宁", "本溪"}) == "本溪县"


def test_siblings_that_would_shorten_alike_keep_their_suffixes():
    assert short_names(["伊宁市", "伊宁县", "霍城县"]) == {"伊宁市": "伊宁市", "伊宁县": "伊宁县", "霍城县": "霍城"}
    assert short_names(["井陉矿区", "井陉县"]) == {"井陉矿区": "井陉矿区", "井陉县": "井陉县"}


def test_split_name_reports_the_suffix_it_removed():
    assert split_name("阿坝藏族羌族自治州") == ("阿坝", "州")
    assert split_name("乐至县") == ("乐至", "县")
    assert split_name("和县") == ("和县", "")


@pytest.mark.parametrize(
    "short, slug",
    [
        ("乐至", "lezhi"),
        ("资阳", "ziyang"),
        ("四川", "sichuan"),
        ("重庆", "chongqing"),
        ("长沙", "changsha"),
        ("长治", "changzhi"),
        ("长宁", "changning"),
        ("长子", "zhangzi"),
        ("六安", "luan"),
        ("六合", "luhe"),
        ("蚌埠", "bengbu"),
        ("丽水", "lishui"),
        ("番禺", "panyu"),
        ("厦门", "xiamen"),
        ("乐山", "leshan"),
        ("乐亭", "laoting"),
        ("乐清", "yueqing"),
        ("单县", "shanxian"),
        ("曲阜", "qufu"),
        ("成都", "chengdu"),
        ("昌都", "changdu"),
        ("朝阳", "chaoyang"),
        ("什邡", "shifang"),
        ("库尔勒", "kuerle"),
        ("阿勒泰", "aletai"),
        ("闵行", "minhang"),
        ("泊头", "botou"),
        ("佛山", "foshan"),
        ("陕西", "shaanxi"),
        ("山西", "shanxi"),
        ("南乐", "nanle"),
        ("曾都", "zengdu"),
        ("绿春", "lvchun"),
    ],
)
def test_slugs_read_place_names_the_local_way(short, slug):
    assert pinyin_slug(short) == slug


def test_a_clashing_slug_gets_a_deterministic_suffix():
    assert unique_slug("yunan", set(), "445322", "县") == "yunan"
    assert unique_slug("yunan", {"yunan"}, "445322", "县") == "yunanxian"
    assert unique_slug("yunan", {"yunan", "yunanxian"}, "445322", "县") == "yunan445322"
    assert unique_slug("yunan", {"yunan"}, "445322") == "yunan445322"
