"""Reads of the notification app (the inbox, the bell, the preference table)."""

from django.db import connections, router
from django.db.models import QuerySet

from .kinds import ALL_KINDS, IMMEDIATE
from .models import Notification, Preference

#: The bell shows at most this many ("99+"): counting is bounded however many are unread.
BELL_CAP = 100


def unread_count(*, user) -> int:
    """Unread notifications of one person, at most :data:`BELL_CAP`: one query on the partial index
    ``notification_unread_idx`` (``SELECT COUNT(*) FROM (… LIMIT 100)``). Every signed-in page runs
    it for the bell, so it is written as SQL once instead of built by the ORM on each request."""
    table = Notification._meta.db_table
    with connections[router.db_for_read(Notification)].cursor() as cursor:
        cursor.execute(
            f"SELECT COUNT(*) FROM (SELECT 1 FROM {table} WHERE recipient_id = %s AND read_at IS NULL "
            f"LIMIT {BELL_CAP:d}) t",
            [user.pk],
        )
        return cursor.fetchone()[0]


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
