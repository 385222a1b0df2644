"""API fixtures: one of each record for staff_a (instansi A) and for staff_b (instansi B), a 360°
with named peer raters, and an API client per role."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pytest
from django.core.cache import cache
from rest_framework.test import APIClient

from competencies import services as competency_services
from competencies.models import Activity
from learning.models import Enrolment
from performance import services as performance_services
from performance.models import FollowUpProposal, FollowUpRule, RaterGroup
from tests.factories.competencies import managerial, set_levels, set_standard
from tests.factories.learning import make_course
from tests.factories.people import make_nip
from tests.factories.performance import (
    PeriodFactory,
    PlanFactory,
    add_indicator,
    final_evaluation,
    peers_for,
    rate,
)


@dataclass
class ApiData:
    period: object
    course: object
    plan_a: object  # SKP of staff_a
    evaluation_a: object  # rated with a 360° by named peers
    evaluation_b: object
    raters: list  # ASN who rated staff_a
    dplan_a: object
    dplan_b: object
    enrolment_a: object
    enrolment_b: object
    award_a: object
    award_b: object
    proposed_a: object  # an award still waiting for HR


def build_api_data(world) -> ApiData:
    # the 360° window is closed (evaluation stage): group results may be published
    period = PeriodFactory(year=2026, status="evaluation")
    # performance: staff_a rated through the real service after 4 named peers and 3 subordinates-free
    plan_a = PlanFactory(asn=world.staff_a, period=period)
    add_indicator(plan_a, target="100", value="104")
    raters = peers_for(world.staff_a, 4, prefix="Penilai Rahasia")
    for i, rater in enumerate(raters):
        rater.nip = make_nip(birth=f"1970010{i + 1}", cpns="199901", sex="2")
        rater.save(update_fields=["nip"])
        rate(plan_a, rater, RaterGroup.PEER, 4)
    rate(plan_a, world.atasan_a, RaterGroup.ATASAN, 4)
    evaluation_a = performance_services.evaluation_save(
        plan=plan_a,
        hasil_kerja="sesuai",
        perilaku_kerja="sesuai",
        hasil_kerja_reason="Sesuai kesepakatan.",
        perilaku_kerja_reason="Sesuai pengamatan.",
        actor=world.atasan_a.user,
    )
    plan_b = PlanFactory(asn=world.staff_b, period=period)
    evaluation_b = final_evaluation(plan_b, predikat="sangat_baik", hasil="di_atas", perilaku="di_atas")
    # competencies
    set_standard(world.staff_a.jabatan, {"M.1": 3, "M.3": 3})
    set_levels(world.staff_a, {"M.1": 2, "M.3": 4})
    dplan_a = competency_services.plan_create(asn=world.staff_a, year=2026, suggest=False)
    goal = competency_services.goal_add(
        user=world.staff_a.user, plan=dplan_a, competency=managerial("M.1"), target_level=3
    )
    competency_services.activity_add(
        user=world.staff_a.user, goal=goal, kind=Activity.Kind.SELF_STUDY, title="Membaca pedoman", jp=2
    )
    dplan_b = competency_services.plan_create(asn=world.staff_b, year=2026, suggest=False)
    # learning
    course = make_course(modules=1, lessons=1)
    at = dt.datetime(2026, 3, 1, tzinfo=dt.UTC)
    enrolment_a = Enrolment.objects.create(
        asn=world.staff_a, course=course, enrolled_at=at, progress=100, completed_at=at, jp_credited=4
    )
    enrolment_b = Enrolment.objects.create(asn=world.staff_b, course=course, enrolled_at=at)
    # awards and sanctions
    certificate = FollowUpRule.objects.filter(consequence="certificate").first()
    warning = FollowUpRule.objects.filter(kind="sanction").first()
    award_a = FollowUpProposal.objects.create(
        period=period,
        asn=world.staff_a,
        rule=certificate,
        evaluation=evaluation_a,
        basis="Predikat baik",
        status=FollowUpProposal.Status.APPROVED,
    )
    award_b = FollowUpProposal.objects.create(
        period=period, asn=world.staff_b, rule=certificate, basis="Predikat", status="approved"
    )
    proposed_a = FollowUpProposal.objects.create(
        period=period, asn=world.staff_a2, rule=warning, basis="Capaian rendah"
    )
    return ApiData(
        period, course, plan_a, evaluation_a, evaluation_b, raters, dplan_a, dplan_b,
        enrolment_a, enrolment_b, award_a, award_b, proposed_a,
    )  # fmt: skip


@pytest.fixture
def api_data(world) -> ApiData:
    return build_api_data(world)


@pytest.fixture
def api_for():
    """``api_for(user)``: an APIClient signed in (session) as ``user``, anonymous for ``None``."""

    def make(user):
        client = APIClient()
        if user is not None:
            client.force_authenticate(user=None)
            client.force_login(user)
        return client

    return make


@pytest.fixture(autouse=True)
def _clear_throttles():
    cache.clear()
    yield
    cache.clear()
