"""Issue 17.6: the matching, ordering, short-answer and numeric widgets in Chromium — no sideways
scrolling at 320 px, no serious accessibility violation, and a learner answers every one with the
keyboard alone (typing into the focused select or field, Enter to send); the server grades it."""

from __future__ import annotations

import pytest
from django.urls import reverse

from learning import services
from learning.models import Question, QuizAttempt
from tests.browser.conftest import sign_in
from tests.factories.learning import lessons_of, make_bank, make_course, make_typed_question

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

PASSWORD = "Soal-2026!"
Kind = Question.Kind


def test_new_question_kinds_fit_a_phone_and_work_by_keyboard(journey, world):
    user = world.staff_a.user
    user.set_password(PASSWORD)
    user.save(update_fields=["password"])
    course = make_course(modules=1, lessons=1, lesson_quiz=True)
    lesson = lessons_of(course)[0]
    quiz = lesson.quiz
    quiz.bank = make_bank(questions=0)
    for kind in (Kind.MATCHING, Kind.ORDERING, Kind.SHORT, Kind.NUMERIC):
        make_typed_question(bank=quiz.bank, kind=kind)
    quiz.draw_count, quiz.pass_mark = 4, 100
    quiz.save()
    services.enrolment_self_create(user=user, course=course)
    attempt = services.attempt_start(user=user, page=lesson)

    page = journey.page
    sign_in(journey, user.username, PASSWORD)
    journey.goto(reverse("learning:attempt", args=[attempt.pk]))
    for width in (320, 390, 1366):
        page.set_viewport_size({"width": width, "height": 800})
        overflow = page.evaluate(
            "document.documentElement.scrollWidth - document.documentElement.clientWidth"
        )
        journey.shot(f"soal {width}px")
        assert overflow <= 0, f"the attempt page scrolls sideways by {overflow}px at {width}px"
    journey.check_accessibility()

    page.set_viewport_size({"width": 320, "height": 800})
    for question in Question.objects.filter(pk__in=attempt.question_order).prefetch_related("choices"):
        choices = {c.pk: c for c in question.choices.all()}
        if question.kind in (Kind.MATCHING, Kind.ORDERING):
            for pk in attempt.choice_order[str(question.pk)]:
                field = page.locator(f"#q{question.pk}-{pk}")
                wanted = (
                    choices[pk].match if question.kind == Kind.MATCHING else str(choices[pk].sort_order + 1)
                )
                field.focus()
                page.keyboard.type(wanted)  # a focused select picks the option typed
                assert field.input_value() == wanted
        else:
            page.locator(f"#q{question.pk}").focus()
            page.keyboard.type("surat keputusan" if question.kind == Kind.SHORT else "12,5")
    page.get_by_role("button", name="Kirim jawaban").focus()
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.get_by_text("Selamat, Anda lulus kuis ini.").is_visible()
    attempt = QuizAttempt.objects.get(pk=attempt.pk)
    assert attempt.state == QuizAttempt.State.SUBMITTED and attempt.score == 100
    journey.shot("hasil")
