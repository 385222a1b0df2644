"""The training push's write path under concurrency: one learner's requests at the same moment.

A learner with two tabs (or a load test whose users share a login) starts a quiz, submits another,
and marks lessons done at once, on two courses, and other learners of the same course do the same.
On PostgreSQL these calls run in threads, each with its own connection, released together; before
the lock was narrowed to the enrolment row, ``SELECT … FOR UPDATE`` over the join also locked the
learner's ASN and user rows and the course's page row (one row every learner of the course waits
on), and the rows' foreign-key share locks taken by the inserts made PostgreSQL report
``deadlock detected``. Every call must give a normal answer, and nothing may be counted twice or
lost: one completion per lesson, progress equal to a recomputation, one attempt number per try.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest

from learning import selectors, services
from learning.models import Enrolment, LessonCompletion, QuizAttempt
from tests.factories.learning import correct_answers, lessons_of, make_course
from tests.race import at_once

concurrent = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def _submit(user, attempt_id: int, answers):
    attempt = QuizAttempt.objects.get(pk=attempt_id)
    return services.attempt_submit(user=user, attempt=attempt, answers=answers)


@concurrent
def test_one_learner_starting_submitting_and_completingat_once(world):
    first = make_course(modules=2, lessons=3, lesson_quiz=True)
    second = make_course(modules=1, lessons=3, lesson_quiz=True)
    me, other = world.staff_a.user, world.staff_a2.user
    for user in (me, other):
        services.enrolment_self_create(user=user, course=first)
        services.enrolment_self_create(user=user, course=second)
    lessons1, lessons2 = lessons_of(first), lessons_of(second)
    quiz_lessons = [x for x in lessons1 + lessons2 if x.quiz_id]
    plain = [x for x in lessons1 + lessons2 if not x.quiz_id]
    # one open attempt to submit per quiz lesson, for me
    open_attempts = [services.attempt_start(user=me, page=lesson) for lesson in quiz_lessons[1:]]

    calls: list[Callable[[], object]] = []
    for user in (me, other):
        for lesson in plain:
            calls.append(lambda u=user, x=lesson: services.lesson_mark_complete(user=u, lesson=x))
    for _ in range(3):  # the same quiz started three times at once: one attempt, resumed twice
        calls.append(lambda x=quiz_lessons[0]: services.attempt_start(user=me, page=x))
    calls.append(lambda x=quiz_lessons[0]: services.attempt_start(user=other, page=x))
    for attempt in open_attempts:
        answers = correct_answers(attempt.quiz)
        for _ in range(2):  # sent twice: scored once
            calls.append(lambda a=attempt.pk, ans=answers: _submit(me, a, ans))
    results = at_once(calls)

    errors = [r for r in results if isinstance(r, BaseException)]
    assert errors == []
    started = {r.pk for r in results if isinstance(r, QuizAttempt) and r.page_id == quiz_lessons[0].pk}
    assert len(started) == 2  # one attempt for me (resumed), one for the other learner
    for attempt in open_attempts:
        attempt.refresh_from_db()
        assert attempt.state == QuizAttempt.State.SUBMITTED and attempt.passed
    # every plain lesson once per learner, every passed quiz lesson once for me
    for user in (me, other):
        done = LessonCompletion.objects.filter(enrolment__asn__user=user)
        expected = {x.pk for x in plain} | ({x.pk for x in quiz_lessons[1:]} if user == me else set())
        assert sorted(done.values_list("lesson_id", flat=True)) == sorted(expected)
    # the stored progress equals a recomputation from the completions
    for enrolment in Enrolment.objects.filter(asn__user__in=[me, other]):
        course = enrolment.course
        outline = selectors.course_outline(
            course_path=course.path, course_depth=course.depth, root_url_path="/", enrolment_id=enrolment.pk
        )
        assert enrolment.progress == outline.percent
