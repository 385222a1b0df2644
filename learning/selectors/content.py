"""Packaged lesson content (SCORM, video): who may open it and where the learner left off."""

from __future__ import annotations

from django.conf import settings

from pamong.people.models import ASN

from ..models import (
    Enrolment,
    LessonPage,
    LessonVideo,
    ScormAttempt,
    ScormPackage,
    VideoWatch,
)
from .outline import course_path_of
from .steps import enrolment_for


def lesson_content_access(*, user, lesson_id: int) -> tuple[LessonPage, Enrolment] | None:
    """A live lesson and the user's enrolment on its course, or ``None`` when the user may not open
    the lesson's content (not enrolled, lesson missing or not live). Two queries."""
    lesson = LessonPage.objects.live().defer_streamfields().filter(pk=lesson_id).first()
    if lesson is None:
        return None
    course_path, _depth = course_path_of(lesson)
    enrolment = enrolment_for(user=user, course_path=course_path)
    if enrolment is None:
        return None
    return lesson, enrolment


def scorm_runtime_for(*, lesson: LessonPage, enrolment: Enrolment | None, asn: ASN | None) -> dict | None:
    """What the SCORM player of ``lesson`` needs: the package and the flattened cmi data the runtime
    starts from (the learner, the mastery score and, on a return visit, status, location and suspend
    data, so the SCO resumes where the learner left off)."""
    package = ScormPackage.objects.filter(pk=lesson.scorm_package_id).first()
    if package is None:
        return None
    attempt = (
        ScormAttempt.objects.filter(enrolment=enrolment, lesson=lesson, package=package).first()
        if enrolment is not None
        else None
    )
    v12 = package.version == ScormPackage.Version.SCORM_12
    state: dict[str, str] = {}
    if asn is not None:
        state["cmi.core.student_id" if v12 else "cmi.learner_id"] = asn.nip
        state["cmi.core.student_name" if v12 else "cmi.learner_name"] = asn.name
    if v12 and package.mastery_score is not None:
        state["cmi.student_data.mastery_score"] = str(package.mastery_score.normalize())
    if attempt is not None:
        if v12:
            state["cmi.core.lesson_location"] = attempt.location
            if attempt.lesson_status:
                state["cmi.core.lesson_status"] = attempt.lesson_status
            state["cmi.core.entry"] = "resume"
        else:
            state["cmi.location"] = attempt.location
            if attempt.completion_status:
                state["cmi.completion_status"] = attempt.completion_status
            if attempt.success_status:
                state["cmi.success_status"] = attempt.success_status
            state["cmi.entry"] = "resume"
        state["cmi.suspend_data"] = attempt.suspend_data
    return {"package": package, "attempt": attempt, "state": state}


def video_progress_for(*, lesson: LessonPage, enrolment: Enrolment | None) -> dict | None:
    """The lesson's video and how much of it the learner has watched (percent)."""
    lesson_video = LessonVideo.objects.filter(pk=lesson.video_id).first()
    if lesson_video is None:
        return None
    watch = (
        VideoWatch.objects.filter(enrolment=enrolment, lesson=lesson, video=lesson_video).first()
        if enrolment is not None
        else None
    )
    duration = float(lesson_video.duration_seconds) or 1.0
    watched = float(watch.watched_seconds) if watch else 0.0
    return {
        "video": lesson_video,
        "watch": watch,
        "percent": min(100, round(100 * watched / duration)),
        "required_percent": settings.PAMONG_VIDEO_COMPLETION_PERCENT,
    }
