"""Quizzes: starting an attempt (its questions drawn and choices ordered) and scoring it on the server."""

from __future__ import annotations

import datetime
import random

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from .. import grading, xapi
from ..models import (
    AttemptAnswer,
    Choice,
    Enrolment,
    LessonCompletion,
    LessonPage,
    ModulePage,
    Question,
    Quiz,
    QuizAttempt,
)
from .completion import _LOCK, _enrolment_for_page_locked, _lesson_complete, enrolment_progress_refresh
from .errors import AnswerRejected, LearningError, SubmissionEmpty, SubmissionIncomplete, SubmissionUnclear
from .statements import statement_record


def _quiz_of(page) -> int | None:
    if isinstance(page, LessonPage):
        return page.quiz_id
    if isinstance(page, ModulePage):
        return page.test_quiz_id
    return None


def attempt_start(
    *, user, page, now: datetime.datetime | None = None, rng: random.Random | None = None
) -> QuizAttempt:
    """Start (or resume) an attempt at the quiz on ``page`` (a lesson's quiz or a module test).

    Beyond the quiz's attempt limit nothing is saved and :class:`LearningError` says so.
    """
    quiz_id = _quiz_of(page)
    if quiz_id is None:
        raise LearningError(_("Halaman ini tidak memiliki kuis."))
    quiz = Quiz.objects.get(pk=quiz_id)
    now = now or timezone.now()
    rng = rng or random.SystemRandom()
    with transaction.atomic():
        enrolment = _enrolment_for_page_locked(user=user, page=page)
        attempts = QuizAttempt.objects.filter(enrolment=enrolment, page_id=page.pk, quiz=quiz)
        open_attempt = attempts.filter(state=QuizAttempt.State.OPEN).first()
        if open_attempt is not None:
            return open_attempt
        used = attempts.count()
        if quiz.max_attempts and used >= quiz.max_attempts:
            raise LearningError(
                _("Batas %(n)d percobaan untuk kuis “%(quiz)s” sudah habis. Hubungi pengelola pelatihan.")
                % {"n": quiz.max_attempts, "quiz": quiz.title}
            )
        questions = _questions_drawn(quiz=quiz, rng=rng)
        choice_order = {
            str(question.pk): _choices_shown(question, quiz=quiz, rng=rng) for question in questions
        }
        return QuizAttempt.objects.create(
            enrolment=enrolment,
            quiz=quiz,
            page_id=page.pk,
            number=used + 1,
            question_order=[q.pk for q in questions],
            choice_order=choice_order,
            started_at=now,
        )


def _questions_drawn(*, quiz: Quiz, rng: random.Random) -> list[Question]:
    """The questions of a new attempt: the quiz's own (shuffled if it says so), or ``draw_count``
    drawn at random from its bank among those with its tag and difficulty (if set)."""
    if not quiz.draws_from_bank:
        questions = list(Question.objects.filter(quiz=quiz).prefetch_related("choices"))
        if not questions:
            raise LearningError(_("Kuis ini belum memiliki soal."))
        if quiz.shuffle_questions:
            rng.shuffle(questions)
        return questions
    pool = Question.objects.filter(bank_id=quiz.bank_id)
    if quiz.draw_tag:
        pool = pool.filter(tags__name=quiz.draw_tag)
    if quiz.draw_difficulty:
        pool = pool.filter(difficulty=quiz.draw_difficulty)
    ids = sorted(set(pool.values_list("pk", flat=True)))  # sorted: the same seed draws the same set
    if len(ids) < quiz.draw_count:
        raise LearningError(
            _(
                "Bank soal kuis ini hanya memiliki %(have)d soal yang sesuai, kurang dari %(need)d. Hubungi pengelola pelatihan."
            )
            % {"have": len(ids), "need": quiz.draw_count}
        )
    drawn = rng.sample(ids, quiz.draw_count)
    found = {q.pk: q for q in Question.objects.filter(pk__in=drawn).prefetch_related("choices")}
    return [found[pk] for pk in drawn]


