"""System checks for running as several processes (``manage.py check --deploy``).

Pamong keeps no state in an app process that another process needs: sessions live in PostgreSQL
(read through Redis when ``REDIS_URL`` is set), row locks and the login lockout in PostgreSQL,
rate-limit counters, the API token throttle and the front cache in the default cache. That last one
holds only when the cache is shared: this check warns when it is the in-process default, under which
each gunicorn worker would count its own attempts and keep serving its own stale copy of a page
after a publish elsewhere.
"""

from __future__ import annotations

from django.conf import settings
from django.core.checks import Tags, Warning, register

#: Cache backends whose contents one process alone sees (or that keep nothing at all).
PROCESS_LOCAL_CACHES = {
    "django.core.cache.backends.locmem.LocMemCache",
    "django.core.cache.backends.dummy.DummyCache",
}


@register(Tags.caches, deploy=True)
def check_cache_is_shared(app_configs=None, **kwargs) -> list[Warning]:
    backend = settings.CACHES.get("default", {}).get("BACKEND", "")
    if backend not in PROCESS_LOCAL_CACHES:
        return []
    return [
        Warning(
            f"The default cache ({backend}) is not shared between app processes.",
            hint=(
                "Set REDIS_URL (or DATABASE_CACHE_TABLE and run `manage.py createcachetable`): rate limits, "
                "the API token throttle and the front cache must be shared by every gunicorn worker "
                "and app server (README, Deployment)."
            ),
            id="pamong.W001",
        )
    ]
