"""Issue 15.3: two POSTs of the same quiz attempt at once (a double click, two tabs). On PostgreSQL
they are two threads with two connections (see :mod:`tests.race`); on SQLite one after the other.
The attempt is scored once, both answers are redirects to the result with a clear message, never
a 500."""

import pytest
from django.contrib.messages import get_messages
from django.test import Client
from django.urls import reverse

from learning import services
from learning.models import QuizAttempt, Statement
from tests.factories.learning import correct_answers, lessons_of, make_course
from tests.race import race, restore_reference_data

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def test_two_simultaneous_submissions_score_the_attempt_once(world):
    restore_reference_data()
    course = make_course(modules=1, lessons=1, lesson_quiz=True)
    user = world.staff_a.user
    services.enrolment_self_create(user=user, course=course)
    lesson = lessons_of(course)[0]
    attempt = services.attempt_start(user=user, page=lesson)
    data = {f"q{q}": c for q, c in correct_answers(lesson.quiz).items()}
    url = reverse("learning:attempt", args=[attempt.pk])

    def submit(client: Client):
        response = client.post(url, data)
        return (
            response.status_code,
            response["Location"],
            [str(m) for m in get_messages(response.wsgi_request)],
        )

    def load() -> Client:
        client = Client()
        client.force_login(user)
        return client

    outcomes = race(load, submit)
    assert all(o.ok for o in outcomes), [o.error for o in outcomes]
    assert [o.value[:2] for o in outcomes] == [(302, url), (302, url)]
    said = sorted(o.value[2][0] for o in outcomes)
    assert said == [
        "Jawaban percobaan ini sudah dikirim; hasilnya tidak berubah.",
        "Selamat, Anda lulus kuis ini.",
    ]
    attempt.refresh_from_db()
    assert attempt.state == QuizAttempt.State.SUBMITTED and attempt.score == 100
    assert Statement.objects.filter(object_type="assessment").count() == 1
    assert QuizAttempt.objects.count() == 1
