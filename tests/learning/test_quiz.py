"""Quizzes: server-side scoring, randomised order per attempt, and the edge cases."""

import random

import pytest
from django.urls import reverse

from learning import services
from learning.models import LessonCompletion, QuizAttempt
from tests.factories.learning import (
    correct_answers,
    lessons_of,
    make_course,
    make_quiz,
    modules_of,
    wrong_answers,
)


@pytest.fixture
def quiz_lesson(course):
    return lessons_of(course)[1]


def _start(client, page):
    return client.post(reverse("learning:attempt_start", args=[page.pk]))


def _post_answers(client, attempt, answers):
    data = {f"q{q}": choices for q, choices in answers.items()}
    return client.post(reverse("learning:attempt", args=[attempt.pk]), data)


def test_each_attempt_draws_and_stores_its_own_order(world, course, quiz_lesson):
    quiz = make_quiz(questions=6, max_attempts=0)
    quiz_lesson.quiz_id = quiz.pk  # in memory: the lesson now holds a six-question quiz
    user = world.staff_a.user
    first = services.attempt_start(user=user, page=quiz_lesson, rng=random.Random(1))
    services.attempt_submit(user=user, attempt=first, answers=wrong_answers(quiz))
    second = services.attempt_start(user=user, page=quiz_lesson, rng=random.Random(2))
    question_ids = sorted(quiz.questions.values_list("pk", flat=True))
    for attempt in (first, second):
        attempt.refresh_from_db()
        assert sorted(attempt.question_order) == question_ids
        assert set(attempt.choice_order) == {str(q) for q in question_ids}
        assert all(len(ids) == 3 for ids in attempt.choice_order.values())
    assert first.question_order != second.question_order
    assert first.choice_order != second.choice_order


def test_attempt_page_lists_questions_in_stored_order(world, client_for, course, quiz_lesson):
    client = client_for(world.staff_a.user)
    response = _start(client, quiz_lesson)
    attempt = QuizAttempt.objects.get()
    assert response["Location"] == reverse("learning:attempt", args=[attempt.pk])
    html = client.get(response["Location"]).content.decode()
    positions = [html.index(f'name="q{q}"') for q in attempt.question_order]
    assert positions == sorted(positions)
    first_q = str(attempt.question_order[0])
    choice_positions = [html.index(f'id="q{first_q}-{c}"') for c in attempt.choice_order[first_q]]
    assert choice_positions == sorted(choice_positions)


def test_pass_completes_the_lesson(world, client_for, course, quiz_lesson):
    client = client_for(world.staff_a.user)
    _start(client, quiz_lesson)
    attempt = QuizAttempt.objects.get()
    response = _post_answers(client, attempt, correct_answers(quiz_lesson.quiz))
    assert response.status_code == 302
    attempt.refresh_from_db()
    assert attempt.state == QuizAttempt.State.SUBMITTED
    assert attempt.score == 100 and attempt.passed
    assert LessonCompletion.objects.filter(lesson=quiz_lesson, via="quiz").exists()


def test_fail_does_not_complete(world, client_for, course, quiz_lesson):
    client = client_for(world.staff_a.user)
    _start(client, quiz_lesson)
    attempt = QuizAttempt.objects.get()
    _post_answers(client, attempt, wrong_answers(quiz_lesson.quiz))
    attempt.refresh_from_db()
    assert attempt.score == 0 and not attempt.passed
    assert not LessonCompletion.objects.filter(lesson=quiz_lesson).exists()


def test_unanswered_questions_count_as_wrong(world, course, quiz_lesson):
    attempt = services.attempt_start(user=world.staff_a.user, page=quiz_lesson)
    answers = correct_answers(quiz_lesson.quiz)
    answers.pop(str(attempt.question_order[0]))
    attempt = services.attempt_submit(
        user=world.staff_a.user, attempt=attempt, answers=answers, confirm_incomplete=True
    )
    assert attempt.score == 50
    assert attempt.passed  # pass mark 50


def test_multiple_choice_needs_the_exact_set(world):
    course = make_course(modules=1, lessons=1)
    services.enrolment_self_create(user=world.staff_a.user, course=course)
    lesson = lessons_of(course)[0]
    quiz = make_quiz(questions=2, multiple=True, pass_mark=100)
    lesson.quiz_id = quiz.pk
    attempt = services.attempt_start(user=world.staff_a.user, page=lesson)
    answers = correct_answers(quiz)
    multi_q = [k for k, v in answers.items() if len(v) == 2][0]
    answers[multi_q] = answers[multi_q][:1]  # only one of the two correct choices
    attempt = services.attempt_submit(user=world.staff_a.user, attempt=attempt, answers=answers)
    assert attempt.score == 50 and not attempt.passed
    assert attempt.correct[multi_q] is False


