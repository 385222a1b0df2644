"""A test per event kind: the recipient, the link, idempotency (a second run notifies nobody twice),
and the person's email preference (off: inbox only; locked kinds are emailed anyway).

Each scenario prepares the situation through the apps' own services, then ``trigger`` runs the
service that announces the event; it is run twice (a second decision is refused, a job repeats)."""

from __future__ import annotations

import contextlib
import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from competencies import services as competency_services
from competencies.models import Activity
from learning import services as learning_services
from learning import sessions as learning_sessions
from learning.models import Enrolment
from learning.notifications import course_due_reminders_send, course_path, session_reminders_send, ticket_path
from learning.outside import outside_record_create, outside_record_decide
from learning.services import LearningError
from pamong.home.editorial import editorial_section_setup
from pamong.notifications.kinds import KINDS, OFF
from pamong.notifications.models import Notification, Preference
from pamong.socialization.models import PolicyPage
from performance import services as performance_services
from performance.models import CheckIn, Evaluation, FollowUpProposal, FollowUpRule, Plan
from performance.notifications import performance_due_notifications_send
from tests.factories import socialization as soc
from tests.factories.competencies import link_course, managerial
from tests.factories.learning import make_course, make_session
from tests.factories.performance import PeriodFactory, PlanFactory, channel_for, final_evaluation

pytestmark = pytest.mark.django_db


@dataclass
class Scenario:
    trigger: Callable[[], object]
    recipient: object  # a User
    link: str


def _dev_plan(world, *, submitted: bool):
    plan = competency_services.plan_create(asn=world.staff_a, year=2026, suggest=False)
    goal = competency_services.goal_add(
        user=world.staff_a.user, plan=plan, competency=managerial("M.3"), target_level=3
    )
    competency_services.activity_add(
        user=world.staff_a.user, goal=goal, kind=Activity.Kind.SELF_STUDY, title="Membaca pedoman", jp=2
    )
    if submitted:
        competency_services.plan_submit(user=world.staff_a.user, plan=plan)
    return plan


def course_assigned(world):
    course = make_course(modules=1, lessons=1)
    due = timezone.localdate() + dt.timedelta(days=30)
    return Scenario(
        lambda: learning_services.enrolment_assign_bulk(
            user=world.hr_a.user, course=course, due_date=due, unit_id=world.staff_a.unit_id
        ),
        world.staff_a.user,
        course_path(course),
    )


def _due(world, days):
    course = make_course(modules=1, lessons=1)
    learning_services.enrolment_self_create(user=world.staff_a.user, course=course)
    today = timezone.localdate()
    Enrolment.objects.filter(asn=world.staff_a, course=course).update(
        due_date=today + dt.timedelta(days=days)
    )
    return Scenario(lambda: course_due_reminders_send(today=today), world.staff_a.user, course_path(course))


def course_due_7(world):
    return _due(world, 7)


def course_due_1(world):
    return _due(world, 1)


def _quietly(call):
    """A trigger whose second run is refused with a message (a cancellation or a decision repeated)."""

    def trigger():
        with contextlib.suppress(LearningError):
            call()

    return trigger


def session_registered(world):
    session = make_session(trainer=world.kepala_a.user)
    return Scenario(
        lambda: learning_sessions.session_register(user=world.staff_a.user, session=session),
        world.staff_a.user,
        ticket_path(session),
    )


def session_promoted(world):
    session = make_session(trainer=world.kepala_a.user, capacity=1)
    seat = learning_sessions.session_register(user=world.staff_a2.user, session=session)
    learning_sessions.session_register(user=world.staff_a.user, session=session)  # waiting
    return Scenario(
        _quietly(lambda: learning_sessions.session_cancel(user=world.staff_a2.user, registration=seat)),
        world.staff_a.user,
        ticket_path(session),
    )


def session_reminder(world):
    today = timezone.localdate()
    session = make_session(
        trainer=world.kepala_a.user,
        starts_in=timezone.make_aware(dt.datetime.combine(today + dt.timedelta(days=1), dt.time(9)))
        - timezone.now(),
    )
    learning_sessions.session_register(user=world.staff_a.user, session=session)
    return Scenario(lambda: session_reminders_send(today=today), world.staff_a.user, ticket_path(session))


