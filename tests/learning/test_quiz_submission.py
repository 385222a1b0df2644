"""Issue 15.3: a quiz attempt is never spent by accident, the result says what is left, and the
last requirement of a course ends in a clear "course complete" moment."""

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse

from learning import services
from learning.models import Certificate, QuizAttempt, Statement
from tests.factories.learning import complete_lessons, correct_answers, lessons_of, wrong_answers

pytestmark = pytest.mark.django_db


@pytest.fixture
def quiz_lesson(course):
    return lessons_of(course)[1]


def _start(client, page) -> QuizAttempt:
    client.post(reverse("learning:attempt_start", args=[page.pk]))
    return QuizAttempt.objects.filter(state=QuizAttempt.State.OPEN).latest("pk")


def _post(client, attempt, answers, **extra):
    data = {f"q{q}": choices for q, choices in answers.items()} | extra
    return client.post(reverse("learning:attempt", args=[attempt.pk]), data)


def _messages(response) -> list[str]:
    return [str(m) for m in get_messages(response.wsgi_request)]


# --- an empty submission ----------------------------------------------------------------------


def test_empty_submission_is_refused_and_keeps_the_attempt_open(world, client_for, quiz_lesson):
    client = client_for(world.staff_a.user)
    attempt = _start(client, quiz_lesson)
    response = _post(client, attempt, {})
    assert response.status_code == 302 and response["Location"] == reverse(
        "learning:attempt", args=[attempt.pk]
    )
    assert _messages(response) == [
        "Belum ada soal yang dijawab. Jawaban tidak dikirim dan percobaan ini tetap terbuka."
    ]
    attempt.refresh_from_db()
    assert attempt.state == QuizAttempt.State.OPEN and attempt.score is None and attempt.answers == {}
    assert not Statement.objects.filter(object_type="assessment").exists()
    html = client.get(response["Location"]).content.decode()
    assert "Kirim jawaban" in html  # the questions again, not a result


def test_empty_submission_is_refused_even_when_confirmed(world, quiz_lesson):
    attempt = services.attempt_start(user=world.staff_a.user, page=quiz_lesson)
    with pytest.raises(services.SubmissionEmpty):
        services.attempt_submit(user=world.staff_a.user, attempt=attempt, answers={}, confirm_incomplete=True)
    attempt.refresh_from_db()
    assert attempt.state == QuizAttempt.State.OPEN


# --- a partial submission ---------------------------------------------------------------------


def test_partial_submission_asks_for_confirmation_naming_the_unanswered(world, client_for, quiz_lesson):
    client = client_for(world.staff_a.user)
    attempt = _start(client, quiz_lesson)
    first, second = (str(q) for q in attempt.question_order)
    answered = {first: correct_answers(quiz_lesson.quiz)[first]}
    response = _post(client, attempt, answered)
    assert response.status_code == 200
    html = response.content.decode()
    attempt.refresh_from_db()
    assert attempt.state == QuizAttempt.State.OPEN and attempt.score is None
    assert "1 soal belum dijawab" in html
    assert f'href="#soal-{second}"' in html and ">soal 2</a>" in html  # named and linked
    assert f'id="soal-{second}"' in html and "Soal ini belum dijawab." in html
    assert f'href="#soal-{first}"' not in html
    # the answer already given is kept, and the form now confirms
    assert f'value="{answered[first][0]}" checked' in html
    assert 'name="konfirmasi" value="1"' in html and "Tetap kirim jawaban" in html

    confirmed = _post(client, attempt, answered, konfirmasi="1")
    assert confirmed.status_code == 302
    attempt.refresh_from_db()
    assert attempt.state == QuizAttempt.State.SUBMITTED
    assert attempt.score == 50 and attempt.correct == {first: True, second: False}


def test_partial_submission_through_the_service_needs_the_confirmation(world, quiz_lesson):
    attempt = services.attempt_start(user=world.staff_a.user, page=quiz_lesson)
    answers = dict(list(wrong_answers(quiz_lesson.quiz).items())[:1])
    with pytest.raises(services.SubmissionIncomplete) as refused:
        services.attempt_submit(user=world.staff_a.user, attempt=attempt, answers=answers)
    assert refused.value.unanswered == [q for q in attempt.question_order if str(q) not in answers]
    assert QuizAttempt.objects.get(pk=attempt.pk).state == QuizAttempt.State.OPEN


def test_answering_everything_after_the_warning_submits_without_confirmation(world, client_for, quiz_lesson):
    client = client_for(world.staff_a.user)
    attempt = _start(client, quiz_lesson)
    answers = correct_answers(quiz_lesson.quiz)
    _post(client, attempt, dict(list(answers.items())[:1]))
    assert _post(client, attempt, answers).status_code == 302
    attempt.refresh_from_db()
    assert attempt.state == QuizAttempt.State.SUBMITTED and attempt.score == 100


# --- a double submission ----------------------------------------------------------------------


def test_double_submit_answers_clearly_and_keeps_the_first_result(world, client_for, quiz_lesson):
    client = client_for(world.staff_a.user)
    attempt = _start(client, quiz_lesson)
    first = _post(client, attempt, wrong_answers(quiz_lesson.quiz))
    assert _messages(first) == ["Nilai Anda belum mencapai nilai lulus."]
    again = _post(client, attempt, correct_answers(quiz_lesson.quiz))
    assert again.status_code == 302 and again["Location"] == first["Location"]
    assert _messages(again)[-1] == "Jawaban percobaan ini sudah dikirim; hasilnya tidak berubah."
    attempt.refresh_from_db()
    assert attempt.score == 0
    assert Statement.objects.filter(object_type="assessment").count() == 1


