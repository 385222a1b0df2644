"""HR reports in the Wagtail admin that read HR's stored figures (:mod:`pamong.hr.reports`): the
socialization coverage report (HR of an instansi, BKPSDM, humas) and the JP compliance report (HR),
each downloadable as XLSX or CSV. Scoped by ``pamong.people.access``; an instansi or unit outside
the scope is 404."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _

from learning.selectors import PNS_JP_TARGET
from pamong.exports import FORMATS, export_response
from pamong.fragments import TIMEOUT as FRAGMENT_TIMEOUT
from pamong.fragments import content_key
from pamong.pagination import BoundedPaginator
from pamong.people.access import role_required, scope_for
from pamong.people.filters import (
    OrganisationFilterForm,
    int_or_none,
    organisation_filter_from,
    report_filter_form,
    report_filters,
)

from . import reports
from .figures import jp_years


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
    export = request.GET.get("format") in FORMATS
    # Province-wide, the screen shows one line per instansi (thousands of units would not be
    # readable); choosing an instansi shows its units. The CSV always has every unit.
    show_units = (
        instansi_id is not None
        or unit_id is not None
        or (instansi_ids is not None and len(instansi_ids) <= 1)
    )
    found = reports.coverage(
        instansi_ids=instansi_ids, instansi_id=instansi_id, unit_id=unit_id, per_unit=show_units or export
    )
    report = found.report
    if export:
        return _coverage_export(request, report)
    query = request.GET.copy()
    query.pop("format", None)
    return render(
        request,
        "socialization/admin/coverage.html",
        {
            "report": report,
            "rows": report.rows,
            "pending": found.pending,
            "show_units": show_units,
            "form": form,
            "export_query": query.urlencode(),
            "page_title": _("Cakupan sosialisasi"),
            # The table is a pure function of what it shows: rendered once per distinct content.
            "table_key": content_key("coverage-table", show_units, _coverage_shown(report)),
            "fragment_timeout": FRAGMENT_TIMEOUT,
        },
    )


def _coverage_shown(report) -> tuple:
    """Everything the coverage table shows, as plain data (the digest of its cached HTML)."""

    def line(row) -> tuple:
        names = (row.instansi.pk, row.instansi.name) if row.instansi else ()
        if row.unit is not None:
            names += (row.unit.pk, row.unit.name)
        return (names, row.active, tuple(row.per_chapter), row.all_chapters)

    return (
        tuple(str(c.title) for c in report.chapters),
        tuple(line(row) for row in report.rows),
        line(report.total) if report.total else None,
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


@role_required("hr")
def jp_report(request):
    """ASN below their minimum JP for a year, per unit (paged); ``?format=`` (XLSX or CSV) streams them all."""
    instansi_ids, instansi_id, unit_id = report_filters(request)
    years = jp_years()
    year = int_or_none(request.GET.get("tahun"))
    if year not in years:  # the years whose shortfalls are kept (the form offers no other)
        year = years[-1]
    found = reports.jp_shortfalls(
        instansi_ids=instansi_ids, instansi_id=instansi_id, unit_id=unit_id, year=year
    )
    qs = found.rows
    if request.GET.get("format") in FORMATS:
        return export_response(
            request=request,
            filename=f"kepatuhan-jp-{year}",
            header=[
                _("NIP"),
                _("Nama"),
                _("Jenis"),
                _("Instansi"),
                _("Unit kerja"),
                _("Jabatan"),
                _("JP pelatihan"),
                _("JP nonklasikal"),
                _("JP total"),
                _("JP minimal"),
            ],
            rows=(
                [
                    a.asn.nip,
                    a.name,
                    a.asn.employment_type,
                    a.instansi.name,
                    a.unit.name,
                    a.asn.jabatan.name,
                    a.jp_courses,
                    a.jp_activities,
                    a.jp_total,
                    a.jp_minimum,
                ]
                for a in qs.select_related("instansi", "asn__jabatan").iterator(chunk_size=2000)
            ),
        )
    shown = qs.only(  # what a row of the page shows (the download above reads more)
        "name", "jp_courses", "jp_activities", "jp_minimum", "unit__name", "asn__nip", "asn__employment_type"
    )
    page = BoundedPaginator(shown, 50).get_page(request.GET.get("p"))
    query = request.GET.copy()
    query.pop("format", None)
    query["tahun"] = year
    return render(
        request,
        "competencies/admin/jp_report.html",
        {
            "form": report_filter_form(
                request, instansi_ids=instansi_ids, instansi_id=instansi_id, unit_id=unit_id
            ),
            "page_obj": page,
            "year": year,
            "years": years,
            "pending": found.pending,
            "minimum_pns": PNS_JP_TARGET.jp,
            "minimum_pns_source": PNS_JP_TARGET.source,
            "export_query": query.urlencode(),
            "page_title": _("Kepatuhan JP pengembangan kompetensi"),
        },
    )
