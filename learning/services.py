"""Writes of the learning app. Every function validates first, then writes in one transaction.

Completion is decided in one place, :func:`enrolment_progress_refresh`, which records module and
course completions at most once each (unique rows and a conditional update) and announces them
through :data:`learning.events.completed` after the transaction commits.
"""

from __future__ import annotations

import datetime
import functools
import random
import secrets

from django.core.exceptions import PermissionDenied
from django.db import connection, transaction
from django.db.models import Count, Q, Sum
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from pamong.people.access import scope_for
from pamong.people.models import ASN, Jabatan, UnitKerja

from . import events, grading, xapi
from .models import (
    AttemptAnswer,
    Certificate,
    Choice,
    CoursePage,
    CourseSession,
    Enrolment,
    LessonCompletion,
    LessonPage,
    ModuleCompletion,
    ModulePage,
    Question,
    Quiz,
    QuizAttempt,
    Statement,
)
from .notifications import notify_course_assigned
from .selectors import course_outline, course_path_of


class LearningError(Exception):
    """A rule of the learning app refused the action; ``str(error)`` is the message for the user."""


class AnswerRejected(Exception):
    """A submitted answer does not belong to the attempt (the request is malformed: HTTP 400)."""


class SubmissionEmpty(LearningError):
    """No question of the attempt was answered: nothing is saved and the attempt stays open."""


class SubmissionIncomplete(LearningError):
    """Some questions are unanswered and the learner has not confirmed: nothing is saved.

    ``unanswered`` lists the ids of the unanswered questions in the attempt's order; submitting
    again with ``confirm_incomplete=True`` scores the attempt (unanswered questions count as wrong).
    """

    def __init__(self, message: str, *, unanswered: list[int], answers: dict | None = None):
        super().__init__(message)
        self.unanswered = unanswered
        self.answers = answers or {}  # the cleaned answers, to show the form again as it was


class SubmissionUnclear(SubmissionIncomplete):
    """Some answers cannot be graded as given (a half-done matching or ordering, a number that is not
    one): nothing is saved, and confirming does not help. ``problems`` maps those question ids to
    what to fix; ``unanswered`` lists them in the attempt's order."""

    def __init__(self, message: str, *, problems: dict[int, str], unanswered: list[int], answers: dict):
        super().__init__(message, unanswered=unanswered, answers=answers)
        self.problems = problems


# --------------------------------------------------------------------------------------------------
# Enrolment
# --------------------------------------------------------------------------------------------------


def _asn_of(user) -> ASN:
    asn_id = scope_for(user).asn_id
    if asn_id is None:
        raise LearningError(_("Hanya ASN yang dapat mengikuti pelatihan."))
    return ASN.objects.get(pk=asn_id)


def enrolment_self_create(*, user, course: CoursePage, now: datetime.datetime | None = None) -> Enrolment:
    """Enrol ``user`` (an ASN) on an open course whose prerequisites they have completed."""
    asn = _asn_of(user)
    existing = Enrolment.objects.filter(asn=asn, course=course).first()
    if existing is not None:
        return existing
    if not course.live:
        raise LearningError(_("Pelatihan ini belum diterbitkan."))
    if not course.is_open:
        raise LearningError(
            _("Pelatihan “%(course)s” hanya dapat diikuti melalui penugasan dari pengelola kepegawaian.")
            % {"course": course.title}
        )
    prerequisites = list(course.prerequisites.order_by("title"))
    if prerequisites:
        done = set(
            Enrolment.objects.filter(
                asn=asn, course__in=prerequisites, completed_at__isnull=False
            ).values_list("course_id", flat=True)
        )
        missing = [p.title for p in prerequisites if p.pk not in done]
        if missing:
            raise LearningError(
                _("Selesaikan dulu pelatihan prasyarat: %(courses)s.")
                % {"courses": ", ".join(f"“{title}”" for title in missing)}
            )
    now = now or timezone.now()
    with transaction.atomic():
        enrolment, created = Enrolment.objects.get_or_create(
            asn=asn, course=course, defaults={"enrolled_at": now, "source": Enrolment.Source.SELF}
        )
        if created:
            statement_record(
                enrolment=enrolment,
                verb=xapi.VERB_REGISTERED,
                object_type="course",
                object_ref=course.pk,
                object_name=course.title,
                timestamp=now,
            )
    return enrolment


