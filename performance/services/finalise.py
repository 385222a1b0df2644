"""Finalising a result: from then on it is read-only and changes only through an objection."""

from __future__ import annotations

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from pamong.notifications.services import notification_send
from pamong.people.access import can_manage_instansi

from .. import events
from ..models import Evaluation
from ..selectors import evaluation_finalise_blockers
from ._transition import transition
from .audit import _snapshot, audit_record
from .evaluation import EVALUATION_FIELDS


def evaluation_finalise(
    *, evaluation: Evaluation, actor, override_reason: str = "", today: date | None = None
) -> Evaluation:
    """The atasan finalises: from now on the result is read-only (corrections through objections).

    Refused before the period ends or while realisations are missing
    (:func:`evaluation_finalise_blockers`), unless HR of the ASN's instansi overrides with a reason,
    which is kept on the result and in the audit log. Exactly one of two concurrent finalisations
    goes through (conditional UPDATE); the other is told the result is already final.
    """
    if evaluation.is_final:
        raise ValidationError(_("Hasil penilaian sudah final."))
    blockers = evaluation_finalise_blockers(evaluation=evaluation, today=today)
    override_reason = override_reason.strip()
    if blockers:
        if not override_reason:
            raise ValidationError(
                [_("Hasil belum dapat difinalkan."), *blockers]
                + [_("Pengelola kepegawaian dapat mengesampingkan ini dengan alasan yang dicatat.")]
            )
        if not can_manage_instansi(actor, evaluation.plan.asn.instansi_id):
            raise ValidationError(
                _("Hanya pengelola kepegawaian instansi yang dapat memfinalkan dengan pengecualian.")
            )
    with transaction.atomic():
        before = _snapshot(evaluation, EVALUATION_FIELDS)
        changes = {
            "status": Evaluation.Status.FINAL,
            "finalised_by": actor,
            "finalised_at": timezone.now(),
            "finalise_override_reason": override_reason if blockers else "",
        }
        transition(
            model=Evaluation,
            pk=evaluation.pk,
            expected={"status": Evaluation.Status.DRAFT},
            changes=changes,
            message=_("Hasil penilaian ini baru saja difinalkan oleh pengguna lain."),
            obj=evaluation,
        )
        events.result_finalised.send(sender=Evaluation, evaluation=evaluation)
        after = _snapshot(evaluation, EVALUATION_FIELDS)
        if blockers:
            after.update(override_reason=override_reason, overridden=[str(b) for b in blockers])
        audit_record(
            actor=actor,
            action="evaluation.finalise",
            obj=evaluation,
            asn=evaluation.plan.asn,
            before=before,
            after=after,
        )
        notification_send(
            kind="result_finalised",
            recipients=[evaluation.plan.asn.user_id],
            key=f"result_finalised:{evaluation.pk}",
            link=reverse("performance:result", args=[evaluation.plan_id]),
            params={"period": evaluation.plan.period.name},
            subject=evaluation,
        )
    return evaluation
