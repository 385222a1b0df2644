"""Development plans tell the truth whatever the order of events (issue 15 item 4).

A course completed before the plan was approved counts when it is approved; a level goal closes as
soon as the level is reached; the plan page, ``/kompetensi/`` and the HR profile show the same
status for the goal (they read one selector, :func:`competencies.selectors.goal_states`)."""

import re

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from competencies import services
from competencies.models import Activity, DevelopmentPlan, Goal, LevelProposal
from learning import services as learning
from tests.factories.competencies import link_course, managerial, set_levels, set_standard
from tests.factories.learning import correct_answers, lessons_of, make_course

pytestmark = pytest.mark.django_db

STATUS = re.compile(r'data-goal-status="(\w+)"')


def complete_course(user, course, capture):
    """Complete every lesson through learning's services, running the on-commit completion event."""
    with capture(execute=True):
        learning.enrolment_self_create(user=user, course=course)
        for lesson in lessons_of(course):
            if lesson.quiz_id:
                attempt = learning.attempt_start(user=user, page=lesson)
                learning.attempt_submit(user=user, attempt=attempt, answers=correct_answers(lesson.quiz))
            else:
                learning.lesson_mark_complete(user=user, lesson=lesson)


def three_views(world, client_for, plan) -> dict[str, list[str]]:
    """The goal statuses shown on the plan page, /kompetensi/ (owner) and the HR profile (HR)."""
    owner, hr = client_for(world.staff_a.user), client_for(world.hr_a.user)
    pages = {
        "plan": owner.get(reverse("competencies:plan_detail", args=[plan.pk])),
        "kompetensi": owner.get(reverse("competencies:profile"), {"tahun": plan.year}),
        "hr": hr.get(reverse("hr:profile", args=[plan.asn_id])),
    }
    out = {}
    for name, response in pages.items():
        assert response.status_code == 200, name
        out[name] = STATUS.findall(response.content.decode())
    return out


def assert_views_agree(world, client_for, plan, expected: str) -> None:
    views = three_views(world, client_for, plan)
    assert views == {"plan": [expected], "kompetensi": [expected], "hr": [expected]}


@pytest.fixture
def gap(world):
    """staff_a's position requires M.4 level 3; staff_a is at level 1 (a gap of 2)."""
    set_standard(world.staff_a.jabatan, {"M.4": 3})
    set_levels(world.staff_a, {"M.4": 1})
    return world


def walk(world, plan, *, returned: bool, at: str, event) -> None:
    """Draft → submit → (return → resubmit) → approve, running ``event`` at the step named ``at``."""
    staff, atasan = world.staff_a.user, world.atasan_a.user
    if at == "draft":
        event()
    services.plan_submit(user=staff, plan=plan)
    if at == "submitted":
        event()
    if returned:
        services.plan_return(user=atasan, plan=plan, comment="Tambahkan tanggal kegiatan.")
        if at == "returned":
            event()
        services.plan_submit(user=staff, plan=plan)
    services.plan_approve(user=atasan, plan=plan)
    if at == "approved":
        event()


ORDERS = [
    ("draft", False),
    ("submitted", False),
    ("approved", False),
    ("draft", True),
    ("returned", True),
    ("approved", True),
]


@pytest.mark.parametrize(("at", "returned"), ORDERS)
def test_completed_course_counts_whatever_the_order(
    gap, client_for, django_capture_on_commit_callbacks, at, returned
):
    world = gap
    course = make_course(jp=4)
    link_course(course, "M.4", level=3, rule="evidence")  # completion is evidence only: no level change
    plan = services.plan_create(asn=world.staff_a, year=timezone.localdate().year)
    goal = plan.goals.get()
    activity = goal.activities.get()
    assert activity.course_id == course.pk

    walk(
        world,
        plan,
        returned=returned,
        at=at,
        event=lambda: complete_course(world.staff_a.user, course, django_capture_on_commit_callbacks),
    )

    activity.refresh_from_db()
    goal.refresh_from_db()
    plan.refresh_from_db()
    assert activity.done_on == timezone.localdate()
    assert goal.status == Goal.Status.DONE
    assert plan.status == DevelopmentPlan.Status.COMPLETED
    assert_views_agree(world, client_for, plan, "done")