def outside_decided(world):
    today = timezone.localdate()
    record = outside_record_create(
        user=world.staff_a.user,
        provider="LAN RI",
        title="Pelatihan Kepemimpinan",
        started_on=today - dt.timedelta(days=3),
        ended_on=today,
        jp=12,
        proof=SimpleUploadedFile("sertifikat.pdf", b"%PDF-1.4\n%%EOF\n"),
    )
    return Scenario(
        _quietly(lambda: outside_record_decide(user=world.hr_a.user, record=record, verify=True)),
        world.staff_a.user,
        reverse("learning:outside_list"),
    )


def chapter_confirm(world):
    index = soc.policy_index()
    page = soc.chapter(index=index, title="Bab Baru", live=False)
    return Scenario(
        lambda: soc.publish(PolicyPage.objects.get(pk=page.pk)), world.staff_a.user, "/kebijakan/bab-baru/"
    )


def feedback_moderation(world):
    channel = channel_for(world.staff_a.unit)
    ran = []

    def trigger():
        if not ran:  # each answer from the public is its own event; the job that sends it repeats
            ran.append(performance_services.public_feedback_submit(channel=channel, rating=4))

    return Scenario(trigger, world.hr_a.user, reverse("performance:moderation"))


def devplan_submitted(world):
    plan = _dev_plan(world, submitted=False)
    return Scenario(
        lambda: competency_services.plan_submit(user=world.staff_a.user, plan=plan),
        world.atasan_a.user,
        reverse("competencies:plan_detail", args=[plan.pk]),
    )


def devplan_approved(world):
    plan = _dev_plan(world, submitted=True)
    return Scenario(
        lambda: competency_services.plan_approve(user=world.atasan_a.user, plan=plan),
        world.staff_a.user,
        reverse("competencies:plan_detail", args=[plan.pk]),
    )


def devplan_returned(world):
    plan = _dev_plan(world, submitted=True)
    return Scenario(
        lambda: competency_services.plan_return(
            user=world.atasan_a.user, plan=plan, comment="Tambah kegiatan."
        ),
        world.staff_a.user,
        reverse("competencies:plan_detail", args=[plan.pk]),
    )


def level_proposal(world):
    course = make_course(modules=1, lessons=1)
    link_course(course, "M.4", level=2, rule="propose")
    done = timezone.now()
    trigger = lambda: competency_services.training_completion_record(  # noqa: E731
        asn=world.staff_a, course=course, completed_at=done, jp=2
    )
    return Scenario(trigger, world.atasan_a.user, "/kompetensi/usulan/")


def rating_requested(world):
    plan = PlanFactory(asn=world.staff_a2, period=PeriodFactory(year=2026))
    return Scenario(
        lambda: performance_services.rater_assign_defaults(plan=plan, actor=world.hr_a.user),
        world.atasan_a.user,
        reverse("performance:rating_tasks"),
    )


def rating_reminder(world):
    today = timezone.localdate()
    period = PeriodFactory(year=2031, ends_on=today + dt.timedelta(days=7))
    plan = PlanFactory(asn=world.staff_a2, period=period)
    performance_services.rater_assign_defaults(plan=plan, actor=world.hr_a.user)
    return Scenario(
        lambda: performance_due_notifications_send(today=today),
        world.atasan_a.user,
        reverse("performance:rating_tasks"),
    )


def checkin_due(world):
    today = timezone.localdate()
    period = PeriodFactory(year=2032)
    period.checkins.filter(number=1).update(due_on=today + dt.timedelta(days=7))
    PlanFactory(asn=world.staff_a, period=period, status=Plan.Status.AGREED)
    return Scenario(
        lambda: performance_due_notifications_send(today=today),
        world.staff_a.user,
        reverse("performance:dashboard"),
    )


