"""What follows a final result: objections (filed by the ASN, decided by the atasan's atasan) and
reward and sanction proposals from the active rules, decided by HR."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from competencies.services import development_goal_add_mandatory
from pamong import formats
from pamong.bulk import insert_select
from pamong.notifications.services import notification_send
from pamong.people.models import ASN
from pamong.people.selectors import hr_user_ids_for_instansi

from ..models import (
    Evaluation,
    FollowUpProposal,
    FollowUpRule,
    Objection,
    Period,
    Plan,
    PlanIndicator,
    Rating,
)
from ..scoring import indicator_achievement_pct, predikat_for
from ._transition import transition
from .audit import _snapshot, audit_record
from .certificates import certificate_new_code
from .evaluation import EVALUATION_FIELDS


def objection_file(*, evaluation: Evaluation, reason: str, actor):
    """The evaluated ASN objects to a final result; the atasan's own atasan decides."""
    plan = evaluation.plan
    if not evaluation.is_final:
        raise ValidationError(_("Keberatan hanya untuk hasil yang sudah final."))
    if not reason.strip():
        raise ValidationError({"reason": _("Tuliskan alasan keberatan.")})
    decider_id = plan.atasan.atasan_id if plan.atasan_id else None
    if decider_id is None:
        raise ValidationError(_("Atasan pejabat penilai tidak ditemukan; hubungi pengelola kepegawaian."))
    with transaction.atomic():
        # the result's row lock orders two concurrent filings: the second sees the first's objection
        Evaluation.objects.select_for_update().filter(pk=evaluation.pk).values_list("pk").first()
        if evaluation.objections.filter(status=Objection.Status.PENDING).exists():
            raise ValidationError(_("Masih ada keberatan yang menunggu keputusan."))
        obj = Objection.objects.create(
            evaluation=evaluation, filed_by=actor, reason=reason.strip(), decider_id=decider_id
        )
        audit_record(
            actor=actor,
            action="objection.file",
            obj=obj,
            asn=plan.asn,
            before=None,
            after={"reason": obj.reason},
        )
        decider_user_id = ASN.objects.filter(pk=decider_id).values_list("user_id", flat=True).first()
        notification_send(
            kind="objection_filed",
            recipients=[decider_user_id, *hr_user_ids_for_instansi(instansi_id=plan.asn.instansi_id)],
            key=f"objection_filed:{obj.pk}",
            link=reverse("performance:objection_detail", args=[obj.pk]),
            params={"asn": plan.asn.name, "period": plan.period.name},
            subject=obj,
        )
    return obj


def objection_decide(
    *, objection, accept: bool, reason: str, new_hasil_kerja: str = "", new_perilaku_kerja: str = "", actor
):
    """Accept (with new ratings → new predikat from the matrix) or reject, always with a reason."""
    if objection.status != Objection.Status.PENDING:
        raise ValidationError(_("Keberatan ini sudah diputuskan."))
    if not reason.strip():
        raise ValidationError({"decision_reason": _("Tuliskan alasan keputusan.")})
    ev = objection.evaluation
    if accept:
        new_hasil_kerja = new_hasil_kerja or ev.hasil_kerja
        new_perilaku_kerja = new_perilaku_kerja or ev.perilaku_kerja
        if new_hasil_kerja not in Rating.values or new_perilaku_kerja not in Rating.values:
            raise ValidationError(_("Rating baru tidak dikenal."))
    with transaction.atomic():
        decision = {
            "status": Objection.Status.ACCEPTED if accept else Objection.Status.REJECTED,
            "decision_reason": reason.strip(),
            "decided_by": actor,
            "decided_at": timezone.now(),
        }
        if accept:
            decision.update(new_hasil_kerja=new_hasil_kerja, new_perilaku_kerja=new_perilaku_kerja)
        transition(
            model=Objection,
            pk=objection.pk,
            expected={"status": Objection.Status.PENDING},
            changes=decision,
            message=_("Keberatan ini baru saja diputuskan oleh pengguna lain."),
            obj=objection,
        )
        if accept:
            before = _snapshot(ev, EVALUATION_FIELDS)
            ev.hasil_kerja, ev.perilaku_kerja = new_hasil_kerja, new_perilaku_kerja
            ev.predikat = predikat_for(hasil_kerja=new_hasil_kerja, perilaku_kerja=new_perilaku_kerja)
            ev.explanation = {
                **ev.explanation,
                "cell": {
                    "hasil_kerja": new_hasil_kerja,
                    "perilaku_kerja": new_perilaku_kerja,
                    "predikat": ev.predikat,
                },
                "objection": objection.pk,
            }
            ev.save(update_fields=["hasil_kerja", "perilaku_kerja", "predikat", "explanation"])
            audit_record(
                actor=actor,
                action="evaluation.objection_accepted",
                obj=ev,
                asn=ev.plan.asn,
                before=before,
                after=_snapshot(ev, EVALUATION_FIELDS),
            )
        audit_record(
            actor=actor,
            action="objection.decide",
            obj=objection,
            asn=ev.plan.asn,
            before={"status": Objection.Status.PENDING},
            after={"status": objection.status, "reason": objection.decision_reason},
        )
        notification_send(
            kind="objection_decided",
            recipients=[ev.plan.asn.user_id],
            key=f"objection_decided:{objection.pk}",
            link=reverse("performance:objection_detail", args=[objection.pk]),
            params={"period": ev.plan.period.name},
            subject=objection,
        )
    return objection


