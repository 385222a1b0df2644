"""The HR dashboard and the 9-box read from the stored figures (:mod:`pamong.hr.figures`).

One query reads the figures of the scope (instansi sums, or a unit's rows when a unit is chosen)
after the marked units of that scope are recomputed; the result has the same shape as the
set-based selectors of :mod:`pamong.hr.selectors` (``predikat_by_year``, ``jp_compliance_summary``,
``top_gaps``, ``socialization_coverage``, ``training_completion``, ``talent_grid``), which stay the
reference a test compares them with.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass

from django.db import connection
from django.db.models import Q, QuerySet, Sum
from django.utils import timezone

from competencies.models import Competency
from learning.models import CoursePage
from learning.selectors import PNS_JP_TARGET
from pamong.people.access import scope_for
from pamong.socialization.selectors import policy_chapters

from . import talent
from .figures import JP_BUCKETS, figures_refresh
from .models import InstansiFigure, TalentPlacement, TalentSettings, UnitFigure
from .selectors import (
    JP_BUCKETS as JP_BUCKET_LABELS,
)
from .selectors import (
    CountRow,
    Coverage,
    Dashboard,
    Filters,
    GapRow,
    JpCompliance,
    TalentGrid,
    TalentRow,
    Training,
    predikat_rows,
    predikat_trend,
    talent_row_from,
    talent_sql,
)


@dataclass
class ScopeFigures:
    """Summed figures of one scope: ``(year, metric, key) → value``; ``pending``: marked units of
    the scope not recomputed yet (the page says the figures are being updated)."""

    values: dict[tuple[int, str, str], int]
    pending: int = 0

    def get(self, metric: str, *, year: int = 0, key: str = "") -> int:
        return self.values.get((year, metric, key), 0)

    def keyed(self, metric: str, *, year: int = 0) -> dict[str, int]:
        return {k: v for (y, m, k), v in self.values.items() if m == metric and y == year}

    def by_year(self, metric: str) -> dict[int, dict[str, int]]:
        out: dict[int, dict[str, int]] = defaultdict(dict)
        for (y, m, k), v in self.values.items():
            if m == metric:
                out[y][k] = v
        return dict(out)


def _instansi_scope(*, user, filters: Filters) -> list[int] | None:
    if filters.instansi_id:
        return [filters.instansi_id]
    hr = scope_for(user).hr_instansi_ids()
    return None if hr is None else sorted(hr)


def scope_figures(*, user, filters: Filters) -> ScopeFigures:
    """The figures of the user's scope narrowed by ``filters`` (one query after the refresh)."""
    instansi_ids = _instansi_scope(user=user, filters=filters)
    pending = figures_refresh(instansi_ids=instansi_ids)
    if filters.unit_id:
        qs = UnitFigure.objects.filter(unit_id=filters.unit_id)
    else:
        qs = InstansiFigure.objects.all()
        if instansi_ids is not None:
            qs = qs.filter(instansi_id__in=instansi_ids)
    if filters.jabatan_kind:
        qs = qs.filter(jabatan_kind=filters.jabatan_kind)
    rows = (
        qs.filter(Q(year__in=[0, filters.year]) | Q(metric="predikat"))
        .order_by()
        .values("year", "metric", "key")
        .annotate(v=Sum("value"))
        .values_list("year", "metric", "key", "v")
    )
    return ScopeFigures({(y, m, k): int(v) for y, m, k, v in rows}, pending)


def jp_from(figures: ScopeFigures, *, year: int) -> JpCompliance:
    everyone = figures.get("asn")
    counts = figures.keyed("jp", year=year)
    with_jp = sum(counts.get(key, 0) for key, _lo, _hi in JP_BUCKETS)
    buckets = [
        CountRow(key, str(label), counts.get(key, 0) if key != "0" else everyone - with_jp, everyone)
        for key, label, _lo, _hi in JP_BUCKET_LABELS
    ]
    targeted = figures.get("jp_target")
    return JpCompliance(
        year=year,
        total=targeted,
        met=figures.get("jp_met", year=year) + figures.get("jp_met0"),
        minimum=PNS_JP_TARGET.jp,
        buckets=buckets,
        untargeted=everyone - targeted,
    )


def gaps_from(figures: ScopeFigures, *, limit: int = 10) -> list[GapRow]:
    n, met = figures.keyed("gap_n"), figures.keyed("gap_met")
    req, lvl = figures.keyed("gap_req"), figures.keyed("gap_lvl")
    rows = sorted(
        ((n[k] - met.get(k, 0), int(k)) for k in n if n[k] - met.get(k, 0) > 0), key=lambda r: (-r[0], r[1])
    )[:limit]
    competencies = Competency.objects.in_bulk([pk for _b, pk in rows])
    return [
        GapRow(competencies[pk], n[str(pk)], below, req.get(str(pk), 0) - lvl.get(str(pk), 0))
        for below, pk in rows
        if pk in competencies
    ]


