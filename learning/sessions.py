"""Writes of classroom and online sessions: registration with a waiting list, cancellation with
automatic promotion, and attendance taken by scanning a signed code.

Every write locks the session row first (``SELECT … FOR UPDATE``), so two ASN registering for the
last seat at once are served one after the other: the second one lands on the waiting list, never
on an overbooked session. A cancellation of a registered seat promotes the first ASN on the waiting
list in the same transaction.

The attendance code of a registration is ``<registration id>-<10 hex digits>``, the digits an HMAC
(the site's secret key) of the session and the registration: it is printed as a QR code on the
participant's ticket and on the participant list, and can be typed in when scanning is not possible.
A code forged, mistyped or belonging to another session is refused.

Attendance is recorded once (a conditional update); it credits the session's JP
(:class:`learning.models.JpCredit`) and refreshes the learner's course progress, so the course
completes — with its certificate and :data:`learning.events.completed` — when its requirements
are met.
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass

import segno
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.crypto import constant_time_compare, salted_hmac
from django.utils.translation import gettext as _

from pamong import formats
from pamong.notifications.services import notification_send
from pamong.people.access import can_run_session, scope_for

from .models import CourseSession, Enrolment, JpCredit, SessionRegistration
from .notifications import ticket_path
from .services import LearningError, enrolment_progress_refresh, enrolment_self_create, statement_record
from .xapi import VERB_ATTENDED

_LOCK = {"of": ("self",)}
ACTIVE = (SessionRegistration.Status.REGISTERED, SessionRegistration.Status.WAITING)
#: Attendance can be taken from this long before the session starts.
ATTENDANCE_OPENS_BEFORE = datetime.timedelta(hours=1)
_CODE = re.compile(r"^\s*(\d{1,12})-([0-9A-Fa-f]{10})\s*$")


# --------------------------------------------------------------------------------------------------
# Codes
# --------------------------------------------------------------------------------------------------


def _mac(session_id: int, registration_id: int) -> str:
    return (
        salted_hmac("learning.session-attendance", f"{session_id}:{registration_id}").hexdigest()[:10].upper()
    )


def attendance_code(registration: SessionRegistration) -> str:
    """The signed code of a registration (what its QR code holds)."""
    return f"{registration.pk}-{_mac(registration.session_id, registration.pk)}"


def attendance_qr_svg(registration: SessionRegistration) -> str:
    """The registration's code as an inline SVG QR code (no outside service)."""
    return segno.make_qr(attendance_code(registration), error="m").svg_inline(scale=6, border=2)


def registration_for_code(*, session: CourseSession, code: str) -> SessionRegistration:
    """The registration a code names, if the code is genuine and belongs to ``session``."""
    match = _CODE.match(code or "")
    if match is None:
        raise LearningError(
            _("Kode presensi tidak dikenali. Bentuknya: angka, tanda hubung, 10 huruf/angka.")
        )
    registration_id = int(match.group(1))
    if not constant_time_compare(match.group(2).upper(), _mac(session.pk, registration_id)):
        raise LearningError(_("Kode presensi tidak sah untuk sesi ini."))
    registration = SessionRegistration.objects.filter(pk=registration_id, session=session).first()
    if registration is None:
        raise LearningError(_("Kode presensi tidak sah untuk sesi ini."))
    return registration


# --------------------------------------------------------------------------------------------------
# Registration and cancellation
# --------------------------------------------------------------------------------------------------


def _locked_session(session_id: int) -> CourseSession:
    return CourseSession.objects.select_for_update(**_LOCK).select_related("course").get(pk=session_id)


def session_register(
    *, user, session: CourseSession, now: datetime.datetime | None = None
) -> SessionRegistration:
    """Register ``user`` (an ASN) for a session: a seat while one is free, else the waiting list.

    Registering again while registered or waiting changes nothing and returns the registration.
    The ASN is enrolled on the course if they are not yet (an assignment-only course needs the
    assignment first)."""
    now = now or timezone.now()
    asn_id = scope_for(user).asn_id
    if asn_id is None:
        raise LearningError(_("Hanya ASN yang dapat mendaftar sesi pelatihan."))
    if now < session.registration_opens_at:
        raise LearningError(
            _("Pendaftaran sesi ini dibuka %(when)s.")
            % {"when": formats.datetime(session.registration_opens_at)}
        )
    if now >= session.registration_closes_at:
        raise LearningError(_("Pendaftaran sesi ini sudah ditutup."))
    enrolment = Enrolment.objects.filter(asn_id=asn_id, course_id=session.course_id).first()
    if enrolment is None:
        enrolment = enrolment_self_create(user=user, course=session.course.specific, now=now)
    with transaction.atomic():
        session = _locked_session(session.pk)
        registration = SessionRegistration.objects.filter(session=session, asn_id=asn_id).first()
        if registration is not None and registration.status in ACTIVE:
            return registration
        taken = SessionRegistration.objects.filter(
            session=session, status=SessionRegistration.Status.REGISTERED
        ).count()
        status = (
            SessionRegistration.Status.REGISTERED
            if taken < session.capacity
            else SessionRegistration.Status.WAITING
        )
        if registration is None:
            registration = SessionRegistration.objects.create(
                session=session, asn_id=asn_id, enrolment=enrolment, status=status, registered_at=now
            )
        else:  # registering again after a cancellation: back of the queue
            SessionRegistration.objects.filter(
                pk=registration.pk, status=SessionRegistration.Status.CANCELLED
            ).update(status=status, registered_at=now, cancelled_at=None, promoted_at=None)
            registration.refresh_from_db()
        notification_send(
            kind="session_registered",
            recipients=[user.pk],
            key=f"session_registered:{registration.pk}:{now.isoformat()}",
            link=ticket_path(session),
            params={
                "session": str(session),
                "status": registration.get_status_display(),
                "start": formats.datetime(session.starts_at),
            },
            subject=session,
        )
    registration.session = session
    return registration


