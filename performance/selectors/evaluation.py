"""The system's proposal for a result and its explanation, what blocks finalising, and the
result as the JSON API serves it."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import gettext as _

from pamong import formats

from ..models import (
    ANONYMOUS_GROUPS,
    CheckIn,
    Evaluation,
    EvaluationSettings,
    Objection,
    Plan,
    PlanIndicator,
    Predikat,
)
from ..scoring import hasil_kerja_from_achievement, perilaku_kerja_from_score, settings_for, weighted_average
from .feedback import GroupSummary, rater_group_summaries
from .plans import IndicatorRow, plan_indicator_rows


@dataclass
class Proposal:
    settings: EvaluationSettings
    rows: list[IndicatorRow]
    achievement_pct: Decimal | None
    hasil_kerja: str | None
    groups: list[GroupSummary]
    perilaku_score: Decimal | None
    perilaku_kerja: str | None


def evaluation_proposal(*, plan: Plan) -> Proposal:
    """The system's proposal: hasil kerja from indicator achievement, perilaku from 360° groups.

    Hidden groups (too few raters) do not count, and the remaining weights are renormalised.
    """
    settings = settings_for(instansi_id=plan.asn.instansi_id)
    rows = plan_indicator_rows(plan=plan)
    achievement = weighted_average([(r.achievement_pct, r.plan_indicator.weight) for r in rows])
    groups = rater_group_summaries(plan=plan, settings=settings)
    score = weighted_average([(g.average, Decimal(g.weight)) for g in groups if g.shown and g.weight])
    return Proposal(
        settings=settings,
        rows=rows,
        achievement_pct=achievement,
        hasil_kerja=hasil_kerja_from_achievement(pct=achievement, settings=settings),
        groups=groups,
        perilaku_score=score,
        perilaku_kerja=perilaku_kerja_from_score(score=score, settings=settings),
    )


def proposal_explanation(proposal: Proposal) -> dict:
    """A JSON-safe snapshot of the proposal (no rater identities, only shown group averages)."""
    s = proposal.settings
    return {
        "indicators": [
            {
                "name": r.plan_indicator.indicator.name,
                "unit": r.plan_indicator.indicator.unit_of_measure,
                "direction": r.plan_indicator.indicator.direction,
                "target": str(r.plan_indicator.target),
                "weight": str(r.plan_indicator.weight),
                "realisation": str(r.latest.value) if r.latest else None,
                "achievement_pct": str(r.achievement_pct) if r.achievement_pct is not None else None,
            }
            for r in proposal.rows
        ],
        "achievement_pct": str(proposal.achievement_pct) if proposal.achievement_pct is not None else None,
        "groups": [
            {
                "group": g.group,
                "anonymous": g.group in ANONYMOUS_GROUPS,
                "answered": g.answered if g.shown else None,
                "shown": g.shown,
                "average": str(g.average) if g.average is not None else None,
                "weight": g.weight,
            }
            for g in proposal.groups
        ],
        "perilaku_score": str(proposal.perilaku_score) if proposal.perilaku_score is not None else None,
        "thresholds": {
            "hasil_di_atas_pct": str(s.hasil_di_atas_pct),
            "hasil_sesuai_pct": str(s.hasil_sesuai_pct),
            "perilaku_di_atas_score": str(s.perilaku_di_atas_score),
            "perilaku_sesuai_score": str(s.perilaku_sesuai_score),
            "min_group_size": s.min_group_size,
            "source": s.source,
            "source_kind": s.source_kind,
        },
        "proposed_hasil_kerja": proposal.hasil_kerja,
        "proposed_perilaku_kerja": proposal.perilaku_kerja,
    }


def evaluation_finalise_blockers(*, evaluation: Evaluation, today: date | None = None) -> list[str]:
    """Why finalising now would be premature: the period has not ended yet, or an SKP indicator has
    no realisation at the period's last check-in (the year's value). Empty when nothing blocks."""
    plan = evaluation.plan
    today = today or timezone.localdate()
    blockers = []
    if today <= plan.period.ends_on:
        blockers.append(
            _("Periode %(p)s belum berakhir (berakhir %(d)s).")
            % {"p": plan.period.name, "d": formats.date_long(plan.period.ends_on)}
        )
    last = CheckIn.objects.filter(period_id=plan.period_id).order_by("-number").first()
    missing = list(
        PlanIndicator.objects.filter(plan=plan)
        .exclude(realisations__checkin=last)
        .order_by("pk")
        .values_list("indicator__name", flat=True)
    )
    if missing:
        blockers.append(
            _("Realisasi %(c)s belum diisi untuk: %(i)s.")
            % {"c": last.label if last else _("pemantauan terakhir"), "i": "; ".join(missing)}
        )
    return blockers


def result_public_dict(*, evaluation: Evaluation) -> dict:
    """The result as served by the JSON API: the explanation snapshot and the decision, no identities."""
    return {
        "plan": evaluation.plan_id,
        "status": evaluation.status,
        "hasil_kerja": evaluation.hasil_kerja,
        "perilaku_kerja": evaluation.perilaku_kerja,
        "predikat": evaluation.predikat,
        "predikat_label": str(Predikat(evaluation.predikat).label),
        "explanation": evaluation.explanation,
    }


def evaluation_for_plan(*, plan: Plan) -> Evaluation | None:
    """The result of an SKP the caller already may see, if one was saved."""
    return Evaluation.objects.filter(plan=plan).first()


def evaluation_get_or_404(*, plan: Plan) -> Evaluation:
    """The result of an SKP the caller already may see, else 404."""
    return get_object_or_404(Evaluation.objects.select_related("plan__period", "plan__asn"), plan=plan)


def objections_of(*, evaluation: Evaluation) -> list[Objection]:
    """The objections filed against one result, newest first."""
    return list(Objection.objects.filter(evaluation=evaluation))