def test_answer_for_a_question_not_in_the_attempt_is_400(world, client_for, course, quiz_lesson):
    client = client_for(world.staff_a.user)
    _start(client, quiz_lesson)
    attempt = QuizAttempt.objects.get()
    foreign = make_quiz(questions=1)
    answers = correct_answers(quiz_lesson.quiz) | correct_answers(foreign)
    response = _post_answers(client, attempt, answers)
    assert response.status_code == 400
    attempt.refresh_from_db()
    assert attempt.state == QuizAttempt.State.OPEN and attempt.score is None


def test_choice_of_another_question_is_400(world, client_for, course, quiz_lesson):
    client = client_for(world.staff_a.user)
    _start(client, quiz_lesson)
    attempt = QuizAttempt.objects.get()
    q1, q2 = (str(q) for q in attempt.question_order)
    response = _post_answers(client, attempt, {q1: attempt.choice_order[q2][:1]})
    assert response.status_code == 400


def test_two_choices_on_a_single_choice_question_is_400(world, client_for, course, quiz_lesson):
    client = client_for(world.staff_a.user)
    _start(client, quiz_lesson)
    attempt = QuizAttempt.objects.get()
    q1 = str(attempt.question_order[0])
    assert _post_answers(client, attempt, {q1: attempt.choice_order[q1][:2]}).status_code == 400


def test_submitting_twice_records_one_attempt(world, client_for, course, quiz_lesson):
    client = client_for(world.staff_a.user)
    _start(client, quiz_lesson)
    attempt = QuizAttempt.objects.get()
    _post_answers(client, attempt, wrong_answers(quiz_lesson.quiz))
    second = _post_answers(client, attempt, correct_answers(quiz_lesson.quiz))
    assert second.status_code == 302
    assert QuizAttempt.objects.count() == 1
    attempt.refresh_from_db()
    assert attempt.score == 0  # the second submission changed nothing
    html = client.get(second["Location"]).content.decode()
    assert "Nilai Anda: 0 %" in html


def test_starting_again_resumes_the_open_attempt(world, client_for, course, quiz_lesson):
    client = client_for(world.staff_a.user)
    _start(client, quiz_lesson)
    _start(client, quiz_lesson)
    assert QuizAttempt.objects.count() == 1


def test_attempt_limit(world, client_for, course, quiz_lesson):
    client = client_for(world.staff_a.user)
    quiz = quiz_lesson.quiz
    for _ in range(quiz.max_attempts):
        _start(client, quiz_lesson)
        attempt = QuizAttempt.objects.filter(state="open").get()
        _post_answers(client, attempt, wrong_answers(quiz))
    assert QuizAttempt.objects.count() == quiz.max_attempts
    response = _start(client, quiz_lesson)
    assert response.status_code == 302
    assert QuizAttempt.objects.count() == quiz.max_attempts  # nothing saved
    html = client.get(response["Location"], follow=True).content.decode()
    assert "Batas 3 percobaan" in html
    assert "Batas percobaan kuis ini sudah habis" in html


def _quiz_course(world, *, allow: bool = True):
    course = make_course(modules=1, lessons=1, lesson_quiz=True, show_correct_answers=allow)
    services.enrolment_self_create(user=world.staff_a.user, course=course)
    return lessons_of(course)[0]


def _submit(world, lesson, answers):
    attempt = services.attempt_start(user=world.staff_a.user, page=lesson)
    return services.attempt_submit(
        user=world.staff_a.user, attempt=attempt, answers=answers, confirm_incomplete=True
    )


def _mostly_blank(quiz) -> dict[str, list[str]]:
    """One question answered (wrongly), the others left blank: an empty submission is refused."""
    return dict(list(wrong_answers(quiz).items())[:1])


def _result_html(client, attempt) -> str:
    response = client.get(reverse("learning:attempt", args=[attempt.pk]))
    assert response.status_code == 200
    return response.content.decode()


