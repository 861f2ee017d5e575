"""A Redis cache for test processes that share one Redis database (pytest-xdist, parallel runs)."""

from django.core.cache.backends.redis import RedisCache


class PrefixedRedisCache(RedisCache):
    """`clear()` deletes this process's keys only: Django's flushes the whole database, which
    would empty the cache of a test running in another process between its two requests."""

    def clear(self) -> None:
        client = self._cache.get_client(write=True)
        keys = list(client.scan_iter(match=f"{self.key_prefix}:*"))
        if keys:
            client.delete(*keys)
