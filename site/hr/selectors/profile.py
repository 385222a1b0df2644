"""One person's page for HR: competencies, development plan, JP, training, performance,
follow-ups, policy acknowledgements and the 9-box placement, in a fixed number of queries."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Count, Q
from django.utils import timezone

from competencies.models import DevelopmentPlan, Goal
from competencies.selectors import (
    gap_chart,
    goals_with_state,
    jp_ledger,
    profile_for,
)
from learning.models import Enrolment
from pamong.people.models import ASN
from pamong.socialization.selectors import policy_chapters, valid_acknowledgements
from performance.models import Evaluation, FollowUpProposal, FollowUpRule, Plan

from ..models import PotentialAssessment, TalentSettings
from .nine_box import talent_row_for


@dataclass
class PerformanceRow:
    plan: Plan
    evaluation: Evaluation | None


def asn_profile(*, asn: ASN, year: int | None = None) -> dict:
    """Everything HR sees on one person's page. A fixed number of queries (about fifteen),
    whatever the length of the person's history."""
    year = year or timezone.localdate().year
    prof = profile_for(asn=asn)  # 2
    plan = (
        DevelopmentPlan.objects.filter(asn=asn, year=year)
        .annotate(
            goal_count=Count("goals"),
            mandatory_count=Count("goals", filter=Q(goals__mandatory=True)),
        )
        .first()
    )  # 1
    goals = (
        goals_with_state(asn_id=asn.pk, goals=Goal.objects.filter(plan=plan).select_related("competency"))
        if plan
        else []
    )  # 0–4: goals and their status read as on the plan page (competencies.selectors.goal_states)
    ledger = jp_ledger(asn=asn, year=year)  # 2
    enrolments = list(
        Enrolment.objects.filter(asn=asn)
        .select_related("course", "certificate")
        .order_by("-enrolled_at")[:50]
    )  # 1
    plans = list(
        Plan.objects.filter(asn=asn).select_related("period", "evaluation").order_by("-period__year", "-pk")
    )  # 1
    performance = []
    for p in plans:
        try:
            ev = p.evaluation
        except Evaluation.DoesNotExist:
            ev = None
        performance.append(PerformanceRow(p, ev))
    followups = list(
        FollowUpProposal.objects.filter(asn=asn)
        .select_related("rule", "period")
        .order_by("-period__year", "rule__kind", "pk")
    )  # 1
    awards = [f for f in followups if f.rule.kind == FollowUpRule.Kind.REWARD]
    sanctions = [f for f in followups if f.rule.kind == FollowUpRule.Kind.SANCTION]
    chapters = list(policy_chapters().only("id", "title", "path", "depth", "url_path"))  # 1
    acks = {
        a.page_id: a
        for a in valid_acknowledgements().filter(user_id=asn.user_id, page_id__in=[c.pk for c in chapters])
    }  # 1
    chapter_rows = [{"chapter": c, "ack": acks.get(c.pk)} for c in chapters]
    final_years = [r.plan.period.year for r in performance if r.evaluation and r.evaluation.is_final]
    talent_year = final_years[0] if final_years else year
    settings = TalentSettings.current()  # 1
    placement = talent_row_for(asn=asn, year=talent_year, settings=settings)  # 1
    assessment = PotentialAssessment.objects.filter(asn=asn, year=talent_year).first()  # 1
    return {
        "competency_profile": prof,
        "chart": gap_chart(prof),
        "plan": plan,
        "goals": goals,
        "goals_done": sum(1 for g in goals if g.state.done),
        "ledger": ledger,
        "enrolments": enrolments,
        "performance": performance,
        "awards": awards,
        "sanctions": sanctions,
        "chapters": chapter_rows,
        "acknowledged": len(acks),
        "talent_year": talent_year,
        "placement": placement,
        "assessment": assessment,
        "year": year,
    }
