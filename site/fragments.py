"""Keys of cached template fragments: the digest of everything a fragment shows.

A page whose HTML is a pure function of data the view has already read (the HR dashboard: counts
from the stored figures) renders that HTML once per distinct content and language, and serves it
from the shared cache afterwards (``{% cache … render_key %}``). The key is the digest of the
data itself, so a change of any figure, filter or language is a new key: nothing to invalidate.
"""

from __future__ import annotations

import hashlib
import pickle
import time
from collections.abc import Iterable

from django.core.cache import cache
from django.db import transaction
from django.utils import translation

#: Seconds a rendered fragment stays in the cache (a new key replaces it as soon as data change).
TIMEOUT = 600


def content_key(*parts) -> str:
    """A digest of ``parts`` (any picklable data: dataclasses, model instances, strings) and the
    active language."""
    payload = pickle.dumps((translation.get_language(), parts), protocol=pickle.HIGHEST_PROTOCOL)
    return hashlib.sha256(payload).hexdigest()


def versions_replace(keys: Iterable[str], *, timeout: int | None = None) -> None:
    """Give each cache key of ``keys`` a new version (a timestamp), at once and again after the
    commit: a request that read the data before the commit cannot keep a version that is still
    current. The cached values stored under the old versions are stale from then on."""
    keys = sorted(set(keys))
    if not keys:
        return

    def replace() -> None:
        now = time.time_ns()
        cache.set_many(dict.fromkeys(keys, now), timeout)

    replace()
    transaction.on_commit(replace)
