"""Issue 17.6: quizzes drawing from a question bank, the new kinds of question through the attempt
page, and item analysis for the course author."""

import random
import re
from decimal import Decimal

import pytest
from django.urls import reverse

from learning import services
from learning.item_analysis import group_size, item_analysis
from learning.models import AttemptAnswer, Question, QuizAttempt
from tests.factories.learning import lessons_of, make_bank, make_course, make_quiz, make_typed_question

pytestmark = pytest.mark.django_db
Kind = Question.Kind


@pytest.fixture
def bank_lesson(world):
    """A one-lesson course whose quiz draws 3 of a 10-question bank; staff_a enrolled."""
    course = make_course(modules=1, lessons=1, lesson_quiz=True)
    lesson = lessons_of(course)[0]
    quiz = lesson.quiz
    quiz.bank = make_bank(questions=10, tag_every=3)
    quiz.draw_count, quiz.max_attempts = 3, 0
    quiz.save()
    services.enrolment_self_create(user=world.staff_a.user, course=course)
    return lesson


def _answer_all_right(attempt: QuizAttempt) -> dict[str, list[str]]:
    return {
        str(q.pk): [str(q.choices.get(is_correct=True).pk)]
        for q in Question.objects.filter(pk__in=attempt.question_order)
    }


def _questions_shown(response) -> list[str]:
    """The questions and choices of the attempt page, in their order."""
    return re.findall(r'id="(soal-\d+|q[\d-]+)"', response.content.decode())


def test_each_attempt_draws_its_own_questions_from_the_bank(world, bank_lesson):
    user = world.staff_a.user
    bank_ids = set(Question.objects.filter(bank=bank_lesson.quiz.bank).values_list("pk", flat=True))
    drawn = []
    for seed in (1, 2, 3):
        attempt = services.attempt_start(user=user, page=bank_lesson, rng=random.Random(seed))
        assert len(attempt.question_order) == 3 and set(attempt.question_order) <= bank_ids
        assert not set(attempt.question_order) & set(bank_lesson.quiz.questions.values_list("pk", flat=True))
        drawn.append(frozenset(attempt.question_order))
        services.attempt_submit(user=user, attempt=attempt, answers=_answer_all_right(attempt))
    assert len(set(drawn)) == 3  # three seeds, three different sets (fixed seeds: never flaky)
    # the same seed on the same bank draws the same set: the draw depends on nothing else
    again = services.attempt_start(user=user, page=bank_lesson, rng=random.Random(1))
    assert frozenset(again.question_order) == drawn[0]


def test_the_drawn_set_is_stable_on_reload_and_grading_uses_exactly_it(world, client_for, bank_lesson):
    client = client_for(world.staff_a.user)
    client.post(reverse("learning:attempt_start", args=[bank_lesson.pk]))
    attempt = QuizAttempt.objects.get(state=QuizAttempt.State.OPEN)
    first = _questions_shown(client.get(reverse("learning:attempt", args=[attempt.pk])))
    client.post(reverse("learning:attempt_start", args=[bank_lesson.pk]))  # "start" again: same attempt
    assert QuizAttempt.objects.count() == 1
    assert _questions_shown(client.get(reverse("learning:attempt", args=[attempt.pk]))) == first
    for question_id in attempt.question_order:
        assert f"soal-{question_id}" in first
    not_drawn = (
        Question.objects.filter(bank=bank_lesson.quiz.bank).exclude(pk__in=attempt.question_order).first()
    )
    tampered = _answer_all_right(attempt) | {str(not_drawn.pk): [str(not_drawn.choices.first().pk)]}
    response = client.post(
        reverse("learning:attempt", args=[attempt.pk]), {f"q{k}": v for k, v in tampered.items()}
    )
    assert response.status_code == 400
    response = client.post(
        reverse("learning:attempt", args=[attempt.pk]),
        {f"q{k}": v for k, v in _answer_all_right(attempt).items()},
    )
    attempt.refresh_from_db()
    assert attempt.score == 100 and attempt.passed
    assert set(AttemptAnswer.objects.filter(attempt=attempt).values_list("question_id", flat=True)) == set(
        attempt.question_order
    )


def test_draw_filters_by_tag_and_difficulty_and_says_when_the_bank_is_short(world, bank_lesson):
    quiz = bank_lesson.quiz
    quiz.draw_tag, quiz.draw_difficulty, quiz.draw_count = "etika", "hard", 4  # questions 1, 4, 7, 10
    quiz.save()
    tagged = set(Question.objects.filter(bank=quiz.bank, tags__name="etika").values_list("pk", flat=True))
    attempt = services.attempt_start(user=world.staff_a.user, page=bank_lesson, rng=random.Random(5))
    assert set(attempt.question_order) == tagged
    services.attempt_submit(user=world.staff_a.user, attempt=attempt, answers=_answer_all_right(attempt))
    quiz.draw_count = 5
    quiz.save()
    with pytest.raises(services.LearningError, match="hanya memiliki 4 soal yang sesuai, kurang dari 5"):
        services.attempt_start(user=world.staff_a.user, page=bank_lesson)
    assert QuizAttempt.objects.filter(state=QuizAttempt.State.OPEN).count() == 0


