"""The JP ledger: JP of one person in a year, the activities that count, JP compliance in a scope."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db.models import (
    F,
    IntegerField,
    OuterRef,
    QuerySet,
    Subquery,
    Sum,
    Value,
)
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from learning.models import Enrolment, JpCredit
from learning.selectors import JpTarget, jp_credits, jp_target_expression, jp_target_for
from pamong.people.access import asn_scope_q
from pamong.people.models import ASN

from ..models import (
    Activity,
    DevelopmentPlan,
)


def year_bounds(year: int) -> tuple[datetime.datetime, datetime.datetime]:
    """Start (inclusive) and end (exclusive) of a calendar year in local time (Asia/Jakarta)."""
    tz = timezone.get_current_timezone()
    return datetime.datetime(year, 1, 1, tzinfo=tz), datetime.datetime(year + 1, 1, 1, tzinfo=tz)


@dataclass
class LedgerEntry:
    date: datetime.date
    title: str
    kind: str
    jp: int


@dataclass
class Ledger:
    """JP of one year; ``target`` is :func:`learning.selectors.jp_target_for` (``None``: a PPPK
    whose instansi set no target — measured against nothing)."""

    year: int
    target: JpTarget | None
    entries: list[LedgerEntry]

    @property
    def minimum(self) -> int | None:
        return self.target.jp if self.target else None

    @property
    def total(self) -> int:
        return sum(e.jp for e in self.entries)

    @property
    def missing(self) -> int:
        return self.target.missing(self.total) if self.target else 0

    @property
    def percent(self) -> int | None:
        return self.target.percent(self.total) if self.target else None


#: Plans whose done non-classical activities count in the ledger.
COUNTED_PLAN_STATUSES = (DevelopmentPlan.Status.APPROVED, DevelopmentPlan.Status.COMPLETED)


def jp_ledger(*, asn: ASN, year: int) -> Ledger:
    """JP of one calendar year: courses completed in that year (learning's enrolments, local time),
    attended sessions and verified outside learning (learning's JP credits) and the non-classical
    activities of approved plans done in that year that predate verification. Three queries."""
    start, end = year_bounds(year)
    entries = [
        LedgerEntry(timezone.localdate(e.completed_at), e.course.title, str(_("Pelatihan")), e.jp_credited)
        for e in Enrolment.objects.filter(asn=asn, completed_at__gte=start, completed_at__lt=end)
        .select_related("course")
        .only("completed_at", "jp_credited", "course__title")
    ]
    labels = dict(Activity.Kind.choices)
    entries += [
        LedgerEntry(a.done_on, a.title, str(labels[a.kind]), a.jp)
        for a in counted_activities().filter(goal__plan__asn=asn, done_on__year=year)
    ]
    credit_labels = dict(JpCredit.Kind.choices)
    entries += [
        LedgerEntry(c.earned_on, c.title, str(credit_labels[c.kind]), c.jp)
        for c in jp_credits(year=year).filter(asn=asn)
    ]
    entries.sort(key=lambda e: (e.date, e.title))
    return Ledger(year=year, target=jp_target_for(asn=asn), entries=entries)


def counted_activities() -> QuerySet[Activity]:
    """Done non-classical activities of approved plans that count by themselves: those reported
    before outside learning was verified. An activity reported since has an outside record and
    counts (once verified) through learning's JP credits, never here as well."""
    return Activity.objects.filter(
        done_on__isnull=False, goal__plan__status__in=COUNTED_PLAN_STATUSES, outside_record__isnull=True
    ).exclude(kind=Activity.Kind.COURSE)


def jp_compliance(
    *, user, year: int, instansi_id: int | None = None, unit_id: int | None = None
) -> QuerySet[ASN]:
    """Active ASN in ``user``'s scope annotated with ``jp_courses``, ``jp_activities`` (every JP that
    is not a course completion: non-classical activities, attended sessions, verified outside
    learning), ``jp_total`` and ``jp_minimum`` (the JP target, :func:`learning.selectors.jp_target_expression`: NULL for a
    PPPK whose instansi set none) for ``year`` — one query, filterable and pageable."""
    start, end = year_bounds(year)
    courses = (
        Enrolment.objects.filter(asn_id=OuterRef("pk"), completed_at__gte=start, completed_at__lt=end)
        .values("asn_id")
        .annotate(t=Sum("jp_credited"))
        .values("t")
    )
    activities = (
        counted_activities()
        .filter(goal__plan__asn_id=OuterRef("pk"), done_on__year=year)
        .values("goal__plan__asn_id")
        .annotate(t=Sum("jp"))
        .values("t")
    )
    credits = (
        jp_credits(year=year)
        .filter(asn_id=OuterRef("pk"))
        .order_by()
        .values("asn_id")
        .annotate(t=Sum("jp"))
        .values("t")
    )
    qs = ASN.objects.filter(is_active=True)
    q = asn_scope_q(user)
    if q is not None:
        qs = qs.filter(q)
    if instansi_id:
        qs = qs.filter(instansi_id=instansi_id)
    if unit_id:
        qs = qs.filter(unit_id=unit_id)
    return qs.annotate(
        jp_courses=Coalesce(Subquery(courses, output_field=IntegerField()), Value(0)),
        jp_activities=Coalesce(Subquery(activities, output_field=IntegerField()), Value(0))
        + Coalesce(Subquery(credits, output_field=IntegerField()), Value(0)),
        jp_minimum=jp_target_expression(),
    ).annotate(jp_total=Coalesce("jp_courses", 0) + Coalesce("jp_activities", 0))


def jp_below_minimum(*, user, year: int, instansi_id: int | None = None, unit_id: int | None = None):
    """:func:`jp_compliance` limited to ASN below their target, by unit then name (an ASN without a
    target — a PPPK whose instansi set none — is never listed)."""
    return (
        jp_compliance(user=user, year=year, instansi_id=instansi_id, unit_id=unit_id)
        .filter(jp_total__lt=F("jp_minimum"))
        .select_related("unit", "jabatan", "instansi")
        .order_by("unit__name", "name")
    )