def _reveals(html: str) -> bool:
    """The correct answers, the right/wrong marks or the explanations are on the page."""
    shown = {
        "badge": "jawaban benar</span>" in html,
        "explanation": "Pembahasan soal 1" in html,
        "marks": "<strong>salah</strong>" in html or "<strong>benar</strong>" in html,
    }
    assert len(set(shown.values())) == 1, shown  # all or nothing
    return shown["badge"]


def test_open_attempt_reveals_nothing(world, client_for):
    lesson = _quiz_course(world)
    attempt = services.attempt_start(user=world.staff_a.user, page=lesson)
    html = _result_html(client_for(world.staff_a.user), attempt)
    assert "jawaban benar" not in html and "Pembahasan" not in html


def test_failed_attempt_with_attempts_left_reveals_nothing(world, client_for):
    """Issue 13.9: a learner failed once with blanks, read the answers and passed with them."""
    lesson = _quiz_course(world)
    assert lesson.quiz.max_attempts == 3
    client = client_for(world.staff_a.user)
    blank = _submit(world, lesson, _mostly_blank(lesson.quiz))
    html = _result_html(client, blank)
    assert not blank.passed
    assert not _reveals(html)
    assert "setelah Anda lulus kuis ini atau setelah percobaan terakhir" in html
    second = _submit(world, lesson, wrong_answers(lesson.quiz))
    assert not _reveals(_result_html(client, second))
    assert not _reveals(_result_html(client, blank))  # nor does the first one, looked at again


def test_answers_shown_after_passing(world, client_for):
    lesson = _quiz_course(world)
    client = client_for(world.staff_a.user)
    failed = _submit(world, lesson, wrong_answers(lesson.quiz))
    assert not _reveals(_result_html(client, failed))
    passed = _submit(world, lesson, correct_answers(lesson.quiz))
    assert passed.passed
    html = _result_html(client, passed)
    assert _reveals(html) and "setelah percobaan terakhir" not in html
    assert _reveals(_result_html(client, failed))  # the quiz is passed: nothing left to copy


def test_answers_shown_after_the_last_attempt(world, client_for):
    lesson = _quiz_course(world)
    client = client_for(world.staff_a.user)
    attempts = [_submit(world, lesson, _mostly_blank(lesson.quiz)) for _ in range(lesson.quiz.max_attempts)]
    assert [_reveals(_result_html(client, a)) for a in attempts] == [True] * len(attempts)


def test_unlimited_attempts_reveal_only_after_passing(world, client_for):
    lesson = _quiz_course(world)
    lesson.quiz.max_attempts = 0
    lesson.quiz.save()
    client = client_for(world.staff_a.user)
    failures = [_submit(world, lesson, _mostly_blank(lesson.quiz)) for _ in range(4)]
    assert not any(_reveals(_result_html(client, a)) for a in failures)


def test_course_that_forbids_never_reveals(world, client_for):
    lesson = _quiz_course(world, allow=False)
    client = client_for(world.staff_a.user)
    passed = _submit(world, lesson, correct_answers(lesson.quiz))
    html = _result_html(client, passed)
    assert not _reveals(html) and "setelah percobaan terakhir" not in html


def test_xapi_record_of_a_failed_attempt_carries_no_answers(world, client_for):
    lesson = _quiz_course(world)
    _submit(world, lesson, wrong_answers(lesson.quiz))
    data = client_for(world.hr_a.user).get(reverse("learning:xapi_export")).json()
    failed = [s for s in data["statements"] if s["verb"]["display"]["en-US"] == "failed"]
    assert len(failed) == 1
    assert set(failed[0]["result"]) == {"score", "success", "completion", "extensions"}
    assert "response" not in str(failed[0])


def test_module_test(world, client_for):
    course = make_course(modules=1, lessons=1, module_test=True)
    services.enrolment_self_create(user=world.staff_a.user, course=course)
    module = modules_of(course)[0]
    client = client_for(world.staff_a.user)
    _start(client, module)
    attempt = QuizAttempt.objects.get()
    assert attempt.page_id == module.pk
    _post_answers(client, attempt, correct_answers(module.test_quiz))
    attempt.refresh_from_db()
    assert attempt.passed


def test_quiz_needs_an_enrolment(world, client_for, course, quiz_lesson):
    response = _start(client_for(world.staff_a2.user), quiz_lesson)
    assert response.status_code == 302
    assert not QuizAttempt.objects.exists()


def test_page_without_quiz(world, client_for, course):
    response = _start(client_for(world.staff_a.user), lessons_of(course)[0])
    assert response.status_code == 302
    assert not QuizAttempt.objects.exists()
