"""Views of the performance app. Every view asks :mod:`pamong.people.access`: objects outside the
user's scope are 404, missing roles are 403, anonymous users go to the login page (the public
feedback form and the certificate verification page are the only anonymous views)."""

from __future__ import annotations

import hashlib

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from pamong.clientip import client_ip
from pamong.exports import export_response
from pamong.pagination import BoundedPaginator
from pamong.people.access import (
    can_evaluate,
    can_manage_instansi,
    get_visible_asn_or_404,
    role_required,
    scope_for,
)
from pamong.people.models import ASN, UnitKerja
from pamong.people.selectors import instansi_choices_for
from pamong.signing.services import signature_status

from . import selectors, services
from .forms import (
    EvaluationForm,
    IndicatorAddForm,
    ObjectionDecisionForm,
    PublicFeedbackForm,
    RealisationForm,
)
from .models import (
    ANONYMOUS_GROUPS,
    CheckIn,
    Evaluation,
    Evidence,
    FollowUpProposal,
    FollowUpRule,
    Objection,
    OrgPredikat,
    Period,
    Plan,
    PlanIndicator,
    PublicFeedback,
    PublicFeedbackChannel,
    RaterAssignment,
    RaterGroup,
    Rating,
)
from .scoring import predikat_matrix
from .tallies import period_tallies


def _errors(request, exc: ValidationError) -> None:
    for msg in exc.messages:
        messages.error(request, msg)


def _can_manage_period(user, period: Period) -> bool:
    hr = scope_for(user).hr_instansi_ids()
    if hr is None:
        return True
    return period.instansi_id is not None and period.instansi_id in hr


def _period_or_404(user, pk: int) -> Period:
    try:
        return selectors.periods_for(user=user).get(pk=pk)
    except Period.DoesNotExist:
        raise Http404 from None


# --- dashboard --------------------------------------------------------------------------------


@login_required
def dashboard(request):
    scope = scope_for(request.user)
    periods = [p for p in selectors.current_periods() if p.instansi_id in (None, scope.instansi_id)]
    own = selectors.own_plans(asn_id=scope.asn_id) if scope.asn_id else []
    own_period_ids = {p.period_id for p in own}
    team = []
    if scope.is_atasan:
        team = [
            {"period": period, "rows": selectors.subordinate_plans(asn_id=scope.asn_id, period=period)}
            for period in periods
        ]
    tasks = list(selectors.pending_rating_tasks(asn_id=scope.asn_id)[:50]) if scope.asn_id else []
    to_decide = (
        Objection.objects.filter(decider_id=scope.asn_id, status=Objection.Status.PENDING).count()
        if scope.asn_id
        else 0
    )
    return render(
        request,
        "performance/dashboard.html",
        {
            "page_title": _("Kinerja"),
            "scope": scope,
            "periods": periods,
            "own_plans": own,
            "startable": [
                p for p in periods if p.pk not in own_period_ids and p.status != Period.Status.CLOSED
            ],
            "team": team,
            "tasks": tasks,
            "objections_to_decide": to_decide,
            "piagam": selectors.certificates_for_asn(asn_id=scope.asn_id) if scope.asn_id else [],
        },
    )


# --- SKP --------------------------------------------------------------------------------------


@require_POST
@login_required
def plan_create(request, period_pk: int):
    scope = scope_for(request.user)
    period = get_object_or_404(Period.objects.exclude(status=Period.Status.CLOSED), pk=period_pk)
    asn_id = request.POST.get("asn") or scope.asn_id
    if asn_id is None:
        raise PermissionDenied
    asn = get_visible_asn_or_404(request.user, pk=asn_id)
    if (
        asn.pk != scope.asn_id
        and not can_evaluate(request.user, asn)
        and not can_manage_instansi(request.user, asn.instansi_id)
    ):
        raise PermissionDenied
    if period.instansi_id and period.instansi_id != asn.instansi_id:
        raise Http404
    try:
        plan = services.plan_create(asn=asn, period=period, actor=request.user)
    except ValidationError as exc:
        _errors(request, exc)
        return redirect("performance:dashboard")
    return redirect(plan)


