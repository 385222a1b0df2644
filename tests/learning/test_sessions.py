"""Classroom and online sessions: seats and the waiting list, cancellation and promotion, the signed
attendance code, attendance recorded once, and the JP and certificate that follow."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import PermissionDenied
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from competencies.selectors import jp_ledger
from learning import services, sessions
from learning.events import completed
from learning.models import Certificate, Enrolment, JpCredit, SessionRegistration
from learning.selectors import dashboard_for, jp_for_year
from learning.services import LearningError
from pamong.notifications.models import Notification
from tests.factories.learning import lessons_of, make_course, make_session
from tests.factories.people import ASNFactory

Status = SessionRegistration.Status


@pytest.fixture
def trainer(world):
    return world.kepala_a.user


def test_seats_then_waiting_list_then_promotion_on_cancel(world, trainer):
    session = make_session(trainer=trainer, capacity=1)
    first = sessions.session_register(user=world.staff_a.user, session=session)
    second = sessions.session_register(user=world.staff_a2.user, session=session)
    assert (first.status, second.status) == (Status.REGISTERED, Status.WAITING)
    # registering again changes nothing
    assert sessions.session_register(user=world.staff_a2.user, session=session).pk == second.pk
    assert SessionRegistration.objects.filter(session=session).count() == 2

    promoted = sessions.session_cancel(user=world.staff_a.user, registration=first)

    assert promoted.pk == second.pk and promoted.status == Status.REGISTERED and promoted.promoted_at
    first.refresh_from_db()
    assert first.status == Status.CANCELLED and first.cancelled_at
    kinds = set(Notification.objects.filter(recipient=world.staff_a2.user).values_list("kind", flat=True))
    assert kinds == {"session_registered", "session_promoted"}


def test_cancelling_a_waiting_place_promotes_nobody(world, trainer):
    session = make_session(trainer=trainer, capacity=1)
    sessions.session_register(user=world.staff_a.user, session=session)
    waiting = sessions.session_register(user=world.staff_a2.user, session=session)
    assert sessions.session_cancel(user=world.staff_a2.user, registration=waiting) is None
    assert SessionRegistration.objects.get(session=session, asn=world.staff_a).status == Status.REGISTERED


def test_cancel_after_the_cutoff_and_twice_are_refused(world, trainer):
    session = make_session(trainer=trainer, starts_in=datetime.timedelta(hours=5))  # cutoff: 24 h before
    registration = sessions.session_register(user=world.staff_a.user, session=session)
    with pytest.raises(LearningError, match="Batas pembatalan"):
        sessions.session_cancel(user=world.staff_a.user, registration=registration)
    early = make_session(trainer=trainer)
    registration = sessions.session_register(user=world.staff_a.user, session=early)
    sessions.session_cancel(user=world.staff_a.user, registration=registration)
    with pytest.raises(LearningError, match="sudah dibatalkan"):
        sessions.session_cancel(user=world.staff_a.user, registration=registration)
    with pytest.raises(PermissionDenied):
        sessions.session_cancel(user=world.staff_a2.user, registration=registration)


def test_registration_window(world, trainer):
    session = make_session(trainer=trainer)
    session.registration_closes_at = timezone.now() - datetime.timedelta(minutes=1)
    session.save()
    with pytest.raises(LearningError, match="sudah ditutup"):
        sessions.session_register(user=world.staff_a.user, session=session)
    with pytest.raises(LearningError, match="Hanya ASN"):
        sessions.session_register(user=world.humas_editor, session=session)


def test_code_is_signed_for_its_session(world, trainer):
    session = make_session(trainer=trainer, starts_in=datetime.timedelta(minutes=5))
    other = make_session(trainer=trainer, starts_in=datetime.timedelta(minutes=5), title="Angkatan II")
    mine = sessions.session_register(user=world.staff_a.user, session=session)
    theirs = sessions.session_register(user=world.staff_a2.user, session=other)
    code = sessions.attendance_code(mine)
    assert sessions.registration_for_code(session=session, code=code.lower()).pk == mine.pk
    forged = f"{mine.pk}-{'0' * 10}" if not code.endswith("0" * 10) else f"{mine.pk}-{'1' * 10}"
    for bad in (forged, sessions.attendance_code(theirs), "12345", ""):
        with pytest.raises(LearningError):
            sessions.attendance_mark(user=trainer, session=session, code=bad)
    # another session's genuine code with this session's registration id is forged too
    swapped = f"{mine.pk}-{sessions.attendance_code(theirs).split('-')[1]}"
    with pytest.raises(LearningError, match="tidak sah"):
        sessions.attendance_mark(user=trainer, session=session, code=swapped)
    assert not SessionRegistration.objects.filter(attended_at__isnull=False).exists()


def test_only_the_trainer_or_bkpsdm_take_attendance(world, trainer):
    session = make_session(trainer=trainer, starts_in=datetime.timedelta(minutes=5))
    registration = sessions.session_register(user=world.staff_a.user, session=session)
    code = sessions.attendance_code(registration)
    for user in (world.staff_a.user, world.hr_a.user, world.humas_editor):
        with pytest.raises(PermissionDenied):
            sessions.attendance_mark(user=user, session=session, code=code)
    assert sessions.attendance_mark(user=world.bkpsdm.user, session=session, code=code).new


def test_attendance_is_idempotent_and_credits_jp_and_certificate_once(
    world, trainer, django_capture_on_commit_callbacks
):
    session = make_session(trainer=trainer, jp=8, starts_in=datetime.timedelta(minutes=5))
    registration = sessions.session_register(user=world.staff_a.user, session=session)
    events = []

    def receiver(sender, **kwargs):
        events.append(kwargs)

    completed.connect(receiver, dispatch_uid="test-session-completion")
    try:
        code = sessions.attendance_code(registration)
        with pytest.raises(LearningError):  # not before an hour ahead of the start
            sessions.attendance_mark(
                user=trainer, session=session, code=code, now=session.starts_at - datetime.timedelta(hours=2)
            )
        with django_capture_on_commit_callbacks(execute=True):
            first = sessions.attendance_mark(user=trainer, session=session, code=code)
        again = sessions.attendance_mark(user=trainer, session=session, registration_id=registration.pk)
        thrice = sessions.attendance_mark(user=trainer, session=session, code=code)
    finally:
        completed.disconnect(dispatch_uid="test-session-completion")
    assert (first.new, first.course_completed) == (True, True)
    assert (again.new, thrice.new) == (False, False)
    assert JpCredit.objects.filter(asn=world.staff_a).count() == 1
    enrolment = Enrolment.objects.get(asn=world.staff_a, course=session.course)
    # the session credited its 8 JP; the course (8 JP) completes and credits the rest: 0
    assert enrolment.completed_at and enrolment.jp_credited == 0
    assert Certificate.objects.filter(enrolment=enrolment).count() == 1
    year = timezone.localdate().year
    assert jp_for_year(asn_id=world.staff_a.pk, year=year) == 8
    assert jp_ledger(asn=world.staff_a, year=year).total == 8
    assert dashboard_for(asn_id=world.staff_a.pk, root_url_path="/")["jp_year"] == 8
    assert [e["kind"] for e in events] == ["course"] and events[0]["jp"] == 0


def test_waiting_list_place_cannot_be_marked_present(world, trainer):
    session = make_session(trainer=trainer, capacity=1, starts_in=datetime.timedelta(minutes=5))
    sessions.session_register(user=world.staff_a.user, session=session)
    waiting = sessions.session_register(user=world.staff_a2.user, session=session)
    with pytest.raises(LearningError, match="Daftar tunggu"):
        sessions.attendance_mark(user=trainer, session=session, code=sessions.attendance_code(waiting))


def test_blended_course_completes_with_lessons_and_a_session(world, trainer):
    course = make_course(modules=1, lessons=1, jp=12)
    session = make_session(course=course, trainer=trainer, jp=8, starts_in=datetime.timedelta(minutes=5))
    registration = sessions.session_register(user=world.staff_a.user, session=session)
    services.lesson_mark_complete(user=world.staff_a.user, lesson=lessons_of(course)[0])
    enrolment = Enrolment.objects.get(asn=world.staff_a, course=course)
    assert enrolment.completed_at is None  # the lessons are done, the session is not
    sessions.attendance_mark(user=trainer, session=session, code=sessions.attendance_code(registration))
    enrolment.refresh_from_db()
    assert enrolment.completed_at and enrolment.jp_credited == 4  # 12 JP: 8 at the session, 4 now
    assert jp_for_year(asn_id=world.staff_a.pk, year=timezone.localdate().year) == 12


def test_session_jp_over_the_course_jp_is_refused(world, trainer):
    from django.core.exceptions import ValidationError

    session = make_session(trainer=trainer, jp=8)
    session.jp = 9
    with pytest.raises(ValidationError):
        session.full_clean()


def test_session_views_register_ticket_attendance(world, trainer):
    session = make_session(trainer=trainer, capacity=1, starts_in=datetime.timedelta(minutes=5))
    learner, colleague, teacher = Client(), Client(), Client()
    learner.force_login(world.staff_a.user)
    colleague.force_login(world.staff_a2.user)
    teacher.force_login(trainer)
    assert learner.post(reverse("learning:session_register", args=[session.pk])).status_code == 302
    ticket = learner.get(reverse("learning:session_ticket", args=[session.pk]))
    registration = SessionRegistration.objects.get(session=session, asn=world.staff_a)
    assert sessions.attendance_code(registration) in ticket.content.decode() and b"<svg" in ticket.content
    colleague.post(reverse("learning:session_register", args=[session.pk]))
    assert (
        "Daftar tunggu"
        in colleague.get(reverse("learning:session_ticket", args=[session.pk])).content.decode()
    )
    page = teacher.get(reverse("learning:session_attendance", args=[session.pk]))
    assert page.status_code == 200 and world.staff_a.name in page.content.decode()
    printed = teacher.get(reverse("learning:session_participants", args=[session.pk]))
    assert (
        printed.content.decode().count('<figure class="qr') == 1
    )  # the registered participant, not the waiting one
    response = teacher.post(
        reverse("learning:session_attendance", args=[session.pk]),
        {"code": sessions.attendance_code(registration)},
        follow=True,
    )
    assert "tercatat hadir" in response.content.decode()
    response = teacher.post(
        reverse("learning:session_attendance", args=[session.pk]), {"code": "1-ABCDEF0123"}, follow=True
    )
    assert "tidak sah" in response.content.decode() or "tidak dikenali" in response.content.decode()
    assert SessionRegistration.objects.filter(attended_at__isnull=False).count() == 1


def test_registrations_visible_to_atasan_and_hr_in_scope(world, trainer):
    session = make_session(trainer=trainer)
    sessions.session_register(user=world.staff_a.user, session=session)
    sessions.session_register(user=world.staff_b.user, session=session)
    seen = {}
    for role, user in (("atasan", world.atasan_a.user), ("hr_a", world.hr_a.user), ("hr_b", world.hr_b.user)):
        client = Client()
        client.force_login(user)
        body = client.get(reverse("learning:session_report")).content.decode()
        seen[role] = (world.staff_a.name in body, world.staff_b.name in body)
    assert seen == {"atasan": (True, False), "hr_a": (True, False), "hr_b": (False, True)}


def test_reminder_the_day_before(world, trainer):
    from learning.notifications import session_reminders_send

    start = timezone.localtime() + datetime.timedelta(days=1)
    session = make_session(trainer=trainer, starts_in=start - timezone.localtime())
    sessions.session_register(user=world.staff_a.user, session=session)
    assert session_reminders_send(today=timezone.localdate()) >= 1
    assert session_reminders_send(today=timezone.localdate() - datetime.timedelta(days=5)) == 0


def test_third_learner_waits_when_two_seats_are_taken(world, trainer):
    session = make_session(trainer=trainer, capacity=2)
    third = ASNFactory(jabatan=world.staff_a.jabatan)
    for user in (world.staff_a.user, world.staff_a2.user, third.user):
        sessions.session_register(user=user, session=session)
    statuses = list(
        SessionRegistration.objects.filter(session=session).order_by("pk").values_list("status", flat=True)
    )
    assert statuses == [Status.REGISTERED, Status.REGISTERED, Status.WAITING]


def test_attendance_is_an_xapi_statement_in_the_context_of_its_course(world, trainer, client_for):
    """Issue 17: the session's own record travels too — an "attended" statement whose parent and
    grouping are the session's course, valid xAPI 1.0.3, and whose IRI resolves to the course."""
    from learning.models import Statement
    from learning.xapi import VERB_ATTENDED, activity_iri, statements_json
    from tests.learning.xapi_spec import statement_errors

    session = make_session(trainer=trainer, jp=8, starts_in=datetime.timedelta(minutes=5))
    registration = sessions.session_register(user=world.staff_a.user, session=session)
    sessions.attendance_mark(user=trainer, session=session, code=sessions.attendance_code(registration))
    sessions.attendance_mark(user=trainer, session=session, registration_id=registration.pk)  # again
    attended = Statement.objects.filter(asn=world.staff_a, verb=VERB_ATTENDED).select_related("asn")
    assert attended.count() == 1
    (data,) = statements_json(attended)
    assert statement_errors(data) == []
    course = activity_iri("course", session.course_id)
    assert data["object"]["id"] == activity_iri("session", session.pk)
    assert [a["id"] for a in data["context"]["contextActivities"]["parent"]] == [course]
    assert [a["id"] for a in data["context"]["contextActivities"]["grouping"]] == [course]
    response = Client().get(f"/xapi/activities/session/{session.pk}")
    assert response.status_code == 302 and response["Location"] == session.course.url
