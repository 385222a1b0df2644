"""The embedded database under ordinary concurrency (issue 13.6).

On SQLite, two learners submitting quizzes at the same moment got a 500 "database is locked", and
three simultaneous submissions of one 360° form gave two 500s (IntegrityError). These tests send
requests from real threads (each with its own database connection, against the file-based SQLite
test database, or PostgreSQL) and through a live server, and expect every answer to be a normal one.
"""

from __future__ import annotations

import re
import urllib.parse
import urllib.request

import pytest
from django.conf import settings
from django.db import OperationalError, connection
from django.test import Client
from django.urls import reverse

from learning import services as learning_services
from learning.models import QuizAttempt
from performance.models import BehaviourRating, BerakhlakValue, RaterAssignment, RaterGroup
from tests.factories.learning import correct_answers, lessons_of, make_course
from tests.factories.performance import PeriodFactory, PlanFactory, add_indicator
from tests.race import at_once

concurrent = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def _learners(world) -> list:
    return [world.staff_a, world.staff_a2, world.staff_b, world.atasan_a, world.kepala_a, world.hr_a]


def _open_attempts(world):
    course = make_course(modules=1, lessons=1, lesson_quiz=True)
    lesson = lessons_of(course)[0]
    attempts = []
    for asn in _learners(world):
        learning_services.enrolment_self_create(user=asn.user, course=course)
        attempts.append(learning_services.attempt_start(user=asn.user, page=lesson))
    return lesson, attempts


def _client(user) -> Client:
    client = Client(raise_request_exception=False)  # a server error is an answer to look at here
    client.force_login(user)
    return client


# --- configuration --------------------------------------------------------------------------------


@pytest.mark.skipif(settings.ON_POSTGRES, reason="SQLite configuration")
@pytest.mark.django_db
def test_sqlite_is_configured_for_several_users():
    options = settings.DATABASES["default"]["OPTIONS"]
    assert options["transaction_mode"] == "IMMEDIATE"
    assert options["timeout"] >= 5
    assert settings.DATABASES["default"]["TEST"]["NAME"] != ":memory:"
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA journal_mode")
        assert cursor.fetchone()[0] == "wal"


# --- real threads ---------------------------------------------------------------------------------


@concurrent
def test_learners_submitting_quizzes_at_the_same_moment(world):
    lesson, attempts = _open_attempts(world)
    answers = {f"q{q}": c for q, c in correct_answers(lesson.quiz).items()}
    clients = [_client(attempt.enrolment.asn.user) for attempt in attempts]
    responses = at_once(
        [
            (lambda c=c, a=a: c.post(reverse("learning:attempt", args=[a.pk]), answers))
            for c, a in zip(clients, attempts, strict=True)
        ]
    )
    assert [getattr(r, "status_code", r) for r in responses] == [302] * len(attempts)
    assert set(QuizAttempt.objects.values_list("state", "passed")) == {("submitted", True)}


@concurrent
def test_the_same_360_form_sent_three_timesat_once(world):
    plan = PlanFactory(asn=world.staff_a, period=PeriodFactory(year=2026))
    add_indicator(plan)
    assignment = RaterAssignment.objects.create(plan=plan, rater=world.staff_a2, group=RaterGroup.PEER)
    url = reverse("performance:rating_form", args=[assignment.pk])
    data = {f"value_{v.pk}": "4" for v in BerakhlakValue.objects.all()}
    clients = [_client(world.staff_a2.user) for _ in range(3)]
    responses = at_once([(lambda c=c: c.post(url, data)) for c in clients])
    statuses = sorted(getattr(r, "status_code", r) for r in responses)
    assert statuses == [200, 200, 302]  # one saved; the others see the form with a message
    for response in responses:
        if response.status_code == 200:
            assert "Penilaian ini sudah dikirim." in response.content.decode()
    assert BehaviourRating.objects.count() == 7


# --- "try again" instead of a traceback ---------------------------------------------------------


@pytest.mark.django_db
def test_a_locked_database_answers_503_try_again(world, monkeypatch):
    def locked(**kwargs):
        raise OperationalError("database is locked")

    monkeypatch.setattr("learning.selectors.dashboard_for", locked)
    response = _client(world.staff_a.user).get(reverse("learning:dashboard"))
    assert response.status_code == 503
    assert response["Retry-After"] == "5"
    page = response.content.decode()
    assert "Server sedang sibuk" in page and "coba lagi" in page
    assert "Traceback" not in page and "database is locked" not in page


@pytest.mark.django_db
def test_a_database_error_outside_the_view_answers_503_too(world, monkeypatch):
    """Raised by a middleware, not a view: ``handler500`` gives the same "try again" page."""

    def locked(request):
        raise OperationalError("database is locked")

    monkeypatch.setattr("pamong.middleware.language_for", locked)
    response = Client(raise_request_exception=False).get(reverse("learning:dashboard"))
    assert response.status_code == 503
    assert response["Retry-After"] == "5"
    assert "Server sedang sibuk" in response.content.decode()


@pytest.mark.django_db
def test_other_server_errors_keep_the_500_page(world, monkeypatch):
    def broken(**kwargs):
        raise RuntimeError("bug")

    monkeypatch.setattr("learning.selectors.dashboard_for", broken)
    response = _client(world.staff_a.user).get(reverse("learning:dashboard"))
    assert response.status_code == 500
    assert "Terjadi kesalahan" in response.content.decode()


# --- live server ----------------------------------------------------------------------------------


def _session_cookie(user) -> str:
    client = Client()
    client.force_login(user)
    return client.cookies[settings.SESSION_COOKIE_NAME].value


def _live_submit(base_url: str, attempt_id: int, session: str, answers: dict[str, list[str]]) -> int:
    """GET the attempt page (CSRF cookie and token), then POST the answers; the final status."""
    url = f"{base_url}{reverse('learning:attempt', args=[attempt_id])}"
    opener = urllib.request.build_opener(_NoRedirect)
    page = opener.open(urllib.request.Request(url, headers={"Cookie": f"sessionid={session}"}))
    csrf_cookie = re.search(r"csrftoken=([^;]+)", page.headers.get("Set-Cookie", "")).group(1)
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.read().decode()).group(1)
    body = urllib.parse.urlencode(
        [("csrfmiddlewaretoken", token)] + [(k, v) for k, values in answers.items() for v in values]
    ).encode()
    request = urllib.request.Request(
        url,
        data=body,
        headers={"Cookie": f"sessionid={session}; csrftoken={csrf_cookie}", "Referer": url},
    )
    try:
        return opener.open(request).status
    except urllib.error.HTTPError as error:
        return error.code


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


@concurrent
def test_live_server_learners_submittingat_once(world, live_server):
    lesson, attempts = _open_attempts(world)
    answers = {f"q{q}": c for q, c in correct_answers(lesson.quiz).items()}
    sessions = [_session_cookie(attempt.enrolment.asn.user) for attempt in attempts]
    statuses = at_once(
        [
            (lambda a=a, s=s: _live_submit(live_server.url, a.pk, s, answers))
            for a, s in zip(attempts, sessions, strict=True)
        ]
    )
    assert statuses == [302] * len(attempts)
    assert set(QuizAttempt.objects.values_list("state", "passed")) == {("submitted", True)}
