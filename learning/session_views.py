"""Views of classroom and online sessions: the ASN registers, cancels and shows their ticket; the
trainer takes attendance (scan or type the code, or tick the list) and prints the participant
list; atasan and HR follow registrations in their scope. Access: ``pamong.people.access``."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from pamong.pagination import BoundedPaginator
from pamong.people.access import can_run_session, role_required, scope_for

from . import session_selectors as selectors
from .models import CourseSession, SessionRegistration
from .services import LearningError
from .sessions import attendance_mark, session_cancel, session_register


@role_required("asn")
def session_list(request):
    sessions = selectors.sessions_upcoming(asn_id=scope_for(request.user).asn_id, now=timezone.now())
    return render(request, "learning/session_list.html", {"sessions": sessions})


@require_POST
@role_required("asn")
def session_register_view(request, pk: int):
    session = get_object_or_404(CourseSession.objects.select_related("course"), pk=pk)
    try:
        registration = session_register(user=request.user, session=session)
    except LearningError as error:
        messages.error(request, str(error))
        return redirect("learning:session_list")
    if registration.status == SessionRegistration.Status.WAITING:
        messages.info(
            request, _("Kursi penuh: Anda masuk daftar tunggu dan akan diberi tahu bila ada kursi kosong.")
        )
    else:
        messages.success(request, _("Anda terdaftar. Tunjukkan kode QR ini kepada pengajar saat sesi."))
    return redirect("learning:session_ticket", pk=session.pk)


@require_POST
@role_required("asn")
def session_cancel_view(request, pk: int):
    registration = get_object_or_404(
        SessionRegistration.objects.select_related("session"),
        session_id=pk,
        asn_id=scope_for(request.user).asn_id,
    )
    try:
        session_cancel(user=request.user, registration=registration)
        messages.success(request, _("Pendaftaran dibatalkan."))
    except LearningError as error:
        messages.error(request, str(error))
    return redirect("learning:session_list")


@role_required("asn")
def session_ticket(request, pk: int):
    registration = selectors.ticket_for(asn_id=scope_for(request.user).asn_id, session_id=pk)
    return render(
        request,
        "learning/session_ticket.html",
        {"registration": registration, "session": registration.session},
    )


def _session_run_by(request, pk: int) -> CourseSession:
    session = get_object_or_404(CourseSession.objects.select_related("course"), pk=pk)
    if not can_run_session(request.user, trainer_id=session.trainer_id):
        raise PermissionDenied
    return session


@require_http_methods(["GET", "POST"])
@login_required
def session_attendance(request, pk: int):
    """The trainer's phone page: a camera scanner wherever the browser has a camera (the browser's
    ``BarcodeDetector`` or the vendored jsQR reads the frames), a code field that always works, and
    the list to tick."""
    session = _session_run_by(request, pk)
    if request.method == "POST":
        code = request.POST.get("code")
        registration_id = request.POST.get("registration", "")
        try:
            result = attendance_mark(
                user=request.user,
                session=session,
                code=code if code is not None else None,
                registration_id=int(registration_id) if registration_id.isdigit() else None,
            )
        except LearningError as error:
            messages.error(request, str(error))
        else:
            name = result.registration.asn.name
            if result.new:
                messages.success(request, _("%(name)s tercatat hadir.") % {"name": name})
            else:
                messages.info(request, _("%(name)s sudah tercatat hadir sebelumnya.") % {"name": name})
        return redirect("learning:session_attendance", pk=session.pk)
    roster = selectors.session_roster(session=session)
    return render(
        request,
        "learning/session_attendance.html",
        {"session": session, "roster": roster, "present": sum(1 for r in roster if r.attended_at)},
    )


@login_required
def session_participants(request, pk: int):
    """The printable participant list, one QR code per registered participant."""
    session = _session_run_by(request, pk)
    roster = selectors.session_roster(session=session, with_qr=True)
    return render(request, "learning/session_participants.html", {"session": session, "roster": roster})


@role_required("atasan", "hr")
def session_report(request):
    page_obj = BoundedPaginator(selectors.registrations_visible(user=request.user), 50).get_page(
        request.GET.get("page")
    )
    return render(request, "learning/session_report.html", {"page_obj": page_obj})
