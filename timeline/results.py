"""Results cached per data version.

The data version (``models.DataVersion``) is bumped by the database itself on every write to
events, their links and citations, whatever the write path; results are cached (Django's cache,
Redis when ``REDIS_URL`` is set) under keys that start with it, so a change makes every older
result unreachable at once, in every process.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from django.core.cache import cache

from timeline.models import DataVersion

CACHE_SECONDS = 24 * 60 * 60
"""How long a result is kept. Entries are keyed by the data version, so a change makes them
unreachable at once; this only bounds how long unreachable ones linger."""


def data_version(using: str = "default") -> int:
    """The database's current data version (``models.DataVersion``): one indexed read."""
    version = DataVersion.objects.using(using).filter(pk=1).values_list("version", flat=True)
    for value in version:
        return value
    # A flushed database (tests between live servers) has no row; the next write bumps the new one.
    return DataVersion.objects.using(using).get_or_create(pk=1)[0].version


class ResultCache:
    """Results of one data version: each key names what was computed and from which filters."""

    def __init__(self, version: int) -> None:
        self.version = version

    def key(self, name: str) -> str:
        return f"timeline:{self.version}:{name}"

    def get_many(self, names: Iterable[str]) -> dict[str, Any]:
        found = cache.get_many([self.key(name) for name in names])
        prefix = len(self.key(""))
        return {key[prefix:]: value for key, value in found.items()}

    def set_many(self, values: dict[str, Any], *, timeout: int = CACHE_SECONDS) -> None:
        if values:
            cache.set_many({self.key(name): value for name, value in values.items()}, timeout)

    def get_or_compute(self, name: str, compute: Callable[[], Any]) -> Any:
        value = cache.get(self.key(name))
        if value is None:
            value = compute()
            cache.set(self.key(name), value, CACHE_SECONDS)
        return value
