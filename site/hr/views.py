"""HR views: one person's profile, the unit/instansi dashboard, the talent 9-box and the exports.

Access comes from ``pamong.people.access``: anonymous → login; a user without the HR role → 403
(the profile is also open to the person and their atasan chain); an ASN, instansi or unit outside
the user's scope → 404. Every CSV/XLSX download goes through ``pamong.exports`` (streamed).
"""

from __future__ import annotations

from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from competencies import rules as competency_rules
from competencies.exports import below_standard_cells, below_standard_header
from competencies.selectors import below_standard, jpm_band_for
from pamong.exports import export_response
from pamong.fragments import TIMEOUT as FRAGMENT_TIMEOUT
from pamong.fragments import content_key
from pamong.people.access import can_manage_instansi, get_visible_asn_or_404, role_required, scope_for

from . import charts, figures_read, selectors, services, talent
from .forms import PotentialAssessmentForm, TalentSettingsForm
from .models import TalentSettings

TALENT_PAGE_SIZE = 50


def _hr_asn_or_404(user, pk: int):
    """An ASN the HR user manages (their instansi, or any for BKPSDM/admin), else 404."""
    asn = get_visible_asn_or_404(user, pk=pk)
    if not can_manage_instansi(user, asn.instansi_id):
        raise Http404
    return asn


# --- profile ------------------------------------------------------------------------------------


@login_required
def profile(request, pk: int):
    """One ASN's page for HR, the atasan chain and the person: competency, development, JP,
    performance, awards and sanctions, socialization. A fixed number of queries."""
    asn = get_visible_asn_or_404(request.user, pk=pk)
    scope = scope_for(request.user)
    context = selectors.asn_profile(asn=asn)
    context.update(
        {
            "asn": asn,
            "page_title": _("Profil %(name)s") % {"name": asn.name},
            "jpm_help": competency_rules.JPM_HELP,
            "jpm_band": jpm_band_for(jpm=context["competency_profile"].jpm),
            "is_hr": scope.is_hr and can_manage_instansi(request.user, asn.instansi_id),
            "boxes": talent.BOXES,
        }
    )
    return render(request, "hr/profile.html", context)


# --- dashboard ----------------------------------------------------------------------------------


def _filter_context(request, filters: selectors.Filters) -> dict:
    return {
        "filters": filters,
        "choices": selectors.filter_choices(user=request.user, filters=filters),
        "filter_query": urlencode(filters.query()),
        "can_pick_instansi": scope_for(request.user).hr_instansi_ids() is None,
    }


@role_required("hr")
def dashboard(request):
    filters = selectors.filters_from(user=request.user, params=request.GET)
    data = figures_read.dashboard_from_figures(user=request.user, filters=filters)
    min_group_size = selectors.min_group_size()
    filter_context = _filter_context(request, filters)
    # The figures and charts are a pure function of ``data``: rendered once per distinct content
    # (``render_key``) and served from the cache after; the charts are drawn only on a miss.
    context = {
        "data": data,
        "predikat_chart": lambda: charts.bar_chart(data.predikat),
        "trend_chart": lambda: charts.stacked_chart(data.trend),
        "jp_chart": lambda: charts.bar_chart(data.jp.buckets),
        "gap_chart": lambda: charts.bar_chart(
            [
                selectors.CountRow(str(g.competency.pk), g.competency.name, g.below, g.assessed)
                for g in data.gaps
            ]
        ),
        "coverage_chart": lambda: charts.bar_chart(data.coverage.chapters),
        "training_chart": lambda: charts.bar_chart(data.training.courses),
        "min_group_size": min_group_size,
        "render_key": content_key("hr-dashboard", data, min_group_size, filter_context["filter_query"]),
        "fragment_timeout": FRAGMENT_TIMEOUT,
        "page_title": _("Dasbor kepegawaian"),
        **filter_context,
    }
    return render(request, "hr/dashboard.html", context)