@pytest.fixture
def typed_lesson(world):
    """A lesson whose quiz draws all four new kinds (one each) from a bank."""
    course = make_course(modules=1, lessons=1, lesson_quiz=True)
    lesson = lessons_of(course)[0]
    quiz = lesson.quiz
    quiz.bank = make_bank(questions=0)
    for kind in (Kind.MATCHING, Kind.ORDERING, Kind.SHORT, Kind.NUMERIC):
        make_typed_question(bank=quiz.bank, kind=kind)
    quiz.draw_count, quiz.pass_mark = 4, 100
    quiz.save()
    services.enrolment_self_create(user=world.staff_a.user, course=course)
    return lesson


def _form(attempt: QuizAttempt, *, numeric: str = "12,9", swap_pairs: bool = False) -> dict[str, str]:
    """The form a learner sends: right answers (or two pairs swapped), ``numeric`` as typed."""
    data = {}
    for question in Question.objects.filter(pk__in=attempt.question_order).prefetch_related("choices"):
        choices = {c.pk: c for c in question.choices.all()}
        offered = attempt.choice_order[str(question.pk)]
        if question.kind == Kind.MATCHING:
            pairs = {pk: choices[pk].match for pk in offered}
            if swap_pairs:
                a, b = offered[:2]
                pairs[a], pairs[b] = pairs[b], pairs[a]
            data |= {f"q{question.pk}-{pk}": match for pk, match in pairs.items()}
        elif question.kind == Kind.ORDERING:
            data |= {f"q{question.pk}-{pk}": str(choices[pk].sort_order + 1) for pk in offered}
        elif question.kind == Kind.SHORT:
            data[f"q{question.pk}"] = "  surat KEPUTUSAN "
        else:
            data[f"q{question.pk}"] = numeric
    return data


def test_every_new_kind_is_shown_with_a_labelled_widget_and_graded_on_the_server(
    world, client_for, typed_lesson
):
    client = client_for(world.staff_a.user)
    client.post(reverse("learning:attempt_start", args=[typed_lesson.pk]))
    attempt = QuizAttempt.objects.get(state=QuizAttempt.State.OPEN)
    ordering = Question.objects.get(pk__in=attempt.question_order, kind=Kind.ORDERING)
    assert attempt.choice_order[str(ordering.pk)] != list(ordering.choices.values_list("pk", flat=True))
    short = Question.objects.get(pk__in=attempt.question_order, kind=Kind.SHORT)
    assert attempt.choice_order[str(short.pk)] == []  # the accepted answers are never sent to the page
    html = client.get(reverse("learning:attempt", args=[attempt.pk])).content.decode()
    assert "Surat Keputusan" not in html
    for name in _form(attempt):
        assert f'<label for="{name}"' in html and f'id="{name}"' in html
    response = client.post(reverse("learning:attempt", args=[attempt.pk]), _form(attempt))
    attempt.refresh_from_db()
    assert response.status_code == 302 and attempt.score == 100 and attempt.passed
    assert set(attempt.correct.values()) == {True}


def test_wrong_pairs_and_a_number_out_of_tolerance_are_wrong(world, typed_lesson):
    attempt = services.attempt_start(user=world.staff_a.user, page=typed_lesson)
    form = {k[1:]: [v] for k, v in _form(attempt, numeric="13,01", swap_pairs=True).items()}
    attempt = services.attempt_submit(user=world.staff_a.user, attempt=attempt, answers=form)
    by_kind = {Question.objects.get(pk=int(q)).kind: ok for q, ok in attempt.correct.items()}
    assert by_kind == {Kind.MATCHING: False, Kind.ORDERING: True, Kind.SHORT: True, Kind.NUMERIC: False}
    assert attempt.score == 50 and not attempt.passed


def test_an_answer_that_cannot_be_graded_brings_the_form_back_with_what_to_fix(
    world, client_for, typed_lesson
):
    client = client_for(world.staff_a.user)
    client.post(reverse("learning:attempt_start", args=[typed_lesson.pk]))
    attempt = QuizAttempt.objects.get(state=QuizAttempt.State.OPEN)
    form = _form(attempt, numeric="dua belas") | {"konfirmasi": "1"}
    response = client.post(reverse("learning:attempt", args=[attempt.pk]), form)
    html = response.content.decode()
    assert response.status_code == 200 and "Tulis jawaban berupa angka" in html
    assert 'value="dua belas"' in html and 'value="surat KEPUTUSAN"' in html  # kept (as cleaned)
    assert 'name="konfirmasi"' not in html  # confirming cannot make it gradable
    attempt.refresh_from_db()
    assert attempt.state == QuizAttempt.State.OPEN and not AttemptAnswer.objects.exists()


