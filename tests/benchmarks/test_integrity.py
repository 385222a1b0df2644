"""After the training push: a passed quiz on a lesson without its lesson completion is counted lost."""

import datetime as dt

import pytest
from django.utils import timezone

from benchmarks.integrity import completions_lost
from learning import services
from learning.models import LessonCompletion
from tests.factories.learning import correct_answers, lessons_of, make_course

pytestmark = pytest.mark.django_db


def test_a_passed_lesson_quiz_without_its_completion_is_lost(world):
    since = timezone.now() - dt.timedelta(minutes=1)
    course = make_course(modules=1, lessons=2, lesson_quiz=True)
    user = world.staff_a.user
    services.enrolment_self_create(user=user, course=course)
    lesson = next(x for x in lessons_of(course) if x.quiz_id)
    attempt = services.attempt_start(user=user, page=lesson)
    services.attempt_submit(user=user, attempt=attempt, answers=correct_answers(lesson.quiz))
    assert completions_lost(since=since) | {"lost_attempt_ids": []} == {
        "passed_attempts": 1,
        "lesson_completions_written": 1,
        "lost": 0,
        "lost_attempt_ids": [],
    }
    LessonCompletion.objects.filter(lesson=lesson).delete()
    counted = completions_lost(since=since)
    assert counted["lost"] == 1 and counted["lost_attempt_ids"] == [attempt.pk]
