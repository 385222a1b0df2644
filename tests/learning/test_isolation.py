"""A learner can never read or change another learner's enrolment, attempt or certificate (404)."""

from django.urls import reverse

from learning import services
from learning.models import LessonCompletion, QuizAttempt
from tests.factories.learning import correct_answers, lessons_of


def test_other_learners_attempt_is_404(world, client_for, course):
    lesson = lessons_of(course)[1]
    attempt = services.attempt_start(user=world.staff_a.user, page=lesson)
    url = reverse("learning:attempt", args=[attempt.pk])
    for user in (world.staff_a2.user, world.staff_b.user, world.atasan_a.user, world.hr_a.user, world.admin):
        client = client_for(user)
        assert client.get(url).status_code == 404
        answers = {f"q{k}": v for k, v in correct_answers(lesson.quiz).items()}
        assert client.post(url, answers).status_code == 404
    attempt.refresh_from_db()
    assert attempt.state == QuizAttempt.State.OPEN


def test_marking_a_lesson_touches_only_own_enrolment(world, client_for, course):
    services.enrolment_self_create(user=world.staff_a2.user, course=course)
    lesson = lessons_of(course)[0]
    client_for(world.staff_a2.user).post(reverse("learning:lesson_complete", args=[lesson.pk]))
    assert list(LessonCompletion.objects.values_list("enrolment__asn", flat=True)) == [world.staff_a2.pk]


def test_lessons_show_only_own_progress(world, client_for, course):
    services.enrolment_self_create(user=world.staff_a2.user, course=course)
    lessons = lessons_of(course)
    services.lesson_mark_complete(user=world.staff_a.user, lesson=lessons[0])
    html = client_for(world.staff_a2.user).get(lessons[0].url).content.decode()
    assert 'max="100" value="0"' in html
    assert "Tandai selesai" in html


def test_service_refuses_another_learners_attempt(world, course):
    import pytest
    from django.core.exceptions import PermissionDenied

    lesson = lessons_of(course)[1]
    services.enrolment_self_create(user=world.staff_a2.user, course=course)
    attempt = services.attempt_start(user=world.staff_a.user, page=lesson)
    with pytest.raises(PermissionDenied):
        services.attempt_submit(user=world.staff_a2.user, attempt=attempt, answers={})
