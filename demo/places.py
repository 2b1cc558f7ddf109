"""Where the demo news happens: regions by adcode, with towns and local media.

Adcodes follow GB/T 2260 as loaded by ``load_regions``. ``weight`` is the share
of articles a place gets; 资阳市 and its three counties carry most of them.
"""

from dataclasses import dataclass


@dataclass(frozen=True)
class Place:
    adcode: str
    short: str  # how the text names it: 安岳, 资阳, 四川
    scope: str  # 县, 区, 市 or 省: "全县", and "安岳县" when an office is named
    towns: tuple  # towns, streets or districts, after the place's name in "{place}{town}": no "资阳资阳北站"
    weight: int
    sources: tuple  # local media that report here (besides the provincial papers)

    @property
    def full(self):
        return self.short + self.scope


PLACES = (
    Place(
        "512000", "资阳", "市",
        ("临空经济区", "高新区", "城东新区", "雁江城区", "北站片区", "九曲河湿地公园"),
        22, ("资阳日报", "四川经济日报"),
    ),
    Place(
        "512002", "雁江", "区",
        ("松涛镇", "保和镇", "丰裕镇", "中和镇", "临江镇", "宝台镇", "南津镇", "伍隍镇", "石岭镇", "老君镇"),
        16, ("资阳日报", "雁江区融媒体中心"),
    ),
    Place(
        "512021", "安岳", "县",
        ("岳阳镇", "石桥铺镇", "龙台镇", "周礼镇", "通贤镇", "兴隆镇", "文化镇", "卧佛镇", "石羊镇", "鸳大镇", "李家镇"),
        22, ("安岳县融媒体中心", "资阳日报", "四川经济日报"),
    ),
    Place(
        "512022", "乐至", "县",
        ("天池街道", "南塔街道", "劳动镇", "回澜镇", "童家镇", "石佛镇", "大佛镇", "宝林镇", "中天镇", "良安镇", "高寺镇"),
        22, ("乐至县融媒体中心", "资阳日报", "四川经济日报"),
    ),
    Place("510100", "成都", "市", ("龙泉驿区", "双流区", "郫都区", "天府新区", "简阳市", "东部新区"), 5, ("四川日报", "川报观察")),
    Place("510700", "绵阳", "市", ("涪城区", "游仙区", "科技城新区", "江油市", "三台县"), 3, ("四川日报", "川报观察")),
    Place("511300", "南充", "市", ("顺庆区", "高坪区", "嘉陵区", "阆中市", "西充县"), 3, ("四川日报", "川报观察")),
    Place("511000", "内江", "市", ("市中区", "东兴区", "隆昌市", "威远县", "资中县"), 3, ("四川日报", "川报观察")),
    Place("510900", "遂宁", "市", ("船山区", "安居区", "射洪市", "蓬溪县", "大英县"), 3, ("四川日报", "川报观察")),
    Place("510000", "四川", "省", ("成都", "资阳", "绵阳", "南充", "宜宾", "泸州"), 3, ("四川日报", "川报观察", "四川经济日报")),
)  # fmt: skip

ZIYANG_ADCODES = ("512000", "512002", "512021", "512022")