def result_finalised(world):
    plan = PlanFactory(asn=world.staff_a, period=PeriodFactory(year=2026))
    evaluation = Evaluation.objects.create(
        plan=plan, hasil_kerja="sesuai", perilaku_kerja="sesuai", predikat="baik", explanation={}
    )
    return Scenario(
        lambda: performance_services.evaluation_finalise(
            evaluation=Evaluation.objects.get(pk=evaluation.pk), actor=world.hr_a.user, override_reason="Uji."
        ),
        world.staff_a.user,
        reverse("performance:result", args=[plan.pk]),
    )


def periodic_assessed(world):
    plan = PlanFactory(asn=world.staff_a, period=PeriodFactory(year=2025), atasan=world.atasan_a)
    checkin = CheckIn.objects.select_related("period").get(period=plan.period, number=1)
    return Scenario(
        lambda: performance_services.periodic_assess(
            plan=plan,
            checkin=checkin,
            hasil_kerja="sesuai",
            perilaku_kerja="di_atas",
            actor=world.atasan_a.user,
            today=dt.date(2025, 12, 31),
        ),
        world.staff_a.user,
        reverse("performance:plan_periodic", args=[plan.pk]),
    )


def objection_filed(world):
    evaluation = final_evaluation(PlanFactory(asn=world.staff_a, period=PeriodFactory(year=2026)))
    made = []

    def trigger():
        made.append(
            performance_services.objection_file(
                evaluation=evaluation, reason="Tidak sesuai.", actor=world.staff_a.user
            )
        )

    return Scenario(trigger, world.kepala_a.user, "/kinerja/keberatan/")


def objection_decided(world):
    evaluation = final_evaluation(PlanFactory(asn=world.staff_a, period=PeriodFactory(year=2026)))
    objection = performance_services.objection_file(
        evaluation=evaluation, reason="Tidak sesuai.", actor=world.staff_a.user
    )
    return Scenario(
        lambda: performance_services.objection_decide(
            objection=type(objection).objects.get(pk=objection.pk),
            accept=False,
            reason="Penilaian sudah sesuai.",
            actor=world.kepala_a.user,
        ),
        world.staff_a.user,
        reverse("performance:objection_detail", args=[objection.pk]),
    )


def reward_sanction(world):
    plan = PlanFactory(asn=world.staff_a, period=PeriodFactory(year=2026))
    proposal = FollowUpProposal.objects.create(
        period=plan.period,
        asn=world.staff_a,
        rule=FollowUpRule.objects.filter(consequence="certificate").first(),
        evaluation=final_evaluation(plan),
        basis="Predikat sangat baik",
    )
    return Scenario(
        lambda: performance_services.proposal_decide(
            proposal=FollowUpProposal.objects.get(pk=proposal.pk), approve=True, actor=world.hr_a.user
        ),
        world.staff_a.user,
        reverse("performance:dashboard"),
    )


def _moderated_page(world):
    index = soc.policy_index()
    editorial_section_setup(page=index)
    page = soc.chapter(index=index, title="Bab Moderasi")
    page.title = "Bab Moderasi (revisi)"
    page.save_revision(user=world.humas_editor)
    return page


def page_submitted(world):
    page = _moderated_page(world)
    workflow = page.get_workflow()
    return Scenario(
        lambda: page.workflow_in_progress or workflow.start(page, user=world.humas_editor),
        world.humas_moderator,
        reverse("wagtailadmin_pages:edit", args=[page.pk]),
    )


def _decided(world, approve: bool):
    page = _moderated_page(world)
    page.get_workflow().start(page, user=world.humas_editor)

    def trigger():
        state = PolicyPage.objects.get(pk=page.pk).current_workflow_task_state
        if state is not None:
            (state.approve if approve else state.reject)(user=world.humas_moderator)

    return Scenario(trigger, world.humas_editor, reverse("wagtailadmin_pages:edit", args=[page.pk]))


def page_approved(world):
    return _decided(world, True)


def page_rejected(world):
    return _decided(world, False)


