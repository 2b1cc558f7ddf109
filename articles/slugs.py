"""Web addresses for names staff type: pinyin for Chinese, never empty.

taggit slugified with Django's ``slugify``, which keeps Chinese as it is and
turns a name of punctuation only (``>``, ``……``, ``！！``) into an empty slug;
``{% url 'articles:tag' '' %}`` then fails and every article carrying that
tag answered 500. Here Chinese reads as pinyin (乡村振兴 -> xiangcunzhenxing,
5G网络 -> 5g-wangluo), accents are dropped, and a name with nothing left to
spell gets ``<prefix>-<8 hex digits>``. The fallback comes from the name, not
the row id, so a slug is known before the row is written and the repairing
migration gives the same answer as a new save.
"""

import hashlib
import re

from django.utils.text import slugify
from pypinyin import lazy_pinyin

HAN = re.compile(r"([\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+)")


def pinyin_slug(name, max_length):
    """ASCII slug of ``name``, Chinese as toneless pinyin; "" when nothing is left."""
    pieces = HAN.split(name or "")
    # Odd pieces are runs of Chinese: one word each, like the region slugs (lezhi).
    words = ["".join(lazy_pinyin(piece)) if i % 2 else piece for i, piece in enumerate(pieces)]
    return slugify(" ".join(words))[:max_length].strip("-_")


def slug_for(name, prefix, max_length):
    """Never empty: the pinyin slug, or ``<prefix>-<digest of the name>``."""
    slug = pinyin_slug(name, max_length)
    if slug:
        return slug
    return f"{prefix}-{hashlib.sha256((name or '').encode()).hexdigest()[:8]}"


def unique_slug(queryset, slug, max_length):
    """``slug``, or ``slug-2``, ``slug-3`` … whichever ``queryset`` does not hold yet."""
    taken = set(queryset.filter(slug__startswith=slug[: max_length - 4]).values_list("slug", flat=True))
    candidate, n = slug, 1
    while candidate in taken:
        n += 1
        suffix = f"-{n}"
        candidate = slug[: max_length - len(suffix)] + suffix
    return candidate


TAG_SLUG_LENGTH = 90  # taggit's column holds 100; room for its "-2" on a clash


def taggit_slugify(tag, name, i=None):
    """Stands in for ``taggit.models.TagBase.slugify`` (see ArticlesConfig.ready).

    taggit calls it once, then with i = 1, 2 … while the slug is taken.
    """
    slug = slug_for(name, "tag", TAG_SLUG_LENGTH)
    return slug if i is None else f"{slug}-{i + 1}"