def coverage_from(figures: ScopeFigures) -> Coverage:
    chapters = list(policy_chapters().only("id", "title", "path", "depth"))
    total, per_chapter = figures.get("asn"), figures.keyed("cov")
    rows = [CountRow(str(c.pk), c.title, per_chapter.get(str(c.pk), 0), total) for c in chapters]
    return Coverage(total=total, complete=figures.get("cov_all") if chapters else 0, chapters=rows)


def training_from(figures: ScopeFigures, *, year: int, limit: int = 10) -> Training:
    n, c = figures.keyed("enr_n", year=year), figures.keyed("enr_c", year=year)
    today = timezone.localdate().isoformat()
    overdue = sum(v for k, v in figures.keyed("enr_due", year=year).items() if k < today)
    titles = (
        dict(CoursePage.objects.filter(pk__in=[int(k) for k in n]).values_list("pk", "title")) if n else {}
    )
    ordered = sorted(n, key=lambda k: (-n[k], titles.get(int(k), "")))[:limit]
    courses = [CountRow(k, titles.get(int(k), ""), c.get(k, 0), n[k]) for k in ordered if int(k) in titles]
    return Training(sum(n.values()), sum(c.values()), overdue, courses)


def dashboard_from_figures(*, user, filters: Filters) -> Dashboard:
    """Every figure of the HR dashboard from the stored figures (about five queries)."""
    figures = scope_figures(user=user, filters=filters)
    by_year = figures.by_year("predikat")
    predikat = predikat_rows(by_year.get(filters.year, {}))
    return Dashboard(
        filters=filters,
        asn_total=figures.get("asn"),
        predikat=predikat,
        evaluated=sum(r.count for r in predikat),
        trend=predikat_trend(by_year),
        jp=jp_from(figures, year=filters.year),
        gaps=gaps_from(figures),
        coverage=coverage_from(figures),
        training=training_from(figures, year=filters.year),
        pending=figures.pending,
    )


def talent_grid_from(figures: ScopeFigures, *, year: int) -> TalentGrid:
    counts = dict.fromkeys(sorted(talent.BOXES), 0)
    for key, value in figures.keyed("box", year=year).items():
        counts[int(key)] = value
    everyone, placed = figures.get("asn"), sum(counts.values())
    default = everyone - figures.get("t_n", year=year)  # neither evaluated nor assessed that year
    return TalentGrid(
        counts,
        unplaced=everyone - placed,
        no_predikat=figures.get("t_nokin", year=year) + default,
        no_potential=figures.get("t_nopot", year=year)
        + figures.get("nojpm")
        - figures.get("t_nojpm", year=year),
        pending=figures.pending,
    )


class PlacedList:
    """The ASN of one box (or every placed ASN) for ``Paginator``: a slice reads one page of
    :class:`TalentPlacement` through its index (box, name) and the rows of those ASN only."""

    def __init__(self, *, user, filters: Filters, settings: TalentSettings, box: int | None, count: int):
        self.user, self.filters, self.settings, self.box, self._count = user, filters, settings, box, count

    def placements(self) -> QuerySet[TalentPlacement]:
        qs = TalentPlacement.objects.filter(year=self.filters.year)
        if self.filters.unit_id:
            qs = qs.filter(unit_id=self.filters.unit_id)
        else:
            instansi_ids = _instansi_scope(user=self.user, filters=self.filters)
            if instansi_ids is not None:
                qs = qs.filter(instansi_id__in=instansi_ids)
        if self.filters.jabatan_kind:
            qs = qs.filter(jabatan_kind=self.filters.jabatan_kind)
        if self.box is not None:
            qs = qs.filter(box=self.box)
        return qs.order_by("-box", "name", "asn_id")

    def count(self) -> int:
        return self._count

    def __len__(self) -> int:
        return self._count

    def _rows(self, ids: list[int]) -> list[TalentRow]:
        if not ids:
            return []
        # The ASN of the page by primary key (the placements were read within the user's scope).
        sql, params = talent_sql(asn_ids=ids, year=self.filters.year, settings=self.settings)
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            rows = {r.id: r for r in map(talent_row_from, cursor.fetchall())}
        return [rows[i] for i in ids if i in rows]

    def __getitem__(self, item):
        if not isinstance(item, slice):
            raise TypeError("PlacedList supports slices only")
        return self._rows(list(self.placements().values_list("asn_id", flat=True)[item]))

    def iterate(self, *, chunk: int = 2000) -> Iterator[TalentRow]:
        """Every row, ``chunk`` at a time (for streamed exports)."""
        start = 0
        while True:
            rows = self[start : start + chunk]
            if not rows:
                break
            yield from rows
            start += chunk