def _plan_context(request, plan: Plan) -> dict:
    scope = scope_for(request.user)
    is_owner = plan.asn_id == scope.asn_id
    is_evaluator = can_evaluate(request.user, plan.asn)
    evaluation = Evaluation.objects.filter(plan=plan).first()
    return {
        "plan": plan,
        "asn": plan.asn,
        "is_owner": is_owner,
        "is_evaluator": is_evaluator,
        "is_hr": can_manage_instansi(request.user, plan.asn.instansi_id),
        "evaluation": evaluation,
        "locked": plan.period.status == Period.Status.CLOSED
        or (evaluation is not None and evaluation.is_final),
    }


@login_required
def plan_detail(request, pk: int):
    plan = selectors.plan_get_for_user(user=request.user, pk=pk)
    ctx = _plan_context(request, plan)
    rows = selectors.plan_indicator_rows(plan=plan)
    checkins = list(CheckIn.objects.filter(period=plan.period))
    for row in rows:
        row.cells = [row.realisations.get(c.number) for c in checkins]
    ctx.update(
        {
            "page_title": _("SKP %(name)s") % {"name": plan.asn.name},
            "rows": rows,
            "checkins": checkins,
            "comments": list(plan.comments.select_related("author")),
            "add_form": IndicatorAddForm(instansi_id=plan.asn.instansi_id)
            if plan.status == Plan.Status.DRAFT and (ctx["is_owner"] or ctx["is_evaluator"])
            else None,
            "realisation_form": RealisationForm(period_id=plan.period_id)
            if plan.status == Plan.Status.AGREED
            and not ctx["locked"]
            and (ctx["is_owner"] or ctx["is_evaluator"])
            else None,
            "groups": selectors.rater_group_summaries(plan=plan),
        }
    )
    return render(request, "performance/plan_detail.html", ctx)


@require_POST
@login_required
def plan_add_indicator(request, pk: int):
    plan = selectors.plan_get_for_user(user=request.user, pk=pk)
    if plan.asn_id != scope_for(request.user).asn_id and not can_evaluate(request.user, plan.asn):
        raise PermissionDenied
    form = IndicatorAddForm(request.POST, instansi_id=plan.asn.instansi_id)
    if not form.is_valid():
        for field_errors in form.errors.values():
            for e in field_errors:
                messages.error(request, e)
        return redirect(plan)
    try:
        services.plan_add_indicator(plan=plan, actor=request.user, **form.cleaned_data)
        messages.success(request, _("Indikator ditambahkan."))
    except ValidationError as exc:
        _errors(request, exc)
    return redirect(plan)


@require_POST
@login_required
def plan_agree(request, pk: int):
    plan = selectors.plan_get_for_user(user=request.user, pk=pk)
    if not can_evaluate(request.user, plan.asn):
        raise PermissionDenied
    try:
        services.plan_agree(plan=plan, actor=request.user)
        messages.success(request, _("SKP disepakati."))
    except ValidationError as exc:
        _errors(request, exc)
    return redirect(plan)


@require_POST
@login_required
def realisation_record(request, pk: int):
    plan = selectors.plan_get_for_user(user=request.user, pk=pk)
    if plan.asn_id != scope_for(request.user).asn_id and not can_evaluate(request.user, plan.asn):
        raise PermissionDenied
    form = RealisationForm(request.POST, request.FILES, period_id=plan.period_id)
    if not form.is_valid():
        for field_errors in form.errors.values():
            for e in field_errors:
                messages.error(request, e)
        return redirect(plan)
    pi = get_object_or_404(PlanIndicator, pk=form.cleaned_data["plan_indicator"], plan=plan)
    try:
        services.realisation_record(
            plan_indicator=pi,
            checkin=form.cleaned_data["checkin"],
            value=form.cleaned_data["value"],
            notes=form.cleaned_data["notes"],
            files=form.cleaned_data["files"],
            actor=request.user,
        )
        messages.success(request, _("Realisasi dicatat."))
    except ValidationError as exc:
        _errors(request, exc)
    return redirect(plan)