def session_cancel(
    *, user, registration: SessionRegistration, now: datetime.datetime | None = None
) -> SessionRegistration | None:
    """The ASN cancels their registration before the session's cutoff. A freed seat goes to the
    first ASN on the waiting list (returned), in the same transaction."""
    now = now or timezone.now()
    if scope_for(user).asn_id != registration.asn_id:
        raise PermissionDenied
    session = registration.session
    cutoff = session.starts_at - datetime.timedelta(hours=session.cancel_cutoff_hours)
    if registration.attended_at is not None:
        raise LearningError(_("Kehadiran Anda sudah tercatat; pendaftaran tidak dapat dibatalkan."))
    if now > cutoff:
        raise LearningError(
            _("Batas pembatalan sudah lewat (%(when)s). Hubungi pengajar sesi.")
            % {"when": formats.datetime(cutoff)}
        )
    with transaction.atomic():
        session = _locked_session(session.pk)
        current = (
            SessionRegistration.objects.filter(pk=registration.pk).values_list("status", flat=True).first()
        )
        if current not in ACTIVE:
            raise LearningError(_("Pendaftaran ini sudah dibatalkan."))
        SessionRegistration.objects.filter(pk=registration.pk).update(
            status=SessionRegistration.Status.CANCELLED, cancelled_at=now
        )
        promoted = (
            _promote_waiting(session=session, now=now)
            if current == SessionRegistration.Status.REGISTERED
            else None
        )
    registration.refresh_from_db()
    return promoted


def _promote_waiting(*, session: CourseSession, now: datetime.datetime) -> SessionRegistration | None:
    """Give free seats of a locked session to the waiting list, first come first served."""
    taken = SessionRegistration.objects.filter(
        session=session, status=SessionRegistration.Status.REGISTERED
    ).count()
    if taken >= session.capacity:
        return None
    first = (
        SessionRegistration.objects.filter(session=session, status=SessionRegistration.Status.WAITING)
        .select_related("asn")
        .order_by("registered_at", "pk")
        .first()
    )
    if first is None:
        return None
    SessionRegistration.objects.filter(pk=first.pk, status=SessionRegistration.Status.WAITING).update(
        status=SessionRegistration.Status.REGISTERED, promoted_at=now
    )
    first.refresh_from_db()
    notification_send(
        kind="session_promoted",
        recipients=[first.asn.user_id],
        key=f"session_promoted:{first.pk}:{now.isoformat()}",
        link=ticket_path(session),
        params={"session": str(session), "start": formats.datetime(session.starts_at)},
        subject=session,
    )
    return first


# --------------------------------------------------------------------------------------------------
# Attendance
# --------------------------------------------------------------------------------------------------


@dataclass
class AttendanceResult:
    registration: SessionRegistration
    new: bool  # False: attendance was already recorded (nothing changed)
    course_completed: bool = False


def attendance_mark(
    *,
    user,
    session: CourseSession,
    code: str | None = None,
    registration_id: int | None = None,
    now: datetime.datetime | None = None,
) -> AttendanceResult:
    """The trainer records one participant present, by the signed ``code`` (scanned or typed) or
    by ``registration_id`` (ticked on the list). Recording twice changes nothing."""
    now = now or timezone.now()
    if not can_run_session(user, trainer_id=session.trainer_id):
        raise PermissionDenied
    if code is not None:
        registration = registration_for_code(session=session, code=code)
    else:
        registration = SessionRegistration.objects.filter(pk=registration_id or 0, session=session).first()
        if registration is None:
            raise LearningError(_("Peserta ini tidak terdaftar pada sesi ini."))
    if now < session.starts_at - ATTENDANCE_OPENS_BEFORE:
        raise LearningError(_("Presensi dibuka satu jam sebelum sesi dimulai."))
    if registration.status != SessionRegistration.Status.REGISTERED:
        raise LearningError(
            _("%(asn)s tidak dapat dicatat hadir: status pendaftarannya “%(status)s”.")
            % {"asn": registration.asn.name, "status": registration.get_status_display()}
        )
    with transaction.atomic():
        enrolment = (
            Enrolment.objects.select_for_update(**_LOCK)
            .select_related("asn")
            .get(pk=registration.enrolment_id)
        )
        updated = SessionRegistration.objects.filter(pk=registration.pk, attended_at__isnull=True).update(
            attended_at=now, marked_by=user, jp_credited=session.jp
        )
        registration.refresh_from_db()
        if not updated:
            return AttendanceResult(registration=registration, new=False)
        JpCredit.objects.create(
            asn_id=registration.asn_id,
            kind=JpCredit.Kind.SESSION,
            title=str(session)[:255],
            earned_on=timezone.localdate(now),
            jp=session.jp,
            registration=registration,
        )
        # the attendance itself, in the learner's xAPI record (its context: the session's course)
        statement_record(
            enrolment=enrolment,
            verb=VERB_ATTENDED,
            object_type="session",
            object_ref=session.pk,
            object_name=str(session),
            timestamp=now,
        )
        was_complete = enrolment.completed_at is not None
        enrolment_progress_refresh(enrolment=enrolment, now=now)
    return AttendanceResult(
        registration=registration,
        new=True,
        course_completed=not was_complete and enrolment.completed_at is not None,
    )
