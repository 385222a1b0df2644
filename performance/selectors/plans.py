"""SKP as its owner, the atasan and HR read them: scoped plans and their indicator rows."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from django.db.models import QuerySet
from django.http import Http404
from django.shortcuts import get_object_or_404

from pamong.people.access import asn_scope_q
from pamong.people.models import ASN

from ..models import CheckIn, Evidence, FeedbackComment, Period, Plan, PlanIndicator, Realisation
from ..scoring import indicator_achievement_pct


def plans_visible_to(*, user) -> QuerySet[Plan]:
    q = asn_scope_q(user, prefix="asn__")
    qs = Plan.objects.all()
    return qs if q is None else qs.filter(q)


def plan_get_for_user(*, user, pk: int) -> Plan:
    """The plan if ``user`` may see it, else 404 (outside scope looks like not existing)."""
    try:
        return (
            plans_visible_to(user=user)
            .select_related(
                "asn__instansi", "asn__unit", "asn__jabatan", "asn__atasan", "period", "atasan__atasan"
            )
            .get(pk=pk)
        )
    except (Plan.DoesNotExist, ValueError):
        raise Http404 from None


def current_periods() -> list[Period]:
    return list(Period.objects.exclude(status=Period.Status.CLOSED).order_by("-year"))


def own_plans(*, asn_id: int) -> list[Plan]:
    return list(
        Plan.objects.filter(asn_id=asn_id).select_related("period", "evaluation").order_by("-period__year")
    )


def subordinate_plans(*, asn_id: int, period: Period) -> list[dict]:
    """The direct reports of ``asn_id`` with their plan (if any) in ``period``: two queries."""
    reports = list(
        ASN.objects.filter(atasan_id=asn_id, is_active=True).select_related("jabatan").order_by("name")
    )
    plans = {
        p.asn_id: p
        for p in Plan.objects.filter(period=period, asn_id__in=[r.pk for r in reports]).select_related(
            "evaluation"
        )
    }
    return [{"asn": r, "plan": plans.get(r.pk)} for r in reports]


@dataclass
class IndicatorRow:
    plan_indicator: PlanIndicator
    realisations: dict[int, Realisation]
    latest: Realisation | None
    achievement_pct: Decimal | None


def plan_indicator_rows(*, plan: Plan) -> list[IndicatorRow]:
    """Each SKP indicator with its realisations per check-in and its achievement (two queries)."""
    pis = list(
        PlanIndicator.objects.filter(plan=plan)
        .select_related("indicator", "result")
        .order_by("-result__kind", "result__order", "result_id", "pk")  # utama before tambahan
    )
    by_pi: dict[int, dict[int, Realisation]] = {pi.pk: {} for pi in pis}
    for r in (
        Realisation.objects.filter(plan_indicator__plan=plan)
        .select_related("checkin")
        .prefetch_related("evidence")
        .order_by("checkin__number")
    ):
        by_pi[r.plan_indicator_id][r.checkin.number] = r
    rows = []
    for pi in pis:
        reals = by_pi[pi.pk]
        latest = reals[max(reals)] if reals else None
        rows.append(
            IndicatorRow(
                plan_indicator=pi,
                realisations=reals,
                latest=latest,
                achievement_pct=indicator_achievement_pct(
                    target=pi.target, value=latest.value if latest else None, direction=pi.indicator.direction
                ),
            )
        )
    return rows


def period_open_get_or_404(*, pk: int) -> Period:
    """A period that is not closed (where an SKP may still be started), else 404."""
    return get_object_or_404(Period.objects.exclude(status=Period.Status.CLOSED), pk=pk)


def checkins_of(*, period: Period) -> list[CheckIn]:
    """The period's check-ins in order (the columns of the SKP page)."""
    return list(CheckIn.objects.filter(period=period))


def plan_comments(*, plan: Plan) -> list[FeedbackComment]:
    """The atasan's comments on an SKP the caller already may see, oldest first."""
    return list(FeedbackComment.objects.filter(plan=plan).select_related("author"))


def plan_indicator_get_or_404(*, plan: Plan, pk: int) -> PlanIndicator:
    """One indicator of ``plan`` (already scoped by :func:`plan_get_for_user`), else 404."""
    return get_object_or_404(PlanIndicator, pk=pk, plan=plan)


def evidence_get_for_user(*, user, pk: int) -> Evidence:
    """An evidence file of an SKP ``user`` may see, else 404 (one query)."""
    q = asn_scope_q(user, prefix="realisation__plan_indicator__plan__asn__")
    qs = Evidence.objects.all() if q is None else Evidence.objects.filter(q)
    return get_object_or_404(qs, pk=pk)