@login_required
def evidence_download(request, pk: int):
    """Evidence is always an attachment with a safe type, never rendered inline."""
    evidence = get_object_or_404(Evidence.objects.select_related("realisation__plan_indicator__plan"), pk=pk)
    plan = selectors.plan_get_for_user(user=request.user, pk=evidence.realisation.plan_indicator.plan_id)
    del plan
    response = FileResponse(
        evidence.file.open("rb"),
        as_attachment=True,
        filename=evidence.original_name,
        content_type=evidence.content_type if evidence.content_type else "application/octet-stream",
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    return response


@require_POST
@login_required
def comment_add(request, pk: int):
    plan = selectors.plan_get_for_user(user=request.user, pk=pk)
    if not can_evaluate(request.user, plan.asn):
        raise PermissionDenied
    try:
        services.comment_add(plan=plan, text=request.POST.get("text", ""), actor=request.user)
        messages.success(request, _("Umpan balik disimpan."))
    except ValidationError as exc:
        _errors(request, exc)
    return redirect(plan)


@login_required
def raters(request, pk: int):
    """The atasan or HR chooses peers. Shows who was asked (chosen by them), never who answered."""
    plan = selectors.plan_get_for_user(user=request.user, pk=pk)
    if not can_evaluate(request.user, plan.asn) and not can_manage_instansi(
        request.user, plan.asn.instansi_id
    ):
        raise PermissionDenied
    candidates = (
        ASN.objects.filter(instansi_id=plan.asn.instansi_id, unit_id=plan.asn.unit_id, is_active=True)
        .exclude(pk__in=[plan.asn_id, plan.atasan_id or 0])
        .order_by("name")[:200]
    )
    if request.method == "POST":
        ids = [int(x) for x in request.POST.getlist("peers") if x.isdigit()]
        peers = list(ASN.objects.filter(pk__in=ids))
        try:
            n = services.rater_assign_peers(plan=plan, peers=peers, actor=request.user)
            messages.success(request, _("%(n)s rekan kerja ditugaskan.") % {"n": n})
            return redirect(plan)
        except ValidationError as exc:
            _errors(request, exc)
    assigned = set(
        RaterAssignment.objects.filter(plan=plan, group=RaterGroup.PEER).values_list("rater_id", flat=True)
    )
    return render(
        request,
        "performance/raters.html",
        {
            "plan": plan,
            "candidates": candidates,
            "assigned": assigned,
            "page_title": _("Pilih rekan penilai"),
        },
    )


# --- 360° -------------------------------------------------------------------------------------


@login_required
def rating_tasks(request):
    scope = scope_for(request.user)
    if not scope.asn_id:
        raise PermissionDenied
    tasks = selectors.pending_rating_tasks(asn_id=scope.asn_id)
    page = BoundedPaginator(tasks, 50).get_page(request.GET.get("page"))
    return render(
        request, "performance/rating_tasks.html", {"page_obj": page, "page_title": _("Penilaian 360° saya")}
    )


@login_required
def rating_form(request, pk: int):
    scope = scope_for(request.user)
    assignment = get_object_or_404(
        RaterAssignment.objects.select_related("plan__asn", "plan__period"), pk=pk, rater_id=scope.asn_id or 0
    )
    values = selectors.berakhlak_values()
    if request.method == "POST":
        scores = {}
        for v in values:
            raw = request.POST.get(f"value_{v.pk}", "")
            if raw.isdigit():
                scores[v.pk] = int(raw)
        try:
            services.rating_submit(assignment=assignment, scores=scores, actor=request.user)
            messages.success(
                request,
                _("Terima kasih, penilaian Anda tersimpan secara anonim.")
                if assignment.group in ANONYMOUS_GROUPS
                else _("Terima kasih, penilaian Anda tersimpan."),
            )
            return redirect("performance:rating_tasks")
        except ValidationError as exc:
            _errors(request, exc)
    return render(
        request,
        "performance/rating_form.html",
        {
            "assignment": assignment,
            "values": values,
            "scores": range(1, 6),
            "page_title": _("Penilaian perilaku kerja"),
        },
    )


# --- result, rating and transparency ----------------------------------------------------------


@login_required
def result(request, pk: int):
    """The transparency page, and for the atasan the rating form."""
    plan = selectors.plan_get_for_user(user=request.user, pk=pk)
    ctx = _plan_context(request, plan)
    evaluation = ctx["evaluation"]
    proposal = None
    form = None
    if ctx["is_evaluator"] and not ctx["locked"]:
        if request.method == "POST":
            form = EvaluationForm(request.POST)
            if form.is_valid():
                try:
                    services.evaluation_save(plan=plan, actor=request.user, **form.cleaned_data)
                    messages.success(request, _("Penilaian disimpan."))
                    return redirect("performance:result", pk=plan.pk)
                except ValidationError as exc:
                    _errors(request, exc)
        proposal = selectors.evaluation_proposal(plan=plan)
        if form is None:
            form = EvaluationForm(
                initial={
                    "hasil_kerja": (evaluation.hasil_kerja if evaluation else proposal.hasil_kerja),
                    "perilaku_kerja": (evaluation.perilaku_kerja if evaluation else proposal.perilaku_kerja),
                }
            )
    elif request.method == "POST":
        raise PermissionDenied
    explanation = (
        evaluation.explanation
        if evaluation
        else (selectors.proposal_explanation(proposal) if proposal else None)
    )
    group_labels = dict(RaterGroup.choices)
    rating_labels = dict(Rating.choices)
    can_finalise = bool(
        evaluation
        and not evaluation.is_final
        and plan.period.status != Period.Status.CLOSED
        and (ctx["is_evaluator"] or ctx["is_hr"])
    )
    ctx.update(
        {
            "page_title": _("Hasil kinerja %(name)s") % {"name": plan.asn.name},
            "proposal": proposal,
            "form": form,
            "explanation": explanation,
            "group_labels": group_labels,
            "rating_labels": rating_labels,
            "matrix": _matrix_rows(),
            "cell": (explanation or {}).get("cell"),
            "can_finalise": can_finalise,
            "finalise_blockers": selectors.evaluation_finalise_blockers(evaluation=evaluation)
            if can_finalise
            else [],
            "objections": list(evaluation.objections.all()) if evaluation else [],
            "can_object": bool(
                evaluation
                and evaluation.is_final
                and ctx["is_owner"]
                and not evaluation.objections.filter(status=Objection.Status.PENDING).exists()
            ),
            # the piagam of this period, for whoever may download it: the ASN and their HR
            "piagam": selectors.certificates_for_asn(asn_id=plan.asn_id, period_id=plan.period_id)
            if evaluation and (ctx["is_owner"] or ctx["is_hr"])
            else [],
        }
    )
    return render(request, "performance/result.html", ctx)


def _matrix_rows() -> list[dict]:
    matrix = predikat_matrix()
    from .models import Predikat

    labels = dict(Predikat.choices)
    order = [Rating.DI_ATAS, Rating.SESUAI, Rating.DI_BAWAH]
    return [
        {
            "hasil": h,
            "label": Rating(h).label,
            "cells": [
                {"perilaku": p, "predikat": matrix.get((h, p)), "label": labels.get(matrix.get((h, p)))}
                for p in (Rating.DI_BAWAH, Rating.SESUAI, Rating.DI_ATAS)
            ],
        }
        for h in order
    ]


@login_required
def result_json(request, pk: int):
    """The JSON API of one result: same content as the transparency page, never rater identities."""
    plan = selectors.plan_get_for_user(user=request.user, pk=pk)
    evaluation = Evaluation.objects.filter(plan=plan).first()
    if evaluation is None:
        raise Http404
    return JsonResponse(selectors.result_public_dict(evaluation=evaluation))


@require_POST
@login_required
def result_finalise(request, pk: int):
    """The atasan (or HR of the instansi, who may override the checks with a reason) finalises,
    after ticking the confirmation: a final result can only change through an objection."""
    plan = selectors.plan_get_for_user(user=request.user, pk=pk)
    if not can_evaluate(request.user, plan.asn) and not can_manage_instansi(
        request.user, plan.asn.instansi_id
    ):
        raise PermissionDenied
    evaluation = get_object_or_404(Evaluation.objects.select_related("plan__period", "plan__asn"), plan=plan)
    if request.POST.get("confirm") != "1":
        messages.error(request, _("Centang konfirmasi bahwa hasil final tidak dapat diubah lagi."))
        return redirect("performance:result", pk=plan.pk)
    try:
        services.evaluation_finalise(
            evaluation=evaluation, actor=request.user, override_reason=request.POST.get("override_reason", "")
        )
        messages.success(request, _("Hasil penilaian final."))
    except ValidationError as exc:
        _errors(request, exc)
    return redirect("performance:result", pk=plan.pk)


@require_POST
@login_required
def objection_file(request, pk: int):
    plan = selectors.plan_get_for_user(user=request.user, pk=pk)
    if plan.asn_id != scope_for(request.user).asn_id:
        raise PermissionDenied
    evaluation = get_object_or_404(Evaluation, plan=plan)
    try:
        services.objection_file(
            evaluation=evaluation, reason=request.POST.get("reason", ""), actor=request.user
        )
        messages.success(request, _("Keberatan diajukan kepada atasan pejabat penilai."))
    except ValidationError as exc:
        _errors(request, exc)
    return redirect("performance:result", pk=plan.pk)


@login_required
def objection_list(request):
    objections = selectors.objections_for(user=request.user).order_by("-filed_at")
    page = BoundedPaginator(objections, 50).get_page(request.GET.get("page"))
    return render(
        request, "performance/objection_list.html", {"page_obj": page, "page_title": _("Keberatan")}
    )


@login_required
def objection_detail(request, pk: int):
    objection = get_object_or_404(selectors.objections_for(user=request.user), pk=pk)
    scope = scope_for(request.user)
    can_decide = objection.decider_id == scope.asn_id and objection.status == Objection.Status.PENDING
    form = None
    if can_decide:
        form = ObjectionDecisionForm(request.POST or None)
        if request.method == "POST" and form.is_valid():
            try:
                services.objection_decide(
                    objection=objection,
                    actor=request.user,
                    **{
                        "accept": form.cleaned_data["accept"],
                        "reason": form.cleaned_data["decision_reason"],
                        "new_hasil_kerja": form.cleaned_data["new_hasil_kerja"],
                        "new_perilaku_kerja": form.cleaned_data["new_perilaku_kerja"],
                    },
                )
                messages.success(request, _("Keputusan keberatan disimpan."))
                return redirect("performance:objection_detail", pk=objection.pk)
            except ValidationError as exc:
                _errors(request, exc)
    elif request.method == "POST":
        raise PermissionDenied
    return render(
        request,
        "performance/objection_detail.html",
        {
            "objection": objection,
            "evaluation": objection.evaluation,
            "form": form,
            "page_title": _("Keberatan"),
        },
    )


# --- HR: periods, follow-up, distribution, audit, moderation ----------------------------------


@role_required("hr")
def period_list(request):
    periods = selectors.periods_for(user=request.user).order_by("-year", "name")
    return render(
        request, "performance/period_list.html", {"periods": periods, "page_title": _("Periode kinerja")}
    )


@role_required("hr")
def period_detail(request, pk: int):
    period = _period_or_404(request.user, pk)
    if request.method == "POST":
        if not _can_manage_period(request.user, period):
            raise PermissionDenied
        try:
            services.period_advance(period=period, actor=request.user)
            messages.success(request, _("Status periode: %(s)s") % {"s": period.get_status_display()})
        except ValidationError as exc:
            _errors(request, exc)
        return redirect(period)
    try:
        instansi_id = int(request.GET.get("instansi", ""))
    except ValueError:
        instansi_id = None
    # province-wide HR sees one row per instansi until they pick one (2,000+ units otherwise)
    by_instansi = instansi_id is None and scope_for(request.user).hr_instansi_ids() is None
    # the SKP counts cover the user's scope; the distribution the chosen instansi, if any
    tallies = period_tallies(
        period=period, instansi_ids=selectors.period_scope_instansi_ids(user=request.user)
    )
    shown = tallies if instansi_id is None else {i: u for i, u in tallies.items() if i == instansi_id}
    return render(
        request,
        "performance/period_detail.html",
        {
            "period": period,
            "counts": selectors.period_counts(tallies=tallies),
            "distribution": selectors.distribution_by_unit(
                period=period, tallies=shown, by_instansi=by_instansi
            ),
            "by_instansi": by_instansi,
            "instansi_id": instansi_id,
            "predikat_choices": _predikat_choices(),
            "org_choices": OrgPredikat.choices,
            "managed_instansi": _managed_instansi(request.user, period),
            "can_manage": _can_manage_period(request.user, period),
            "page_title": period.name,
        },
    )


@require_POST
@role_required("hr")
def org_predikat_set(request, pk: int):
    period = _period_or_404(request.user, pk)
    try:
        instansi_id = int(request.POST.get("instansi", ""))
    except ValueError:
        raise Http404 from None
    if not can_manage_instansi(request.user, instansi_id):
        raise Http404
    try:
        services.org_predikat_set(
            period=period,
            instansi_id=instansi_id,
            predikat=request.POST.get("predikat", ""),
            actor=request.user,
        )
        messages.success(request, _("Predikat organisasi disimpan."))
    except ValidationError as exc:
        _errors(request, exc)
    return redirect(period)


def _managed_instansi(user, period: Period):
    from pamong.people.models import Instansi

    hr = scope_for(user).hr_instansi_ids()
    qs = Instansi.objects.order_by("name")
    if period.instansi_id:
        qs = qs.filter(pk=period.instansi_id)
    if hr is not None:
        qs = qs.filter(pk__in=hr)
    current = dict(period.org_predikats.values_list("instansi_id", "predikat"))
    return [{"instansi": i, "predikat": current.get(i.pk, "baik")} for i in qs[:100]]


def _predikat_choices():
    from .models import Predikat

    return Predikat.choices


@role_required("hr")
def period_results_csv(request, pk: int):
    """Results export (``?format=xlsx``, ``csv-id`` or CSV), streamed: no rater identities; hidden
    groups are empty cells."""
    period = _period_or_404(request.user, pk)
    header = [
        "NIP",
        _("Nama"),
        _("Unit kerja"),
        _("Capaian (%)"),
        _("Hasil kerja"),
        _("Skor perilaku"),
        _("Perilaku kerja"),
        _("Predikat"),
        _("Status"),
        *[_("Rata-rata %(g)s") % {"g": label} for _v, label in RaterGroup.choices],
    ]
    return export_response(
        request=request,
        filename=f"hasil-kinerja-{period.year}",
        header=header,
        rows=selectors.results_export_rows(period=period, user=request.user),
    )


@role_required("hr")
def proposal_list(request, pk: int):
    period = _period_or_404(request.user, pk)
    status = request.GET.get("status", "")
    proposals = selectors.proposals_for(period=period, user=request.user, status=status)
    page = BoundedPaginator(proposals, 50).get_page(request.GET.get("page"))
    return render(
        request,
        "performance/proposal_list.html",
        {
            "period": period,
            "page_obj": page,
            "status": status,
            "statuses": FollowUpProposal.Status.choices,
            "page_title": _("Usulan penghargaan dan sanksi"),
        },
    )


@require_POST
@role_required("hr")
def proposal_decide(request, pk: int):
    proposal = get_object_or_404(FollowUpProposal.objects.select_related("asn", "rule", "period"), pk=pk)
    if not can_manage_instansi(request.user, proposal.asn.instansi_id):
        raise Http404
    try:
        services.proposal_decide(
            proposal=proposal,
            approve=request.POST.get("decision") == "approve",
            note=request.POST.get("note", ""),
            actor=request.user,
        )
        messages.success(request, _("Keputusan disimpan."))
    except ValidationError as exc:
        _errors(request, exc)
    return redirect("performance:proposal_list", pk=proposal.period_id)


@login_required
def certificate_download(request, pk: int):
    proposal = get_object_or_404(
        FollowUpProposal.objects.select_related("asn__instansi", "period", "rule", "evaluation"),
        pk=pk,
        status=FollowUpProposal.Status.APPROVED,
        rule__consequence=FollowUpRule.Consequence.CERTIFICATE,
    )
    scope = scope_for(request.user)
    if proposal.asn_id != scope.asn_id and not can_manage_instansi(request.user, proposal.asn.instansi_id):
        raise Http404
    pdf = services.certificate_pdf(proposal=proposal)
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="piagam-{proposal.certificate_code}.pdf"'
    return response


def verify(request, code: str = ""):
    """Public: check a piagam's verification code, typed in (``?kode=``) or from its QR code
    (``/kinerja/verifikasi/<kode>/``)."""
    code = (code or request.GET.get("kode", "")).strip().upper()[:24]
    proposal = selectors.certificate_public(code=code) if code else None
    return render(
        request,
        "performance/verify.html",
        {
            "code": code,
            "proposal": proposal,
            "url": services.certificate_verify_url(code) if proposal else "",
            "signature": signature_status(code=code) if proposal else None,
            "page_title": _("Verifikasi piagam penghargaan"),
        },
        status=404 if code and proposal is None else 200,
    )


@role_required("hr")
def audit_log(request):
    entries = selectors.audit_entries_for(user=request.user)
    page = BoundedPaginator(entries, 50).get_page(request.GET.get("page"))
    return render(
        request, "performance/audit_log.html", {"page_obj": page, "page_title": _("Log audit kinerja")}
    )


@role_required("hr")
def moderation(request):
    try:
        instansi_id = int(request.GET.get("instansi", ""))
    except ValueError:
        instansi_id = None
    queue = selectors.moderation_queue(user=request.user, instansi_id=instansi_id)
    page = BoundedPaginator(queue, 50).get_page(request.GET.get("page"))
    # province-wide HR picks an instansi before its service units are listed (2,000+ otherwise)
    province_wide = scope_for(request.user).hr_instansi_ids() is None
    units = []
    if instansi_id is not None or not province_wide:
        units = selectors.service_units_with_feedback(user=request.user, instansi_id=instansi_id)
    return render(
        request,
        "performance/moderation.html",
        {
            "page_obj": page,
            "units": units,
            "instansi_id": instansi_id,
            "instansi_choices": instansi_choices_for(user=request.user) if province_wide else [],
            "page_title": _("Moderasi umpan balik masyarakat"),
        },
    )


@require_POST
@role_required("hr")
def moderate(request, pk: int):
    feedback = get_object_or_404(PublicFeedback.objects.select_related("channel__unit"), pk=pk)
    if not can_manage_instansi(request.user, feedback.channel.unit.instansi_id):
        raise Http404
    try:
        services.public_feedback_moderate(
            feedback=feedback, approve=request.POST.get("decision") == "approve", actor=request.user
        )
        messages.success(request, _("Umpan balik dimoderasi."))
    except ValidationError as exc:
        _errors(request, exc)
    return redirect("performance:moderation")


@role_required("hr")
def channel_print(request, unit_pk: int):
    """A printable page with the unit's public feedback link and a QR code (inline SVG)."""
    import segno

    unit = get_object_or_404(UnitKerja.objects.select_related("instansi"), pk=unit_pk)
    if not can_manage_instansi(request.user, unit.instansi_id):
        raise Http404
    try:
        channel = services.public_channel_for_unit(unit=unit)
    except ValidationError:
        raise Http404 from None
    url = request.build_absolute_uri(channel.get_absolute_url())
    qr = segno.make(url, error="m")
    svg = qr.svg_inline(scale=6, title=_("Kode QR umpan balik %(unit)s") % {"unit": unit.name})
    return render(
        request,
        "performance/channel_print.html",
        {"unit": unit, "url": url, "qr_svg": svg, "page_title": unit.name},
    )


# --- the public -------------------------------------------------------------------------------


def _client_key(request, token: str) -> str:
    ip = client_ip(request)
    return hashlib.sha256(f"{ip}|{token}".encode()).hexdigest()[:32]


def public_feedback(request, token: str):
    """No login. Rate-limited per client and form; a honeypot field turns bots away quietly."""
    channel = (
        PublicFeedbackChannel.objects.select_related("unit__instansi")
        .filter(token=token, is_active=True)
        .first()
    )
    if channel is None:
        return _public_feedback_unknown(request)
    staff = list(
        ASN.objects.filter(unit_id=channel.unit_id, is_active=True).only("pk", "name").order_by("name")[:200]
    )
    form = PublicFeedbackForm(request.POST or None, staff=staff)
    status = 200
    if request.method == "POST":
        if services.public_feedback_rate_limited(channel=channel, client_key=_client_key(request, token)):
            messages.error(request, _("Terlalu banyak kiriman dari perangkat Anda. Silakan coba lagi nanti."))
            status = 429
        elif request.POST.get("website"):
            return redirect("performance:public_feedback_thanks", token=token)  # honeypot: pretend success
        elif form.is_valid():
            try:
                services.public_feedback_submit(
                    channel=channel,
                    rating=form.cleaned_data["rating"],
                    comment=form.cleaned_data["comment"],
                    asn_id=form.cleaned_data["asn"],
                )
                return redirect("performance:public_feedback_thanks", token=token)
            except ValidationError as exc:
                _errors(request, exc)
    return render(
        request,
        "performance/public_feedback.html",
        {"channel": channel, "form": form, "page_title": _("Umpan balik layanan")},
        status=status,
    )


def _public_feedback_unknown(request):
    """A mistyped, expired or withdrawn QR code: say so and what to do, as a 404."""
    return render(
        request,
        "performance/public_feedback_unknown.html",
        {"page_title": _("Kode umpan balik tidak berlaku")},
        status=404,
    )


def public_feedback_thanks(request, token: str):
    channel = get_object_or_404(PublicFeedbackChannel.objects.select_related("unit"), token=token)
    return render(
        request,
        "performance/public_feedback_thanks.html",
        {"channel": channel, "page_title": _("Terima kasih")},
    )
