"""The demo's 广告位: a header banner for the whole site, a 资阳 sidebar text
ad, an in-article ad after paragraph 2 on 乐至's pages and a list ad every 8
cards. Made once each (by title); a second seed leaves them be. The links go
to example.com: the demo advertises nobody real."""

import io

from django.core.files.base import ContentFile
from PIL import Image

from ads.models import Ad
from demo.images import draw_jpeg

ZIYANG = "512000"
LEZHI = "512022"
BANNER_SIZE = (1200, 200)

# (title, slot, N, text, link, adcode or None, weight, banner theme or None)
ADS = [
    ("安岳柠檬节 · 五月相约", "header", None, "", "https://www.example.com/anyue-lemon", None, 3, "fields"),
    ("资阳特产馆：临江寺豆瓣、安岳柠檬", "sidebar", None, "本地好物，市区当日送达", "https://www.example.com/ziyang-shop",
     ZIYANG, 1, None),
    ("乐至蚕丝被工厂店", "article", 2, "产地直销，春季八折", "https://www.example.com/lezhi-silk", LEZHI, 1, None),
    ("资阳房产展销会", "list", 8, "五一期间在资阳会展中心举行", "https://www.example.com/ziyang-expo", None, 1, None),
]  # fmt: skip


def _banner(theme, seed, label):
    """A drawn scene cut to a banner's shape."""
    scene = Image.open(io.BytesIO(draw_jpeg(theme, seed, label)))
    width, height = BANNER_SIZE
    top = scene.height - height  # the caption band is at the bottom
    buffer = io.BytesIO()
    scene.crop((0, top, width, top + height)).save(buffer, "JPEG", quality=85)
    return ContentFile(buffer.getvalue(), name="banner.jpg")


def ensure_ads(regions):
    created = 0
    for n, (title, slot, position, text, link, adcode, weight, theme) in enumerate(ADS):
        region = regions.get(adcode) if adcode else None
        if (adcode and region is None) or Ad.objects.filter(title=title).exists():
            continue
        ad = Ad(title=title, slot=slot, position=position, text=text, link=link, weight=weight)
        if theme:
            ad.image = _banner(theme, 19_000 + n, "NEWSPORTAL DEMO AD")
        ad.save()
        if region is not None:
            ad.regions.add(region)
        created += 1
    return created
