"""HR: periods, the organisation predikat, the results export, follow-up proposals, the audit log."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from pamong.exports import export_response
from pamong.fragments import content_key
from pamong.pagination import BoundedPaginator
from pamong.people.access import can_manage_instansi, role_required, scope_for

from .. import selectors, services
from ..models import FollowUpProposal, FollowUpRule, OrgPredikat, Predikat, RaterGroup
from ..tallies import period_tallies
from ._common import _errors, _instansi_param


@role_required("hr")
def period_list(request):
    periods = selectors.periods_for(user=request.user).order_by("-year", "name")
    return render(
        request, "performance/period_list.html", {"periods": periods, "page_title": _("Periode kinerja")}
    )


@role_required("hr")
def period_detail(request, pk: int):
    period = selectors.period_get_for_user(user=request.user, pk=pk)
    if request.method == "POST":
        # a province-wide period (no instansi) is managed by BKPSDM and administrators only
        if not can_manage_instansi(request.user, period.instansi_id):
            raise PermissionDenied
        try:
            services.period_advance(period=period, actor=request.user)
            messages.success(request, _("Status periode: %(s)s") % {"s": period.get_status_display()})
        except ValidationError as exc:
            _errors(request, exc)
        return redirect(period)
    instansi_id = _instansi_param(request)
    # province-wide HR sees one row per instansi until they pick one (2,000+ units otherwise)
    by_instansi = instansi_id is None and scope_for(request.user).hr_instansi_ids() is None
    # the SKP counts cover the user's scope; the distribution the chosen instansi, if any
    tallies = period_tallies(
        period=period, instansi_ids=selectors.period_scope_instansi_ids(user=request.user)
    )
    shown = tallies if instansi_id is None else {i: u for i, u in tallies.items() if i == instansi_id}
    distribution = selectors.distribution_by_unit(period=period, tallies=shown, by_instansi=by_instansi)
    return render(
        request,
        "performance/period_detail.html",
        {
            "period": period,
            "counts": selectors.period_counts(tallies=tallies),
            "distribution": distribution,
            # the table is a pure function of the distribution (counts in Predikat order, as the
            # header): rendered once per content
            "distribution_key": content_key("period-distribution", by_instansi, distribution),
            "by_instansi": by_instansi,
            "instansi_id": instansi_id,
            "predikat_choices": Predikat.choices,
            "org_choices": OrgPredikat.choices,
            "managed_instansi": selectors.managed_instansi_predikats(user=request.user, period=period),
            "can_manage": can_manage_instansi(request.user, period.instansi_id),
            "page_title": period.name,
        },
    )


@require_POST
@role_required("hr")
def org_predikat_set(request, pk: int):
    period = selectors.period_get_for_user(user=request.user, pk=pk)
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


@role_required("hr")
def period_results_csv(request, pk: int):
    """Results export (``?format=xlsx``, ``csv-id`` or CSV), streamed: no rater identities; hidden
    groups are empty cells."""
    period = selectors.period_get_for_user(user=request.user, pk=pk)
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
    period = selectors.period_get_for_user(user=request.user, pk=pk)
    status = request.GET.get("status", "")
    proposals = selectors.proposals_for(period=period, user=request.user, status=status)
    page = BoundedPaginator(proposals, 50).get_page(request.GET.get("page"))
    _label_proposals(page.object_list)
    return render(
        request,
        "performance/proposal_list.html",
        {
            "period": period,
            "page_obj": page,
            # the rows (labels included) show nothing of the viewer: rendered once per content
            "rows_key": content_key("proposal-rows", list(page.object_list)),
            "status": status,
            "statuses": FollowUpProposal.Status.choices,
            "page_title": _("Usulan penghargaan dan sanksi"),
        },
    )


def _label_proposals(proposals) -> None:
    """Give each proposal of a page the labels its row shows (``status_label``,
    ``development_label``, ``kind_label``, ``basis_label``), each label read once per distinct value
    instead of once per row."""
    status = {k: str(v) for k, v in FollowUpProposal.Status.choices}
    development = {k: str(v) for k, v in FollowUpProposal.DevelopmentStatus.choices}
    kinds = {k: str(v) for k, v in FollowUpRule.Kind.choices}
    basis: dict[int, str] = {}
    for p in proposals:
        p.status_label = status.get(p.status, p.status)
        p.development_label = development.get(p.development_status, p.development_status)
        p.kind_label = kinds.get(p.rule.kind, p.rule.kind)
        if p.rule_id not in basis:
            basis[p.rule_id] = p.rule.basis_label
        p.basis_label = basis[p.rule_id]


@require_POST
@role_required("hr")
def proposal_decide(request, pk: int):
    proposal = selectors.proposal_get_for_hr(user=request.user, pk=pk)
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


@role_required("hr")
def audit_log(request):
    entries = selectors.audit_entries_for(user=request.user)
    page = BoundedPaginator(entries, 50).get_page(request.GET.get("page"))
    return render(
        request,
        "performance/audit_log.html",
        {
            "page_obj": page,
            "rows_key": content_key("audit-rows", list(page.object_list)),  # rendered once per content
            "page_title": _("Log audit kinerja"),
        },
    )
