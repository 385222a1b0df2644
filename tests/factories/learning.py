"""Builders for learning data: a course tree with modules, lessons and quizzes."""

from __future__ import annotations

import datetime
import itertools
from decimal import Decimal

from django.utils import timezone
from wagtail.models import Page
from wagtail.rich_text import RichText

from learning import services
from learning.models import (
    Choice,
    CourseIndexPage,
    CoursePage,
    CourseSession,
    Difficulty,
    LessonPage,
    ModulePage,
    Question,
    QuestionBank,
    Quiz,
)
from learning.rules import Delivery, EnrolmentPolicy
from pamong.home.models import HomePage
from tests.factories import unindexed

_seq = itertools.count(1)


def course_index() -> CourseIndexPage:
    index = CourseIndexPage.objects.first()
    if index is None:
        home = HomePage.objects.first() or Page.objects.get(depth=1)
        index = home.add_child(instance=CourseIndexPage(title="Pelatihan", slug="pelatihan"))
    return index


@unindexed
def make_quiz(
    *,
    title: str | None = None,
    questions: int = 2,
    pass_mark: int = 50,
    max_attempts: int = 3,
    multiple: bool = False,
) -> Quiz:
    """A quiz whose questions each have three choices; the choice text "benar" is the correct one.

    With ``multiple``, the last question is a multiple-answer question with two correct choices.
    """
    quiz = Quiz.objects.create(
        title=title or f"Kuis {next(_seq)}", pass_mark=pass_mark, max_attempts=max_attempts
    )
    for i in range(questions):
        is_multi = multiple and i == questions - 1
        q = Question.objects.create(
            quiz=quiz,
            text=f"Soal {i + 1}",
            kind=Question.Kind.MULTIPLE if is_multi else Question.Kind.SINGLE,
            explanation=f"Pembahasan soal {i + 1}",
            sort_order=i,
        )
        Choice.objects.create(question=q, text="benar", is_correct=True, sort_order=0)
        Choice.objects.create(
            question=q, text="benar juga" if is_multi else "salah", is_correct=is_multi, sort_order=1
        )
        Choice.objects.create(question=q, text="keliru", is_correct=False, sort_order=2)
    return quiz


def correct_answers(quiz: Quiz) -> dict[str, list[str]]:
    answers: dict[str, list[str]] = {}
    for choice in Choice.objects.filter(question__quiz=quiz, is_correct=True):
        answers.setdefault(str(choice.question_id), []).append(str(choice.pk))
    return answers


def wrong_answers(quiz: Quiz) -> dict[str, list[str]]:
    return {
        str(c.question_id): [str(c.pk)] for c in Choice.objects.filter(question__quiz=quiz, text="keliru")
    }


@unindexed
def make_course(
    *,
    title: str | None = None,
    modules: int = 2,
    lessons: int = 2,
    jp: int = 4,
    lesson_quiz: bool = False,
    module_test: bool = False,
    policy: str = EnrolmentPolicy.OPEN,
    prerequisites: tuple = (),
    show_correct_answers: bool = True,
    tags: tuple[str, ...] = (),
    delivery: str = Delivery.E_LEARNING,
    optional_lesson: bool = False,
) -> CoursePage:
    """A live course of ``modules`` × ``lessons``. With ``lesson_quiz`` the last lesson of every module
    holds a quiz; with ``module_test`` every module has a test; ``optional_lesson`` adds one
    non-required lesson to the first module."""
    n = next(_seq)
    title = title or f"Pelatihan Uji {n}"
    course = CoursePage(
        title=title,
        slug=f"pelatihan-uji-{n}",
        summary=f"Ringkasan {title}",
        objectives="Memahami A\nMenerapkan B",
        jp=jp,
        enrolment_policy=policy,
        show_correct_answers=show_correct_answers,
        delivery=delivery,
    )
    course_index().add_child(instance=course)
    if tags:
        course.tags.add(*tags)
    if prerequisites:
        course.prerequisites.set(prerequisites)
    if tags or prerequisites:
        course.save()
    for m in range(modules):
        module = ModulePage(
            title=f"Modul {m + 1}",
            slug=f"modul-{m + 1}",
            intro="Pengantar modul",
            test_quiz=make_quiz(title=f"Tes modul {m + 1} ({n})") if module_test else None,
        )
        course.add_child(instance=module)
        for ls in range(lessons):
            body = [("text", RichText(f"<p>Isi pelajaran {m + 1}.{ls + 1}</p>"))]
            if lesson_quiz and ls == lessons - 1:
                body.append(("quiz", {"quiz": make_quiz(title=f"Kuis {m + 1}.{ls + 1} ({n})"), "intro": ""}))
            module.add_child(
                instance=LessonPage(
                    title=f"Pelajaran {m + 1}.{ls + 1}", slug=f"pelajaran-{ls + 1}", body=body
                )
            )
        if optional_lesson and m == 0:
            module.add_child(
                instance=LessonPage(
                    title="Bacaan tambahan",
                    slug="bacaan-tambahan",
                    required=False,
                    body=[("text", RichText("<p>Tambahan</p>"))],
                )
            )
    return CoursePage.objects.get(pk=course.pk)


