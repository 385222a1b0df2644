"""Reads of the notification app (the inbox, the bell, the preference table)."""

from django.db.models import QuerySet

from .kinds import ALL_KINDS, IMMEDIATE
from .models import Notification, Preference

#: The bell shows at most this many ("99+"): counting is bounded however many are unread.
BELL_CAP = 100


def unread_count(*, user) -> int:
    """Unread notifications of one person, at most :data:`BELL_CAP`: one query on the partial index
    ``notification_unread_idx`` (``SELECT COUNT(*) FROM (… LIMIT 100)``)."""
    return Notification.objects.filter(recipient=user, read_at__isnull=True).order_by()[:BELL_CAP].count()


def inbox(*, user) -> QuerySet[Notification]:
    return Notification.objects.filter(recipient=user).order_by("-created_at", "-id")


def preference_rows(*, user) -> list[dict]:
    """One row per kind: its label, the person's mode (or the default) and whether it is locked."""
    stored = dict(Preference.objects.filter(user=user).values_list("kind", "mode"))
    return [
        {
            "kind": kind,
            "mode": IMMEDIATE if kind.locked else stored.get(kind.code, kind.default_mode),
        }
        for kind in ALL_KINDS
    ]
