"""The notification service every app calls (HackSoft style: writes here, reads in selectors).

Apps call these from their own service functions, inside their transaction:

- :func:`notification_send` records the notification for a few named recipients in that same
  transaction (it disappears if the transaction rolls back) and, on commit, enqueues the task that
  emails them (:mod:`pamong.notifications.tasks`). Never in the request: the send is the worker's.
- :func:`notification_broadcast` is for an audience of thousands (a chapter all 90,000 ASN must
  confirm): on commit it enqueues one task that records the notifications set-based (one
  ``INSERT … SELECT``) and sends them. The request only writes one task row.

Both are idempotent: a notification is unique per (recipient, ``key``), so calling again with the
same key records and sends nothing new. The key names the event, e.g. ``devplan_submitted:41``.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable

from django.contrib.contenttypes.models import ContentType
from django.db import connection, transaction
from django.db.models import F, Model, QuerySet
from django.utils import timezone

from .bell import bell_changed, bell_changed_for_everyone
from .kinds import kind_for
from .models import Notification, Preference

#: Audiences for broadcasts, by name: a function of JSON-able keyword arguments returning a queryset
#: of users. Apps register theirs (``audience_register``) so the worker can rebuild the audience.
_AUDIENCES: dict[str, Callable[..., QuerySet]] = {}


def audience_register(name: str) -> Callable:
    def decorator(function: Callable[..., QuerySet]) -> Callable[..., QuerySet]:
        _AUDIENCES[name] = function
        return function

    return decorator


def audience_users(name: str, **kwargs) -> QuerySet:
    try:
        return _AUDIENCES[name](**kwargs)
    except KeyError:
        raise ValueError(f"unknown notification audience {name!r}") from None


def _check(kind: str, key: str, link: str) -> None:
    kind_for(kind)
    if not key or len(key) > 200:
        raise ValueError("a notification needs an idempotency key of 1..200 characters")
    if not link.startswith("/") or link.startswith("//"):
        raise ValueError(f"a notification link is a path on this site, got {link!r}")


def _subject_ref(subject: Model | None) -> tuple[int | None, int | None]:
    if subject is None:
        return None, None
    return ContentType.objects.get_for_model(subject).pk, subject.pk


def _enqueue_delivery(key: str) -> None:
    from .tasks import deliver_notifications  # the tasks module imports this one (a real cycle)

    transaction.on_commit(lambda: deliver_notifications.enqueue(key=key))


def notification_send(
    *,
    kind: str,
    recipients: Iterable,
    key: str,
    link: str,
    params: dict | None = None,
    subject: Model | None = None,
) -> int:
    """Record ``kind`` for each recipient (users or user ids; ``None`` is skipped) once under ``key``;
    email them on commit. Returns how many notifications were new."""
    user_ids = {getattr(r, "pk", r) for r in recipients}
    user_ids.discard(None)
    return notification_send_each(
        kind=kind,
        params_by_recipient=dict.fromkeys(user_ids, params or {}),
        key=key,
        link=link,
        subject=subject,
    )


def notification_send_each(
    *,
    kind: str,
    params_by_recipient: dict[int, dict],
    key: str,
    link: str,
    subject: Model | None = None,
) -> int:
    """Like :func:`notification_send`, with parameters of its own for each recipient (user id)."""
    _check(kind, key, link)
    if not params_by_recipient:
        return 0
    subject_type_id, subject_id = _subject_ref(subject)
    with transaction.atomic():
        user_ids = sorted(params_by_recipient)
        existing: set[int] = set()
        for start in range(0, len(user_ids), 2000):  # bounded IN lists (SQLite allows 32,766 variables)
            existing.update(
                Notification.objects.filter(
                    recipient_id__in=user_ids[start : start + 2000], key=key
                ).values_list("recipient_id", flat=True)
            )
        new = [
            Notification(
                recipient_id=user_id,
                kind=kind,
                key=key,
                params={name: str(value) for name, value in params.items()},
                link=link,
                subject_type_id=subject_type_id,
                subject_id=subject_id,
            )
            for user_id, params in sorted(params_by_recipient.items())
            if user_id not in existing
        ]
        # ignore_conflicts: a concurrent call with the same key loses quietly instead of failing.
        Notification.objects.bulk_create(new, batch_size=2000, ignore_conflicts=True)
        if new:
            bell_changed(user_ids=[notification.recipient_id for notification in new])
            _enqueue_delivery(key)
    return len(new)


def notification_broadcast(
    *,
    kind: str,
    audience: str,
    audience_args: dict | None = None,
    key: str,
    link: str,
    params: dict | None = None,
    subject: Model | None = None,
) -> None:
    """Notify a whole audience (a registered name) in the background; the caller's request only
    enqueues one task, on commit."""
    from .tasks import broadcast_notifications  # the tasks module imports this one (a real cycle)

    _check(kind, key, link)
    if audience not in _AUDIENCES:
        raise ValueError(f"unknown notification audience {audience!r}")
    subject_type_id, subject_id = _subject_ref(subject)
    arguments = {
        "kind": kind,
        "audience": audience,
        "audience_args": audience_args or {},
        "key": key,
        "link": link,
        "params": {name: str(value) for name, value in (params or {}).items()},
        "subject_type_id": subject_type_id,
        "subject_id": subject_id,
    }
    transaction.on_commit(lambda: broadcast_notifications.enqueue(**arguments))


def notification_record_audience(
    *,
    kind: str,
    audience: str,
    audience_args: dict,
    key: str,
    link: str,
    params: dict,
    subject_type_id: int | None,
    subject_id: int | None,
) -> int:
    """The worker's half of a broadcast: one ``INSERT … SELECT … ON CONFLICT DO NOTHING`` over the
    audience's users. Returns the number of rows inserted."""
    _check(kind, key, link)
    users = audience_users(audience, **audience_args).order_by().values(audience_user=F("pk"))
    user_sql, user_params = users.query.sql_with_params()
    table = Notification._meta.db_table
    params_sql = "%s::jsonb" if connection.vendor == "postgresql" else "%s"
    sql = (
        f"INSERT INTO {table} (recipient_id, kind, key, params, link, subject_type_id, subject_id,"
        f" created_at, email_state) SELECT audience.audience_user, %s, %s, {params_sql}, %s, %s, %s, %s, %s"
        f" FROM ({user_sql}) AS audience WHERE true"  # WHERE: SQLite's INSERT…SELECT…ON CONFLICT needs it
        " ON CONFLICT (recipient_id, key) DO NOTHING"
    )
    values = [
        kind,
        key,
        json.dumps(params),
        link,
        subject_type_id,
        subject_id,
        timezone.now(),
        Notification.Email.PENDING,
        *user_params,  # the audience's own, in the FROM clause after the SELECT list's
    ]
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(sql, values)
        inserted = cursor.rowcount
        if inserted:
            bell_changed_for_everyone()
        return inserted


def notification_mark_read(*, user, notification_id: int) -> Notification | None:
    """Mark one of the user's own notifications read (a conditional update); None if not theirs."""
    notification = Notification.objects.filter(pk=notification_id, recipient=user).first()
    if notification is None:
        return None
    if notification.read_at is None:
        now = timezone.now()
        Notification.objects.filter(pk=notification.pk, read_at__isnull=True).update(read_at=now)
        notification.read_at = now
        bell_changed(user_ids=[user.pk])
    return notification


def notification_mark_all_read(*, user) -> int:
    marked = Notification.objects.filter(recipient=user, read_at__isnull=True).update(read_at=timezone.now())
    if marked:
        bell_changed(user_ids=[user.pk])
    return marked


def preference_set(*, user, modes: dict[str, str]) -> None:
    """Store the user's email mode per kind; locked kinds are left at immediate whatever was sent."""
    with transaction.atomic():
        for code, mode in modes.items():
            kind = kind_for(code)
            if kind.locked:
                continue
            if mode == kind.default_mode:
                Preference.objects.filter(user=user, kind=code).delete()
            else:
                Preference.objects.update_or_create(user=user, kind=code, defaults={"mode": mode})
