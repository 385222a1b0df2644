"""Periods (planning → running → evaluation → closed), their check-ins, and the instansi's own
predikat for a period."""

from __future__ import annotations

from datetime import date, timedelta

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ..models import CheckIn, OrganisationPredikat, OrgPredikat, Period
from ._transition import transition
from .audit import _snapshot, audit_record
from .followup import followup_propose_for_period

PERIOD_FLOW = {
    Period.Status.PLANNING: Period.Status.RUNNING,
    Period.Status.RUNNING: Period.Status.EVALUATION,
    Period.Status.EVALUATION: Period.Status.CLOSED,
}


def period_create(
    *, name: str, year: int, starts_on: date, ends_on: date, instansi_id: int | None = None, checkins: int = 4
) -> Period:
    """A period with ``checkins`` evenly spaced check-ins (quarterly by default)."""
    if ends_on <= starts_on:
        raise ValidationError(_("Tanggal selesai harus setelah tanggal mulai."))
    if not 1 <= checkins <= 12:
        raise ValidationError(_("Jumlah pemantauan (check-in) harus antara 1 dan 12."))
    with transaction.atomic():
        period = Period.objects.create(
            name=name,
            year=year,
            starts_on=starts_on,
            ends_on=ends_on,
            instansi_id=instansi_id,
            checkins_per_year=checkins,
        )
        checkin_create_for(period=period)
    return period


def checkin_create_for(*, period: Period) -> None:
    span = (period.ends_on - period.starts_on).days
    n = period.checkins_per_year
    CheckIn.objects.bulk_create(
        [
            CheckIn(
                period=period,
                number=i,
                label=_("Triwulan %(n)s") % {"n": i} if n == 4 else _("Pemantauan %(n)s") % {"n": i},
                due_on=period.starts_on + timedelta(days=round(span * i / n)),
            )
            for i in range(1, n + 1)
        ],
        ignore_conflicts=True,
    )


def period_advance(*, period: Period, actor) -> Period:
    """Move a period one step: planning → running → evaluation → closed (closing proposes follow-up)."""
    nxt = PERIOD_FLOW.get(period.status)
    if nxt is None:
        raise ValidationError(_("Periode ini sudah ditutup."))
    if nxt == Period.Status.CLOSED:
        return period_close(period=period, actor=actor)
    with transaction.atomic():
        before = _snapshot(period, ["status"])
        transition(
            model=Period,
            pk=period.pk,
            expected={"status": period.status},
            changes={"status": nxt},
            message=_("Status periode baru saja diubah oleh pengguna lain; muat ulang halaman."),
        )
        period.status = nxt
        audit_record(
            actor=actor, action="period.status", obj=period, asn=None, before=before, after={"status": nxt}
        )
    return period


def period_close(*, period: Period, actor) -> Period:
    """HR closes the period: finalised results stay, follow-up proposals are created."""
    if period.status == Period.Status.CLOSED:
        raise ValidationError(_("Periode ini sudah ditutup."))
    with transaction.atomic():
        before = _snapshot(period, ["status"])
        closed_at, closed_by = timezone.now(), actor if getattr(actor, "pk", None) else None
        transition(
            model=Period,
            pk=period.pk,
            expected={"status": period.status},
            changes={"status": Period.Status.CLOSED, "closed_at": closed_at, "closed_by": closed_by},
            message=_("Periode ini baru saja ditutup atau diubah oleh pengguna lain; muat ulang halaman."),
        )
        period.status, period.closed_at, period.closed_by = Period.Status.CLOSED, closed_at, closed_by
        created = followup_propose_for_period(period=period)
        audit_record(
            actor=actor,
            action="period.close",
            obj=period,
            asn=None,
            before=before,
            after={"status": period.status, "proposals_created": created},
        )
    return period


def org_predikat_set(*, period: Period, instansi_id: int, predikat: str, actor):
    """HR records the instansi's own predikat, which selects its distribution pattern."""
    if predikat not in OrgPredikat.values:
        raise ValidationError(_("Predikat organisasi tidak dikenal."))
    with transaction.atomic():
        before = OrganisationPredikat.objects.filter(period=period, instansi_id=instansi_id).first()
        row, _created = OrganisationPredikat.objects.update_or_create(
            period=period, instansi_id=instansi_id, defaults={"predikat": predikat}
        )
        audit_record(
            actor=actor,
            action="org_predikat.set",
            obj=row,
            asn=None,
            before={"predikat": before.predikat} if before else None,
            after={"predikat": predikat, "instansi": instansi_id},
            instansi_id=instansi_id,
        )
    return row