def enrolment_assign_bulk(
    *,
    user,
    course: CoursePage,
    due_date: datetime.date,
    instansi_id: int | None = None,
    unit_id: int | None = None,
    jabatan_id: int | None = None,
    now: datetime.datetime | None = None,
) -> int:
    """Assign ``course`` to every active ASN of an instansi, a unit or a jabatan, due ``due_date``.

    HR only, within their scope. Two set-based statements (``INSERT … SELECT``): the enrolments and
    their "registered" learning records; ASN already enrolled are left as they are. Returns the
    number of new enrolments.
    """
    targets = [t for t in (instansi_id, unit_id, jabatan_id) if t]
    if len(targets) != 1:
        raise LearningError(_("Pilih tepat satu sasaran: instansi, unit kerja atau jabatan."))
    scope = scope_for(user)
    if not scope.is_hr:
        raise PermissionDenied
    now = now or timezone.now()
    if due_date < timezone.localdate(now):
        raise LearningError(_("Batas waktu tidak boleh sebelum hari ini."))
    if not course.live:
        raise LearningError(_("Pelatihan ini belum diterbitkan."))
    if instansi_id:
        target_instansi, column = instansi_id, "instansi_id"
    elif unit_id:
        target_instansi = UnitKerja.objects.filter(pk=unit_id).values_list("instansi_id", flat=True).first()
        column = "unit_id"
    else:
        target_instansi = Jabatan.objects.filter(pk=jabatan_id).values_list("instansi_id", flat=True).first()
        column = "jabatan_id"
    allowed = scope.hr_instansi_ids()
    if target_instansi is None or (allowed is not None and target_instansi not in allowed):
        raise LearningError(_("Sasaran penugasan tidak ditemukan dalam lingkup Anda."))
    target = targets[0]

    ops = connection.ops
    enrolment_table = Enrolment._meta.db_table
    statement_table = Statement._meta.db_table
    asn_table = ASN._meta.db_table
    ts = ops.adapt_datetimefield_value(now)
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(
            f"""
                INSERT INTO {enrolment_table}
                    (asn_id, course_id, source, assigned_by_id, due_date, enrolled_at, progress, jp_credited)
                SELECT a.id, %s, %s, %s, %s, %s, 0, 0
                FROM {asn_table} a
                WHERE a.is_active = %s AND a.{column} = %s
                  AND NOT EXISTS (
                    SELECT 1 FROM {enrolment_table} e WHERE e.asn_id = a.id AND e.course_id = %s
                  )
                """,  # table and column names come from model metadata, values are parameters
            [
                course.pk,
                Enrolment.Source.ASSIGNED,
                user.pk,
                ops.adapt_datefield_value(due_date),
                ts,
                True,
                target,
                course.pk,
            ],
        )
        created = cursor.rowcount
        cursor.execute(
            f"""
                INSERT INTO {statement_table}
                    (asn_id, enrolment_id, verb, object_type, object_ref, object_name, result, timestamp,
                     stored)
                SELECT e.asn_id, e.id, %s, 'course', e.course_id, %s, NULL, e.enrolled_at, %s
                FROM {enrolment_table} e
                WHERE e.course_id = %s AND e.enrolled_at = %s AND e.source = %s AND e.assigned_by_id = %s
                """,
            [
                xapi.VERB_REGISTERED,
                course.title,
                ops.adapt_datetimefield_value(timezone.now()),  # stored: the real time, not ``now``
                course.pk,
                ts,
                Enrolment.Source.ASSIGNED,
                user.pk,
            ],
        )
        if created:
            # The learners hear of it from the worker, which finds them by this assignment (on commit).
            notify_course_assigned(course=course, enrolled_at=now, assigned_by_id=user.pk, due_date=due_date)
    return created


# --------------------------------------------------------------------------------------------------
# Progress and completion
# --------------------------------------------------------------------------------------------------


#: Row locks of the write path. ``of=("self",)``: only the enrolment (or attempt) row, never the rows
#: of the tables joined to find it — a bare ``FOR UPDATE`` over the join also locked the learner's ASN
#: and user rows and the course's page row, which every learner of that course then waited on, and
#: the foreign-key share locks the inserts take on those rows made PostgreSQL report
#: ``deadlock detected``. ``no_key=True`` (``FOR NO KEY UPDATE``) still serialises one enrolment's
#: writers but lets rows that reference it be inserted meanwhile. The order is always the enrolment,
#: then the attempt.
_LOCK = {"of": ("self",), "no_key": True}


def _enrolment_for_page_locked(*, user, page) -> Enrolment:
    """The user's enrolment on the course of ``page``, its row locked (and its ASN read with it)."""
    course_path, _depth = course_path_of(page)
    asn_id = scope_for(user).asn_id
    enrolment = (
        Enrolment.objects.select_for_update(**_LOCK)
        .select_related("asn")
        .filter(asn_id=asn_id, course__path=course_path)
        .first()
        if asn_id is not None
        else None
    )
    if enrolment is None:
        raise LearningError(_("Anda belum terdaftar pada pelatihan ini."))
    return enrolment


