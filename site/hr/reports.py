"""The HR reports of the Wagtail admin (socialization coverage, JP compliance) read from the stored
figures (:mod:`pamong.hr.figures`), never from the tables of ASN, acknowledgements or enrolments.

Their set-based originals stay where the data lives — :func:`pamong.socialization.selectors.coverage_report`
and :func:`competencies.selectors.jp_below_minimum` — as the reference a test compares these with
(the apps below ``pamong.hr`` cannot read its figures, so the report views live here).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from django.db.models import QuerySet, Sum

from pamong.people.models import Instansi, UnitKerja
from pamong.socialization.selectors import CoverageReport, CoverageRow, policy_chapters

from .figures import figures_mark_all, figures_refresh, jp_years
from .models import InstansiFigure, JpShortfall, UnitFigure


def _scope(instansi_ids: set[int] | None, instansi_id: int | None) -> list[int] | None:
    if instansi_id is not None:
        return [instansi_id]
    return None if instansi_ids is None else sorted(instansi_ids)


@dataclass
class Coverage:
    report: CoverageReport
    pending: int  # marked units of the scope not recomputed yet


def coverage(
    *,
    instansi_ids: set[int] | None,
    instansi_id: int | None = None,
    unit_id: int | None = None,
    per_unit: bool,
) -> Coverage:
    """Acknowledgement coverage among active ASN, in the shape of
    :func:`~pamong.socialization.selectors.coverage_report`: an instansi subtotal line and (with
    ``per_unit``) a line per unit. Three queries after the refresh of the scope: chapters, units
    (or instansi), and the summed figures (unit rows, or instansi rows without ``per_unit``)."""
    scope = _scope(instansi_ids, instansi_id)
    pending = figures_refresh(instansi_ids=scope)
    chapters = list(policy_chapters().only("id", "title", "path", "depth", "url_path"))
    column = {str(c.pk): i for i, c in enumerate(chapters)}
    units = UnitKerja.objects.all()
    figures = UnitFigure.objects.filter(year=0, metric__in=("asn", "cov", "cov_all"))
    if scope is not None:
        units, figures = units.filter(instansi_id__in=scope), figures.filter(instansi_id__in=scope)
    if unit_id is not None:
        units, figures = units.filter(pk=unit_id), figures.filter(unit_id=unit_id)
    if per_unit:
        units = list(units.select_related("instansi").order_by("instansi__name", "code"))
        sums = figures.values_list("unit_id", "metric", "key").annotate(v=Sum("value")).order_by()
        lines = [(unit.instansi, unit) for unit in units]
    else:
        instansi = Instansi.objects.filter(pk__in=units.values("instansi_id")).order_by("name")
        inst_figures = InstansiFigure.objects.filter(year=0, metric__in=("asn", "cov", "cov_all"))
        if scope is not None:
            inst_figures = inst_figures.filter(instansi_id__in=scope)
        sums = inst_figures.values_list("instansi_id", "metric", "key").annotate(v=Sum("value")).order_by()
        lines = [(i, None) for i in instansi]
    values: dict[int, dict[tuple[str, str], int]] = defaultdict(dict)
    for owner, metric, key, v in sums:
        values[owner][(metric, key)] = int(v)

    def line(instansi: Instansi, unit: UnitKerja | None) -> CoverageRow:
        got = values.get(unit.pk if unit else instansi.pk, {})
        per_chapter = [0] * len(chapters)
        for (metric, key), v in got.items():
            if metric == "cov" and key in column:
                per_chapter[column[key]] = v
        return CoverageRow(
            instansi=instansi,
            unit=unit,
            active=got.get(("asn", ""), 0),
            per_chapter=per_chapter,
            all_chapters=got.get(("cov_all", ""), 0) if chapters else 0,
        )

    rows: list[CoverageRow] = []
    total = CoverageRow(instansi=None, unit=None, per_chapter=[0] * len(chapters))
    subtotal: CoverageRow | None = None
    for instansi, unit in lines:
        row = line(instansi, unit)
        if unit is not None and (subtotal is None or subtotal.instansi.pk != instansi.pk):
            subtotal = CoverageRow(instansi=instansi, unit=None, per_chapter=[0] * len(chapters))
            rows.append(subtotal)
        rows.append(row)
        for target in (subtotal, total) if unit is not None else (total,):
            target.active += row.active
            target.all_chapters += row.all_chapters
            target.per_chapter = [a + b for a, b in zip(target.per_chapter, row.per_chapter, strict=True)]
    report = CoverageReport(chapters=chapters, rows=rows, total=total if lines else None)
    return Coverage(report=report, pending=pending)


@dataclass
class JpList:
    rows: QuerySet[JpShortfall]
    pending: int


def jp_shortfalls(
    *, instansi_ids: set[int] | None, instansi_id: int | None, unit_id: int | None, year: int
) -> JpList:
    """Active ASN below their JP target in ``year`` (one of :func:`~pamong.hr.figures.jp_years`), by
    unit then name, through an index matching each filter. A new year first retires the rows of the
    year that left the window and marks every unit for recomputation (once: the next request finds
    no such row)."""
    years = jp_years()
    if JpShortfall.objects.filter(year__lt=years[0]).exists():
        JpShortfall.objects.filter(year__lt=years[0]).delete()
        figures_mark_all()
    pending = figures_refresh(instansi_ids=_scope(instansi_ids, instansi_id))
    qs = JpShortfall.objects.filter(year=year)
    if unit_id is not None:
        qs = qs.filter(unit_id=unit_id)
    elif instansi_id is not None:
        qs = qs.filter(instansi_id=instansi_id)
    elif instansi_ids is not None:
        qs = qs.filter(instansi_id__in=sorted(instansi_ids))
    return JpList(
        rows=qs.select_related("asn", "unit").order_by("unit_id", "name", "asn_id"), pending=pending
    )
