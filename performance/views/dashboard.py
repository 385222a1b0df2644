"""The performance start: own SKP, the atasan's team, rating tasks, objections to decide."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.utils.translation import gettext as _

from pamong.people.access import scope_for

from .. import selectors
from ..models import Period


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
    to_decide = selectors.objections_to_decide(asn_id=scope.asn_id).count() if scope.asn_id else 0
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
