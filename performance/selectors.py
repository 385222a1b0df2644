"""Reads of performance data. Every function that serves a person takes ``user`` and scopes
through :mod:`pamong.people.access`.

Anonymity: :func:`rater_group_summaries` is the only read of 360° scores for a ratee, an atasan,
HR, the CSV export and the JSON API. It returns, per group, the number of raters who answered and
— only when that number reaches ``min_group_size`` for the anonymous groups (peers,
subordinates, the public) — averages. It never returns a rater, an assignment or a single score.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from django.db.models import Avg, Count, Min, Q, QuerySet
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from pamong import formats
from pamong.people.access import asn_scope_q, scope_for
from pamong.people.models import Instansi, UnitKerja
from pamong.people.regulation import RuleKind

from .models import (
    ANONYMOUS_GROUPS,
    AuditEntry,
    BehaviourRating,
    BerakhlakValue,
    CheckIn,
    DistributionRule,
    Evaluation,
    EvaluationSettings,
    FollowUpProposal,
    FollowUpRule,
    Objection,
    OrganisationPredikat,
    OrgPredikat,
    Period,
    Plan,
    PlanIndicator,
    Predikat,
    PredikatMatrixCell,
    PublicFeedback,
    RaterAssignment,
    RaterGroup,
    Rating,
    Realisation,
)
from .scoring import (
    hasil_kerja_from_achievement,
    indicator_achievement_pct,
    perilaku_kerja_from_score,
    settings_for,
    weighted_average,
)

SERVICE_VALUE_CODE = "berorientasi-pelayanan"


# --- plans ------------------------------------------------------------------------------------


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
    from pamong.people.models import ASN

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


# --- 360° -------------------------------------------------------------------------------------


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


# --- proposal and explanation -----------------------------------------------------------------


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


# --- HR ---------------------------------------------------------------------------------------


def periods_for(*, user) -> QuerySet[Period]:
    hr = scope_for(user).hr_instansi_ids()
    qs = Period.objects.select_related("instansi")
    if hr is None:
        return qs
    return qs.filter(Q(instansi__isnull=True) | Q(instansi_id__in=hr))


def period_scope_instansi_ids(*, user, instansi_id: int | None = None) -> list[int]:
    """The instansi whose plans the HR ``user`` sees on a period page (one of them with
    ``instansi_id``; none when it is outside the user's scope)."""
    hr = scope_for(user).hr_instansi_ids()
    ids = set(Instansi.objects.values_list("pk", flat=True)) if hr is None else set(hr)
    if instansi_id is not None:
        ids &= {instansi_id}
    return sorted(ids)


def period_counts(*, tallies: dict[int, dict]) -> dict:
    """SKP, agreed, evaluated and final counts summed over :func:`performance.tallies.period_tallies`."""
    counts = {"plans": 0, "agreed": 0, "evaluated": 0, "final": 0}
    for units in tallies.values():
        for unit in units.values():
            for key in counts:
                counts[key] += unit[key]
    return counts


def proposals_for(*, period: Period, user, status: str = "") -> QuerySet[FollowUpProposal]:
    q = asn_scope_q(user, prefix="asn__")
    qs = FollowUpProposal.objects.filter(period=period).select_related("asn__unit", "rule", "evaluation")
    if q is not None:
        qs = qs.filter(q)
    if status:
        qs = qs.filter(status=status)
    return qs.order_by("asn__name", "rule__kind", "rule__name")


def certificates_for_asn(*, asn_id: int, period_id: int | None = None) -> list[FollowUpProposal]:
    """The ASN's own piagam penghargaan (approved certificate rewards), newest period first."""
    qs = FollowUpProposal.objects.filter(
        asn_id=asn_id,
        status=FollowUpProposal.Status.APPROVED,
        rule__consequence=FollowUpRule.Consequence.CERTIFICATE,
        certificate_code__isnull=False,
    ).select_related("period")
    if period_id is not None:
        qs = qs.filter(period_id=period_id)
    return list(qs.order_by("-period__year", "-period__pk", "pk"))


def certificate_public(*, code: str) -> FollowUpProposal | None:
    """The approved piagam with verification ``code``, for its public verification page."""
    return (
        FollowUpProposal.objects.select_related("asn__instansi", "period", "evaluation")
        .filter(
            certificate_code=code,
            status=FollowUpProposal.Status.APPROVED,
            rule__consequence=FollowUpRule.Consequence.CERTIFICATE,
        )
        .first()
    )


def moderation_queue(
    *, user, status: str = PublicFeedback.Status.PENDING, instansi_id: int | None = None
) -> QuerySet[PublicFeedback]:
    hr = scope_for(user).hr_instansi_ids()
    qs = PublicFeedback.objects.filter(status=status).select_related("channel__unit", "asn")
    if hr is not None:
        qs = qs.filter(channel__unit__instansi_id__in=hr)
    if instansi_id is not None:
        qs = qs.filter(channel__unit__instansi_id=instansi_id)
    return qs.order_by("created_at")


def service_units_with_feedback(*, user, instansi_id: int | None = None) -> QuerySet[UnitKerja]:
    """Public service units the user manages (of one instansi with ``instansi_id``), each with its
    approved feedback count and average."""
    hr = scope_for(user).hr_instansi_ids()
    units = (
        UnitKerja.objects.filter(serves_public=True)
        .select_related("instansi")
        .only("pk", "name", "instansi__name")
        .order_by("instansi__name", "name")
    )
    if hr is not None:
        units = units.filter(instansi_id__in=hr)
    if instansi_id is not None:
        units = units.filter(instansi_id=instansi_id)
    approved = Q(feedback_channel__feedback__status=PublicFeedback.Status.APPROVED)
    return units.annotate(
        approved=Count("feedback_channel__feedback", filter=approved),
        average=Avg("feedback_channel__feedback__rating", filter=approved),
    )


def audit_entries_for(*, user) -> QuerySet[AuditEntry]:
    hr = scope_for(user).hr_instansi_ids()
    qs = AuditEntry.objects.select_related("actor", "asn")
    if hr is not None:
        qs = qs.filter(instansi_id__in=hr)
    return qs.order_by("-created_at", "-pk")


def objections_for(*, user) -> QuerySet[Objection]:
    """Objections the user filed, must decide, or (HR) manages."""
    scope = scope_for(user)
    qs = Objection.objects.select_related("evaluation__plan__asn", "decider")
    q = Q(pk__in=[])
    if scope.asn_id:
        q |= Q(decider_id=scope.asn_id) | Q(evaluation__plan__asn_id=scope.asn_id)
    hr = scope.hr_instansi_ids()
    if hr is None:
        return qs
    if hr:
        q |= Q(evaluation__plan__asn__instansi_id__in=hr)
    return qs.filter(q)


@dataclass
class UnitDistribution:
    unit_id: int
    unit_name: str
    instansi_id: int
    total: int
    counts: dict[str, int]
    percents: dict[str, Decimal]
    org_predikat: str
    warnings: list[str]


def distribution_by_unit(
    *, period: Period, tallies: dict[int, dict], by_instansi: bool = False
) -> list[UnitDistribution]:
    """Final predikat counts per unit (or per instansi) from the period tallies, checked against
    the pattern for the instansi's own predikat. Three queries whatever the number of units."""
    groups: dict[int, dict] = {}
    for instansi_id, units in tallies.items():
        for unit_id, unit in units.items():
            if not unit["final"]:
                continue
            key = instansi_id if by_instansi else unit_id
            g = groups.setdefault(key, {"instansi": instansi_id, "counts": {}})
            for code, n in unit["predikat"].items():
                g["counts"][code] = g["counts"].get(code, 0) + n
    model = Instansi if by_instansi else UnitKerja
    names = dict(model.objects.filter(pk__in=groups).values_list("pk", "name"))
    org = dict(OrganisationPredikat.objects.filter(period=period).values_list("instansi_id", "predikat"))
    rules: dict[str, list[DistributionRule]] = {}
    for rule in DistributionRule.objects.all():
        rules.setdefault(rule.org_predikat, []).append(rule)
    result = []
    for key, g in sorted(groups.items(), key=lambda item: (names.get(item[0], ""), item[0])):
        counts = {p: g["counts"].get(p, 0) for p in Predikat.values}
        total = sum(counts.values())
        percents = {p: (Decimal(c) * 100 / total).quantize(Decimal("0.1")) for p, c in counts.items()}
        org_predikat = org.get(g["instansi"], OrgPredikat.BAIK)
        warnings = distribution_warnings(counts=counts, rules=rules.get(org_predikat, []))
        result.append(
            UnitDistribution(
                key, names.get(key, ""), g["instansi"], total, counts, percents, org_predikat, warnings
            )
        )
    return result


def distribution_warnings(*, counts: dict[str, int], rules: list[DistributionRule]) -> list[str]:
    """Descriptions of the pattern rules that ``counts`` break."""
    total = sum(counts.values())
    broken = []
    for rule in rules:
        n = sum(counts.get(code, 0) for code in rule.codes)
        pct = Decimal(n) * 100 / total if total else Decimal(0)
        if (
            (rule.min_pct is not None and pct < rule.min_pct)
            or (rule.max_pct is not None and pct > rule.max_pct)
            or (rule.min_count is not None and n < rule.min_count)
        ):
            broken.append(rule.description)
    return broken


def results_export_rows(*, period: Period, user):
    """Rows of the results CSV (a generator): ASN, unit, ratings, predikat, achievement and the
    shown group averages. No rater appears; hidden groups are empty. Labels are resolved once,
    rows are read as tuples in chunks, so 90,000 rows stream in seconds."""
    from .models import Evaluation as Ev

    rating = {k: str(v) for k, v in Rating.choices}
    predikat = {k: str(v) for k, v in Predikat.choices}
    status = {k: str(v) for k, v in Ev.Status.choices}
    rows = (
        plans_visible_to(user=user)
        .filter(period=period, evaluation__isnull=False)
        .order_by("asn__name", "pk")
        .values_list(
            "asn__nip",
            "asn__name",
            "asn__unit__name",
            "evaluation__achievement_pct",
            "evaluation__hasil_kerja",
            "evaluation__perilaku_score",
            "evaluation__perilaku_kerja",
            "evaluation__predikat",
            "evaluation__status",
            "evaluation__explanation",
        )
    )
    for nip, name, unit, pct, hasil, score, perilaku, pred, st, explanation in rows.iterator(chunk_size=5000):
        if isinstance(explanation, str):  # some backends hand JSON back as text in values_list
            import json

            explanation = json.loads(explanation)
        groups = {g["group"]: g for g in (explanation or {}).get("groups", [])}
        yield [
            nip,
            name,
            unit,
            "" if pct is None else pct,
            rating.get(hasil, hasil),
            "" if score is None else score,
            rating.get(perilaku, perilaku),
            predikat.get(pred, pred),
            status.get(st, st),
            *[
                (groups.get(g, {}).get("average") or "") if groups.get(g, {}).get("shown") else ""
                for g in RaterGroup.values
            ],
        ]


# --- what waits for one person (the start page) ---------------------------------------------


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


# --- reminders --------------------------------------------------------------------------------


def reminder_messages(*, today, days: int = 14) -> dict[int, list[str]]:
    """Pending work per recipient (user id), in a few grouped queries (no query per ASN).

    * draft SKP of direct reports → the atasan;
    * no SKP yet in a planning or running period → the ASN;
    * a check-in due within ``days`` without a realisation → the ASN;
    * agreed SKP without a result in an evaluation period → the atasan;
    * 360° ratings not yet given → the rater.
    """
    import datetime as dt

    from django.utils.translation import gettext as _

    from pamong.people.models import ASN

    out: dict[int, list[str]] = {}

    def add(user_id: int | None, line: str) -> None:
        if user_id:
            out.setdefault(user_id, []).append(line)

    open_periods = list(Period.objects.filter(status__in=[Period.Status.PLANNING, Period.Status.RUNNING]))
    for period in open_periods:
        drafts = (
            Plan.objects.filter(period=period, status=Plan.Status.DRAFT, atasan__isnull=False)
            .values("atasan__user_id")
            .annotate(n=Count("pk"))
        )
        for row in drafts:
            add(
                row["atasan__user_id"],
                _("%(n)s SKP bawahan menunggu persetujuan (%(p)s).") % {"n": row["n"], "p": period.name},
            )
        without = ASN.objects.filter(is_active=True).exclude(plans__period=period)
        if period.instansi_id:
            without = without.filter(instansi_id=period.instansi_id)
        for user_id in without.values_list("user_id", flat=True).iterator(chunk_size=5000):
            add(user_id, _("Susun SKP Anda untuk %(p)s.") % {"p": period.name})
        checkin = (
            CheckIn.objects.filter(
                period=period, due_on__gte=today, due_on__lte=today + dt.timedelta(days=days)
            )
            .order_by("due_on")
            .first()
        )
        if checkin and period.status == Period.Status.RUNNING:
            missing = (
                PlanIndicator.objects.filter(plan__period=period, plan__status=Plan.Status.AGREED)
                .exclude(realisations__checkin=checkin)
                .values("plan__asn__user_id")
                .annotate(n=Count("pk"))
            )
            for row in missing:
                add(
                    row["plan__asn__user_id"],
                    _("%(n)s indikator belum diisi realisasinya untuk %(c)s (tenggat %(d)s).")
                    % {"n": row["n"], "c": checkin.label, "d": formats.date_long(checkin.due_on)},
                )
    for period in Period.objects.filter(status=Period.Status.EVALUATION):
        pending = (
            Plan.objects.filter(
                period=period, status=Plan.Status.AGREED, evaluation__isnull=True, atasan__isnull=False
            )
            .values("atasan__user_id")
            .annotate(n=Count("pk"))
        )
        for row in pending:
            add(
                row["atasan__user_id"],
                _("%(n)s bawahan menunggu penilaian (%(p)s).") % {"n": row["n"], "p": period.name},
            )
    tasks = (
        RaterAssignment.objects.filter(
            submitted_at__isnull=True,
            plan__period__status__in=RATING_WINDOW_STATUSES,
        )
        .exclude(plan__evaluation__status=Evaluation.Status.FINAL)
        .values("rater__user_id")
        .annotate(n=Count("pk"))
    )
    for row in tasks:
        add(
            row["rater__user_id"],
            _("%(n)s penilaian perilaku kerja (360°) menunggu Anda.") % {"n": row["n"]},
        )
    return out


# --- where the rules come from ------------------------------------------------------------------


@dataclass(frozen=True)
class RuleBasisRow:
    """One rule as explained to users: what it is, national or local, and its source."""

    title: str
    detail: str
    source: str
    source_kind: str
    source_kind_label: str

    @property
    def is_national(self) -> bool:
        return self.source_kind == RuleKind.NATIONAL


def _basis_row(title, detail, row) -> RuleBasisRow:
    return RuleBasisRow(
        title=str(title),
        detail=str(detail),
        source=row.source,
        source_kind=row.source_kind,
        source_kind_label=str(row.get_source_kind_display()),
    )


def rule_bases_for(*, instansi_id: int | None) -> list[RuleBasisRow]:
    """The rules that decide a predikat and what follows it for an ASN of ``instansi_id``, each
    with its basis: the national ones first (matrix, BerAKHLAK, distribution pattern), then the
    local ones (thresholds and weights, the active reward and sanction rules). Five queries."""
    rows: list[RuleBasisRow] = []
    matrix = PredikatMatrixCell.objects.order_by("pk").first()
    if matrix is not None:
        rows.append(
            _basis_row(_("Matriks predikat kinerja"), _("Hasil kerja × perilaku kerja → predikat."), matrix)
        )
    value = BerakhlakValue.objects.order_by("order").first()
    if value is not None:
        rows.append(_basis_row(_("Nilai dasar BerAKHLAK"), _("Aspek penilaian perilaku kerja."), value))
    distribution = DistributionRule.objects.order_by("pk").first()
    if distribution is not None:
        rows.append(
            _basis_row(
                _("Pola distribusi predikat"),
                _("Sebaran predikat pegawai menurut predikat organisasi."),
                distribution,
            )
        )
    s = settings_for(instansi_id=instansi_id)
    weights = s.weights()
    rows.append(
        _basis_row(
            _("Ambang usulan rating dan bobot 360°"),
            _(
                "Hasil kerja: di atas ekspektasi bila capaian ≥ %(up)s, sesuai bila ≥ %(mid)s. "
                "Perilaku kerja: di atas bila skor ≥ %(pup)s, sesuai bila ≥ %(pmid)s. Bobot penilai: "
                "atasan %(a)s, rekan %(p)s, bawahan %(b)s, masyarakat %(m)s."
            )
            % {
                "up": formats.percent(s.hasil_di_atas_pct),
                "mid": formats.percent(s.hasil_sesuai_pct),
                "pup": s.perilaku_di_atas_score,
                "pmid": s.perilaku_sesuai_score,
                "a": formats.percent(weights["atasan"]),
                "p": formats.percent(weights["peer"]),
                "b": formats.percent(weights["subordinate"]),
                "m": formats.percent(weights["public"]),
            },
            s,
        )
    )
    rules = FollowUpRule.objects.filter(is_active=True).filter(
        Q(instansi__isnull=True) | Q(instansi_id=instansi_id)
    )
    for rule in rules.select_related("trigger_indicator").order_by("kind", "name"):
        detail = f"{rule.trigger_text} → {rule.get_consequence_display()}"
        if rule.tpp_percent is not None:
            detail += f" ({rule.tpp_percent.normalize():f}%)"
        rows.append(_basis_row(rule.name, detail, rule))
    return rows
