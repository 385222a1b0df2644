"""What the learning app tells people (pamong.notifications): a course assigned, its due date near,
a session tomorrow (the registration and promotion notices are sent by :mod:`learning.sessions`).

The audiences are registered by name so the notification worker can rebuild them from JSON
arguments; they return users, and the worker records their notifications in one ``INSERT … SELECT``.
"""

from __future__ import annotations

import datetime
from urllib.parse import urlsplit

from django.contrib.auth import get_user_model
from django.db.models import QuerySet
from django.urls import reverse
from django.utils import timezone

from pamong import formats
from pamong.notifications.services import audience_register, notification_broadcast

from .models import CoursePage, CourseSession, Enrolment, SessionRegistration

#: Reminders before a due date: the kind and how many days ahead.
DUE_REMINDERS = (("course_due_7", 7), ("course_due_1", 1))


def course_path(course: CoursePage) -> str:
    return urlsplit(course.get_url() or "/pelatihan/").path


@audience_register("learning.assigned")
def assigned_learners(*, course_id: int, enrolled_at: str, assigned_by_id: int) -> QuerySet:
    """The learners one assignment (one HR action) enrolled."""
    enrolments = Enrolment.objects.filter(
        course_id=course_id,
        enrolled_at=datetime.datetime.fromisoformat(enrolled_at),
        source=Enrolment.Source.ASSIGNED,
        assigned_by_id=assigned_by_id,
    )
    return get_user_model().objects.filter(pk__in=enrolments.values("asn__user_id"))


@audience_register("learning.due")
def learners_due(*, course_id: int, due_date: str) -> QuerySet:
    """Learners of a course due on ``due_date`` who have not completed it."""
    enrolments = Enrolment.objects.filter(
        course_id=course_id, due_date=datetime.date.fromisoformat(due_date), completed_at__isnull=True
    )
    return get_user_model().objects.filter(pk__in=enrolments.values("asn__user_id"))


def notify_course_assigned(
    *, course: CoursePage, enrolled_at: datetime.datetime, assigned_by_id: int, due_date
) -> None:
    notification_broadcast(
        kind="course_assigned",
        audience="learning.assigned",
        audience_args={
            "course_id": course.pk,
            "enrolled_at": enrolled_at.isoformat(),
            "assigned_by_id": assigned_by_id,
        },
        key=f"course_assigned:{course.pk}",
        link=course_path(course),
        params={"course": course.title, "due": formats.date_long(due_date)},
        subject=course,
    )


def course_due_reminders_send(*, today: datetime.date) -> int:
    """Enqueue the reminders of every course due 7 days and 1 day from ``today`` (daily, from cron or
    the scheduler). Idempotent per (course, due date, kind). Returns the number of broadcasts."""
    count = 0
    for kind, days in DUE_REMINDERS:
        due = today + datetime.timedelta(days=days)
        course_ids = (
            Enrolment.objects.filter(due_date=due, completed_at__isnull=True)
            .order_by()
            .values_list("course_id", flat=True)
            .distinct()
        )
        for course in CoursePage.objects.filter(pk__in=list(course_ids)):
            notification_broadcast(
                kind=kind,
                audience="learning.due",
                audience_args={"course_id": course.pk, "due_date": due.isoformat()},
                key=f"{kind}:{course.pk}:{due.isoformat()}",
                link=course_path(course),
                params={"course": course.title, "due": formats.date_long(due)},
                subject=course,
            )
            count += 1
    return count


def ticket_path(session: CourseSession) -> str:
    """The participant's page of a session (their ticket with the attendance QR code)."""
    return reverse("learning:session_ticket", args=[session.pk])


@audience_register("learning.session_participants")
def session_participants(*, session_id: int) -> QuerySet:
    """Registered (not waiting, not cancelled) participants of a session."""
    registrations = SessionRegistration.objects.filter(
        session_id=session_id, status=SessionRegistration.Status.REGISTERED
    )
    return get_user_model().objects.filter(pk__in=registrations.values("asn__user_id"))


def session_reminders_send(*, today: datetime.date) -> int:
    """Remind the participants of every session starting tomorrow (daily, from cron or the
    scheduler; idempotent per session and day). Returns the number of broadcasts."""
    tomorrow = today + datetime.timedelta(days=1)
    start = datetime.datetime.combine(tomorrow, datetime.time.min, tzinfo=timezone.get_current_timezone())
    count = 0
    for session in CourseSession.objects.filter(
        starts_at__gte=start, starts_at__lt=start + datetime.timedelta(days=1)
    ).select_related("course"):
        notification_broadcast(
            kind="session_reminder",
            audience="learning.session_participants",
            audience_args={"session_id": session.pk},
            key=f"session_reminder:{session.pk}:{tomorrow.isoformat()}",
            link=ticket_path(session),
            params={"session": str(session), "start": formats.datetime(session.starts_at)},
            subject=session,
        )
        count += 1
    return count
