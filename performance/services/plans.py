"""SKP (sasaran kinerja pegawai): the plan, its indicators, agreement with the atasan, realisations
at each check-in with their evidence files, and the atasan's comments."""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings as django_settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from pamong.people.models import ASN
from pamong.uploads import IMAGES, OFFICE, PDF, upload_check

from ..models import (
    CheckIn,
    Evidence,
    FeedbackComment,
    Indicator,
    Period,
    Plan,
    PlanIndicator,
    PlannedResult,
    Realisation,
)
from ._transition import _results_locked, transition
from .audit import _snapshot, audit_record
from .feedback import rater_assign_defaults

#: Evidence: at most this many bytes, of these types (checked by extension *and* magic bytes).
EVIDENCE_MAX_BYTES = 5 * 1024 * 1024


EVIDENCE_TYPES = {**PDF, **IMAGES, **OFFICE}


PLAN_FIELDS = ["status", "atasan_id"]


def plan_create(*, asn: ASN, period: Period, actor) -> Plan:
    if period.status == Period.Status.CLOSED:
        raise ValidationError(_("Periode sudah ditutup."))
    if Plan.objects.filter(asn=asn, period=period).exists():
        raise ValidationError(_("SKP untuk periode ini sudah ada."))
    with transaction.atomic():
        plan = Plan.objects.create(asn=asn, period=period, atasan_id=asn.atasan_id)
        audit_record(
            actor=actor,
            action="plan.create",
            obj=plan,
            asn=asn,
            before=None,
            after=_snapshot(plan, PLAN_FIELDS),
        )
    return plan


def _plan_must_be_draft(plan: Plan) -> None:
    if plan.status != Plan.Status.DRAFT:
        raise ValidationError(_("SKP sudah disepakati dan tidak dapat diubah."))
    if plan.period.status == Period.Status.CLOSED:
        raise ValidationError(_("Periode sudah ditutup."))


def plan_add_indicator(
    *,
    plan: Plan,
    kind: str,
    description: str,
    indicator: Indicator,
    target: Decimal,
    weight: Decimal = Decimal(1),
    actor,
) -> PlanIndicator:
    """Add a planned result (utama/tambahan) with one indicator, target and weight to a draft SKP."""
    _plan_must_be_draft(plan)
    errors = {}
    if kind not in PlannedResult.Kind.values:
        errors["kind"] = _("Jenis hasil kerja tidak dikenal.")
    if not description.strip():
        errors["description"] = _("Isi rencana hasil kerja.")
    if indicator.instansi_id not in (None, plan.asn.instansi_id) or not indicator.is_active:
        errors["indicator"] = _("Indikator tidak tersedia untuk instansi ini.")
    if target is None or target <= 0:
        errors["target"] = _("Target harus lebih besar dari nol.")
    if weight is None or weight <= 0:
        errors["weight"] = _("Bobot harus lebih besar dari nol.")
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        result = PlannedResult.objects.create(
            plan=plan, kind=kind, description=description.strip(), order=plan.results.count() + 1
        )
        pi = PlanIndicator.objects.create(
            plan=plan, result=result, indicator=indicator, target=target, weight=weight
        )
        audit_record(
            actor=actor,
            action="plan.add_indicator",
            obj=pi,
            asn=plan.asn,
            before=None,
            after={
                "plan": plan.pk,
                "kind": kind,
                "description": result.description,
                "indicator": indicator.name,
                "target": str(target),
                "weight": str(weight),
            },
        )
    return pi


def plan_agree(*, plan: Plan, actor) -> Plan:
    """The atasan agrees the SKP; the atasan, self and direct-report 360° raters are assigned."""
    _plan_must_be_draft(plan)
    if not plan.plan_indicators.exists():
        raise ValidationError(_("SKP belum memiliki indikator."))
    with transaction.atomic():
        before = _snapshot(plan, PLAN_FIELDS)
        agreed_at = timezone.now()
        transition(
            model=Plan,
            pk=plan.pk,
            expected={"status": Plan.Status.DRAFT},
            changes={"status": Plan.Status.AGREED, "agreed_at": agreed_at, "agreed_by": actor},
            message=_("SKP ini baru saja disepakati oleh pengguna lain."),
        )
        plan.status, plan.agreed_at, plan.agreed_by = Plan.Status.AGREED, agreed_at, actor
        rater_assign_defaults(plan=plan, actor=actor)
        audit_record(
            actor=actor,
            action="plan.agree",
            obj=plan,
            asn=plan.asn,
            before=before,
            after=_snapshot(plan, PLAN_FIELDS),
        )
    return plan


def evidence_validate(*, upload) -> str:
    """Return the content type of an acceptable upload, else raise: size, extension and magic bytes."""
    return upload_check(
        upload=upload,
        types=EVIDENCE_TYPES,
        max_bytes=getattr(django_settings, "PERFORMANCE_EVIDENCE_MAX_BYTES", EVIDENCE_MAX_BYTES),
    )


def realisation_record(
    *, plan_indicator: PlanIndicator, checkin: CheckIn, value: Decimal, notes: str = "", files=(), actor
) -> Realisation:
    """Record (or correct) the value of one indicator at one check-in, with evidence files."""
    plan = plan_indicator.plan
    _results_locked(plan)
    if plan.status != Plan.Status.AGREED:
        raise ValidationError(_("Realisasi dicatat setelah SKP disepakati."))
    if checkin.period_id != plan.period_id:
        raise ValidationError(_("Pemantauan (check-in) ini bukan bagian dari periode SKP ini."))
    if value is None or value < 0:
        raise ValidationError({"value": _("Realisasi tidak boleh negatif.")})
    types = [evidence_validate(upload=f) for f in files]
    with transaction.atomic():
        existing = Realisation.objects.filter(plan_indicator=plan_indicator, checkin=checkin).first()
        before = _snapshot(existing, ["value", "notes"])
        real, _created = Realisation.objects.update_or_create(
            plan_indicator=plan_indicator,
            checkin=checkin,
            defaults={"value": value, "notes": notes, "recorded_by": actor},
        )
        for f, ct in zip(files, types, strict=True):
            Evidence.objects.create(
                realisation=real,
                file=f,
                original_name=f.name[-200:],
                content_type=ct,
                size=f.size,
                uploaded_by=actor,
            )
        audit_record(
            actor=actor,
            action="realisation.record",
            obj=real,
            asn=plan.asn,
            before=before,
            after={**_snapshot(real, ["value", "notes"]), "checkin": checkin.number, "files": len(types)},
        )
    return real


def comment_add(*, plan: Plan, text: str, actor) -> FeedbackComment:
    if not text.strip():
        raise ValidationError({"text": _("Tulis umpan balik.")})
    return FeedbackComment.objects.create(plan=plan, text=text.strip(), author=actor)