def _dashboard_table(user, filters: selectors.Filters, table: str):
    """(file name, header, row iterator) of one dashboard table; ``None`` for an unknown table."""
    year = filters.year
    if table in FIGURE_TABLES:
        data = figures_read.dashboard_from_figures(user=user, filters=filters)
    if table == "predikat":
        return (
            f"predikat-{year}",
            [_("Predikat"), _("Jumlah ASN"), _("Persentase")],
            ([r.label, r.count, r.percent] for r in data.predikat),
        )
    if table == "tren":
        return (
            "tren-predikat",
            [_("Tahun"), _("Predikat"), _("Jumlah ASN"), _("Persentase")],
            ([t.year, r.label, r.count, r.percent] for t in data.trend for r in t.rows),
        )
    if table == "jp":
        return (
            f"kepatuhan-jp-{year}",
            [_("Kelompok JP"), _("Jumlah ASN"), _("Persentase")],
            ([r.label, r.count, r.percent] for r in data.jp.buckets),
        )
    if table == "kesenjangan":
        return (
            "kesenjangan-kompetensi",
            [
                _("Kode"),
                _("Kompetensi"),
                _("ASN dengan standar"),
                _("Di bawah standar"),
                _("Persentase"),
                _("Rata-rata kesenjangan"),
            ],
            (
                [g.competency.code, g.competency.name, g.assessed, g.below, g.below_percent, g.avg_gap]
                for g in data.gaps
            ),
        )
    if table == "sosialisasi":
        return (
            "cakupan-sosialisasi",
            [_("Bab kebijakan"), _("ASN yang mengonfirmasi"), _("ASN aktif"), _("Persentase")],
            ([r.label, r.count, r.total, r.percent] for r in data.coverage.chapters),
        )
    if table == "pelatihan":
        return (
            f"penyelesaian-pelatihan-{year}",
            [_("Pelatihan"), _("Peserta"), _("Selesai"), _("Persentase selesai")],
            ([r.label, r.total, r.count, r.percent] for r in data.training.courses),
        )
    if table == "di-bawah-standar":
        if filters.jabatan_kind:
            rows = (
                r
                for r in below_standard(
                    user=user, instansi_id=filters.instansi_id, unit_id=filters.unit_id, limit=100_000
                )
                if r.asn.jabatan.kind == filters.jabatan_kind
            )
        else:
            rows = iter(
                below_standard(
                    user=user, instansi_id=filters.instansi_id, unit_id=filters.unit_id, limit=100_000
                )
            )
        return (
            "asn-di-bawah-standar",
            below_standard_header(),
            below_standard_cells(rows),
        )
    return None


#: Dashboard tables read from the stored figures (pamong.hr.figures).
FIGURE_TABLES = ("predikat", "tren", "jp", "kesenjangan", "sosialisasi", "pelatihan")
DASHBOARD_TABLES = ("predikat", "tren", "jp", "kesenjangan", "sosialisasi", "pelatihan", "di-bawah-standar")


@role_required("hr")
def dashboard_export(request, table: str):
    filters = selectors.filters_from(user=request.user, params=request.GET)
    found = _dashboard_table(request.user, filters, table)
    if found is None:
        raise Http404
    filename, header, rows = found
    return export_response(request=request, filename=filename, header=[str(h) for h in header], rows=rows)


# --- talent 9-box -------------------------------------------------------------------------------


def _box_param(value) -> int | None:
    try:
        box = int(value)
    except (TypeError, ValueError):
        return None
    return box if box in talent.BOXES else None


def _talent_request(request):
    """The filters, chosen box, thresholds, cell counts and (lazy) people of a 9-box request."""
    filters = selectors.filters_from(user=request.user, params=request.GET)
    box = _box_param(request.GET.get("kotak"))
    settings = TalentSettings.current()
    figures = figures_read.scope_figures(user=request.user, filters=filters)
    grid = figures_read.talent_grid_from(figures, year=filters.year)
    rows = figures_read.PlacedList(
        user=request.user,
        filters=filters,
        settings=settings,
        box=box,
        count=grid.placed if box is None else grid.counts[box],
    )
    return filters, box, settings, grid, rows


@role_required("hr")
def talent_grid(request):
    filters, box, settings, grid, rows = _talent_request(request)
    page = Paginator(rows, TALENT_PAGE_SIZE).get_page(request.GET.get("page"))
    grid_rows = [[{"box": b, "count": grid.counts[b.number]} for b in row] for row in talent.grid_rows()]
    context = {
        "grid": grid,
        "grid_rows": grid_rows,
        "kinerja_labels": [talent.KINERJA_LABELS[k] for k in talent.KINERJA_LEVELS],
        "boxes": [talent.BOXES[n] for n in sorted(talent.BOXES, reverse=True)],
        "box": talent.BOXES.get(box) if box else None,
        "page_obj": page,
        "settings": settings,
        "can_edit_settings": scope_for(request.user).hr_instansi_ids() is None,
        "page_query": urlencode(filters.query(kotak=box)),
        "page_title": _("Manajemen talenta (9-box)"),
        **_filter_context(request, filters),
    }
    return render(request, "hr/talent.html", context)