def followup_propose_for_period(*, period: Period) -> int:
    """Create reward/sanction proposals from the active rules for every final result. Set-based:
    one ``INSERT … SELECT`` per predikat rule, and one read of the latest realisations per
    indicator rule, whatever the number of ASN; running it twice adds nothing."""
    rules = list(FollowUpRule.objects.filter(is_active=True).select_related("trigger_indicator"))
    before = FollowUpProposal.objects.filter(period=period).count()
    for rule in rules:
        if rule.trigger_predikat:
            _followup_propose_predikat(period=period, rule=rule)
    rows: list[FollowUpProposal] = []
    for rule in (r for r in rules if r.trigger_indicator_id):
        pis = PlanIndicator.objects.filter(
            plan__period=period,
            indicator_id=rule.trigger_indicator_id,
            plan__evaluation__status=Evaluation.Status.FINAL,
        )
        if rule.instansi_id:
            pis = pis.filter(plan__asn__instansi_id=rule.instansi_id)
        latest: dict[int, tuple] = {}
        for pi_id, asn_id, ev_id, target, number, value in (
            pis.filter(realisations__isnull=False)
            .values_list(
                "pk",
                "plan__asn_id",
                "plan__evaluation__id",
                "target",
                "realisations__checkin__number",
                "realisations__value",
            )
            .iterator(chunk_size=5000)
        ):
            if pi_id not in latest or latest[pi_id][3] < number:
                latest[pi_id] = (asn_id, ev_id, target, number, value)
        for asn_id, ev_id, target, _n, value in latest.values():
            pct = indicator_achievement_pct(
                target=target, value=value, direction=rule.trigger_indicator.direction
            )
            hit = pct is not None and (
                pct >= rule.trigger_achievement_pct
                if rule.trigger_comparison == FollowUpRule.Comparison.GTE
                else pct < rule.trigger_achievement_pct
            )
            if hit:
                rows.append(
                    FollowUpProposal(
                        period=period,
                        asn_id=asn_id,
                        rule=rule,
                        evaluation_id=ev_id,
                        basis=_("%(ind)s: capaian %(pct)s")
                        % {"ind": rule.trigger_indicator.name, "pct": formats.percent(pct)},
                    )
                )
    FollowUpProposal.objects.bulk_create(rows, batch_size=2000, ignore_conflicts=True)
    return FollowUpProposal.objects.filter(period=period).count() - before


