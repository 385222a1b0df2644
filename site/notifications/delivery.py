"""The worker's side: send the pending notifications through the outgoing channels, in batches.

Each batch is claimed with one conditional update (``pending`` → ``sending``; on PostgreSQL the
rows are picked with ``SKIP LOCKED`` so several workers share the queue), the person's preference
per kind decides (immediately, into the daily digest, or not at all; locked kinds always go now),
each channel sends, and the outcome is written back set-based: one ``Delivery`` per send with its
status and error, one ``UPDATE`` per resulting state.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from datetime import timedelta

from django.contrib.auth import get_user_model
from django.db import connection, transaction
from django.utils import timezone

from .channels import Outgoing, outgoing_channels
from .kinds import DIGEST, IMMEDIATE, KINDS, OFF
from .models import Delivery, Notification, Preference

BATCH_SIZE = 500
#: A batch left ``sending`` this long (a worker killed mid-batch) goes back to the queue.
STALE_SENDING = timedelta(minutes=30)

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


def _claim(*, key: str | None, batch_size: int) -> list[int]:
    with transaction.atomic():
        queue = Notification.objects.filter(email_state=State.PENDING)
        if key:
            queue = queue.filter(key=key)
        queue = queue.order_by("id")
        if connection.features.has_select_for_update_skip_locked:
            queue = queue.select_for_update(skip_locked=True)
        ids = list(queue.values_list("id", flat=True)[:batch_size])
        if ids:
            Notification.objects.filter(id__in=ids, email_state=State.PENDING).update(
                email_state=State.SENDING
            )
        return ids


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


def deliver_pending(*, key: str | None = None, batch_size: int = BATCH_SIZE) -> Counter:
    """Send every pending notification (of one key, or all); returns counts per outcome."""
    totals: Counter = Counter()
    channels = outgoing_channels()
    User = get_user_model()
    while ids := _claim(key=key, batch_size=batch_size):
        notifications = list(Notification.objects.filter(id__in=ids, email_state=State.SENDING))
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
    # A batch left half-sent by a killed worker goes back to the queue first.
    Notification.objects.filter(
        email_state=State.SENDING, created_at__lt=timezone.now() - STALE_SENDING
    ).update(email_state=State.PENDING)
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
