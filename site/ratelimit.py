"""Attempt counters for rate limits, kept in the shared cache.

Every rate limit of Pamong (activation and password-reset forms, the public feedback form) counts
through :func:`attempt_limit_exceeded`. The count lives in Django's default cache, so with
``REDIS_URL`` (or ``DATABASE_CACHE_TABLE``) every app process and every app server counts the same
attempts: a client cannot buy more tries by landing on another process. A process-local cache
(``LocMemCache``) would give each process its own count; ``manage.py check --deploy`` warns about
that (:mod:`pamong.checks`). The API token throttle (DRF's ``SimpleRateThrottle``) and the page
caches use the same cache; the login lockout (django-axes) counts in the database.
"""

from __future__ import annotations

from django.core.cache import cache


def attempt_limit_exceeded(*, key: str, limit: int, window: int) -> bool:
    """Count one attempt under ``key``; True when more than ``limit`` attempts fell in the window.

    The window starts with the first attempt and lasts ``window`` seconds (``add`` then an atomic
    ``incr``: two processes counting at once both count)."""
    cache.add(key, 0, window)
    try:
        count = cache.incr(key)
    except ValueError:  # expired (or evicted) between add and incr: this attempt opens a new window
        cache.set(key, 1, window)
        count = 1
    return count > limit
