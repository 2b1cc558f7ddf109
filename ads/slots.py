"""What the ad slots of a region's pages show, kept per region (core.kept).

    shown = slots.for_region(region_id)      # None: pages of no region
    shown.ads["header"]                       # [ShownAd, ...], heaviest first

One query however many slots a page has (``AdQuerySet.shown_in``: the
site-wide ads and those of the region and the regions above it), kept for
``KEPT_SECONDS`` and shared by every page of the region, so a warm page
runs none. Each slot carries at most ``PER_SLOT`` running ads with their
weights; the page's HTML carries them all and static/js/ads.js shows one,
picked by weight, on the reader's phone (without JavaScript the heaviest
shows). So a page served from the page cache still rotates its ads.

The kept set names ``ads`` and ``ads:<region>``: articles.staleness marks
them when an ad changes (ads.changes). It is fresh only until the next
start or end time among the region's ads, and it passes that time on to the
page being built, so a scheduled ad appears, and an ended one goes, on time.
"""

from dataclasses import dataclass, field

from django.core import signing
from django.urls import reverse
from django.utils import timezone
from django.utils.crypto import constant_time_compare

from ads.models import DEFAULT_POSITION, Ad
from core.kept import depends_on, fresh_until, get_or_build

PER_SLOT = 3
KEPT_SECONDS = 600
CLICK_SALT = "ads.click"
SEEN_SALT = "ads.seen"


@dataclass(frozen=True)
class ShownAd:
    id: int
    slot: str
    title: str
    text: str
    image_url: str
    weight: int
    position: int | None
    go_url: str
    seen_url: str


@dataclass
class RegionAds:
    ads: dict = field(default_factory=dict)  # slot -> [ShownAd]
    names: frozenset = frozenset()
    changes_at: float | None = None  # the next start or end time: built again by then


def click_signature(ad_id, link):
    """Binds the ad and the address it leads to: a changed link needs a new signature."""
    return signing.Signer(salt=CLICK_SALT).signature(f"{ad_id}|{link}")


def seen_signature(ad_id):
    return signing.Signer(salt=SEEN_SALT).signature(str(ad_id))


def signed(signature, expected):
    return bool(signature) and constant_time_compare(signature, expected)


def for_region(region_id):
    """The kept ads of the pages of ``region_id`` (None: of no region), and the
    page being built told what it shows and until when."""
    key = f"ads:{region_id if region_id is not None else 'site'}"
    shown = get_or_build(key, lambda: build(region_id), KEPT_SECONDS)
    # A fresh kept copy passes on its names but not its deadline (core.kept):
    # say both here, so a page built from it expires at the next start or end.
    depends_on(*shown.names)
    fresh_until(shown.changes_at)
    return shown


def build(region_id, now=None):
    now = now or timezone.now()
    rows = Ad.objects.not_over(now).shown_in(region_id).order_by("-weight", "pk")
    rows = rows.values("pk", "slot", "title", "text", "image", "link", "weight", "position", "starts_at", "ends_at")
    storage = Ad._meta.get_field("image").storage
    ads, times = {}, []
    for row in rows:
        times += [at for at in (row["starts_at"], row["ends_at"]) if at is not None and at > now]
        if row["starts_at"] is not None and row["starts_at"] > now:
            continue
        shown = ads.setdefault(row["slot"], [])
        if len(shown) < PER_SLOT:
            shown.append(_shown(row, storage))
    names = frozenset({"ads", *([f"ads:{region_id}"] if region_id is not None else [])})
    changes_at = min(times).timestamp() if times else None
    depends_on(*names)
    fresh_until(changes_at)
    return RegionAds(ads=ads, names=names, changes_at=changes_at)


def _shown(row, storage):
    pk = row["pk"]
    go = reverse("ads:go", args=[pk])
    return ShownAd(
        id=pk,
        slot=row["slot"],
        title=row["title"],
        text=row["text"],
        image_url=storage.url(row["image"]) if row["image"] else "",
        weight=row["weight"],
        position=row["position"] or DEFAULT_POSITION.get(row["slot"]),
        go_url=f"{go}?sig={click_signature(pk, row['link'])}",
        seen_url=f"{reverse('ads:seen', args=[pk])}?sig={seen_signature(pk)}",
    )
