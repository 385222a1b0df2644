"""The coverage report in the Wagtail admin: who has read which chapter, per instansi and unit."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _

from pamong.exports import FORMATS, export_response
from pamong.people.access import role_required, scope_for
from pamong.people.filters import OrganisationFilterForm, organisation_filter_from

from .selectors import coverage_report


def coverage_instansi_ids(user) -> set[int] | None:
    """Instansi whose coverage ``user`` may see: humas and BKPSDM/admin all, HR instansi their own."""
    scope = scope_for(user)
    if scope.is_humas:
        return None
    if scope.is_hr:
        return scope.hr_instansi_ids()
    raise PermissionDenied


def _forbidden(request) -> HttpResponse:
    """A plain 403 (Wagtail's admin would turn ``PermissionDenied`` into a redirect to the dashboard)."""
    return render(request, "403.html", {"page_title": _("Akses ditolak")}, status=403)


@role_required("hr", "humas")
def _coverage(request):
    """Coverage report, with instansi/unit filters and ``?format=csv`` for a download."""
    instansi_ids = coverage_instansi_ids(request.user)
    org = organisation_filter_from(params=request.GET, instansi_ids=instansi_ids)
    instansi_id, unit_id = org.instansi_id, org.unit_id
    form = OrganisationFilterForm(
        request.GET or None, instansi_ids=instansi_ids, instansi_id=instansi_id, unit_id=unit_id
    )
    report = coverage_report(instansi_ids=instansi_ids, instansi_id=instansi_id, unit_id=unit_id)
    if request.GET.get("format") in FORMATS:
        return _coverage_export(request, report)
    query = request.GET.copy()
    query.pop("format", None)
    # Province-wide, the screen shows one line per instansi (thousands of units would not be
    # readable); choosing an instansi shows its units. The CSV always has every unit.
    show_units = (
        instansi_id is not None
        or unit_id is not None
        or (instansi_ids is not None and len(instansi_ids) <= 1)
    )
    rows = report.rows if show_units else [row for row in report.rows if row.unit is None]
    return render(
        request,
        "socialization/admin/coverage.html",
        {
            "report": report,
            "rows": rows,
            "show_units": show_units,
            "form": form,
            "export_query": query.urlencode(),
            "page_title": _("Cakupan sosialisasi"),
        },
    )


def coverage(request):
    """HR (own instansi, or all for BKPSDM) and humas (all); anyone else gets 403."""
    try:
        return _coverage(request)
    except PermissionDenied:
        return _forbidden(request)


def _coverage_export(request, report):
    header = (
        [_("Instansi"), _("Unit kerja"), _("ASN aktif")]
        + [c.title for c in report.chapters]
        + [_("Semua bab"), _("Persentase semua bab")]
    )

    def rows():
        for row in [*report.rows, *([report.total] if report.total else [])]:
            if row.instansi is None:
                names = [_("Total"), ""]
            else:
                names = [row.instansi.name, row.unit.name if row.unit else _("(seluruh instansi)")]
            yield [*names, row.active, *row.per_chapter, row.all_chapters, round(row.percent, 1)]

    stamp = timezone.localtime().strftime("%Y%m%d")
    return export_response(
        request=request, filename=f"cakupan-sosialisasi-{stamp}", header=header, rows=rows()
    )