def _followup_propose_predikat(*, period: Period, rule: FollowUpRule) -> int:
    """One proposal per final result of ``period`` with the rule's predikat (in the rule's instansi,
    when it has one): a single ``INSERT … SELECT``; existing proposals are kept."""
    ev, plan, asn = Evaluation._meta.db_table, Plan._meta.db_table, ASN._meta.db_table
    source = (
        f"FROM {ev} ev JOIN {plan} pl ON pl.id = ev.plan_id JOIN {asn} a ON a.id = pl.asn_id "
        "WHERE pl.period_id = %s AND ev.status = %s AND ev.predikat = %s"
    )
    params: list = [period.pk, Evaluation.Status.FINAL, rule.trigger_predikat]
    if rule.instansi_id:
        source += " AND a.instansi_id = %s"
        params.append(rule.instansi_id)
    return insert_select(
        FollowUpProposal,
        columns={"period": "pl.period_id", "asn": "pl.asn_id", "evaluation": "ev.id"},
        constants={
            "rule": rule.pk,
            "basis": _("Predikat %(p)s") % {"p": rule.get_trigger_predikat_display()},
        },
        source=source,
        params=params,
    )


def proposal_decide(*, proposal: FollowUpProposal, approve: bool, note: str = "", actor) -> FollowUpProposal:
    """HR approves or rejects one proposal. An approved certificate gets a verification code; an
    approved development consequence goes to :func:`sanction_apply_development_consequence`."""
    if proposal.status != FollowUpProposal.Status.PROPOSED:
        raise ValidationError(_("Usulan ini sudah diputuskan."))
    if not approve and not note.strip():
        raise ValidationError({"note": _("Tuliskan alasan penolakan.")})
    with transaction.atomic():
        decision = {
            "status": FollowUpProposal.Status.APPROVED if approve else FollowUpProposal.Status.REJECTED,
            "note": note.strip(),
            "decided_by": actor,
            "decided_at": timezone.now(),
        }
        if approve and proposal.rule.consequence == FollowUpRule.Consequence.CERTIFICATE:
            decision["certificate_code"] = certificate_new_code()
        transition(
            model=FollowUpProposal,
            pk=proposal.pk,
            expected={"status": FollowUpProposal.Status.PROPOSED},
            changes=decision,
            message=_("Usulan ini baru saja diputuskan oleh pengguna lain."),
            obj=proposal,
        )
        if approve and proposal.rule.consequence == FollowUpRule.Consequence.DEVELOPMENT_GOAL:
            sanction_apply_development_consequence(proposal=proposal, actor=actor)
        audit_record(
            actor=actor,
            action="followup.decide",
            obj=proposal,
            asn=proposal.asn,
            before={"status": FollowUpProposal.Status.PROPOSED},
            after={"status": proposal.status, "rule": proposal.rule.name, "note": proposal.note},
        )
        if approve:
            notification_send(
                kind="reward_sanction",
                recipients=[proposal.asn.user_id],
                key=f"reward_sanction:{proposal.pk}",
                link=reverse("performance:dashboard"),
                params={"action": proposal.rule.name},
                subject=proposal,
            )
    return proposal


def sanction_apply_development_consequence(*, proposal: FollowUpProposal, actor) -> str:
    """Record an approved sanction with a development consequence and hand it to competencies.

    Through competencies' public service ``development_goal_add_mandatory`` (idempotent per
    ``source``) a mandatory goal is added to the ASN's development plan for the year after the
    period, and the proposal is marked ``applied``.
    """
    if proposal.status != FollowUpProposal.Status.APPROVED:
        raise ValidationError(_("Hanya sanksi yang disetujui yang ditindaklanjuti."))
    if proposal.rule.consequence != FollowUpRule.Consequence.DEVELOPMENT_GOAL:
        raise ValidationError(_("Aturan ini tidak memiliki konsekuensi pengembangan."))
    development_goal_add_mandatory(
        asn=proposal.asn,
        year=proposal.period.year + 1,
        reason=_("Sanksi kinerja %(period)s: %(rule)s")
        % {"period": proposal.period.name, "rule": proposal.rule.name},
        source=f"performance.followup:{proposal.pk}",
    )
    status = FollowUpProposal.DevelopmentStatus.APPLIED
    FollowUpProposal.objects.filter(pk=proposal.pk).update(development_status=status)
    proposal.development_status = status
    return status
