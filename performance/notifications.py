"""Time-driven notifications of the performance app (pamong.notifications), sent by the daily
``send_performance_reminders`` command: an SKP check-in due in a week, and the 360° rating window
closing in a week. Both are broadcasts: the worker finds the people set-based."""

from __future__ import annotations

import datetime

from django.contrib.auth import get_user_model
from django.db.models import QuerySet
from django.urls import reverse

from pamong import formats
from pamong.notifications.services import audience_register, notification_broadcast

from .models import CheckIn, Evaluation, Period, Plan, RaterAssignment
from .selectors import RATING_WINDOW_STATUSES

#: How many days ahead a check-in and the closing of the 360° window are announced.
DAYS_AHEAD = 7


@audience_register("performance.checkin")
def checkin_owners(*, period_id: int) -> QuerySet:
    """ASN with an agreed SKP in the period: they record the realisations at each check-in."""
    plans = Plan.objects.filter(period_id=period_id, status=Plan.Status.AGREED)
    return get_user_model().objects.filter(pk__in=plans.values("asn__user_id"))


@audience_register("performance.raters_pending")
def raters_pending(*, period_id: int) -> QuerySet:
    """Raters with a 360° rating still to give in the period."""
    pending = RaterAssignment.objects.filter(plan__period_id=period_id, submitted_at__isnull=True).exclude(
        plan__evaluation__status=Evaluation.Status.FINAL
    )
    return get_user_model().objects.filter(pk__in=pending.values("rater__user_id"))


def performance_due_notifications_send(*, today: datetime.date) -> int:
    """Enqueue the check-in and 360° reminders due ``today`` (idempotent per check-in and period)."""
    count = 0
    due = today + datetime.timedelta(days=DAYS_AHEAD)
    for checkin in CheckIn.objects.filter(due_on=due, period__status=Period.Status.RUNNING).select_related(
        "period"
    ):
        notification_broadcast(
            kind="checkin_due",
            audience="performance.checkin",
            audience_args={"period_id": checkin.period_id},
            key=f"checkin_due:{checkin.pk}",
            link=reverse("performance:dashboard"),
            params={
                "period": f"{checkin.label} {checkin.period.name}",
                "due": formats.date_long(due),
            },
            subject=checkin,
        )
        count += 1
    for period in Period.objects.filter(ends_on=due, status__in=RATING_WINDOW_STATUSES):
        notification_broadcast(
            kind="rating_reminder",
            audience="performance.raters_pending",
            audience_args={"period_id": period.pk},
            key=f"rating_reminder:{period.pk}:{due.isoformat()}",
            link=reverse("performance:rating_tasks"),
            params={"period": period.name, "closes": formats.date_long(due)},
            subject=period,
        )
        count += 1
    return count
