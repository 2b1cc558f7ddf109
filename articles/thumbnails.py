"""Smaller copies of pictures, made once by sorl-thumbnail, and where sorl
remembers which copies it has already made.

sorl's default store reads a database table on every cache miss, which would
put a query inside every list of cards. This store keeps the same records in
Django's cache only. Losing a record costs little: sorl then checks that the
file is on the storage (it is, it was generated once) and writes the record
again, so images are still generated only once.
"""

import logging

from django.core.cache import caches
from sorl.thumbnail import get_thumbnail
from sorl.thumbnail.conf import settings
from sorl.thumbnail.kvstores.base import KVStoreBase

logger = logging.getLogger(__name__)


def thumbnails(image, widths, ratio):
    """A copy of ``image`` (a file or a storage name) per width: cropped to
    ``ratio``, or with its own proportions and never wider than it is."""
    sources = []
    for width in widths:
        geometry = f"{width}x{round(width / ratio)}" if ratio else str(width)
        options = {"crop": "center"} if ratio else {"upscale": False}
        sources.append(get_thumbnail(image, geometry, **options))
    return sources


def safe_thumbnails(image, widths, ratio):
    """Thumbnails, or None when the original is missing or unreadable: a lost
    file costs the reader a picture, never the page."""
    try:
        copies = thumbnails(image, widths, ratio)
    except Exception:
        logger.warning("Cannot make thumbnails of %s", image, exc_info=True)
        return None
    # sorl answers a source it cannot read with an empty copy, not an error.
    if not all(copy.size for copy in copies):
        logger.warning("Cannot make thumbnails of %s", image)
        return None
    return copies


class CacheKVStore(KVStoreBase):
    @property
    def cache(self):
        return caches[settings.THUMBNAIL_CACHE]

    def _get_raw(self, key):
        return self.cache.get(key)

    def _set_raw(self, key, value):
        self.cache.set(key, value, timeout=None)

    def _delete_raw(self, *keys):
        self.cache.delete_many(keys)

    def _find_keys_raw(self, prefix):
        # Django's cache cannot list keys; sorl only needs this for its
        # "thumbnail cleanup" command, which this store does not support.
        return []
