"""Learning records (xAPI statements) and the HR report of assigned courses."""

from __future__ import annotations

import datetime

from django.db.models import (
    Count,
    Q,
    QuerySet,
)
from django.utils import timezone
from wagtail.models import Page

from pamong.people.access import asn_scope_q

from ..models import (
    Enrolment,
    Statement,
)


def statements_for(
    *, user, since: datetime.datetime | None = None, instansi_id: int | None = None
) -> QuerySet:
    """Learning records visible to ``user`` (HR scope), oldest first, with the actor joined;
    ``since`` keeps those stored after that time (xAPI: ``stored``, not ``timestamp``)."""
    qs = Statement.objects.select_related("asn").order_by("timestamp", "pk")
    q = asn_scope_q(user, prefix="asn__")
    if q is not None:
        qs = qs.filter(q)
    if since is not None:
        qs = qs.filter(stored__gt=since)
    if instansi_id:
        qs = qs.filter(asn__instansi_id=instansi_id)
    return qs


def statements_of(*, asn_id: int, since: datetime.datetime | None = None) -> QuerySet:
    """One ASN's own learning records (their download), oldest first, with the actor joined."""
    qs = Statement.objects.select_related("asn").filter(asn_id=asn_id).order_by("timestamp", "pk")
    if since is not None:
        qs = qs.filter(stored__gt=since)
    return qs


def assignment_report_for(*, user, limit: int = 50) -> list[dict]:
    """Assigned courses in the HR user's scope, grouped by course and due date, with counts."""
    today = timezone.localdate()
    qs = Enrolment.objects.filter(source=Enrolment.Source.ASSIGNED)
    q = asn_scope_q(user, prefix="asn__")
    if q is not None:
        qs = qs.filter(q)
    rows = (
        qs.values("course_id", "due_date")
        .annotate(
            total=Count("pk"),
            completed=Count("pk", filter=Q(completed_at__isnull=False)),
            overdue=Count("pk", filter=Q(completed_at__isnull=True, due_date__lt=today)),
        )
        .order_by("-due_date", "course_id")[:limit]
    )
    rows = list(rows)
    titles = dict(Page.objects.filter(pk__in={r["course_id"] for r in rows}).values_list("pk", "title"))
    for row in rows:
        row["course_title"] = titles.get(row["course_id"], "")
        row["percent"] = (100 * row["completed"]) // row["total"] if row["total"] else 0
    return rows