def lessons_of(course: CoursePage) -> list[LessonPage]:
    return list(LessonPage.objects.descendant_of(course).order_by("path"))


def modules_of(course: CoursePage) -> list[ModulePage]:
    return list(ModulePage.objects.child_of(course).order_by("path"))


def complete_lessons(user, lessons) -> None:
    """``user`` finishes each lesson in turn, as a learner would: passes its quiz, or marks it done."""
    for lesson in lessons:
        if lesson.quiz_id:
            attempt = services.attempt_start(user=user, page=lesson)
            services.attempt_submit(user=user, attempt=attempt, answers=correct_answers(lesson.quiz))
        else:
            services.lesson_mark_complete(user=user, lesson=lesson)


def make_session(
    *,
    course: CoursePage | None = None,
    trainer,
    capacity: int = 2,
    jp: int | None = None,
    starts_in: datetime.timedelta = datetime.timedelta(days=3),
    title: str = "Angkatan I",
) -> CourseSession:
    """A classroom session of ``course`` (a new classroom course without lessons by default) starting
    ``starts_in`` from now, registration open from yesterday until the start."""
    if course is None:
        course = make_course(modules=0, delivery=Delivery.KLASIKAL, jp=jp or 8)
    now = timezone.now()
    starts_at = now + starts_in
    return CourseSession.objects.create(
        course=course,
        title=title,
        place="Aula BKPSDM, Jl. Jenderal Sudirman, Jambi",
        starts_at=starts_at,
        ends_at=starts_at + datetime.timedelta(hours=6),
        capacity=capacity,
        registration_opens_at=now - datetime.timedelta(days=1),
        registration_closes_at=starts_at - datetime.timedelta(minutes=1),
        jp=jp or course.jp,
        trainer=trainer,
    )


def make_bank(*, title: str | None = None, questions: int = 10, tag_every: int = 0) -> QuestionBank:
    """A bank of single-choice questions "Bank soal i" (choice "benar" correct); with ``tag_every``
    each such question also gets the tag ``etika`` and the difficulty "hard"."""
    bank = QuestionBank.objects.create(title=title or f"Bank {next(_seq)}")
    for i in range(questions):
        tagged = bool(tag_every) and i % tag_every == 0
        question = Question(
            bank=bank,
            text=f"Bank soal {i + 1}",
            kind=Question.Kind.SINGLE,
            difficulty=Difficulty.HARD if tagged else Difficulty.MEDIUM,
        )
        if tagged:
            question.tags.add("etika")
        question.save()
        Choice.objects.create(question=question, text="benar", is_correct=True, sort_order=0)
        Choice.objects.create(question=question, text="keliru", is_correct=False, sort_order=1)
    return bank


def make_typed_question(*, bank: QuestionBank, kind: str) -> Question:
    """One question of a new kind, with its key: matching (three pairs), ordering (three steps),
    short answer (two accepted variants) or numeric (12.5 ± 0.5)."""
    Kind = Question.Kind
    question = Question.objects.create(
        bank=bank,
        text=f"Soal {kind}",
        kind=kind,
        numeric_answer=Decimal("12.5") if kind == Kind.NUMERIC else None,
        tolerance=Decimal("0.5") if kind == Kind.NUMERIC else Decimal(0),
    )
    rows = {
        Kind.MATCHING: [("Gubernur", "Provinsi"), ("Bupati", "Kabupaten"), ("Wali kota", "Kota")],
        Kind.ORDERING: [("Rencana", ""), ("Pelaksanaan", ""), ("Evaluasi", "")],
        Kind.SHORT: [("Surat Keputusan", ""), ("SK", "")],
        Kind.NUMERIC: [],
    }[kind]
    for i, (text, match) in enumerate(rows):
        Choice.objects.create(question=question, text=text, match=match, sort_order=i)
    return question
