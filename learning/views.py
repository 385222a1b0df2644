"""Learner, HR and public views of the learning app. Access decisions come from
``pamong.people.access``: objects outside a user's scope are 404, missing roles 403."""

from __future__ import annotations

from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse, HttpResponseBadRequest, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST
from wagtail.models import Page
from wagtail.views import serve as wagtail_serve

from pamong.home.sites import site_root_url_path
from pamong.people.access import can_manage_instansi, role_required, scope_for
from pamong.people.filters import int_or_none
from pamong.people.selectors import instansi_choices_for
from pamong.signing.services import signature_status

from . import selectors, services
from .attempt_items import attempt_items
from .cache import quiz_content, quiz_facts, step_page
from .certificates import certificate_pdf, verification_url
from .forms import AssignmentForm, RevokeForm
from .models import CoursePage, CourseSession, LessonPage, ModulePage
from .xapi import PAGE_OBJECT_TYPES, statements_json

# --------------------------------------------------------------------------------------------------
# Fast path for module and lesson pages
# --------------------------------------------------------------------------------------------------


def step_serve(request, course: str, module: str, lesson: str | None = None):
    """Serve a module or lesson page found by its URL in one query.

    Wagtail's router spends about six queries (site, root, one or two per level, view restrictions)
    before the page's own work; the lesson page has a budget of twelve. Course pages carry no view
    restrictions (access to lessons is the enrolment, checked by the page itself), so the page is
    looked up directly and served; anything not found here falls through to Wagtail's own router.
    """
    suffix = f"/pelatihan/{course}/{module}/" + (f"{lesson}/" if lesson else "")
    page = step_page(suffix=suffix, lesson=lesson is not None)
    if page is None:
        return wagtail_serve(request, request.path.lstrip("/"))
    return page.serve(request)


# --------------------------------------------------------------------------------------------------
# Learner
# --------------------------------------------------------------------------------------------------


@role_required("asn")
def dashboard(request):
    scope = scope_for(request.user)
    root = site_root_url_path(request)
    context = selectors.dashboard_for(asn_id=scope.asn_id, root_url_path=root)
    context["page_title"] = _("Belajar")
    completed = request.GET.get("selesai", "")
    if completed.isdigit():  # arriving from the last lesson: the "course complete" moment
        context["completion"] = selectors.completion_certificate(
            enrolment_id=int(completed), asn_id=scope.asn_id
        )
    return render(request, "learning/dashboard.html", context)


@require_POST
@role_required("asn")
def enrol(request, course_id: int):
    course = get_object_or_404(CoursePage.objects.live(), pk=course_id)
    try:
        services.enrolment_self_create(user=request.user, course=course)
    except services.LearningError as error:
        messages.error(request, str(error))
        return redirect(course.get_url(request=request))
    messages.success(request, _("Anda terdaftar pada pelatihan “%(course)s”.") % {"course": course.title})
    return redirect(course.get_url(request=request))


@require_POST
@role_required("asn")
def lesson_complete(request, lesson_id: int):
    lesson = get_object_or_404(LessonPage.objects.live().defer_streamfields(), pk=lesson_id)
    try:
        enrolment = services.lesson_mark_complete(user=request.user, lesson=lesson)
    except services.LearningError as error:
        messages.error(request, str(error))
        return redirect(lesson.get_url(request=request))
    if enrolment.completed_at:
        messages.success(
            request, _("Selamat! Anda telah menyelesaikan pelatihan ini. Sertifikat sudah terbit.")
        )
        # the dashboard shows the "course complete" moment with the certificate and the JP
        return redirect(f"{reverse('learning:dashboard')}?{urlencode({'selesai': enrolment.pk})}")
    messages.success(request, _("Pelajaran ditandai selesai."))
    next_url = request.POST.get("next", "")
    if next_url.startswith("/") and not next_url.startswith("//"):
        return redirect(next_url)
    return redirect(lesson.get_url(request=request))


@require_POST
@role_required("asn")
def attempt_start(request, page_id: int):
    page = get_object_or_404(Page.objects.live().type(LessonPage, ModulePage), pk=page_id).specific
    try:
        attempt = services.attempt_start(user=request.user, page=page)
    except services.LearningError as error:
        messages.error(request, str(error))
        return redirect(page.get_url(request=request))
    return redirect("learning:attempt", attempt.pk)


