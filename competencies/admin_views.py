"""HR pages in the Wagtail admin: the unit gap report (downloadable as XLSX or CSV) and the CSV import
of position standards. Scoped by ``pamong.people.access``: HR of an instansi sees its own instansi,
BKPSDM and administrators everything; an instansi or unit outside the scope is 404. (The JP
compliance report reads HR's stored figures, so it lives in ``pamong.hr.admin_views``.)"""

from __future__ import annotations

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from pamong.exports import FORMATS, export_response
from pamong.people.access import role_required, scope_for
from pamong.people.filters import report_filter_form, report_filters

from . import rules, selectors
from .exports import below_standard_cells, below_standard_header
from .forms import StandardImportForm
from .importer import COLUMNS, standard_import_apply, standard_import_parse


def _stamped(filename: str) -> str:
    return f"{filename}-{timezone.localtime():%Y%m%d}"


@role_required("hr")
def gap_report(request):
    """Per unit: ASN with a standard, how many are below it, average JPM; then the ASN below
    standard (lowest JPM first). ``?format=`` (XLSX or CSV, see ``pamong.exports``) downloads the ASN list."""
    instansi_ids, instansi_id, unit_id = report_filters(request)
    below = selectors.below_standard(user=request.user, instansi_id=instansi_id, unit_id=unit_id, limit=500)
    if request.GET.get("format") in FORMATS:
        return export_response(
            request=request,
            filename=_stamped("kesenjangan-kompetensi"),
            header=below_standard_header(),
            rows=below_standard_cells(below),
        )
    query = request.GET.copy()
    query.pop("format", None)
    return render(
        request,
        "competencies/admin/gap_report.html",
        {
            "form": report_filter_form(
                request, instansi_ids=instansi_ids, instansi_id=instansi_id, unit_id=unit_id
            ),
            "units": selectors.unit_gap_summary(user=request.user, instansi_id=instansi_id, unit_id=unit_id),
            "below": below,
            "export_query": query.urlencode(),
            "jpm_help": rules.JPM_HELP,
            "page_title": _("Kesenjangan kompetensi per unit"),
        },
    )


@role_required("hr")
def standard_import(request):
    """Upload a CSV of position standards; every row is checked first, one error imports nothing."""
    instansi_ids = scope_for(request.user).hr_instansi_ids()
    errors, result = [], None
    form = StandardImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data["file"].read()
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError:
            errors = [_("Berkas bukan UTF-8; simpan ulang sebagai CSV UTF-8.")]
        else:
            plan = standard_import_parse(text=text, instansi_ids=instansi_ids)
            if plan.errors:
                errors = [str(e) for e in plan.errors]
            elif form.cleaned_data["dry_run"]:
                result = _("Uji coba, tidak ada yang disimpan: %(c)s.") % {"c": plan.counts}
            else:
                standard_import_apply(plan=plan)
                messages.success(request, _("Impor selesai: %(c)s.") % {"c": plan.counts})
                return redirect("competencies_standard_import")
    return render(
        request,
        "competencies/admin/standard_import.html",
        {
            "form": form,
            "errors": errors,
            "result": result,
            "columns": ",".join(COLUMNS),
            "page_title": _("Impor standar kompetensi jabatan"),
        },
    )