def _choices_shown(question: Question, *, quiz: Quiz, rng: random.Random) -> list[int]:
    """The choice ids of ``question`` in the order the attempt shows them. Short-answer and numeric
    questions show none (their accepted answers are the key); an ordering question is always
    shuffled, and never shown in its correct order."""
    kind = question.kind
    if kind in (Question.Kind.SHORT, Question.Kind.NUMERIC):
        return []
    ids = [c.pk for c in question.choices.all()]
    if kind == Question.Kind.ORDERING:
        correct = list(ids)
        while len(ids) > 1 and ids == correct:
            rng.shuffle(ids)
    elif quiz.shuffle_choices and kind != Question.Kind.TRUE_FALSE:
        rng.shuffle(ids)
    return ids


def _grading_keys(question_ids: list[int]) -> dict[int, grading.Key]:
    """The key of each question (two queries)."""
    keys = {
        pk: grading.Key(kind=kind, numeric_answer=answer, tolerance=tolerance)
        for pk, kind, answer, tolerance in Question.objects.filter(pk__in=question_ids).values_list(
            "pk", "kind", "numeric_answer", "tolerance"
        )
    }
    for row in (
        Choice.objects.filter(question_id__in=question_ids)
        .order_by("sort_order", "pk")
        .values_list("question_id", "pk", "text", "is_correct", "match")
    ):
        keys[row[0]].choices.append(row[1:])
    return keys


def _split_form(answers: dict[str, list[str]]) -> dict[str, tuple[list[str], dict[str, str]]]:
    """Raw form values by question: ``"12"`` → main values, ``"12-34"`` → item 34 of question 12."""
    split: dict[str, tuple[list[str], dict[str, str]]] = {}
    for name, values in answers.items():
        question, _dash, item = name.partition("-")
        main, items = split.setdefault(question, ([], {}))
        if item:
            items[item] = values[-1] if values else ""
        else:
            main.extend(values)
    return split


def _clean_answers(
    attempt: QuizAttempt, answers: dict[str, list[str]], keys: dict[int, grading.Key]
) -> tuple[dict[str, list], dict[int, str]]:
    """Cleaned answers keyed by question id, and ``{question id: what to fix}`` for the unclear ones.
    Anything outside the attempt raises :class:`AnswerRejected`."""
    allowed_questions = {str(q) for q in attempt.question_order}
    cleaned: dict[str, list] = {}
    problems: dict[int, str] = {}
    for question, (main, items) in _split_form(answers).items():
        if question not in allowed_questions or int(question) not in keys:
            raise AnswerRejected(f"question {question!r} is not part of attempt {attempt.pk}")
        try:
            answer = grading.answer_clean(
                keys[int(question)], offered=attempt.choice_order.get(question, []), main=main, items=items
            )
        except grading.Malformed as error:
            raise AnswerRejected(f"question {question!r}: {error}") from None
        except grading.Unclear as error:
            problems[int(question)] = str(error)
            answer = error.answer  # shown again; never graded (SubmissionUnclear is raised)
        if answer is not None:
            cleaned[question] = answer
    return cleaned, problems