@require_http_methods(["GET", "POST"])
@login_required
def attempt(request, pk: int):
    """Take an open attempt (GET shows the questions, POST submits) or see a submitted one's result.

    An empty submission is refused and a partial one asks for confirmation (the form comes back
    with the answers kept and the unanswered questions named); neither spends the attempt. A second
    submission of the same attempt (a double click, two tabs) gets the recorded result, unchanged.
    """
    attempt = selectors.attempt_for_owner(user=request.user, attempt_id=pk)
    if attempt is None:
        raise Http404
    chosen: dict | None = None
    unanswered: list[int] = []
    problems: dict[int, str] = {}
    incomplete = ""
    if request.method == "POST":
        if not attempt.is_open:
            messages.info(request, _("Jawaban percobaan ini sudah dikirim; hasilnya tidak berubah."))
            return redirect("learning:attempt", attempt.pk)
        answers = {key[1:]: request.POST.getlist(key) for key in request.POST if key.startswith("q")}
        now = timezone.now()
        try:
            attempt = services.attempt_submit(
                user=request.user,
                attempt=attempt,
                answers=answers,
                confirm_incomplete=request.POST.get("konfirmasi") == "1",
                now=now,
            )
        except services.AnswerRejected:
            return HttpResponseBadRequest(_("Jawaban tidak sesuai dengan soal pada percobaan ini."))
        except services.SubmissionEmpty as error:
            messages.error(request, str(error))
            return redirect("learning:attempt", attempt.pk)
        except services.SubmissionIncomplete as error:  # and SubmissionUnclear: the form again
            incomplete = str(error)
            chosen = error.answers
            unanswered = error.unanswered
            problems = getattr(error, "problems", {})
        else:
            if attempt.submitted_at != now:  # another request submitted it first
                messages.info(request, _("Jawaban percobaan ini sudah dikirim; hasilnya tidak berubah."))
            elif attempt.passed:
                messages.success(request, _("Selamat, Anda lulus kuis ini."))
            else:
                messages.warning(request, _("Nilai Anda belum mencapai nilai lulus."))
            return redirect("learning:attempt", attempt.pk)

    quiz = quiz_facts(attempt.quiz_id)  # the same for every learner: from the shared cache
    course_allows = bool(attempt.course_shows_answers)
    tries = None if attempt.is_open else selectors.attempt_tries(attempt=attempt, limit=quiz["max_attempts"])
    show_correct = selectors.attempt_reveals_answers(
        attempt=attempt, course_allows=course_allows, tries=tries
    )
    items = attempt_items(
        attempt=attempt,
        content=quiz_content(attempt.quiz_id),  # the same for every learner: from the shared cache
        answers=attempt.answers if chosen is None else chosen,
        show_correct=show_correct,
        unanswered=set(unanswered),
        problems=problems,
    )
    completed = not attempt.is_open and attempt.passed and bool(attempt.completed_course)
    return render(
        request,
        "learning/attempt.html",
        {
            "attempt": attempt,
            "quiz": quiz,
            "items": items,
            "unanswered_items": [item for item in items if item["unanswered"]],
            "incomplete": incomplete,
            "unclear": bool(problems),
            "show_correct": show_correct,
            "answers_later": course_allows and not show_correct and not attempt.is_open,
            "tries": tries,
            "back_url": _attempt_back_url(request, attempt),
            "completion": selectors.completion_certificate(
                enrolment_id=attempt.enrolment_id, asn_id=attempt.enrolment_asn_id
            )
            if completed
            else None,
            "page_title": quiz["title"],
        },
    )


def _attempt_back_url(request, attempt) -> str:
    """The URL of the page holding the attempt's quiz: from its ``url_path`` under the site root
    (no query with one site), else through Wagtail (another site's page); ``/belajar/`` if gone."""
    url_path = attempt.page_url_path
    if url_path is None:
        return "/belajar/"
    root = site_root_url_path(request)
    if url_path.startswith(root):
        return "/" + url_path[len(root) :]
    page = Page.objects.filter(pk=attempt.page_id).first()
    return page.get_url(request=request) if page else "/belajar/"


# --------------------------------------------------------------------------------------------------
# HR
# --------------------------------------------------------------------------------------------------


@role_required("hr")
def assign(request):
    scope = scope_for(request.user)
    hr_ids = scope.hr_instansi_ids()
    # province-wide HR picks the instansi whose units and jabatan the form offers (?instansi=)
    instansi_choices = list(instansi_choices_for(user=request.user)) if hr_ids is None else []
    units_of = int_or_none(request.GET.get("instansi"))
    if units_of not in {i.pk for i in instansi_choices}:
        units_of = None
    form = AssignmentForm(request.POST or None, hr_instansi_ids=hr_ids, units_of=units_of)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            created = services.enrolment_assign_bulk(
                user=request.user,
                course=data["course"],
                due_date=data["due_date"],
                instansi_id=data["instansi"].pk if data["instansi"] else None,
                unit_id=data["unit"].pk if data["unit"] else None,
                jabatan_id=data["jabatan"].pk if data["jabatan"] else None,
            )
        except services.LearningError as error:
            messages.error(request, str(error))
        else:
            messages.success(
                request,
                _("Pelatihan “%(course)s” ditugaskan kepada %(n)d ASN (yang sudah terdaftar tidak diubah).")
                % {"course": data["course"].title, "n": created},
            )
            url = reverse("learning:assign")
            return redirect(f"{url}?{request.GET.urlencode()}" if request.GET else url)
    return render(
        request,
        "learning/assign.html",
        {
            "form": form,
            "instansi_choices": instansi_choices,
            "instansi_id": units_of,
            "report": selectors.assignment_report_for(user=request.user),
            "page_title": _("Penugasan pelatihan"),
        },
    )


