"""The result: transparency page and rating form, its JSON, finalising."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, JsonResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from pamong.people.access import can_evaluate, can_manage_instansi

from .. import selectors, services
from ..forms import EvaluationForm
from ..models import Objection, Period, Predikat, RaterGroup, Rating
from ..scoring import predikat_matrix
from ._common import _errors, _plan_context


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
    objections = selectors.objections_of(evaluation=evaluation) if evaluation else []
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
            "objections": objections,
            "can_object": bool(
                evaluation
                and evaluation.is_final
                and ctx["is_owner"]
                and not any(o.status == Objection.Status.PENDING for o in objections)
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
    evaluation = selectors.evaluation_for_plan(plan=plan)
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
    evaluation = selectors.evaluation_get_or_404(plan=plan)
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