def enrolment_for_page_locked(*, user, page) -> Enrolment:
    """The user's enrolment on the course of ``page``, its row locked (:class:`LearningError` when the
    user is not enrolled). Writers of a learner's progress in a course take this lock first."""
    return _enrolment_for_page_locked(user=user, page=page)


def lesson_mark_complete(*, user, lesson: LessonPage, now: datetime.datetime | None = None) -> Enrolment:
    """The learner marks a lesson without a quiz as done (a lesson with a quiz completes by passing it,
    a SCORM or video lesson by its content: see :func:`lesson_complete`).

    Marking a lesson that is already done changes nothing and costs two queries (the lock and the
    completion row found)."""
    if lesson.quiz_id:
        raise LearningError(_("Pelajaran ini selesai setelah kuisnya lulus."))
    if lesson.scorm_package_id:
        raise LearningError(_("Pelajaran ini selesai saat paket SCORM-nya melaporkan selesai."))
    if lesson.video_id:
        raise LearningError(_("Pelajaran ini selesai setelah videonya ditonton."))
    return lesson_complete(user=user, lesson=lesson, via=LessonCompletion.Via.MARKED, now=now)


def lesson_complete(
    *,
    user,
    lesson: LessonPage,
    via: str,
    now: datetime.datetime | None = None,
    result: dict | None = None,
) -> Enrolment:
    """Record that the learner finished ``lesson`` (once) and refresh their progress: the one way a
    lesson of any kind is completed (marked, SCORM, video), so module and course completions, JP,
    the certificate and :data:`learning.events.completed` follow the same path. ``result`` is the
    xAPI result of the "completed" statement (score, success, duration), when the content has one.
    Completing a lesson already done changes nothing."""
    now = now or timezone.now()
    with transaction.atomic():
        enrolment = _enrolment_for_page_locked(user=user, page=lesson)
        if _lesson_complete(enrolment=enrolment, lesson=lesson, via=via, now=now, result=result):
            enrolment_progress_refresh(enrolment=enrolment, now=now, user=user)
    return enrolment


def _lesson_complete(
    *, enrolment: Enrolment, lesson: LessonPage, via: str, now: datetime.datetime, result: dict | None = None
) -> bool:
    _row, created = LessonCompletion.objects.get_or_create(
        enrolment=enrolment, lesson=lesson, defaults={"via": via, "completed_at": now}
    )
    if created:
        statement_record(
            enrolment=enrolment,
            verb=xapi.VERB_COMPLETED,
            object_type="lesson",
            object_ref=lesson.pk,
            object_name=lesson.title,
            timestamp=now,
            result=result,
        )
    return created


def enrolment_progress_refresh(
    *, enrolment: Enrolment, now: datetime.datetime | None = None, user=None
) -> Enrolment:
    """Recompute progress; record (once) and announce new module and course completions.

    Call inside the transaction that changed the learner's progress, with the enrolment locked.
    ``user`` is the learner (read from the enrolment's ASN when not given, and only when a
    completion is announced). Costs the course row and its outline with this learner's progress (two
    queries), the module completions only when a module is complete, and an update only when the
    percentage changed.
    """
    now = now or timezone.now()
    course = CoursePage.objects.only("path", "depth", "title", "jp", "organiser").get(pk=enrolment.course_id)
    outline = course_outline(
        course_path=course.path, course_depth=course.depth, root_url_path="/", enrolment_id=enrolment.pk
    )
    complete_modules = [module for module in outline.modules if module.complete]
    done_modules = (
        set(
            ModuleCompletion.objects.filter(
                enrolment=enrolment, module_id__in=[m.id for m in complete_modules]
            ).values_list("module_id", flat=True)
        )
        if complete_modules
        else set()
    )
    new_modules = [module for module in complete_modules if module.id not in done_modules]
    if user is None and (new_modules or (outline.complete and enrolment.completed_at is None)):
        user = enrolment.asn.user
    for module in new_modules:
        ModuleCompletion.objects.create(enrolment=enrolment, module_id=module.id, completed_at=now)
        statement_record(
            enrolment=enrolment,
            verb=xapi.VERB_COMPLETED,
            object_type="module",
            object_ref=module.id,
            object_name=module.title,
            timestamp=now,
        )
        transaction.on_commit(
            functools.partial(
                events.completed.send,
                sender=Enrolment,
                kind=events.MODULE,
                user=user,
                course=course,
                module=ModulePage.objects.get(pk=module.id),
                completed_at=now,
                jp=0,
            )
        )
    if enrolment.progress != outline.percent:
        Enrolment.objects.filter(pk=enrolment.pk).update(progress=outline.percent)
        enrolment.progress = outline.percent
    complete, jp = outline.complete, course.jp
    if enrolment.completed_at is None and (complete or outline.required_total == 0):
        complete, jp = _session_requirement(
            enrolment=enrolment, lessons_complete=complete, course_jp=course.jp
        )
    if complete and enrolment.completed_at is None:
        if user is None:  # completed by a session's attendance: the learner is not the caller
            user = enrolment.asn.user
        updated = Enrolment.objects.filter(pk=enrolment.pk, completed_at__isnull=True).update(
            completed_at=now, jp_credited=jp, progress=100
        )
        if updated:
            enrolment.completed_at, enrolment.jp_credited, enrolment.progress = now, jp, 100
            statement_record(
                enrolment=enrolment,
                verb=xapi.VERB_COMPLETED,
                object_type="course",
                object_ref=course.pk,
                object_name=course.title,
                timestamp=now,
                result={
                    "completion": True,
                    "extensions": {f"{xapi.base_url()}/xapi/extensions/jp": course.jp},
                },
            )
            certificate_issue(enrolment=enrolment, course=course, now=now)
            transaction.on_commit(
                functools.partial(
                    events.completed.send,
                    sender=Enrolment,
                    kind=events.COURSE,
                    user=user,
                    course=course,
                    module=None,
                    completed_at=now,
                    jp=jp,
                )
            )
    return enrolment


