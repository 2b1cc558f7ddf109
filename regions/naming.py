"""Channel short names and pinyin slugs for official division names.

乐至县 -> 乐至 -> lezhi. The rules are written for the names in the national
division list (see ``regions/data/README.md``); they are deterministic, so a
reload produces the same names and URLs.
"""

import re

from pypinyin import lazy_pinyin

# The 55 minority nationalities as they appear in autonomous-area names
# (凉山彝族自治州, 伊犁哈萨克自治州), plus 各族 (龙胜各族自治县). One-character
# names only count with 族, so that a trailing 水 or 白 of a place name is
# never mistaken for a nationality.
_ETHNIC_MULTI = (
    "蒙古 维吾尔 布依 朝鲜 土家 哈尼 哈萨克 傈僳 高山 拉祜 东乡 纳西 景颇 柯尔克孜 达斡尔 仫佬 布朗 撒拉 "
    "毛南 仡佬 锡伯 阿昌 普米 塔吉克 乌孜别克 俄罗斯 鄂温克 德昂 保安 裕固 塔塔尔 独龙 鄂伦春 赫哲 门巴 珞巴 基诺"
).split()
_ETHNIC_SINGLE = "回 藏 苗 彝 壮 满 侗 瑶 白 傣 黎 佤 畲 水 土 羌 怒 京 各".split()
_MULTI = "|".join(sorted(_ETHNIC_MULTI, key=len, reverse=True))
_SINGLE = "|".join(_ETHNIC_SINGLE)
_ETHNIC_TAIL = re.compile(f"(?:(?:{_MULTI})族?|(?:{_SINGLE})族)+$")
# 管城回族区, 梅里斯达斡尔族区: ethnic districts always spell out 族.
_ETHNIC_TAIL_STRICT = re.compile(f"(?:(?:{_MULTI}|{_SINGLE})族)+$")
_AUTONOMOUS = re.compile(r"自治(区|州|县|旗)$")

# Tried in this order; a suffix is only removed if two characters remain, so
# 和县, 城区 and 矿区 stay whole and 清新区 falls through 新区 to 区.
_SUFFIXES = ("特别行政区", "地区", "新区", "矿区", "特区", "省", "市", "盟", "县", "区", "旗")

# 乌拉特前旗, 镶黄旗, 正蓝旗: without 旗 these read as fragments, not names.
_BANNER_KEEPS_SUFFIX = set("左右前后中黄白红蓝")

# Generic district names that say nothing without their suffix (市中区 -> 市中).
_GENERIC_DISTRICTS = {"市中区", "城中区", "城关区", "新城区", "老城区"}

# Names no rule shortens well.
SHORT_NAME_OVERRIDES = {
    "神农架林区": "神农架",
    "大柴旦行政委员会": "大柴旦",
    "中沙群岛的岛礁及其海域": "中沙群岛",
    "达尔罕茂明安联合旗": "达尔罕茂明安联合旗",
}

MIN_SHORT_NAME = 2


def split_name(name):
    """Split an official name into its core and its administrative suffix.

    >>> split_name("阿坝藏族羌族自治州")
    ('阿坝', '州')
    """
    if name in SHORT_NAME_OVERRIDES:
        return SHORT_NAME_OVERRIDES[name], ""
    autonomous = _AUTONOMOUS.search(name)
    if autonomous:
        core = name[: autonomous.start()]
        stripped = _ETHNIC_TAIL.sub("", core)
        if len(stripped) >= MIN_SHORT_NAME:
            return stripped, autonomous.group(1)
        # 鄂伦春自治旗, 东乡族自治县: the name is the nationality itself.
        return core.removesuffix("族"), autonomous.group(1)
    if name in _GENERIC_DISTRICTS:
        return name, ""
    for suffix in _SUFFIXES:
        core = name.removesuffix(suffix)
        if core == name or len(core) < MIN_SHORT_NAME:
            continue
        if suffix == "旗" and core[-1] in _BANNER_KEEPS_SUFFIX:
            return name, ""
        stripped = _ETHNIC_TAIL_STRICT.sub("", core)
        return (stripped if len(stripped) >= MIN_SHORT_NAME else core), suffix
    return name, ""


def short_names(names, avoid=()):
    """Channel names (without 新闻) for a group of sibling regions.

    四川省 -> 四川, 凉山彝族自治州 -> 凉山, 乐至县 -> 乐至. A region keeps the
    last character of its suffix when the short form would be ambiguous:
    when it is in ``avoid`` (every province and the region's own ancestors:
    吉林市 is not 吉林, 本溪满族自治县 under 本溪市 is 本溪县) or when a
    sibling shortens to the same word (伊宁市 and 伊宁县 under 伊犁).
    """
    split = {name: split_name(name) for name in names}
    cores = [core for core, _ in split.values()]
    result = {}
    for name, (core, suffix) in split.items():
        ambiguous = core in avoid or cores.count(core) > 1
        result[name] = core + suffix if ambiguous else core
    return result


def short_name(name, avoid=()):
    """The short name of a single region; see ``short_names``."""
    return short_names([name], avoid)[name]


# How these characters read in place names, where pypinyin's everyday
# default is wrong: 长治 changzhi (not zhangzhi), 成都/新都 du, 朝阳 chaoyang,
# 什邡 shifang, 库尔勒 kuerle, 泊头 botou, 佛冈 fogang.
PLACE_READINGS = {"长": "chang", "都": "du", "朝": "chao", "什": "shi", "勒": "le", "泊": "bo", "佛": "fo"}

# Whole names whose reading neither pypinyin nor PLACE_READINGS gets right,
# checked against the whole national list (tests/regions/test_naming.py).
SLUG_OVERRIDES = {
    "陕西": "shaanxi",  # the official romanization, apart from 山西 shanxi
    "长子": "zhangzi",
    "六合": "luhe",
    "单县": "shanxian",
    "浚县": "xunxian",
    "洪洞": "hongtong",
    "繁峙": "fanshi",
    "闵行": "minhang",
    "涡阳": "guoyang",
    "筠连": "junlian",
    "荥经": "yingjing",
    "伽师": "jiashi",
    "蚌山": "bengshan",
    "龙圩": "longxu",
    "崆峒": "kongtong",
    "召陵": "shaoling",
    "万柏林": "wanbailin",
    "南乐": "nanle",
    "民乐": "minle",
    "曾都": "zengdu",
}


def pinyin_slug(short):
    """乐至 -> lezhi: lower-case ASCII pinyin without tones or separators."""
    if short in SLUG_OVERRIDES:
        return SLUG_OVERRIDES[short]
    syllables = lazy_pinyin(short, errors=lambda chars: [""] * len(chars))
    read = [PLACE_READINGS.get(char, syllable) for char, syllable in zip(short, syllables)]
    return re.sub(r"[^a-z]", "", "".join(read).lower())


def unique_slug(slug, taken, adcode, suffix=""):
    """The slug, or a deterministic variant if a sibling already has it.

    First the pinyin of the administrative suffix (xx县 next to xx区 becomes
    ``xxxian``), then the adcode, which is unique by definition.
    """
    if slug not in taken:
        return slug
    with_suffix = slug + pinyin_slug(suffix) if suffix else ""
    if with_suffix and with_suffix not in taken:
        return with_suffix
    return f"{slug}{adcode}"
