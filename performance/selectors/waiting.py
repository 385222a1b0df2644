"""What waits for one person on the start page: SKP steps, the atasan's team, HR's queues."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Count, Min, Q, QuerySet

from pamong.people.access import scope_for

from ..models import CheckIn, Evaluation, FollowUpProposal, Objection, Period, Plan, Realisation
from .hr import moderation_queue


@dataclass
class SkpStep:
    """One SKP step an ASN has to take now: ``kind`` is ``create`` (no SKP yet in an open period),
    ``draft`` (SKP not yet agreed with the atasan) or ``realisation`` (indicators without a value
    for a check-in that is due or overdue)."""

    kind: str
    period: Period
    plan_id: int | None = None
    checkin_label: str = ""
    due_on: object = None  # datetime.date
    missing: int = 0


def skp_steps_for(*, asn_id: int, instansi_id: int | None, today) -> list[SkpStep]:
    """SKP steps due for ``asn_id`` in the open periods of their instansi (or the province), earliest
    due first. Four queries whatever the number of periods, indicators or check-ins: the open
    periods, the person's plans in them, their check-ins, and realisations counted per plan and
    check-in."""
    periods = list(
        Period.objects.filter(
            Q(instansi__isnull=True) | Q(instansi_id=instansi_id),
            status__in=[Period.Status.PLANNING, Period.Status.RUNNING],
        ).order_by("year", "pk")
    )
    if not periods:
        return []
    plans = {
        p.period_id: p
        for p in Plan.objects.filter(asn_id=asn_id, period__in=periods).annotate(
            indicator_count=Count("plan_indicators")
        )
    }
    running_plans = [
        plans[p.pk]
        for p in periods
        if p.status == Period.Status.RUNNING and p.pk in plans and plans[p.pk].status == Plan.Status.AGREED
    ]
    checkins: dict[int, list[CheckIn]] = {}
    realised: dict[tuple[int, int], int] = {}
    if running_plans:
        for checkin in CheckIn.objects.filter(period_id__in=[p.period_id for p in running_plans]).order_by(
            "due_on", "number"
        ):
            checkins.setdefault(checkin.period_id, []).append(checkin)
        realised = {
            (row["plan_indicator__plan_id"], row["checkin_id"]): row["n"]
            for row in Realisation.objects.filter(plan_indicator__plan__in=running_plans)
            .values("plan_indicator__plan_id", "checkin_id")
            .annotate(n=Count("pk"))
        }
    steps = []
    for period in periods:
        plan = plans.get(period.pk)
        if plan is None:
            steps.append(SkpStep(kind="create", period=period))
        elif plan.status == Plan.Status.DRAFT:
            steps.append(SkpStep(kind="draft", period=period, plan_id=plan.pk))
        elif plan in running_plans and plan.indicator_count:
            # The first check-in still missing values, if it is overdue or the next one due.
            for checkin in checkins.get(period.pk, []):
                missing = plan.indicator_count - realised.get((plan.pk, checkin.pk), 0)
                if missing > 0:
                    steps.append(
                        SkpStep(
                            kind="realisation",
                            period=period,
                            plan_id=plan.pk,
                            checkin_label=checkin.label,
                            due_on=checkin.due_on,
                            missing=missing,
                        )
                    )
                    break
                if checkin.due_on >= today:
                    break
    steps.sort(key=lambda s: (s.due_on is None, s.due_on or today))
    return steps


def team_plans_to_agree(*, asn_id: int) -> QuerySet[Plan]:
    """Draft SKP of the atasan's direct reports in open periods, oldest first."""
    return (
        Plan.objects.filter(
            atasan_id=asn_id,
            status=Plan.Status.DRAFT,
            period__status__in=[Period.Status.PLANNING, Period.Status.RUNNING],
        )
        .select_related("asn", "period")
        .order_by("created_at", "pk")
    )


def team_plans_to_rate(*, asn_id: int) -> QuerySet[Plan]:
    """Agreed SKP of the atasan's direct reports in a period under evaluation without a final result."""
    return (
        Plan.objects.filter(
            atasan_id=asn_id, status=Plan.Status.AGREED, period__status=Period.Status.EVALUATION
        )
        .exclude(evaluation__status=Evaluation.Status.FINAL)
        .select_related("asn", "period")
        .order_by("period__ends_on", "asn__name", "pk")
    )


def objections_to_decide(*, asn_id: int) -> QuerySet[Objection]:
    """Pending objections the person decides (as the atasan of the evaluating atasan)."""
    return (
        Objection.objects.filter(decider_id=asn_id, status=Objection.Status.PENDING)
        .select_related("evaluation__plan__asn")
        .order_by("filed_at", "pk")
    )


def hr_waiting_counts(*, user) -> dict:
    """What waits for HR in the instansi ``user`` manages, in three aggregate queries: follow-up proposals to
    decide per period (``proposals``: rows of period id, name and count), pending objections
    (``objections``, ``objections_oldest``) and public feedback awaiting moderation
    (``feedback``, ``feedback_oldest``)."""
    hr = scope_for(user).hr_instansi_ids()
    proposals = FollowUpProposal.objects.filter(status=FollowUpProposal.Status.PROPOSED)
    objections = Objection.objects.filter(status=Objection.Status.PENDING)
    if hr is not None:
        proposals = proposals.filter(asn__instansi_id__in=hr)
        objections = objections.filter(evaluation__plan__asn__instansi_id__in=hr)
    proposal_rows = list(
        proposals.order_by()
        .values("period_id", "period__name", "period__year")
        .annotate(n=Count("pk"))
        .order_by("period__year", "period_id")
    )
    objection_agg = objections.aggregate(n=Count("pk"), oldest=Min("filed_at"))
    feedback_agg = moderation_queue(user=user).order_by().aggregate(n=Count("pk"), oldest=Min("created_at"))
    return {
        "proposals": proposal_rows,
        "objections": objection_agg["n"],
        "objections_oldest": objection_agg["oldest"],
        "feedback": feedback_agg["n"],
        "feedback_oldest": feedback_agg["oldest"],
    }