def _session_requirement(*, enrolment: Enrolment, lessons_complete: bool, course_jp: int) -> tuple[bool, int]:
    """Whether the course is complete once its sessions are counted, and the JP its completion
    credits (one query).

    A course with scheduled sessions also needs one attended session (a course with sessions and
    no lessons completes by attendance alone). The session's JP were credited at attendance
    (:func:`learning.sessions.attendance_mark`), so the completion credits the rest of the course's
    JP: together exactly the course's JP, never twice."""
    totals = CourseSession.objects.filter(course_id=enrolment.course_id).aggregate(
        sessions=Count("pk"),
        attended=Count(
            "registrations",
            filter=Q(registrations__enrolment=enrolment, registrations__attended_at__isnull=False),
        ),
        session_jp=Sum("registrations__jp_credited", filter=Q(registrations__enrolment=enrolment)),
    )
    if not totals["sessions"]:
        return lessons_complete, course_jp
    return bool(totals["attended"]), max(0, course_jp - (totals["session_jp"] or 0))


# --------------------------------------------------------------------------------------------------
# Quizzes
# --------------------------------------------------------------------------------------------------


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


# --------------------------------------------------------------------------------------------------
# Certificates and records
# --------------------------------------------------------------------------------------------------


def certificate_issue(*, enrolment: Enrolment, course: CoursePage, now: datetime.datetime) -> Certificate:
    """Issue the certificate of a completed enrolment (once), copying the printed fields."""
    asn = enrolment.asn
    certificate, _created = Certificate.objects.get_or_create(
        enrolment=enrolment,
        defaults={
            "code": secrets.token_urlsafe(18),
            "holder_name": asn.name,
            "holder_nip": asn.nip,
            "course_title": course.title,
            "jp": course.jp,
            "completed_at": enrolment.completed_at or now,
            "issuer": course.issuer,
            "issued_at": now,
        },
    )
    return certificate


def certificate_revoke(
    *, user, certificate: Certificate, reason: str, now: datetime.datetime | None = None
) -> Certificate:
    """HR of the holder's instansi (or BKPSDM) revokes a certificate, with a reason."""
    reason = (reason or "").strip()
    if not reason:
        raise LearningError(_("Tuliskan alasan pencabutan."))
    if certificate.revoked_at is not None:
        raise LearningError(_("Sertifikat ini sudah dicabut."))
    now = now or timezone.now()
    # one conditional UPDATE: of two HR users revoking at once, exactly one records the reason
    if not Certificate.objects.filter(pk=certificate.pk, revoked_at__isnull=True).update(
        revoked_at=now, revoked_reason=reason, revoked_by=user
    ):
        raise LearningError(_("Sertifikat ini baru saja dicabut oleh pengguna lain."))
    certificate.refresh_from_db()
    return certificate


def statement_record(
    *,
    enrolment: Enrolment,
    verb: str,
    object_type: str,
    object_ref: int,
    object_name: str,
    timestamp: datetime.datetime,
    result: dict | None = None,
) -> Statement:
    """Record one xAPI statement of ``enrolment``'s learner (exported by :mod:`learning.xapi`)."""
    return Statement.objects.create(
        asn_id=enrolment.asn_id,
        enrolment=enrolment,
        verb=verb,
        object_type=object_type,
        object_ref=object_ref,
        object_name=object_name[:255],
        result=result,
        timestamp=timestamp,
    )