def attempt_submit(
    *,
    user,
    attempt: QuizAttempt,
    answers: dict[str, list[str]],
    confirm_incomplete: bool = False,
    now: datetime.datetime | None = None,
) -> QuizAttempt:
    """Score an attempt on the server. A second submission of the same attempt changes nothing.

    ``answers`` maps form field names without their ``q`` (``"12"``, ``"12-34"``, see
    :mod:`learning.grading`) to their values. A question or choice that is not part of the attempt
    raises :class:`AnswerRejected` before anything is written; an answer that cannot be graded as
    given raises :class:`SubmissionUnclear`. An attempt is
    never spent by accident: with no answer at all :class:`SubmissionEmpty` is raised, and with
    unanswered questions :class:`SubmissionIncomplete` unless ``confirm_incomplete``; in both cases
    nothing is written and the attempt stays open.
    """
    now = now or timezone.now()
    with transaction.atomic():
        # Lock in the order attempt_start does (enrolment, then attempt): the opposite order let a
        # start and a submit of the same learner deadlock on PostgreSQL.
        # Only those two rows (``_LOCK``): not the quiz row every learner of the quiz shares.
        enrolment_id = QuizAttempt.objects.filter(pk=attempt.pk).values_list("enrolment_id", flat=True).get()
        enrolment = Enrolment.objects.select_for_update(**_LOCK).select_related("asn").get(pk=enrolment_id)
        attempt = QuizAttempt.objects.select_for_update(**_LOCK).select_related("quiz").get(pk=attempt.pk)
        attempt.enrolment = enrolment
        if enrolment.asn.user_id != user.pk:
            raise PermissionDenied
        if attempt.state == QuizAttempt.State.SUBMITTED:
            return attempt
        keys = _grading_keys(attempt.question_order)
        cleaned, problems = _clean_answers(attempt, answers, keys)
        if problems:
            raise SubmissionUnclear(
                ngettext(
                    "%(n)d jawaban perlu diperbaiki sebelum dikirim. Percobaan ini tetap terbuka.",
                    "%(n)d jawaban perlu diperbaiki sebelum dikirim. Percobaan ini tetap terbuka.",
                    len(problems),
                )
                % {"n": len(problems)},
                problems=problems,
                unanswered=[q for q in attempt.question_order if q in problems],
                answers=cleaned,
            )
        unanswered = [q for q in attempt.question_order if not cleaned.get(str(q))]
        if attempt.question_order and len(unanswered) == len(attempt.question_order):
            raise SubmissionEmpty(
                _("Belum ada soal yang dijawab. Jawaban tidak dikirim dan percobaan ini tetap terbuka.")
            )
        if unanswered and not confirm_incomplete:
            raise SubmissionIncomplete(
                ngettext(
                    "%(n)d soal belum dijawab. Jawab soal itu, atau kirim sekali lagi: jawaban "
                    "dinilai apa adanya, soal yang kosong dihitung salah dan percobaan ini terpakai.",
                    "%(n)d soal belum dijawab. Jawab soal-soal itu, atau kirim sekali lagi: jawaban "
                    "dinilai apa adanya, soal yang kosong dihitung salah dan percobaan ini terpakai.",
                    len(unanswered),
                )
                % {"n": len(unanswered)},
                unanswered=unanswered,
                answers=cleaned,
            )
        correct = {
            str(q): grading.answer_is_correct(
                keys[q], cleaned.get(str(q)), offered=attempt.choice_order.get(str(q), [])
            )
            if q in keys
            else False  # a question deleted since the attempt started counts as wrong
            for q in attempt.question_order
        }
        total = len(attempt.question_order)
        score = round(100 * sum(correct.values()) / total) if total else 0
        passed = score >= attempt.quiz.pass_mark
        updated = QuizAttempt.objects.filter(pk=attempt.pk, state=QuizAttempt.State.OPEN).update(
            state=QuizAttempt.State.SUBMITTED,
            answers=cleaned,
            correct=correct,
            score=score,
            passed=passed,
            submitted_at=now,
        )
        if not updated:  # cannot happen under the row lock; kept as the state transition's guard
            attempt.refresh_from_db()
            return attempt
        AttemptAnswer.objects.bulk_create(
            AttemptAnswer(attempt_id=attempt.pk, question_id=q, is_correct=correct[str(q)])
            for q in attempt.question_order
            if q in keys
        )
        attempt.state, attempt.answers, attempt.correct = QuizAttempt.State.SUBMITTED, cleaned, correct
        attempt.score, attempt.passed, attempt.submitted_at = score, passed, now
        statement_record(
            enrolment=enrolment,
            verb=xapi.VERB_PASSED if passed else xapi.VERB_FAILED,
            object_type="assessment",
            object_ref=attempt.page_id,
            object_name=attempt.quiz.title,
            timestamp=now,
            result={
                "score": {"scaled": round(score / 100, 2), "raw": score, "min": 0, "max": 100},
                "success": passed,
                "completion": True,
                "extensions": {f"{xapi.base_url()}/xapi/extensions/attempt": attempt.number},
            },
        )
        if passed:
            lesson = LessonPage.objects.filter(pk=attempt.page_id).only("title").first()
            if lesson is not None:
                _lesson_complete(enrolment=enrolment, lesson=lesson, via=LessonCompletion.Via.QUIZ, now=now)
            enrolment_progress_refresh(enrolment=enrolment, now=now, user=user)
    return attempt
