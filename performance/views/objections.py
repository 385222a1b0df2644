"""Objections to a final result: filing, the list, deciding."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from pamong.pagination import BoundedPaginator
from pamong.people.access import scope_for

from .. import selectors, services
from ..forms import ObjectionDecisionForm
from ..models import Objection
from ._common import _errors


@require_POST
@login_required
def objection_file(request, pk: int):
    plan = selectors.plan_get_for_user(user=request.user, pk=pk)
    if plan.asn_id != scope_for(request.user).asn_id:
        raise PermissionDenied
    evaluation = selectors.evaluation_get_or_404(plan=plan)
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
    objection = selectors.objection_get_for_user(user=request.user, pk=pk)
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