def test_inline_quizzes_keep_working(world, client_for):
    """A quiz with its own questions (no bank) is asked and graded as before."""
    course = make_course(modules=1, lessons=1, lesson_quiz=True)
    services.enrolment_self_create(user=world.staff_a.user, course=course)
    lesson = lessons_of(course)[0]
    attempt = services.attempt_start(user=world.staff_a.user, page=lesson)
    assert sorted(attempt.question_order) == sorted(lesson.quiz.questions.values_list("pk", flat=True))


# --------------------------------------------------------------------------------------------------
# Item analysis
# --------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(("attempts", "k"), [(0, 0), (1, 0), (2, 1), (10, 3), (11, 3), (100, 27)])
def test_group_size_is_27_percent_rounded_half_up(attempts, k):
    assert group_size(attempts) == k


def _known_data_set(world):
    """Ten attempts at a fixed three-question quiz, correctness per question set by hand:

    attempt  q1 q2 q3  score        q1: right in 1–7      (p = 0.70)
      1      1  1  1   100          q2: right in 1,2,3,8,10 (p = 0.50)
      2      1  1  1   100          q3: right in 1,2,9    (p = 0.30)
      3      1  1  0    67
      4–7    1  0  0    33          ranked by score, ties by id: upper k=3 → 1, 2, 3;
      8      0  1  0    33          lower k=3 → 10, 9, 8
      9      0  0  1    33
     10      0  1  0    33

    q1: upper 3/3, lower 0/3 → D = 1.00; q2: upper 3/3, lower 2/3 → D = 0.33;
    q3: upper 2/3, lower 1/3 → D = 0.33.
    """
    quiz = make_quiz(questions=3, max_attempts=0)
    q1, q2, q3 = quiz.questions.order_by("sort_order")
    course = make_course(modules=1, lessons=1)
    enrolment = services.enrolment_self_create(user=world.staff_a.user, course=course)
    page = lessons_of(course)[0]
    rows = [
        (1, 1, 1),
        (1, 1, 1),
        (1, 1, 0),
        (1, 0, 0),
        (1, 0, 0),
        (1, 0, 0),
        (1, 0, 0),
        (0, 1, 0),
        (0, 0, 1),
        (0, 1, 0),
    ]
    for number, marks in enumerate(rows, start=1):
        attempt = QuizAttempt.objects.create(
            enrolment=enrolment,
            quiz=quiz,
            page=page,
            number=number,
            state=QuizAttempt.State.SUBMITTED,
            score=round(100 * sum(marks) / 3),
            started_at=enrolment.enrolled_at,
        )
        AttemptAnswer.objects.bulk_create(
            AttemptAnswer(attempt=attempt, question=q, is_correct=bool(m))
            for q, m in zip((q1, q2, q3), marks, strict=True)
        )
    QuizAttempt.objects.create(  # an open attempt does not count
        enrolment=enrolment, quiz=quiz, page=page, number=11, started_at=enrolment.enrolled_at
    )
    return quiz, (q1, q2, q3)


def test_item_analysis_on_a_known_data_set(world, django_assert_max_num_queries):
    quiz, (q1, q2, q3) = _known_data_set(world)
    with django_assert_max_num_queries(2):
        analysis = item_analysis(quiz_id=quiz.pk)
    assert (analysis.attempts, analysis.group_size) == (10, 3)
    stats = {item.question_id: item for item in analysis.items}
    assert [stats[q.pk].answered for q in (q1, q2, q3)] == [10, 10, 10]
    assert [stats[q.pk].share_correct for q in (q1, q2, q3)] == [
        Decimal("0.7"),
        Decimal("0.5"),
        Decimal("0.3"),
    ]
    assert [stats[q.pk].discrimination for q in (q1, q2, q3)] == [
        Decimal("1.00"),
        Decimal("0.33"),
        Decimal("0.33"),
    ]
    assert [str(stats[q.pk].discrimination_label) for q in (q1, q2, q3)] == ["sangat baik", "baik", "baik"]


def test_item_analysis_with_no_groups_has_no_discrimination(world):
    quiz = make_quiz(questions=1)
    assert item_analysis(quiz_id=quiz.pk).items == []


@pytest.mark.parametrize(
    ("role", "status"),
    [
        ("anonymous", 302),
        ("asn", 302),
        ("hr_same", 302),
        ("humas", 200),
        ("admin", 200),
    ],  # 302: the admin login / home
)
def test_item_analysis_page_is_for_course_authors(world, client_for, role, status):
    quiz, (q1, _q2, _q3) = _known_data_set(world)
    response = client_for(world.users()[role]).get(reverse("learning_item_analysis", args=[quiz.pk]))
    assert response.status_code == status
    if status == 200:
        html = response.content.decode()
        assert "Soal 1" in html and "1,00" in html and "0,70" in html and world.staff_a.name not in html


def test_the_quiz_listing_links_to_the_item_analysis(world, client_for):
    quiz = make_quiz()
    html = client_for(world.admin).get(reverse("wagtailsnippets_learning_quiz:list")).content.decode()
    assert reverse("learning_item_analysis", args=[quiz.pk]) in html
