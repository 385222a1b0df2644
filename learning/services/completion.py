"""Progress and completion. Completion is decided in one place, :func:`enrolment_progress_refresh`,
which records module and course completions at most once each and announces them through
:data:`learning.events.completed` after the transaction commits.
"""

from __future__ import annotations

import datetime
import functools

from django.db import transaction
from django.db.models import Count, Q, Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from pamong.people.access import scope_for

from .. import events, xapi
from ..models import (
    CoursePage,
    CourseSession,
    Enrolment,
    LessonCompletion,
    LessonPage,
    ModuleCompletion,
    ModulePage,
)
from ..selectors import course_outline, course_path_of
from .certificates import certificate_issue
from .errors import LearningError
from .statements import statement_record

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
