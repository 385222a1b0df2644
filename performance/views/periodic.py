"""The periodic assessment (penilaian kinerja periodik) of an SKP: every check-in with its
realisations and its assessment; the plan's atasan gives the ones whose due date has come."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from .. import selectors, services
from ..forms import PeriodicAssessmentForm
from ..models import Plan
from ._common import _errors, _form_errors, _plan_context


@login_required
def plan_periodic(request, pk: int):
    """Read-only for the ASN, HR of the instansi and anyone else who may see the SKP; with a form
    per open check-in for the plan's atasan."""
    plan = selectors.plan_get_for_user(user=request.user, pk=pk)
    ctx = _plan_context(request, plan)
    may_assess = services.periodic_may_assess(user=request.user, plan=plan)
    can_give = may_assess and plan.status == Plan.Status.AGREED and plan.period.is_open_for_evaluation
    ctx.update(
        {
            "page_title": _("Penilaian kinerja periodik %(name)s") % {"name": plan.asn.name},
            "rows": selectors.periodic_rows(plan=plan, today=timezone.localdate()),
            "can_give": can_give,
            "form": PeriodicAssessmentForm() if can_give else None,
        }
    )
    return render(request, "performance/plan_periodic.html", ctx)


@require_POST
@login_required
def plan_periodic_assess(request, pk: int):
    plan = selectors.plan_get_for_user(user=request.user, pk=pk)
    if not services.periodic_may_assess(user=request.user, plan=plan):
        raise PermissionDenied
    form = PeriodicAssessmentForm(request.POST)
    if not form.is_valid():
        _form_errors(request, form)
        return redirect("performance:plan_periodic", pk=plan.pk)
    checkin = selectors.checkin_of_plan(plan=plan, pk=form.cleaned_data["checkin"])
    if checkin is None:
        messages.error(request, _("Check-in ini bukan bagian dari periode SKP."))
        return redirect("performance:plan_periodic", pk=plan.pk)
    try:
        assessment = services.periodic_assess(
            plan=plan,
            checkin=checkin,
            hasil_kerja=form.cleaned_data["hasil_kerja"],
            perilaku_kerja=form.cleaned_data["perilaku_kerja"],
            notes=form.cleaned_data["notes"],
            actor=request.user,
        )
        messages.success(
            request,
            _("Penilaian periodik %(checkin)s ditetapkan: %(predikat)s.")
            % {"checkin": checkin.label, "predikat": assessment.get_predikat_display()},
        )
    except ValidationError as exc:
        _errors(request, exc)
    return redirect("performance:plan_periodic", pk=plan.pk)