@pytest.mark.parametrize(("at", "returned"), ORDERS)
def test_level_goal_closes_when_the_level_is_reached(
    gap, client_for, django_capture_on_commit_callbacks, at, returned
):
    world = gap
    plan = services.plan_create(asn=world.staff_a, year=timezone.localdate().year)
    goal = plan.goals.get()
    assert goal.target_level == 3
    assert [a.kind for a in goal.activities.all()] == [Activity.Kind.COACHING]  # no course yet
    # A course linked afterwards proposes level 3; the atasan confirms the proposal.
    course = make_course(jp=2)
    link_course(course, "M.4", level=3, rule="propose")
    complete_course(world.staff_a.user, course, django_capture_on_commit_callbacks)
    proposal = LevelProposal.objects.get(asn=world.staff_a, status=LevelProposal.Status.PENDING)
    assert_views_agree(world, client_for, plan, "open")

    walk(
        world,
        plan,
        returned=returned,
        at=at,
        event=lambda: services.proposal_decide(user=world.atasan_a.user, proposal=proposal, confirm=True),
    )

    goal.refresh_from_db()
    plan.refresh_from_db()
    assert goal.status == Goal.Status.DONE
    assert plan.status == DevelopmentPlan.Status.COMPLETED
    assert goal.activities.get().done_on is None  # the coaching was not reported; the level closed it
    assert_views_agree(world, client_for, plan, "done")


def test_views_agree_while_the_goal_is_open(gap, client_for):
    world = gap
    plan = services.plan_create(asn=world.staff_a, year=timezone.localdate().year)
    services.plan_submit(user=world.staff_a.user, plan=plan)
    services.plan_approve(user=world.atasan_a.user, plan=plan)
    assert_views_agree(world, client_for, plan, "open")
    body = client_for(world.staff_a.user).get(reverse("competencies:plan_detail", args=[plan.pk])).content
    assert "kesenjangan 2 level" in body.decode()


def test_level_reached_before_approval_shows_done_and_closes_on_approval(gap, client_for):
    world = gap
    plan = services.plan_create(asn=world.staff_a, year=timezone.localdate().year)
    services.plan_submit(user=world.staff_a.user, plan=plan)
    set_levels(world.staff_a, {"M.4": 3}, source="atasan")
    assert plan.goals.get().status == Goal.Status.OPEN  # stored: closes only with an approved plan
    assert_views_agree(world, client_for, plan, "done")
    services.plan_approve(user=world.atasan_a.user, plan=plan)
    assert plan.goals.get().status == Goal.Status.DONE


def _plan_page_queries(client, plan) -> int:
    cache.clear()  # each size measured cold: the bell and the scope are cached per person
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(reverse("competencies:plan_detail", args=[plan.pk])).status_code == 200
    return len(ctx.captured_queries)


def test_goal_status_costs_the_same_for_more_goals(gap, client_for, django_assert_max_num_queries):
    world = gap
    owner = client_for(world.staff_a.user)
    plan = services.plan_create(asn=world.staff_a, year=timezone.localdate().year)
    small = _plan_page_queries(owner, plan)
    for code in ("M.1", "M.5", "M.7"):
        goal = services.goal_add(
            user=world.staff_a.user, plan=plan, competency=managerial(code), target_level=2
        )
        services.activity_add(
            user=world.staff_a.user, goal=goal, kind=Activity.Kind.COACHING, title="Coaching", jp=2
        )
    assert _plan_page_queries(owner, plan) == small
    with django_assert_max_num_queries(small):
        response = owner.get(reverse("competencies:plan_detail", args=[plan.pk]))
    assert len(STATUS.findall(response.content.decode())) == 4
