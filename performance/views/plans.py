"""SKP pages: create, indicators, agreement, realisations and evidence, comments, peer raters."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from pamong.people.access import can_evaluate, can_manage_instansi, get_visible_asn_or_404, scope_for

from .. import selectors, services
from ..forms import IndicatorAddForm, RealisationForm
from ..models import Plan
from ._common import _errors, _form_errors, _plan_context


@require_POST
@login_required
def plan_create(request, period_pk: int):
    scope = scope_for(request.user)
    period = selectors.period_open_get_or_404(pk=period_pk)
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


@login_required
def plan_detail(request, pk: int):
    plan = selectors.plan_get_for_user(user=request.user, pk=pk)
    ctx = _plan_context(request, plan)
    rows = selectors.plan_indicator_rows(plan=plan)
    checkins = selectors.checkins_of(period=plan.period)
    for row in rows:
        row.cells = [row.realisations.get(c.number) for c in checkins]
    ctx.update(
        {
            "page_title": _("SKP %(name)s") % {"name": plan.asn.name},
            "rows": rows,
            "checkins": checkins,
            "comments": selectors.plan_comments(plan=plan),
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
        _form_errors(request, form)
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
        _form_errors(request, form)
        return redirect(plan)
    pi = selectors.plan_indicator_get_or_404(plan=plan, pk=form.cleaned_data["plan_indicator"])
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
    evidence = selectors.evidence_get_for_user(user=request.user, pk=pk)
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
    candidates = selectors.peer_candidates(plan=plan)
    if request.method == "POST":
        ids = [int(x) for x in request.POST.getlist("peers") if x.isdigit()]
        peers = selectors.peers_chosen(ids=ids)
        try:
            n = services.rater_assign_peers(plan=plan, peers=peers, actor=request.user)
            messages.success(request, _("%(n)s rekan kerja ditugaskan.") % {"n": n})
            return redirect(plan)
        except ValidationError as exc:
            _errors(request, exc)
    assigned = selectors.peer_ids_assigned(plan=plan)
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