@role_required("hr")
def talent_export(request):
    filters, box, settings, grid, rows = _talent_request(request)
    header = [
        _("Kotak"),
        _("NIP"),
        _("Nama"),
        _("Instansi"),
        _("Unit kerja"),
        _("Jabatan"),
        _("Predikat"),
        _("Kinerja"),
        _("JPM (%)"),
        _("Potensial"),
        _("Sumber potensial"),
        _("Rekomendasi tindakan"),
        _("Rekomendasi pengembangan"),
    ]
    data = (
        [
            r.box,
            r.nip,
            r.name,
            r.instansi_name,
            r.unit_name,
            r.jabatan_name,
            r.predikat_label,
            r.kinerja_label,
            r.jpm,
            r.potensial_label,
            r.potensial_source,
            str(r.box_info.action),
            str(r.box_info.development),
        ]
        for r in rows.iterate()
    )
    name = f"talenta-{filters.year}" + (f"-kotak-{box}" if box else "")
    return export_response(request=request, filename=name, header=[str(h) for h in header], rows=data)


def _year_from(value) -> int:
    try:
        year = int(value)
    except (TypeError, ValueError):
        raise ValidationError(_("Tahun tidak valid.")) from None
    if not 2000 <= year <= 2100:
        raise ValidationError(_("Tahun tidak valid."))
    return year


def _safe_next(request, fallback: str) -> str:
    nxt = request.POST.get("next", "")
    return nxt if nxt.startswith("/") and not nxt.startswith("//") else fallback


@require_POST
@role_required("hr")
def talent_apply(request, pk: int):
    """Add the development recommendation of the person's box to their plan (one click)."""
    asn = _hr_asn_or_404(request.user, pk)
    back = _safe_next(request, reverse("hr:profile", args=[asn.pk]))
    try:
        year = _year_from(request.POST.get("tahun"))
        goal = services.talent_recommendation_apply(asn=asn, year=year)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect(back)
    messages.success(
        request,
        _("Rekomendasi pengembangan “%(title)s” ditambahkan ke rencana pengembangan %(name)s.")
        % {"title": goal.title, "name": asn.name},
    )
    return redirect(back)


@role_required("hr")
def potential_record(request, pk: int):
    """Record the potential level HR assessed for one ASN and year (overrides the JPM band)."""
    asn = _hr_asn_or_404(request.user, pk)
    initial_year = request.GET.get("tahun") or timezone.localdate().year
    form = PotentialAssessmentForm(request.POST or None, initial={"year": initial_year})
    if request.method == "POST" and form.is_valid():
        try:
            services.potential_assessment_record(
                asn=asn,
                year=form.cleaned_data["year"],
                level=form.cleaned_data["level"],
                note=form.cleaned_data["note"],
                user=request.user,
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Hasil penilaian potensial disimpan."))
            return redirect("hr:profile", pk=asn.pk)
    return render(
        request,
        "hr/potential_form.html",
        {"asn": asn, "form": form, "page_title": _("Catat potensial %(name)s") % {"name": asn.name}},
    )


@role_required("hr")
def talent_settings(request):
    """The JPM thresholds of the potential axis: BKPSDM and administrators edit them."""
    if scope_for(request.user).hr_instansi_ids() is not None:
        raise PermissionDenied
    row = TalentSettings.current()
    form = TalentSettingsForm(
        request.POST or None, initial={"medium_from": row.medium_from, "high_from": row.high_from}
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.talent_settings_update(
                medium_from=form.cleaned_data["medium_from"],
                high_from=form.cleaned_data["high_from"],
                user=request.user,
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Ambang potensial disimpan."))
            return redirect("hr:talent")
    return render(
        request, "hr/talent_settings.html", {"form": form, "page_title": _("Ambang potensial talenta")}
    )
