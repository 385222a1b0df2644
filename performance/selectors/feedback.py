"""360° and public feedback as people read it. :func:`rater_group_summaries` is the only read of
360° scores for a ratee, an atasan, HR, the export and the API: per group a count and, where
allowed, averages — never a rater, an assignment or a single score."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Avg, Count, QuerySet
from django.shortcuts import get_object_or_404

from pamong.people.access import scope_for
from pamong.people.models import ASN

from ..models import (
    ANONYMOUS_GROUPS,
    BehaviourRating,
    BerakhlakValue,
    Evaluation,
    EvaluationSettings,
    Period,
    Plan,
    PublicFeedback,
    PublicFeedbackChannel,
    RaterAssignment,
    RaterGroup,
)
from ..scoring import settings_for, weighted_average

SERVICE_VALUE_CODE = "berorientasi-pelayanan"


#: Period statuses in which 360° answers are collected (the rating window).
RATING_WINDOW_STATUSES = (Period.Status.PLANNING, Period.Status.RUNNING)


def rating_window_open(*, plan: Plan, is_final: bool | None = None) -> bool:
    """True while raters may still answer: the period is in planning or running and the result is
    not final. When the period moves to evaluation (or the result is finalised) the window closes."""
    if plan.period.status not in RATING_WINDOW_STATUSES:
        return False
    if is_final is None:
        is_final = Evaluation.objects.filter(plan=plan, status=Evaluation.Status.FINAL).exists()
    return not is_final


@dataclass
class GroupSummary:
    """``answered`` is ``None`` where the group is not published: a count below the threshold, or
    any count while the window is open, would tell what one rater did."""

    group: str
    label: str
    answered: int | None
    shown: bool
    average: Decimal | None = None
    by_value: dict[str, Decimal] = field(default_factory=dict)
    weight: int = 0


def rater_group_summaries(*, plan: Plan, settings: EvaluationSettings | None = None) -> list[GroupSummary]:
    """Per rater group: how many answered and, where allowed, the averages. No identities.

    The anonymous groups (peers, subordinates, the public) are published — count and averages —
    only once the rating window has closed (:func:`rating_window_open`) and only when at least
    ``min_group_size`` raters answered. Otherwise neither their count nor their average appears,
    so comparing two readings never isolates one rater's answer. The atasan and the ratee's own
    rating are not anonymous and are shown as they come in.
    """
    settings = settings or settings_for(instansi_id=plan.asn.instansi_id)
    window_open = rating_window_open(plan=plan)
    weights = settings.weights()
    answered = dict(
        RaterAssignment.objects.filter(plan=plan, submitted_at__isnull=False)
        .values_list("group")
        .annotate(n=Count("pk"))
        .values_list("group", "n")
    )
    per_value: dict[str, dict[str, Decimal]] = {}
    for row in (
        BehaviourRating.objects.filter(assignment__plan=plan, assignment__submitted_at__isnull=False)
        .values("assignment__group", "value__code")
        .annotate(avg=Avg("score"))
    ):
        per_value.setdefault(row["assignment__group"], {})[row["value__code"]] = Decimal(
            str(row["avg"])
        ).quantize(Decimal("0.01"))
    public = public_feedback_for_asn(asn_id=plan.asn_id, period=plan.period)
    answered[RaterGroup.PUBLIC] = public["count"]
    if public["average"] is not None:
        per_value[RaterGroup.PUBLIC] = {SERVICE_VALUE_CODE: public["average"]}
    summaries = []
    for group, label in RaterGroup.choices:
        n = answered.get(group, 0)
        anonymous = group in ANONYMOUS_GROUPS
        shown = (not window_open and n >= settings.min_group_size) if anonymous else n > 0
        values = per_value.get(group, {}) if shown else {}
        avg = weighted_average([(v, Decimal(1)) for v in values.values()]) if values else None
        summaries.append(
            GroupSummary(
                group=group,
                label=str(label),
                answered=n if shown or not anonymous else None,
                shown=shown,
                average=avg,
                by_value=values,
                weight=weights.get(group, 0),
            )
        )
    return summaries


def public_feedback_for_asn(*, asn_id: int, period: Period) -> dict:
    """Approved public feedback naming the ASN within the period's dates: count and average."""
    agg = PublicFeedback.objects.filter(
        asn_id=asn_id,
        status=PublicFeedback.Status.APPROVED,
        created_at__date__gte=period.starts_on,
        created_at__date__lte=period.ends_on,
    ).aggregate(n=Count("pk"), avg=Avg("rating"))
    avg = Decimal(str(agg["avg"])).quantize(Decimal("0.01")) if agg["avg"] is not None else None
    return {"count": agg["n"], "average": avg}


def pending_rating_tasks(*, asn_id: int) -> QuerySet[RaterAssignment]:
    """The rater's unanswered assignments whose rating window is still open."""
    return (
        RaterAssignment.objects.filter(
            rater_id=asn_id, submitted_at__isnull=True, plan__period__status__in=RATING_WINDOW_STATUSES
        )
        .exclude(plan__evaluation__status=Evaluation.Status.FINAL)
        .select_related("plan__asn", "plan__period")
        .order_by("plan__period__year", "plan__asn__name")
    )


def berakhlak_values() -> list[BerakhlakValue]:
    return list(BerakhlakValue.objects.prefetch_related("indicators").order_by("order"))


def rating_assignment_for_user(*, user, pk: int) -> RaterAssignment:
    """One 360° assignment whose rater is ``user``, else 404 (nobody sees another rater's task)."""
    return get_object_or_404(
        RaterAssignment.objects.select_related("plan__asn", "plan__period"),
        pk=pk,
        rater_id=scope_for(user).asn_id or 0,
    )


def peer_candidates(*, plan: Plan) -> QuerySet[ASN]:
    """Whom the atasan or HR may pick as peers: active ASN of the ratee's unit, not the ratee or
    the atasan (the first 200 by name)."""
    return (
        ASN.objects.filter(instansi_id=plan.asn.instansi_id, unit_id=plan.asn.unit_id, is_active=True)
        .exclude(pk__in=[plan.asn_id, plan.atasan_id or 0])
        .order_by("name")[:200]
    )


def peers_chosen(*, ids: list[int]) -> list[ASN]:
    """The ASN behind the submitted ids. Not scoped on purpose: ``rater_assign_peers`` refuses
    anyone outside the ratee's instansi with a message instead of dropping them silently."""
    return list(ASN.objects.filter(pk__in=ids))


def peer_ids_assigned(*, plan: Plan) -> set[int]:
    """The ASN already asked to rate ``plan`` as peers (chosen by the atasan or HR themselves)."""
    return set(
        RaterAssignment.objects.filter(plan=plan, group=RaterGroup.PEER).values_list("rater_id", flat=True)
    )


def public_channel_active(*, token: str) -> PublicFeedbackChannel | None:
    """The active public feedback form behind a QR code's ``token``, or ``None``."""
    return (
        PublicFeedbackChannel.objects.select_related("unit__instansi")
        .filter(token=token, is_active=True)
        .first()
    )


def public_channel_get_or_404(*, token: str) -> PublicFeedbackChannel:
    """The form behind ``token`` whether active or not (its thank-you page), else 404."""
    return get_object_or_404(PublicFeedbackChannel.objects.select_related("unit"), token=token)


def public_channel_staff(*, channel: PublicFeedbackChannel) -> list[ASN]:
    """The unit's active staff the public may name (names only, first 200)."""
    return list(
        ASN.objects.filter(unit_id=channel.unit_id, is_active=True).only("pk", "name").order_by("name")[:200]
    )
