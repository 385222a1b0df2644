"""Factories and small builders for the performance app."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import factory
from django.utils import timezone

from performance import services
from performance.models import (
    BehaviourRating,
    BerakhlakValue,
    CheckIn,
    Evaluation,
    Indicator,
    Period,
    Plan,
    PlanIndicator,
    PlannedResult,
    PublicFeedback,
    PublicFeedbackChannel,
    RaterAssignment,
    RaterGroup,
    Realisation,
)
from tests.factories.people import ASNFactory, JabatanFactory


class PeriodFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Period
        django_get_or_create = ("year", "instansi")
        skip_postgeneration_save = True

    name = factory.LazyAttribute(lambda o: f"Kinerja {o.year}")
    year = 2026
    instansi = None
    starts_on = factory.LazyAttribute(lambda o: dt.date(o.year, 1, 1))
    ends_on = factory.LazyAttribute(lambda o: dt.date(o.year, 12, 31))
    status = Period.Status.RUNNING

    @factory.post_generation
    def checkins(obj, create, extracted, **kwargs):
        if create:
            services.checkin_create_for(period=obj)


class IndicatorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Indicator

    instansi = None
    code = factory.Sequence(lambda n: f"ind-{n}")
    name = factory.Sequence(lambda n: f"Indikator {n}")
    unit_of_measure = "%"
    direction = Indicator.Direction.HIGHER
    category = Indicator.Category.KUALITAS_PELAYANAN


class PlanFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Plan

    asn = factory.SubFactory(ASNFactory)
    period = factory.SubFactory(PeriodFactory)
    atasan = factory.SelfAttribute("asn.atasan")
    status = Plan.Status.AGREED


def add_indicator(plan: Plan, *, target="100", value=None, direction="higher", weight="1", indicator=None):
    """A planned result with one indicator; ``value`` (if given) is realised at the last check-in."""
    indicator = indicator or IndicatorFactory(direction=direction)
    result = PlannedResult.objects.create(plan=plan, description=f"Hasil {indicator.name}")
    pi = PlanIndicator.objects.create(
        plan=plan, result=result, indicator=indicator, target=Decimal(target), weight=Decimal(weight)
    )
    if value is not None:
        checkin = CheckIn.objects.filter(period=plan.period).order_by("-number").first()
        Realisation.objects.create(plan_indicator=pi, checkin=checkin, value=Decimal(value))
    return pi


def rate(plan: Plan, rater, group: str, score: int) -> RaterAssignment:
    """A submitted assignment with the same score on every value."""
    a, _ = RaterAssignment.objects.get_or_create(plan=plan, rater=rater, defaults={"group": group})
    BehaviourRating.objects.bulk_create(
        [BehaviourRating(assignment=a, value=v, score=score) for v in BerakhlakValue.objects.all()]
    )
    a.submitted_at = timezone.now()
    a.save(update_fields=["submitted_at"])
    return a


def peers_for(asn, n: int, *, prefix: str = "Rekan"):
    """``n`` ASN in the same unit as ``asn``."""
    job = JabatanFactory(unit=asn.unit)
    return [ASNFactory(jabatan=job, name=f"{prefix} {asn.pk}-{i}") for i in range(n)]


def final_evaluation(plan: Plan, *, hasil="sesuai", perilaku="sesuai", predikat="baik") -> Evaluation:
    return Evaluation.objects.create(
        plan=plan,
        status=Evaluation.Status.FINAL,
        hasil_kerja=hasil,
        perilaku_kerja=perilaku,
        predikat=predikat,
        explanation={"groups": [], "indicators": []},
    )


def channel_for(unit) -> PublicFeedbackChannel:
    unit.serves_public = True
    unit.save(update_fields=["serves_public"])
    return PublicFeedbackChannel.objects.get_or_create(unit=unit)[0]


def public_feedback(channel, *, asn=None, rating=5, approved=True) -> PublicFeedback:
    return PublicFeedback.objects.create(
        channel=channel,
        asn=asn,
        rating=rating,
        status=PublicFeedback.Status.APPROVED if approved else PublicFeedback.Status.PENDING,
    )


__all__ = ["RaterGroup"]
