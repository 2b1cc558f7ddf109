"""The demo's 乡里乡亲 slot and 友情链接: set once, never overwriting an operator's choice."""

from links.models import FriendLink
from regions.models import Region

ZIYANG = "512000"
LEZHI = "512022"
# (name, url, adcode of the region it shows in, or None for the whole site)
FRIEND_LINKS = [
    ("中国政府网", "https://www.gov.cn/", None),
    ("四川省人民政府", "https://www.sc.gov.cn/", None),
    ("四川新闻网", "https://www.newssc.org/", None),
    ("资阳市人民政府", "https://www.ziyang.gov.cn/", ZIYANG),
    ("乐至县人民政府", "https://www.lezhi.gov.cn/", LEZHI),
]


def ensure_local_blocks(regions, columns):
    """资阳's pages (and its counties') show the 乡里乡亲 column; the footer a few friend links."""
    Region.objects.filter(adcode=ZIYANG, neighbours_column__isnull=True).update(neighbours_column=columns["xiangli"])
    created = 0
    for order, (name, url, adcode) in enumerate(FRIEND_LINKS, start=1):
        region = regions.get(adcode) if adcode else None
        if adcode and region is None:
            continue
        _, made = FriendLink.objects.get_or_create(
            name=name, region=region, defaults={"url": url, "sort_order": order * 10}
        )
        created += made
    return created
