"""HR's reads, limited to the instansi the user manages: periods, follow-up proposals, piagam,
the moderation queue, service units, the audit log and objections."""

from __future__ import annotations

import json

from django.db.models import Avg, Count, Q, QuerySet
from django.shortcuts import get_object_or_404

from pamong.people.access import asn_scope_q, instansi_scope_q, scope_for
from pamong.people.models import Instansi, UnitKerja

from ..models import (
    AuditEntry,
    Evaluation,
    FollowUpProposal,
    FollowUpRule,
    Objection,
    OrganisationPredikat,
    Period,
    Predikat,
    PublicFeedback,
    RaterGroup,
    Rating,
)
from .plans import plans_visible_to


def periods_for(*, user) -> QuerySet[Period]:
    hr = scope_for(user).hr_instansi_ids()
    qs = Period.objects.select_related("instansi")
    if hr is None:
        return qs
    return qs.filter(Q(instansi__isnull=True) | Q(instansi_id__in=hr))


def period_get_for_user(*, user, pk: int) -> Period:
    """A period of :func:`periods_for` ``user``, else 404."""
    return get_object_or_404(periods_for(user=user), pk=pk)


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
    qs = FollowUpProposal.objects.filter(period=period).select_related("asn__unit", "rule")
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


def results_export_rows(*, period: Period, user):
    """Rows of the results CSV (a generator): ASN, unit, ratings, predikat, achievement and the
    shown group averages. No rater appears; hidden groups are empty. Labels are resolved once,
    rows are read as tuples in chunks, so 90,000 rows stream in seconds."""
    rating = {k: str(v) for k, v in Rating.choices}
    predikat = {k: str(v) for k, v in Predikat.choices}
    status = {k: str(v) for k, v in Evaluation.Status.choices}
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


def _managed(qs: QuerySet, *, user, instansi: str) -> QuerySet:
    """``qs`` limited to rows whose instansi (reached through ``instansi``) ``user`` manages as HR."""
    q = instansi_scope_q(user, prefix=instansi)
    return qs if q is None else qs.filter(q)


def managed_instansi_predikats(*, user, period: Period) -> list[dict]:
    """The instansi ``user`` manages (only the period's own for an instansi period), each with its
    organisation predikat for ``period`` (``baik`` until set); at most 100."""
    qs = _managed(Instansi.objects.order_by("name"), user=user, instansi="pk")
    if period.instansi_id:
        qs = qs.filter(pk=period.instansi_id)
    current = dict(OrganisationPredikat.objects.filter(period=period).values_list("instansi_id", "predikat"))
    return [{"instansi": i, "predikat": current.get(i.pk, "baik")} for i in qs[:100]]


def proposal_get_for_hr(*, user, pk: int) -> FollowUpProposal:
    """A follow-up proposal of an ASN whose instansi ``user`` manages, else 404."""
    qs = FollowUpProposal.objects.select_related("asn", "rule", "period")
    return get_object_or_404(_managed(qs, user=user, instansi="asn__instansi_id"), pk=pk)


def certificate_get_for_user(*, user, pk: int) -> FollowUpProposal:
    """An approved piagam for its holder or for HR of the holder's instansi, else 404."""
    qs = FollowUpProposal.objects.select_related("asn__instansi", "period", "rule", "evaluation").filter(
        status=FollowUpProposal.Status.APPROVED, rule__consequence=FollowUpRule.Consequence.CERTIFICATE
    )
    managed = instansi_scope_q(user, prefix="asn__instansi_id")
    if managed is not None:
        asn_id = scope_for(user).asn_id
        qs = qs.filter(managed | Q(asn_id=asn_id) if asn_id else managed)
    return get_object_or_404(qs, pk=pk)


def feedback_get_for_hr(*, user, pk: int) -> PublicFeedback:
    """A public feedback answer about a unit of an instansi ``user`` manages, else 404."""
    qs = PublicFeedback.objects.select_related("channel__unit")
    return get_object_or_404(_managed(qs, user=user, instansi="channel__unit__instansi_id"), pk=pk)


def service_unit_get_for_hr(*, user, pk: int) -> UnitKerja:
    """A unit kerja of an instansi ``user`` manages, else 404."""
    qs = UnitKerja.objects.select_related("instansi")
    return get_object_or_404(_managed(qs, user=user, instansi="instansi_id"), pk=pk)


def objection_get_for_user(*, user, pk: int) -> Objection:
    """An objection ``user`` filed, must decide or manages as HR (:func:`objections_for`), else 404."""
    return get_object_or_404(objections_for(user=user), pk=pk)
