"""The worker's side: send the pending notifications through the outgoing channels, in batches.

Each batch is claimed with one conditional update (``pending`` → ``sending``, stamped with the claim
time; on PostgreSQL the rows are picked with ``SKIP LOCKED`` so several workers share the queue; on
SQLite the claim transaction holds the write lock from its start), the person's preference
per kind decides (immediately, into the daily digest, or not at all; locked kinds always go now),
each channel sends, and the outcome is written back set-based: one ``Delivery`` per send with its
status and error, one ``UPDATE`` per resulting state.

**A killed worker.** A batch claimed by a worker that dies before writing its outcome stays
``sending``. It belongs to that worker for a lease (:func:`sending_lease`,
``PAMONG_NOTIFICATION_SENDING_LEASE_SECONDS``, 10 minutes by default) from its claim; once the lease
has run out, the next delivery run — any run of :func:`deliver_pending`, whatever its key, and the
daily digest — takes it over with its first claim (up to a batch; more, the following runs) and sends
it. Within the lease nobody else takes it, so a live
worker's batch is never sent twice; the lease must therefore exceed the time one batch takes to send.
(The emails a killed worker handed to the mail server before dying are sent again: at least once.)
"""

from __future__ import annotations

from collections import Counter, defaultdict
from datetime import datetime, timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import connection, transaction
from django.db.models import Q
from django.utils import timezone

from .channels import Outgoing, outgoing_channels
from .kinds import DIGEST, IMMEDIATE, KINDS, OFF
from .models import Delivery, Notification, Preference

BATCH_SIZE = 500

State = Notification.Email


def modes_for(user_ids, kinds) -> dict[tuple[int, str], str]:
    """The email mode of each (user, kind) pair: the stored preference, else the kind's default;
    locked kinds are always immediate."""
    stored = {
        (user_id, kind): mode
        for user_id, kind, mode in Preference.objects.filter(
            user_id__in=user_ids, kind__in=kinds
        ).values_list("user_id", "kind", "mode")
    }
    modes = {}
    for user_id in user_ids:
        for code in kinds:
            kind = KINDS[code]
            modes[(user_id, code)] = (
                IMMEDIATE if kind.locked else stored.get((user_id, code), kind.default_mode)
            )
    return modes


def sending_lease() -> timedelta:
    """How long a claimed batch belongs to the worker that claimed it (see the module docstring)."""
    return timedelta(seconds=settings.PAMONG_NOTIFICATION_SENDING_LEASE_SECONDS)


def _stale(now) -> Q:
    """``sending`` rows whose lease has run out (their worker died). A row claimed before claims
    were stamped has no claim time: its creation stands in for it."""
    cutoff = now - sending_lease()
    return Q(email_state=State.SENDING) & (
        Q(email_claimed_at__lt=cutoff) | Q(email_claimed_at__isnull=True, created_at__lt=cutoff)
    )


def _pick(queue, limit: int) -> list[int]:
    queue = queue.order_by("id")
    if connection.features.has_select_for_update_skip_locked:
        queue = queue.select_for_update(skip_locked=True)
    return list(queue.values_list("id", flat=True)[:limit])


def _claim(
    *, key: str | None, batch_size: int, pending: bool = True, stale: bool = False
) -> tuple[list[int], datetime]:
    """Claim a batch of pending rows (of ``key``, or all) — with ``stale``, also rows left
    ``sending`` past their lease (of any key), in one query; without ``pending``, only those.
    Returns their ids and the claim time."""
    now = timezone.now()
    with transaction.atomic():
        claimable = Q(email_state=State.PENDING, **({"key": key} if key else {})) if pending else Q(pk__in=[])
        if stale:
            claimable |= _stale(now)
        ids = _pick(Notification.objects.filter(claimable), batch_size)
        if ids:
            Notification.objects.filter(claimable, id__in=ids).update(
                email_state=State.SENDING, email_claimed_at=now
            )
        return ids, now


def _send(outgoing_by_channel: dict, *, digest: bool) -> tuple[list[Delivery], dict[str, list[int]]]:
    deliveries, outcome = [], defaultdict(list)
    for channel, messages in outgoing_by_channel.items():
        if messages:
            channel.send(messages)
        for message in messages:
            status = Delivery.Status.FAILED if message.error else Delivery.Status.SENT
            ids = [n.pk for n in message.notifications]
            deliveries.append(
                Delivery(
                    channel=channel.name,
                    recipient_id=message.user.pk,
                    notification_id=None if digest else ids[0],
                    is_digest=digest,
                    address=message.address[:254],
                    status=status,
                    error=message.error,
                )
            )
            outcome[State.FAILED if message.error else State.SENT].extend(ids)
    return deliveries, outcome


