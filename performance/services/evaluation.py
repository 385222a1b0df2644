"""The atasan's rating: the system's proposal confirmed or overridden with a reason, the predikat
from the matrix; saved as a draft until it is finalised (:mod:`.finalise`)."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ..models import Evaluation, Plan, Rating
from ..scoring import predikat_for
from ..selectors import evaluation_proposal, proposal_explanation
from ._transition import STALE_MESSAGE, transition
from .audit import _snapshot, audit_record

EVALUATION_FIELDS = [
    "status",
    "hasil_kerja",
    "perilaku_kerja",
    "predikat",
    "hasil_kerja_reason",
    "perilaku_kerja_reason",
    "achievement_pct",
    "perilaku_score",
]


def _evaluation_write(*, plan: Plan, existing: Evaluation | None, values: dict) -> Evaluation:
    """Create the draft result, or change it only while it is still a draft (conditional UPDATE):
    a result finalised meanwhile by someone else is never overwritten."""
    if existing is None:
        try:
            with transaction.atomic():
                return Evaluation.objects.create(plan=plan, **values)
        except IntegrityError:  # another request created it a moment ago
            raise ValidationError(STALE_MESSAGE) from None
    transition(
        model=Evaluation,
        pk=existing.pk,
        expected={"status": Evaluation.Status.DRAFT},
        changes=values,
        message=_("Hasil penilaian baru saja difinalkan dan tidak dapat diubah; ajukan keberatan."),
    )
    return Evaluation.objects.get(pk=existing.pk)


def evaluation_save(
    *,
    plan: Plan,
    hasil_kerja: str,
    perilaku_kerja: str,
    hasil_kerja_reason: str = "",
    perilaku_kerja_reason: str = "",
    actor,
) -> Evaluation:
    """The atasan confirms the proposal or overrides it with a reason; the predikat comes from the matrix."""
    if not plan.period.is_open_for_evaluation:
        raise ValidationError(_("Penilaian hanya dapat dilakukan pada periode berjalan atau evaluasi."))
    if plan.status != Plan.Status.AGREED:
        raise ValidationError(_("SKP belum disepakati."))
    existing = Evaluation.objects.filter(plan=plan).first()
    if existing and existing.is_final:
        raise ValidationError(_("Hasil penilaian sudah final dan tidak dapat diubah; ajukan keberatan."))
    proposal = evaluation_proposal(plan=plan)
    errors = {}
    if hasil_kerja not in Rating.values:
        errors["hasil_kerja"] = _("Pilih rating hasil kerja.")
    elif proposal.hasil_kerja and hasil_kerja != proposal.hasil_kerja and not hasil_kerja_reason.strip():
        errors["hasil_kerja_reason"] = _("Tuliskan alasan karena rating berbeda dari usulan sistem.")
    if perilaku_kerja not in Rating.values:
        errors["perilaku_kerja"] = _("Pilih rating perilaku kerja.")
    elif (
        proposal.perilaku_kerja
        and perilaku_kerja != proposal.perilaku_kerja
        and not perilaku_kerja_reason.strip()
    ):
        errors["perilaku_kerja_reason"] = _("Tuliskan alasan karena rating berbeda dari usulan sistem.")
    if errors:
        raise ValidationError(errors)
    explanation = proposal_explanation(proposal)
    predikat = predikat_for(hasil_kerja=hasil_kerja, perilaku_kerja=perilaku_kerja)
    explanation["cell"] = {"hasil_kerja": hasil_kerja, "perilaku_kerja": perilaku_kerja, "predikat": predikat}
    with transaction.atomic():
        before = _snapshot(existing, EVALUATION_FIELDS)
        ev = _evaluation_write(
            plan=plan,
            existing=existing,
            values={
                "achievement_pct": proposal.achievement_pct,
                "perilaku_score": proposal.perilaku_score,
                "proposed_hasil_kerja": proposal.hasil_kerja or "",
                "proposed_perilaku_kerja": proposal.perilaku_kerja or "",
                "hasil_kerja": hasil_kerja,
                "perilaku_kerja": perilaku_kerja,
                "hasil_kerja_reason": hasil_kerja_reason.strip()
                if hasil_kerja != proposal.hasil_kerja
                else "",
                "perilaku_kerja_reason": perilaku_kerja_reason.strip()
                if perilaku_kerja != proposal.perilaku_kerja
                else "",
                "predikat": predikat,
                "explanation": explanation,
                "evaluated_by": actor,
                "evaluated_at": timezone.now(),
            },
        )
        audit_record(
            actor=actor,
            action="evaluation.save",
            obj=ev,
            asn=plan.asn,
            before=before,
            after=_snapshot(ev, EVALUATION_FIELDS),
        )
    return ev