def test_a_submission_that_lost_the_race_is_told_so(world, client_for, quiz_lesson):
    """Two tabs: both loaded the open attempt; the second POST arrives after the first committed."""
    client = client_for(world.staff_a.user)
    attempt = _start(client, quiz_lesson)
    stale = QuizAttempt.objects.get(pk=attempt.pk)
    services.attempt_submit(user=world.staff_a.user, attempt=attempt, answers=wrong_answers(quiz_lesson.quiz))
    result = services.attempt_submit(
        user=world.staff_a.user, attempt=stale, answers=correct_answers(quiz_lesson.quiz)
    )
    assert result.state == QuizAttempt.State.SUBMITTED and result.score == 0


# --- the result page: attempts left and how to try again -------------------------------------


def test_result_shows_attempts_left_and_a_way_to_try_again(world, client_for, quiz_lesson):
    client = client_for(world.staff_a.user)
    attempt = _start(client, quiz_lesson)
    response = _post(client, attempt, wrong_answers(quiz_lesson.quiz))
    html = client.get(response["Location"]).content.decode()
    assert "Sisa 2 dari 3 percobaan." in html
    start = reverse("learning:attempt_start", args=[quiz_lesson.pk])
    assert f'action="{start}"' in html and "Coba lagi (percobaan ke-2)" in html
    retry = client.post(start)
    assert retry.status_code == 302
    assert QuizAttempt.objects.filter(state=QuizAttempt.State.OPEN, number=2).exists()


def test_result_after_the_last_attempt_says_what_it_means(world, client_for, quiz_lesson):
    client = client_for(world.staff_a.user)
    for _ in range(quiz_lesson.quiz.max_attempts):
        attempt = _start(client, quiz_lesson)
        response = _post(client, attempt, wrong_answers(quiz_lesson.quiz))
    html = client.get(response["Location"]).content.decode()
    assert "Batas 3 percobaan untuk kuis ini sudah habis." in html
    assert "sertifikatnya belum dapat diperoleh" in html and "Hubungi pengelola pelatihan" in html
    assert "Coba lagi" not in html and "Sisa" not in html


def test_result_with_unlimited_attempts(world, client_for, quiz_lesson):
    quiz = quiz_lesson.quiz
    quiz.max_attempts = 0
    quiz.save()
    client = client_for(world.staff_a.user)
    attempt = _start(client, quiz_lesson)
    html = client.get(_post(client, attempt, wrong_answers(quiz))["Location"]).content.decode()
    assert "Jumlah percobaan kuis ini tidak dibatasi." in html and "Coba lagi (percobaan ke-2)" in html


def test_passed_result_offers_no_retry(world, client_for, quiz_lesson):
    client = client_for(world.staff_a.user)
    attempt = _start(client, quiz_lesson)
    html = client.get(_post(client, attempt, correct_answers(quiz_lesson.quiz))["Location"]).content.decode()
    assert "Lulus" in html and "Coba lagi" not in html and "Sisa" not in html
    assert "Pelatihan selesai!" not in html  # other lessons remain


# --- the "course complete" moment -------------------------------------------------------------


def _finish_all_but_last(world, course):
    lessons = lessons_of(course)
    complete_lessons(world.staff_a.user, lessons[:-1])
    return lessons[-1]


def test_passing_the_last_quiz_shows_the_course_complete_moment(world, client_for, course):
    last = _finish_all_but_last(world, course)
    assert last.quiz_id
    client = client_for(world.staff_a.user)
    attempt = _start(client, last)
    response = _post(client, attempt, correct_answers(last.quiz))
    html = client.get(response["Location"]).content.decode()
    certificate = Certificate.objects.get(enrolment__asn=world.staff_a)
    assert "Pelatihan selesai!" in html
    assert "6 JP (jam pelajaran) dicatat untuk Anda." in html  # the course fixture is worth 6 JP
    assert f'href="{certificate.get_pdf_url()}"' in html
    assert f'href="{certificate.get_absolute_url()}"' in html
    # an earlier passed attempt of the same course is not the moment
    earlier = QuizAttempt.objects.filter(passed=True).exclude(pk=attempt.pk).first()
    assert (
        "Pelatihan selesai!"
        not in client.get(reverse("learning:attempt", args=[earlier.pk])).content.decode()
    )


def test_marking_the_last_lesson_lands_on_the_course_complete_moment(world, client_for):
    from tests.factories.learning import make_course

    course = make_course(modules=1, lessons=2, jp=3)
    services.enrolment_self_create(user=world.staff_a.user, course=course)
    first, last = lessons_of(course)
    client = client_for(world.staff_a.user)
    client.post(reverse("learning:lesson_complete", args=[first.pk]))
    response = client.post(reverse("learning:lesson_complete", args=[last.pk]))
    assert response.status_code == 302 and response["Location"].startswith(reverse("learning:dashboard"))
    html = client.get(response["Location"]).content.decode()
    certificate = Certificate.objects.get(enrolment__asn=world.staff_a, enrolment__course=course)
    assert "Pelatihan selesai!" in html and "3 JP (jam pelajaran) dicatat untuk Anda." in html
    assert (
        f'href="{certificate.get_pdf_url()}"' in html and f'href="{certificate.get_absolute_url()}"' in html
    )
    # someone else's enrolment in the address shows nothing
    other = client_for(world.staff_a2.user).get(response["Location"]).content.decode()
    assert "Pelatihan selesai!" not in other
