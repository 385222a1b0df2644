"""The last seat of a session under concurrency. On PostgreSQL the registrations run in threads,
each with its own connection, released together (tests/race.py); the session row lock serialises
them, so the session is never overbooked: one seat taken, everybody else on the waiting list. Two
scans of one participant's code at once record one attendance and one JP credit."""

from __future__ import annotations

import datetime

import pytest

from learning import sessions
from learning.models import CourseSession, JpCredit, SessionRegistration
from tests.factories.learning import make_session
from tests.factories.people import ASNFactory
from tests.race import at_once

concurrent = pytest.mark.django_db(transaction=True, serialized_rollback=True)
Status = SessionRegistration.Status


def _register(user, session_id: int):
    return sessions.session_register(
        user=user, session=CourseSession.objects.select_related("course").get(pk=session_id)
    )


@concurrent
def test_concurrent_registrations_for_the_last_seat_never_overbook(world):
    session = make_session(trainer=world.kepala_a.user, capacity=2)
    sessions.session_register(user=world.staff_a.user, session=session)  # one seat left
    learners = [world.staff_a2] + [ASNFactory(jabatan=world.staff_a.jabatan) for _ in range(4)]

    results = at_once([lambda u=asn.user: _register(u, session.pk) for asn in learners])

    assert [r for r in results if isinstance(r, BaseException)] == []
    statuses = list(SessionRegistration.objects.filter(session=session).values_list("status", flat=True))
    assert statuses.count(Status.REGISTERED) == 2
    assert statuses.count(Status.WAITING) == 4


@concurrent
def test_same_learner_registering_twice_at_once_gets_one_registration(world):
    session = make_session(trainer=world.kepala_a.user, capacity=5)
    results = at_once([lambda: _register(world.staff_a.user, session.pk) for _ in range(3)])
    assert [r for r in results if isinstance(r, BaseException)] == []
    assert len({r.pk for r in results}) == 1
    assert SessionRegistration.objects.filter(session=session).count() == 1


@concurrent
def test_cancel_and_register_at_once_keep_the_capacity(world):
    session = make_session(trainer=world.kepala_a.user, capacity=1)
    seat = sessions.session_register(user=world.staff_a.user, session=session)
    sessions.session_register(user=world.staff_a2.user, session=session)  # waiting, first in line
    newcomer = ASNFactory(jabatan=world.staff_a.jabatan)

    results = at_once(
        [
            lambda: sessions.session_cancel(
                user=world.staff_a.user,
                registration=SessionRegistration.objects.select_related("session").get(pk=seat.pk),
            ),
            lambda: _register(newcomer.user, session.pk),
        ]
    )

    assert [r for r in results if isinstance(r, BaseException)] == []
    registered = SessionRegistration.objects.filter(session=session, status=Status.REGISTERED)
    assert list(registered.values_list("asn_id", flat=True)) == [world.staff_a2.pk]  # the waiting list first


@concurrent
def test_two_scans_of_one_code_at_once_record_one_attendance(world):
    session = make_session(trainer=world.kepala_a.user, starts_in=datetime.timedelta(minutes=5))
    registration = sessions.session_register(user=world.staff_a.user, session=session)
    code = sessions.attendance_code(registration)

    results = at_once(
        [
            lambda: sessions.attendance_mark(user=world.kepala_a.user, session=session, code=code)
            for _ in range(3)
        ]
    )

    assert [r for r in results if isinstance(r, BaseException)] == []
    assert sorted(r.new for r in results) == [False, False, True]
    assert JpCredit.objects.filter(registration=registration).count() == 1
