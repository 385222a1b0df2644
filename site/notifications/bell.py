"""The header bell's unread count, kept in the shared cache (Redis in production).

Every signed-in page shows the bell, so its count is read from the cache instead of counted on each
request. A stored count carries the two versions it was counted under: the person's own
(:func:`bell_changed`, replaced when one of their notifications is recorded or read) and everyone's
(:func:`bell_changed_for_everyone`, replaced when a broadcast records notifications for a whole
audience at once). The count is served only while both versions are still the same, so a write
shows on the person's next page in every process sharing the cache.

The versions are replaced at once and again after the write commits: a request that read the new
version before the commit (and counted the old rows) stores a count that the second replacement
makes stale.
"""

from __future__ import annotations

import time
from collections.abc import Iterable
from functools import lru_cache

from django.core.cache import cache
from django.template.loader import render_to_string
from django.urls import get_script_prefix, get_urlconf
from django.utils import translation
from django.utils.safestring import SafeString, mark_safe

from pamong.fragments import versions_replace

from .selectors import BELL_CAP, unread_count

EVERYONE_KEY = "notifications:bell-version"
#: Seconds a stored count (and a person's version) stays in the cache: a safety net, the versions
#: decide whether it is current.
TIMEOUT = 60 * 60 * 6


def _version_key(user_id: int) -> str:
    return f"notifications:bell-version:{user_id}"


def _count_key(user_id: int) -> str:
    return f"notifications:bell:{user_id}"


def _versions(user_id: int) -> tuple[tuple[int, int], object]:
    """``((everyone's version, the person's version), stored count or None)``, in one round trip;
    a missing version is created."""
    keys = [EVERYONE_KEY, _version_key(user_id), _count_key(user_id)]
    found = cache.get_many(keys)
    if EVERYONE_KEY not in found or keys[1] not in found:
        cache.add(EVERYONE_KEY, time.time_ns(), timeout=None)
        cache.add(keys[1], time.time_ns(), timeout=TIMEOUT)
        found = cache.get_many(keys)
    return (found.get(EVERYONE_KEY, 0), found.get(keys[1], 0)), found.get(keys[2])


def unread_count_cached(*, user) -> int:
    """:func:`~pamong.notifications.selectors.unread_count` of ``user``, from the cache while no
    notification of theirs was recorded or read since it was counted."""
    stamp, stored = _versions(user.pk)
    if stored is not None and stored[0] == stamp:
        return stored[1]
    count = unread_count(user=user)
    cache.set(_count_key(user.pk), (stamp, count), TIMEOUT)
    return count


def bell_html(*, count: int) -> SafeString:
    """The bell link (``notifications/bell.html``) for an unread count: the same HTML for everyone
    with that count, so each count is rendered once per language and process."""
    return _bell_html(translation.get_language(), get_script_prefix(), get_urlconf(), count)


@lru_cache(maxsize=4 * (BELL_CAP + 1))
def _bell_html(language: str, _script_prefix: str, _urlconf, count: int) -> SafeString:
    with translation.override(language):
        html = render_to_string(
            "notifications/bell.html", {"notification_unread": count, "notification_cap": BELL_CAP}
        )
    return mark_safe(html)


def bell_changed(*, user_ids: Iterable[int]) -> None:
    """These people's counts are stale (their notifications were recorded or read)."""
    versions_replace((_version_key(user_id) for user_id in user_ids), timeout=TIMEOUT)


def bell_changed_for_everyone() -> None:
    """Every count is stale (a broadcast recorded notifications for a whole audience)."""
    versions_replace([EVERYONE_KEY])


def notification_saved_or_deleted(*, instance, **kwargs) -> None:
    """Receiver of ``post_save`` and ``post_delete`` of a notification (connected in
    :mod:`pamong.notifications.apps`): writes made outside the services (the admin, a shell) too."""
    bell_changed(user_ids=[instance.recipient_id])
