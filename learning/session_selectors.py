"""Reads of classroom and online sessions, already scoped (writes: :mod:`learning.sessions`)."""

from __future__ import annotations

import datetime

from django.db.models import Count, Q, QuerySet
from django.shortcuts import get_object_or_404

from pamong.people.access import asn_scope_q

from .models import CourseSession, SessionRegistration
from .sessions import attendance_code, attendance_qr_svg

Status = SessionRegistration.Status


def sessions_upcoming(*, asn_id: int, now: datetime.datetime) -> list[CourseSession]:
    """Sessions not yet ended, each with ``taken`` (registered seats) and ``mine`` (this ASN's
    active registration or ``None``). Two queries."""
    sessions = list(
        CourseSession.objects.filter(ends_at__gte=now)
        .select_related("course")
        .annotate(taken=Count("registrations", filter=Q(registrations__status=Status.REGISTERED)))
        .order_by("starts_at", "pk")[:100]
    )
    mine = {
        r.session_id: r
        for r in SessionRegistration.objects.filter(
            asn_id=asn_id, session__in=sessions, status__in=(Status.REGISTERED, Status.WAITING)
        )
    }
    for session in sessions:
        session.mine = mine.get(session.pk)
        session.is_full = session.taken >= session.capacity
    return sessions


def ticket_for(*, asn_id: int | None, session_id: int) -> SessionRegistration:
    """This ASN's registration on a session with its code and QR code (404 when there is none)."""
    registration = get_object_or_404(
        SessionRegistration.objects.select_related("session__course", "asn"),
        session_id=session_id,
        asn_id=asn_id or 0,
    )
    registration.code = attendance_code(registration)
    registration.qr_svg = attendance_qr_svg(registration) if registration.status == Status.REGISTERED else ""
    return registration


def session_roster(*, session: CourseSession, with_qr: bool = False) -> list[SessionRegistration]:
    """Registered participants (then the waiting list) of a session, by name, with their codes."""
    rows = list(
        SessionRegistration.objects.filter(session=session, status__in=(Status.REGISTERED, Status.WAITING))
        .select_related("asn")
        .order_by("-status", "asn__name", "pk")  # "registered" sorts after "waiting": reversed
    )
    for row in rows:
        row.code = attendance_code(row)
        row.qr_svg = attendance_qr_svg(row) if with_qr and row.status == Status.REGISTERED else ""
    return rows


def registrations_visible(*, user) -> QuerySet[SessionRegistration]:
    """Registrations of the ASN ``user`` may see (an atasan: their reports; HR: their instansi),
    newest first: registration, cancellation and attendance."""
    qs = SessionRegistration.objects.select_related("asn", "asn__unit", "session__course").order_by(
        "-session__starts_at", "asn__name", "pk"
    )
    q = asn_scope_q(user, prefix="asn__")
    return qs if q is None else qs.filter(q)
