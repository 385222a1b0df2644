"""The whole loop: gap → suggested goal linked to a course → approval → course completed (through
learning's real services and event) → evidence → level raised → goal done → gap shrinks, JPM rises."""

import pytest
from django.utils import timezone

from competencies import services
from competencies.models import DevelopmentPlan, Goal, LevelRecord, TrainingEvidence
from competencies.selectors import jpm_of, profile_for
from learning import services as learning
from tests.factories.competencies import link_course, set_levels, set_standard
from tests.factories.learning import correct_answers, lessons_of, make_course

pytestmark = pytest.mark.django_db(transaction=False)


def complete_course(user, course, django_capture_on_commit_callbacks):
    """Complete every lesson through learning's services, running the on-commit completion event."""
    with django_capture_on_commit_callbacks(execute=True):
        learning.enrolment_self_create(user=user, course=course)
        for lesson in lessons_of(course):
            if lesson.quiz_id:
                attempt = learning.attempt_start(user=user, page=lesson)
                learning.attempt_submit(user=user, attempt=attempt, answers=correct_answers(lesson.quiz))
            else:
                learning.lesson_mark_complete(user=user, lesson=lesson)


def test_whole_loop(world, django_capture_on_commit_callbacks):
    staff = world.staff_a
    set_standard(staff.jabatan, {"M.4": 3, "M.5": 2, "M.1": 2})
    set_levels(staff, {"M.4": 1, "M.5": 2, "M.1": 2})
    course = make_course(title="Memahami Kebijakan Pengelolaan Kinerja ASN", jp=6, lesson_quiz=True)
    link_course(course, "M.4", level=3, rule="raise")

    before = profile_for(asn=staff)
    gap_row = next(r for r in before.rows if r.competency.code == "M.4")
    assert gap_row.gap == 2
    assert before.jpm == jpm_of([(1, 3), (2, 2), (2, 2)]) == 71.4  # 100 × 5 / 7

    year = timezone.localdate().year
    plan = services.plan_create(asn=staff, year=year)
    goal = plan.goals.get()
    assert goal.competency.code == "M.4" and goal.target_level == 3
    activity = goal.activities.get()
    assert activity.course_id == course.pk and activity.jp == 6

    services.plan_submit(user=staff.user, plan=plan)
    services.plan_approve(user=world.atasan_a.user, plan=plan)

    complete_course(staff.user, course, django_capture_on_commit_callbacks)

    assert TrainingEvidence.objects.filter(asn=staff, page_id=course.pk).count() == 1
    record = LevelRecord.objects.filter(asn=staff, competency__code="M.4").order_by("-pk").first()
    assert (record.level, record.previous_level, record.source) == (3, 1, "training")
    goal.refresh_from_db()
    assert goal.status == Goal.Status.DONE
    plan.refresh_from_db()
    assert plan.status == DevelopmentPlan.Status.COMPLETED
    after = profile_for(asn=staff)
    assert next(r for r in after.rows if r.competency.code == "M.4").gap == 0
    assert after.jpm == 100.0 > before.jpm


def test_completion_recorded_once_and_never_lowers(world, django_capture_on_commit_callbacks):
    staff = world.staff_a
    set_standard(staff.jabatan, {"M.5": 2})
    set_levels(staff, {"M.5": 4})
    course = make_course(jp=2)
    link_course(course, "M.5", level=2, rule="raise")
    complete_course(staff.user, course, django_capture_on_commit_callbacks)
    # The event again (a retry, a duplicate delivery): nothing more is recorded.
    services.training_completion_record(asn=staff, course=course, completed_at=timezone.now(), jp=2)
    assert TrainingEvidence.objects.filter(asn=staff).count() == 1
    assert LevelRecord.objects.filter(asn=staff, source="training").count() == 0
    assert profile_for(asn=staff).rows[0].current == 4


def test_evidence_rule_and_propose_rule(world, django_capture_on_commit_callbacks):
    staff = world.staff_a
    set_standard(staff.jabatan, {"M.2": 2, "M.3": 3})
    course = make_course(jp=2, modules=1, lessons=1)
    link_course(course, "M.2", level=2, rule="evidence")
    link_course(course, "M.3", level=3, rule="propose")
    complete_course(staff.user, course, django_capture_on_commit_callbacks)
    profile = {r.competency.code: r for r in profile_for(asn=staff).rows}
    assert profile["M.2"].current == 0 and profile["M.3"].current == 0
    proposal = staff.level_proposals.get()
    assert (proposal.competency.code, proposal.level) == ("M.3", 3)
    with pytest.raises(Exception):  # noqa: B017 — anyone but the atasan or HR: 404
        services.proposal_decide(user=world.staff_a2.user, proposal=proposal, confirm=True)
    services.proposal_decide(user=world.atasan_a.user, proposal=proposal, confirm=True)
    assert {r.competency.code: r.current for r in profile_for(asn=staff).rows}["M.3"] == 3


def test_module_link_applies_on_module_completion(world, django_capture_on_commit_callbacks):
    staff = world.staff_a
    set_standard(staff.jabatan, {"M.7": 2})
    course = make_course(jp=4, modules=2, lessons=1)
    from tests.factories.learning import modules_of

    link_course(modules_of(course)[0], "M.7", level=2, rule="raise")
    with django_capture_on_commit_callbacks(execute=True):
        learning.enrolment_self_create(user=staff.user, course=course)
        learning.lesson_mark_complete(user=staff.user, lesson=lessons_of(course)[0])
    assert {r.competency.code: r.current for r in profile_for(asn=staff).rows}["M.7"] == 2
