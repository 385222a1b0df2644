"""Plans and proposals for the atasan, and the goal status: the one reading used by the plan page,
/kompetensi/ and the HR profile."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import (
    Exists,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
)
from django.utils.translation import gettext

from pamong.people.access import scope_for
from pamong.people.models import ASN

from ..models import (
    Activity,
    CurrentLevel,
    DevelopmentPlan,
    Goal,
    LevelProposal,
    TrainingEvidence,
)


def plans_to_review(*, user) -> QuerySet[DevelopmentPlan]:
    """Submitted plans of the user's direct reports (HR: of their instansi), oldest first."""
    scope = scope_for(user)
    q = Q(pk__in=[])
    if scope.asn_id:
        q |= Q(asn__atasan_id=scope.asn_id)
    hr = scope.hr_instansi_ids()
    if scope.is_hr:
        q |= Q() if hr is None else Q(asn__instansi_id__in=hr)
    return (
        DevelopmentPlan.objects.filter(q, status=DevelopmentPlan.Status.SUBMITTED)
        .select_related("asn__jabatan", "asn__unit")
        .order_by("submitted_at", "pk")
    )


def plans_awaiting_atasan(*, asn_id: int) -> QuerySet[DevelopmentPlan]:
    """Submitted plans of the direct reports of ``asn_id``, oldest first (the atasan's own queue,
    without the instansi-wide queue HR sees in :func:`plans_to_review`)."""
    return (
        DevelopmentPlan.objects.filter(asn__atasan_id=asn_id, status=DevelopmentPlan.Status.SUBMITTED)
        .select_related("asn")
        .order_by("submitted_at", "pk")
    )


def team_plans(*, user, year: int) -> QuerySet[ASN]:
    """The atasan's direct reports with their plan status for ``year`` (one query)."""
    scope = scope_for(user)
    if not scope.asn_id:
        return ASN.objects.none()
    plan = DevelopmentPlan.objects.filter(asn_id=OuterRef("pk"), year=year)
    return (
        ASN.objects.filter(atasan_id=scope.asn_id, is_active=True)
        .select_related("jabatan")
        .annotate(
            plan_id=Subquery(plan.values("pk")[:1]),
            plan_status=Subquery(plan.values("status")[:1]),
            pending_proposals=Exists(
                LevelProposal.objects.filter(asn_id=OuterRef("pk"), status=LevelProposal.Status.PENDING)
            ),
        )
        .order_by("name")
    )


def proposals_to_decide(*, user) -> QuerySet[LevelProposal]:
    scope = scope_for(user)
    if not scope.asn_id:
        return LevelProposal.objects.none()
    return (
        LevelProposal.objects.filter(asn__atasan_id=scope.asn_id, status=LevelProposal.Status.PENDING)
        .select_related("asn", "competency", "evidence")
        .order_by("pk")
    )


def plan_detail(*, plan_id: int) -> DevelopmentPlan | None:
    return (
        DevelopmentPlan.objects.select_related("asn__jabatan", "asn__unit", "asn__atasan", "decided_by")
        .prefetch_related("goals__activities__course", "goals__competency")
        .filter(pk=plan_id)
        .first()
    )


# --------------------------------------------------------------------------------------------------
# Goal status: the one reading used by the plan page, /kompetensi/ and the HR profile
# --------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class GoalState:
    """What a goal's status is, told the same way everywhere.

    ``done`` — stored as done, or its target level is reached (current level ≥ target), or all its
    activities are done (a catalogue course counts as done once the ASN completed it, even before
    the plan was approved: the approval credits it, :func:`competencies.services.plan_goals_settle`).
    """

    done: bool
    label: str
    detail: str
    current_level: int | None = None
    activities_done: int = 0
    activities_total: int = 0


def goal_states(*, asn_id: int, goals: list[Goal]) -> dict[int, GoalState]:
    """:class:`GoalState` per goal id of ``goals`` (goals of ``asn_id``'s plans). At most three
    queries whatever the number of goals: current levels, activities, completed courses."""
    goals = list(goals)
    if not goals:
        return {}
    levels = dict(CurrentLevel.objects.filter(asn_id=asn_id).values_list("competency_id", "level"))
    activities = list(
        Activity.objects.filter(goal_id__in=[g.pk for g in goals]).values_list(
            "goal_id", "course_id", "done_on"
        )
    )
    course_ids = {course_id for _g, course_id, done_on in activities if course_id and done_on is None}
    completed = (
        set(
            TrainingEvidence.objects.filter(
                asn_id=asn_id, page_id__in=course_ids, course_id__in=course_ids
            ).values_list("page_id", flat=True)
        )
        if course_ids
        else set()
    )
    counts: dict[int, list[int]] = {}
    for goal_id, course_id, done_on in activities:
        pair = counts.setdefault(goal_id, [0, 0])
        pair[1] += 1
        if done_on is not None or course_id in completed:
            pair[0] += 1
    labels = dict(Goal.Status.choices)
    states = {}
    for goal in goals:
        done_count, total = counts.get(goal.pk, [0, 0])
        is_level_goal = bool(goal.competency_id and goal.target_level)
        current = levels.get(goal.competency_id, 0) if goal.competency_id else None
        reached = is_level_goal and current >= goal.target_level
        done = goal.status == Goal.Status.DONE or reached or (total > 0 and done_count == total)
        parts = []
        if is_level_goal:
            if reached:
                parts.append(
                    gettext("level %(c)d, sasaran level %(t)d") % {"c": current, "t": goal.target_level}
                )
            elif not done:
                parts.append(gettext("kesenjangan %(g)d level") % {"g": goal.target_level - current})
        if total:
            parts.append(gettext("%(d)d dari %(n)d kegiatan selesai") % {"d": done_count, "n": total})
        states[goal.pk] = GoalState(
            done=done,
            label=str(labels[Goal.Status.DONE if done else Goal.Status.OPEN]),
            detail=" · ".join(parts),
            current_level=current,
            activities_done=done_count,
            activities_total=total,
        )
    return states


def goals_with_state(*, asn_id: int, goals) -> list[Goal]:
    """``goals`` as a list, each with ``.state`` (:func:`goal_states`) for templates."""
    goals = list(goals)
    states = goal_states(asn_id=asn_id, goals=goals)
    for goal in goals:
        goal.state = states[goal.pk]
    return goals
