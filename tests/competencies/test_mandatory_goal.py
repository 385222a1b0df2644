"""The public service other apps call: a mandatory goal in a person's development plan."""

import pytest
from django.core.exceptions import ValidationError

from competencies import services
from competencies.models import DevelopmentPlan, Goal
from tests.factories.competencies import managerial, set_standard

pytestmark = pytest.mark.django_db


def test_creates_plan_and_is_idempotent(world):
    set_standard(world.staff_a.jabatan, {"M.1": 3})
    goal = services.development_goal_add_mandatory(
        asn=world.staff_a,
        year=2027,
        reason="Sanksi kinerja 2026",
        source="performance.followup:1",
        competency=managerial("M.1"),
    )
    assert goal.mandatory and goal.title == "Sanksi kinerja 2026" and goal.target_level == 3
    assert goal.plan.year == 2027 and goal.plan.status == DevelopmentPlan.Status.DRAFT
    again = services.development_goal_add_mandatory(
        asn=world.staff_a, year=2027, reason="lain", source="performance.followup:1"
    )
    assert again.pk == goal.pk and Goal.objects.count() == 1


def test_owner_cannot_remove_it_and_completed_plan_reopens(world):
    plan = DevelopmentPlan.objects.create(
        asn=world.staff_a, year=2026, status=DevelopmentPlan.Status.COMPLETED
    )
    goal = services.development_goal_add_mandatory(
        asn=world.staff_a, year=2026, reason="Talenta: persiapan promosi", source="performance.talent:9"
    )
    plan.refresh_from_db()
    assert plan.status == DevelopmentPlan.Status.APPROVED
    plan.status = DevelopmentPlan.Status.DRAFT
    plan.save()
    with pytest.raises(ValidationError):
        services.goal_remove(user=world.staff_a.user, goal=goal)


def test_bad_input_is_refused(world):
    with pytest.raises(ValidationError):
        services.development_goal_add_mandatory(asn=world.staff_a, reason="", source="x")
    with pytest.raises(ValidationError):
        services.development_goal_add_mandatory(asn=world.staff_a, reason="r", source="x", target_level=9)
    assert not DevelopmentPlan.objects.exists()