SCENARIOS = {
    "course_assigned": course_assigned,
    "course_due_7": course_due_7,
    "course_due_1": course_due_1,
    "session_registered": session_registered,
    "session_promoted": session_promoted,
    "session_reminder": session_reminder,
    "outside_decided": outside_decided,
    "chapter_confirm": chapter_confirm,
    "feedback_moderation": feedback_moderation,
    "devplan_submitted": devplan_submitted,
    "devplan_approved": devplan_approved,
    "devplan_returned": devplan_returned,
    "level_proposal": level_proposal,
    "rating_requested": rating_requested,
    "rating_reminder": rating_reminder,
    "checkin_due": checkin_due,
    "result_finalised": result_finalised,
    "periodic_assessed": periodic_assessed,
    "objection_filed": objection_filed,
    "objection_decided": objection_decided,
    "reward_sanction": reward_sanction,
    "page_submitted": page_submitted,
    "page_approved": page_approved,
    "page_rejected": page_rejected,
}


def test_every_kind_has_a_scenario():
    assert set(SCENARIOS) | {"performance_reminder"} == set(KINDS)  # the reminder: tests/performance


def _run(trigger, capture):
    with capture(execute=True), contextlib.suppress(ValidationError):
        trigger()


def _mails_to(user, kind):
    title_start = str(KINDS[kind].title).split("%")[0][:12]
    return [m for m in mail.outbox if m.to == [user.email] and title_start in m.subject]


@pytest.mark.parametrize("kind", sorted(SCENARIOS))
def test_event_reaches_its_recipient_once_with_its_link(kind, world, django_capture_on_commit_callbacks):
    scenario = SCENARIOS[kind](world)
    mail.outbox.clear()
    _run(scenario.trigger, django_capture_on_commit_callbacks)
    _run(scenario.trigger, django_capture_on_commit_callbacks)  # the second run notifies nobody again
    notes = list(Notification.objects.filter(kind=kind, recipient=scenario.recipient))
    assert len(notes) == 1, [n.key for n in notes]
    assert notes[0].link.startswith(scenario.link)
    assert notes[0].title and "%(" not in notes[0].title
    if KINDS[kind].default_mode == "immediate":
        (message,) = _mails_to(scenario.recipient, kind)
        assert "http://testserver" + notes[0].link in message.body
    else:
        assert notes[0].email_state == Notification.Email.DIGEST


@pytest.mark.parametrize("kind", sorted(SCENARIOS))
def test_event_honours_the_email_preference(kind, world, django_capture_on_commit_callbacks):
    scenario = SCENARIOS[kind](world)
    Preference.objects.create(user=scenario.recipient, kind=kind, mode=OFF)
    mail.outbox.clear()
    _run(scenario.trigger, django_capture_on_commit_callbacks)
    note = Notification.objects.get(kind=kind, recipient=scenario.recipient)
    if KINDS[kind].locked:
        assert len(_mails_to(scenario.recipient, kind)) == 1
        assert note.email_state == Notification.Email.SENT
    else:
        assert _mails_to(scenario.recipient, kind) == []
        assert note.email_state == Notification.Email.OFF


def test_republishing_with_confirm_again_asks_once_more(world, django_capture_on_commit_callbacks):
    index = soc.policy_index()
    with django_capture_on_commit_callbacks(execute=True):
        page = soc.chapter(index=index, title="Bab Ulang")
    with django_capture_on_commit_callbacks(execute=True):
        page.title = "Bab Ulang (perbaikan kecil)"
        soc.publish(page)
    assert Notification.objects.filter(kind="chapter_confirm", recipient=world.staff_a.user).count() == 1
    with django_capture_on_commit_callbacks(execute=True):
        page.require_reconfirmation = True
        soc.publish(page)
    assert Notification.objects.filter(kind="chapter_confirm", recipient=world.staff_a.user).count() == 2


def test_objection_filed_reaches_hr_of_the_instansi_too(world, django_capture_on_commit_callbacks):
    """The issue names HR as the recipient of a filed objection; the scenario above follows the
    deciding atasan, this one HR (not HR of another instansi)."""
    scenario = objection_filed(world)
    _run(scenario.trigger, django_capture_on_commit_callbacks)
    (note,) = Notification.objects.filter(kind="objection_filed", recipient=world.hr_a.user)
    assert note.link.startswith(scenario.link)
    assert not Notification.objects.filter(kind="objection_filed", recipient=world.hr_b.user).exists()
