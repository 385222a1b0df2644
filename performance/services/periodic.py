"""The periodic assessment (*penilaian kinerja periodik*, PermenPANRB 6/2022): the plan's atasan
rates hasil kerja and perilaku kerja for one check-in; the predikat comes from the matrix and the
assessment is final at once (no draft). Announced inside the transaction
(:data:`performance.events.periodic_assessment_finalised`: the SIASN outbox), audited, and the ASN
is notified."""

from __future__ import annotations

from datetime import date

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from pamong import formats
from pamong.notifications.services import notification_send
from pamong.people.access import scope_for

from .. import events
from ..models import CheckIn, PeriodicAssessment, Plan, Rating
from ..scoring import predikat_for
from ..selectors import checkin_window, periodic_opens_on
from .audit import _snapshot, audit_record

PERIODIC_FIELDS = ["checkin_id", "hasil_kerja", "perilaku_kerja", "predikat", "month_start", "month_end"]


def periodic_may_assess(*, user, plan: Plan) -> bool:
    """Only the plan's own pejabat penilai (``plan.atasan``) gives its periodic assessments: not the
    ASN, not HR, not an administrator acting for someone."""
    asn_id = scope_for(user).asn_id
    return asn_id is not None and plan.atasan_id == asn_id and plan.asn_id != asn_id


def _already_given(checkin: CheckIn) -> ValidationError:
    return ValidationError(
        _("Penilaian periodik %(checkin)s sudah diberikan dan final; tidak dapat diubah.")
        % {"checkin": checkin.label}
    )


def periodic_assess(
    *,
    plan: Plan,
    checkin: CheckIn,
    hasil_kerja: str,
    perilaku_kerja: str,
    notes: str = "",
    actor,
    today: date | None = None,
) -> PeriodicAssessment:
    """Give (and so finalise) the periodic assessment of ``plan`` for ``checkin``.

    Refused with an Indonesian message, nothing written: someone other than the plan's atasan, a
    check-in of another period, an SKP not agreed, a period not running or in evaluation, a check-in
    whose due date has not come, a rating outside the three, or an assessment already given. Of
    two concurrent submissions exactly one is written (the unique (plan, check-in) row, inserted in
    a savepoint); the other gets the "already given" message.
    """
    today = today or timezone.localdate()
    if not periodic_may_assess(user=actor, plan=plan):
        raise ValidationError(_("Hanya pejabat penilai SKP ini yang dapat memberikan penilaian periodik."))
    if checkin.period_id != plan.period_id:
        raise ValidationError(_("Check-in ini bukan bagian dari periode SKP."))
    if plan.status != Plan.Status.AGREED:
        raise ValidationError(_("SKP belum disepakati."))
    if not plan.period.is_open_for_evaluation:
        raise ValidationError(
            _("Penilaian periodik hanya dapat diberikan pada periode berjalan atau evaluasi.")
        )
    opens_on = periodic_opens_on(checkin=checkin)
    if today < opens_on:
        raise ValidationError(
            _("Penilaian periodik %(checkin)s baru dapat diberikan mulai %(date)s.")
            % {"checkin": checkin.label, "date": formats.date_short(opens_on)}
        )
    errors = {}
    if hasil_kerja not in Rating.values:
        errors["hasil_kerja"] = _("Pilih rating hasil kerja.")
    if perilaku_kerja not in Rating.values:
        errors["perilaku_kerja"] = _("Pilih rating perilaku kerja.")
    if len(notes) > 2000:
        errors["notes"] = _("Catatan paling banyak 2.000 karakter.")
    if errors:
        raise ValidationError(errors)
    if PeriodicAssessment.objects.filter(plan=plan, checkin=checkin).exists():
        raise _already_given(checkin)
    window = checkin_window(checkin=checkin)
    with transaction.atomic():
        try:
            with transaction.atomic():  # a savepoint: the loser of a race rolls back only this
                assessment = PeriodicAssessment.objects.create(
                    plan=plan,
                    checkin=checkin,
                    hasil_kerja=hasil_kerja,
                    perilaku_kerja=perilaku_kerja,
                    predikat=predikat_for(hasil_kerja=hasil_kerja, perilaku_kerja=perilaku_kerja),
                    notes=notes.strip(),
                    year_start=window.year_start,
                    month_start=window.month_start,
                    year_end=window.year_end,
                    month_end=window.month_end,
                    assessed_by_id=plan.atasan_id,
                    finalised_at=timezone.now(),
                )
        except IntegrityError:  # given a moment ago by a concurrent request
            raise _already_given(checkin) from None
        events.periodic_assessment_finalised.send(sender=PeriodicAssessment, assessment=assessment)
        audit_record(
            actor=actor,
            action="periodic.finalise",
            obj=assessment,
            asn=plan.asn,
            before=None,
            after=_snapshot(assessment, PERIODIC_FIELDS),
        )
        notification_send(
            kind="periodic_assessed",
            recipients=[plan.asn.user_id],
            key=f"periodic_assessed:{assessment.pk}",
            link=reverse("performance:plan_periodic", args=[plan.pk]),
            params={
                "checkin": checkin.label,
                "period": plan.period.name,
                "predikat": assessment.get_predikat_display(),
            },
            subject=assessment,
        )
    return assessment
