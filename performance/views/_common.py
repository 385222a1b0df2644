"""What the performance views share: messages for refused input and the SKP page context."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError

from pamong.people.access import can_evaluate, can_manage_instansi, scope_for

from .. import selectors
from ..models import Period, Plan


def _errors(request, exc: ValidationError) -> None:
    for msg in exc.messages:
        messages.error(request, msg)


def _form_errors(request, form) -> None:
    for field_errors in form.errors.values():
        for e in field_errors:
            messages.error(request, e)


def _instansi_param(request) -> int | None:
    """The instansi an HR list is narrowed to (``?instansi=``), or ``None`` when absent or not a number."""
    try:
        return int(request.GET.get("instansi", ""))
    except ValueError:
        return None


def _plan_context(request, plan: Plan) -> dict:
    scope = scope_for(request.user)
    is_owner = plan.asn_id == scope.asn_id
    is_evaluator = can_evaluate(request.user, plan.asn)
    evaluation = selectors.evaluation_for_plan(plan=plan)
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
