"""Issue 13, defect 5, for competencies: of two reviewers acting on the same page state, exactly one
decision is recorded and the other is told so in Indonesian (conditional UPDATE / row lock).

Both reviewers load the object before either acts (the stale in-memory state two open pages have);
the PostgreSQL two-connection race of the same mechanism is in tests/performance/test_transitions_race.py.
"""

import pytest
from django.core.exceptions import ValidationError

from competencies import services
from competencies.models import DevelopmentPlan, LevelProposal, TrainingEvidence
from tests.factories.competencies import managerial
from tests.factories.learning import make_course

pytestmark = pytest.mark.django_db


def test_approve_and_return_at_once(submitted_plans, standards):
    plan = submitted_plans["a"]
    seen_by_atasan = DevelopmentPlan.objects.get(pk=plan.pk)
    seen_by_hr = DevelopmentPlan.objects.get(pk=plan.pk)
    services.plan_approve(user=standards.atasan_a.user, plan=seen_by_atasan)
    with pytest.raises(ValidationError, match="Hanya rencana yang diajukan"):
        services.plan_return(user=standards.hr_a.user, plan=seen_by_hr, comment="Perbaiki.")
    plan.refresh_from_db()
    assert plan.status == DevelopmentPlan.Status.APPROVED and plan.return_comment == ""
    assert plan.decided_by == standards.atasan_a.user


def test_two_approvals_record_one_decision(submitted_plans, standards):
    plan = submitted_plans["a"]
    first, second = DevelopmentPlan.objects.get(pk=plan.pk), DevelopmentPlan.objects.get(pk=plan.pk)
    services.plan_approve(user=standards.atasan_a.user, plan=first)
    with pytest.raises(ValidationError):
        services.plan_approve(user=standards.hr_a.user, plan=second)
    plan.refresh_from_db()
    assert plan.decided_by == standards.atasan_a.user


def test_level_proposal_confirm_and_reject_at_once(standards):
    course = make_course(modules=1, lessons=1)
    evidence = TrainingEvidence.objects.create(
        asn=standards.staff_a,
        page_id=course.pk,
        course_id=course.pk,
        title=course.title,
        completed_at="2026-03-01T10:00+07:00",
    )
    proposal = LevelProposal.objects.create(
        asn=standards.staff_a, competency=managerial("M.3"), level=2, evidence=evidence
    )
    seen_a, seen_b = LevelProposal.objects.get(pk=proposal.pk), LevelProposal.objects.get(pk=proposal.pk)
    services.proposal_decide(user=standards.atasan_a.user, proposal=seen_a, confirm=False)
    with pytest.raises(ValidationError, match="sudah diputuskan"):
        services.proposal_decide(user=standards.hr_a.user, proposal=seen_b, confirm=True)
    proposal.refresh_from_db()
    assert proposal.status == LevelProposal.Status.REJECTED and proposal.decided_by == standards.atasan_a.user