@role_required("hr")
def xapi_export(request):
    """Learning records in the HR user's scope as xAPI JSON (see :func:`_statements_response`)."""
    return _statements_response(
        request,
        lambda since: selectors.statements_for(user=request.user, since=since),
        "learning:xapi_export",
    )


@role_required("asn")
def xapi_mine(request):
    """The learner's own learning records as an xAPI JSON file, to take to another LRS or employer."""
    asn_id = scope_for(request.user).asn_id
    response = _statements_response(
        request, lambda since: selectors.statements_of(asn_id=asn_id, since=since), "learning:xapi_mine"
    )
    if response.status_code == 200:
        response["Content-Disposition"] = 'attachment; filename="catatan-belajar-xapi.json"'
    return response


def _statements_response(request, statements, url_name: str):
    """``{"statements": [...], "more": url}`` as in the xAPI statements resource.

    ``?since=<ISO 8601>`` keeps records *stored* after that time (xAPI 1.0.3 §2.1.3: ``since`` is
    about ``stored``, not the learner's ``timestamp``); ``?limit=<n>`` (≤ 5000) pages the answer,
    and ``more`` is the URL of the next page (an opaque cursor). ``statements(since)`` gives the
    scoped queryset.
    """
    since = parse_datetime(request.GET.get("since", "")) if request.GET.get("since") else None
    if request.GET.get("since") and since is None:
        return HttpResponseBadRequest(_("since harus berupa waktu ISO 8601."))
    try:
        limit = max(1, min(5000, int(request.GET.get("limit", "1000"))))
        after = int(request.GET.get("after", "0"))
    except ValueError:
        return HttpResponseBadRequest(_("limit dan after harus berupa bilangan."))
    rows = list(statements(since).filter(pk__gt=after).order_by("pk")[: limit + 1])
    more = ""
    if len(rows) > limit:
        rows = rows[:limit]
        params = {"limit": limit, "after": rows[-1].pk}
        if since is not None:
            params["since"] = since.isoformat()
        more = f"{reverse(url_name)}?{urlencode(params)}"
    data = {"statements": statements_json(rows), "more": more}
    return JsonResponse(data, json_dumps_params={"ensure_ascii": False})


def xapi_activity(request, kind: str, ref: int):
    """An activity IRI of the xAPI export resolves: to the page of the course, module or lesson
    (a quiz: the page that holds it; a session: its course). Who may see the page is that page's
    own business."""
    if kind == "session":
        ref = get_object_or_404(CourseSession.objects.values_list("course_id", flat=True), pk=ref)
    elif kind not in PAGE_OBJECT_TYPES:
        raise Http404
    page = get_object_or_404(Page.objects.live().type(CoursePage, ModulePage, LessonPage), pk=ref)
    return redirect(page.get_url(request=request))


# --------------------------------------------------------------------------------------------------
# Certificates
# --------------------------------------------------------------------------------------------------


def certificate_verify(request, code: str):
    """Public: anyone holding the code (or the QR code) sees every field and whether it is valid."""
    certificate = selectors.certificate_public(code=code)
    if certificate is None:
        raise Http404
    can_revoke = False
    if request.user.is_authenticated and scope_for(request.user).is_hr:
        instansi_id = certificate.enrolment.asn.instansi_id
        can_revoke = certificate.is_valid and can_manage_instansi(request.user, instansi_id)
    return render(
        request,
        "learning/certificate_verify.html",
        {
            "certificate": certificate,
            "url": verification_url(certificate),
            "can_revoke": can_revoke,
            "form": RevokeForm() if can_revoke else None,
            "signature": signature_status(code=certificate.code),
            "page_title": _("Verifikasi sertifikat"),
        },
    )


@login_required
def certificate_pdf_view(request, code: str):
    certificate = selectors.certificate_visible_to(user=request.user, code=code)
    if certificate is None:
        raise Http404
    pdf = certificate_pdf(certificate)
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="sertifikat-{certificate.code}.pdf"'
    return response


@require_POST
@role_required("hr")
def certificate_revoke(request, code: str):
    certificate = selectors.certificate_public(code=code)
    if certificate is None or not can_manage_instansi(request.user, certificate.enrolment.asn.instansi_id):
        raise Http404
    form = RevokeForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Tuliskan alasan pencabutan."))
        return redirect(certificate.get_absolute_url())
    try:
        services.certificate_revoke(
            user=request.user, certificate=certificate, reason=form.cleaned_data["reason"]
        )
    except services.LearningError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("Sertifikat dicabut."))
    return redirect(certificate.get_absolute_url())
