"""Pending work per recipient for the e-mail reminders, in a few grouped queries."""

from __future__ import annotations

import datetime as dt

from django.db.models import Count
from django.utils.translation import gettext as _

from pamong import formats
from pamong.people.models import ASN

from ..models import CheckIn, Evaluation, Period, Plan, PlanIndicator, RaterAssignment
from .feedback import RATING_WINDOW_STATUSES


def reminder_messages(*, today, days: int = 14) -> dict[int, list[str]]:
    """Pending work per recipient (user id), in a few grouped queries (no query per ASN).

    * draft SKP of direct reports → the atasan;
    * no SKP yet in a planning or running period → the ASN;
    * a check-in due within ``days`` without a realisation → the ASN;
    * agreed SKP without a result in an evaluation period → the atasan;
    * 360° ratings not yet given → the rater.
    """
    out: dict[int, list[str]] = {}

    def add(user_id: int | None, line: str) -> None:
        if user_id:
            out.setdefault(user_id, []).append(line)

    open_periods = list(Period.objects.filter(status__in=[Period.Status.PLANNING, Period.Status.RUNNING]))
    for period in open_periods:
        drafts = (
            Plan.objects.filter(period=period, status=Plan.Status.DRAFT, atasan__isnull=False)
            .values("atasan__user_id")
            .annotate(n=Count("pk"))
        )
        for row in drafts:
            add(
                row["atasan__user_id"],
                _("%(n)s SKP bawahan menunggu persetujuan (%(p)s).") % {"n": row["n"], "p": period.name},
            )
        without = ASN.objects.filter(is_active=True).exclude(plans__period=period)
        if period.instansi_id:
            without = without.filter(instansi_id=period.instansi_id)
        for user_id in without.values_list("user_id", flat=True).iterator(chunk_size=5000):
            add(user_id, _("Susun SKP Anda untuk %(p)s.") % {"p": period.name})
        checkin = (
            CheckIn.objects.filter(
                period=period, due_on__gte=today, due_on__lte=today + dt.timedelta(days=days)
            )
            .order_by("due_on")
            .first()
        )
        if checkin and period.status == Period.Status.RUNNING:
            missing = (
                PlanIndicator.objects.filter(plan__period=period, plan__status=Plan.Status.AGREED)
                .exclude(realisations__checkin=checkin)
                .values("plan__asn__user_id")
                .annotate(n=Count("pk"))
            )
            for row in missing:
                add(
                    row["plan__asn__user_id"],
                    _("%(n)s indikator belum diisi realisasinya untuk %(c)s (tenggat %(d)s).")
                    % {"n": row["n"], "c": checkin.label, "d": formats.date_long(checkin.due_on)},
                )
    for period in Period.objects.filter(status=Period.Status.EVALUATION):
        pending = (
            Plan.objects.filter(
                period=period, status=Plan.Status.AGREED, evaluation__isnull=True, atasan__isnull=False
            )
            .values("atasan__user_id")
            .annotate(n=Count("pk"))
        )
        for row in pending:
            add(
                row["atasan__user_id"],
                _("%(n)s bawahan menunggu penilaian (%(p)s).") % {"n": row["n"], "p": period.name},
            )
    tasks = (
        RaterAssignment.objects.filter(
            submitted_at__isnull=True,
            plan__period__status__in=RATING_WINDOW_STATUSES,
        )
        .exclude(plan__evaluation__status=Evaluation.Status.FINAL)
        .values("rater__user_id")
        .annotate(n=Count("pk"))
    )
    for row in tasks:
        add(
            row["rater__user_id"],
            _("%(n)s penilaian perilaku kerja (360°) menunggu Anda.") % {"n": row["n"]},
        )
    return out
