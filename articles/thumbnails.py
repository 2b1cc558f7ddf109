"""Where sorl-thumbnail remembers which image sizes it has already made.

sorl's default store reads a database table on every cache miss, which would
put a query inside every list of cards. This store keeps the same records in
Django's cache only. Losing a record costs little: sorl then checks that the
file is on the storage (it is, it was generated once) and writes the record
again, so images are still generated only once.
"""

from django.core.cache import caches
from sorl.thumbnail.conf import settings
from sorl.thumbnail.kvstores.base import KVStoreBase


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