def _merge(states: dict[str, list[int]], sent: dict[str, list[int]]) -> None:
    """A notification sent on one channel and failed on another counts as sent."""
    sent_ids = set(sent.get(State.SENT, ()))
    states[State.SENT].extend(sent_ids)
    states[State.FAILED].extend(set(sent.get(State.FAILED, ())) - sent_ids)


def _write_back(deliveries: list[Delivery], states: dict[str, list[int]]) -> None:
    with transaction.atomic():
        Delivery.objects.bulk_create(deliveries, batch_size=1000)
        for state, ids in states.items():
            if ids:
                Notification.objects.filter(id__in=ids).update(email_state=state)


def deliver_pending(*, key: str | None = None, batch_size: int = BATCH_SIZE, pending: bool = True) -> Counter:
    """Send every pending notification (of one key, or all), after any batch a killed worker left
    ``sending`` past its lease (of any key); with ``pending`` false only the latter. Returns counts
    per outcome."""
    totals: Counter = Counter()
    channels = outgoing_channels()
    User = get_user_model()
    stale = True  # the run's first claim also takes over rows left past their lease (one query)
    while True:
        ids, claimed_at = _claim(key=key, batch_size=batch_size, pending=pending, stale=stale)
        if not ids:
            break
        stale = not pending  # the later claims: a batch in a constant number of queries, as before
        notifications = list(
            Notification.objects.filter(id__in=ids, email_state=State.SENDING, email_claimed_at=claimed_at)
        )
        user_ids = {n.recipient_id for n in notifications}
        users = User.objects.in_bulk(user_ids)
        modes = modes_for(user_ids, {n.kind for n in notifications})
        states: dict[str, list[int]] = defaultdict(list)
        outgoing = {channel: [] for channel in channels}
        for notification in notifications:
            mode = modes[(notification.recipient_id, notification.kind)]
            user = users[notification.recipient_id]
            if mode == OFF:
                states[State.OFF].append(notification.pk)
            elif mode == DIGEST:
                states[State.DIGEST].append(notification.pk)
            else:
                reached = False
                for channel in channels:
                    address = channel.address_for(user)
                    if address:
                        outgoing[channel].append(
                            Outgoing(user=user, address=address, notifications=[notification])
                        )
                        reached = True
                if not reached:
                    states[State.NO_ADDRESS].append(notification.pk)
        deliveries, sent = _send(outgoing, digest=False)
        _merge(states, sent)
        _write_back(deliveries, states)
        totals.update({state: len(ids) for state, ids in states.items()})
    return totals


def send_digests(*, batch_size: int = BATCH_SIZE) -> Counter:
    """One email per person with everything waiting in their daily digest."""
    totals: Counter = Counter()
    channels = outgoing_channels()
    User = get_user_model()
    # A batch a killed worker left sending past its lease is sent first (any delivery run does it;
    # the digest too, for a day without events).
    totals.update(deliver_pending(batch_size=batch_size, pending=False))
    last_user = 0
    while True:
        user_ids = list(
            Notification.objects.filter(email_state=State.DIGEST, recipient_id__gt=last_user)
            .order_by("recipient_id")
            .values_list("recipient_id", flat=True)
            .distinct()[:batch_size]
        )
        if not user_ids:
            break
        last_user = user_ids[-1]
        users = User.objects.in_bulk(user_ids)
        waiting = defaultdict(list)
        for notification in Notification.objects.filter(
            recipient_id__in=user_ids, email_state=State.DIGEST
        ).order_by("created_at", "id"):
            waiting[notification.recipient_id].append(notification)
        outgoing = {channel: [] for channel in channels}
        states: dict[str, list[int]] = defaultdict(list)
        for user_id, notifications in waiting.items():
            reached = False
            for channel in channels:
                address = channel.address_for(users[user_id])
                if address:
                    outgoing[channel].append(
                        Outgoing(
                            user=users[user_id], address=address, notifications=notifications, digest=True
                        )
                    )
                    reached = True
            if not reached:
                states[State.NO_ADDRESS].extend(n.pk for n in notifications)
        deliveries, sent = _send(outgoing, digest=True)
        _merge(states, sent)
        _write_back(deliveries, states)
        totals.update({state: len(ids) for state, ids in states.items()})
        totals["digests"] += len(deliveries)
    return totals
