"""Storing the HR figures: recompute the marked units, roll them up per instansi, rebuild and check
everything (see :mod:`pamong.hr.figures`)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from django.conf import settings as django_settings
from django.db import connection, transaction
from django.db.models import Q

from pamong.people.models import Instansi, UnitKerja

from ..models import (
    InstansiFigure,
    JpShortfall,
    TalentPlacement,
    UnitChange,
    UnitFigure,
)
from .compute import Computed, figures_compute


def refresh_batch() -> int:
    """Most units a page recomputes before answering (setting ``PAMONG_HR_FIGURES_REFRESH_UNITS``,
    default 100); the rest waits for the next page or ``manage.py check_aggregates --repair``."""
    return int(getattr(django_settings, "PAMONG_HR_FIGURES_REFRESH_UNITS", 100))


def _instansi_rollup(instansi_ids: list[int] | None) -> None:
    """Rewrite the :class:`InstansiFigure` rows of ``instansi_ids`` (``None``: all) as sums of
    their units' rows (one DELETE, one INSERT … SELECT)."""
    inst = InstansiFigure.objects.all()
    where, params = "", []
    if instansi_ids is not None:
        if not instansi_ids:
            return
        inst = inst.filter(instansi_id__in=instansi_ids)
        where = f"WHERE instansi_id IN ({', '.join(['%s'] * len(instansi_ids))})"
        params = list(instansi_ids)
    inst.delete()
    cols = "instansi_id, jabatan_kind, year, metric, key, value"
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {InstansiFigure._meta.db_table} ({cols}) "
            f"SELECT instansi_id, jabatan_kind, year, metric, key, SUM(value) "
            f"FROM {UnitFigure._meta.db_table} {where} GROUP BY instansi_id, jabatan_kind, year, metric, key",
            params,
        )


def _store(computed: Computed, unit_ids: list[int] | None) -> None:
    for model in (UnitFigure, TalentPlacement, JpShortfall):
        qs = model.objects.all()
        (qs if unit_ids is None else qs.filter(unit_id__in=unit_ids)).delete()
    instansi_of = dict(
        UnitKerja.objects.filter(pk__in={k[0] for k in computed.figures}).values_list("pk", "instansi_id")
    )
    UnitFigure.objects.bulk_create(
        (
            UnitFigure(
                unit_id=unit_id,
                instansi_id=instansi_of[unit_id],
                jabatan_kind=kind,
                year=year,
                metric=metric,
                key=key,
                value=value,
            )
            for (unit_id, kind, year, metric, key), value in computed.figures.items()
        ),
        batch_size=5000,
    )
    TalentPlacement.objects.bulk_create(computed.placements, batch_size=5000)
    JpShortfall.objects.bulk_create(computed.shortfalls, batch_size=5000)


def _forget_marks(marks: dict[int, int]) -> None:
    """Remove the marks seen before computing, unless a change bumped them since (a query per
    500 units)."""
    pairs = sorted(marks.items())
    for start in range(0, len(pairs), 500):
        match = Q(pk__in=[])
        for unit_id, version in pairs[start : start + 500]:
            match |= Q(unit_id=unit_id, version=version)
        UnitChange.objects.filter(match).delete()


def _lock_instansi(instansi_ids: Iterable[int] | None) -> None:
    """Serialize refreshes per instansi (PostgreSQL row locks; writers of the data never take them)."""
    qs = Instansi.objects.select_for_update().order_by("pk")
    if instansi_ids is not None:
        qs = qs.filter(pk__in=list(instansi_ids))
    list(qs.values_list("pk", flat=True))


def figures_refresh(*, instansi_ids: Iterable[int] | None = None, limit: int | None = None) -> int:
    """Recompute the marked units of ``instansi_ids`` (``None``: all), at most ``limit`` of them
    (default :func:`refresh_batch`); returns how many marked units remain in that scope. One query
    when nothing is marked."""
    marks_qs = UnitChange.objects.all()
    if instansi_ids is not None:
        instansi_ids = sorted(set(instansi_ids))
        marks_qs = marks_qs.filter(unit__instansi_id__in=instansi_ids)
    limit = refresh_batch() if limit is None else limit
    first = list(marks_qs.order_by("unit_id").values_list("unit_id", "unit__instansi_id")[: limit + 1])
    if not first:
        return 0
    with transaction.atomic():
        _lock_instansi({i for _u, i in first if i is not None})
        marks = dict(marks_qs.order_by("unit_id").values_list("unit_id", "version")[:limit])
        if marks:
            units = list(marks)
            _store(figures_compute(unit_ids=units), units)
            _instansi_rollup(
                sorted(set(UnitKerja.objects.filter(pk__in=units).values_list("instansi_id", flat=True)))
            )
            _forget_marks(marks)
    return marks_qs.count() if len(first) > limit else 0


def figures_rebuild() -> None:
    """Recompute every figure from scratch (``check_aggregates --repair``, the benchmark seeding)."""
    with transaction.atomic():
        _lock_instansi(None)
        marks = dict(UnitChange.objects.values_list("unit_id", "version"))
        _store(figures_compute(), None)
        _instansi_rollup(None)
        _forget_marks(marks)


def figures_mark_all() -> None:
    """Mark every unit (a change no trigger sees: a chapter published, unpublished or restricted)."""
    existing = set(UnitChange.objects.values_list("unit_id", flat=True))
    UnitChange.objects.bulk_create(
        (
            UnitChange(unit_id=pk)
            for pk in UnitKerja.objects.values_list("pk", flat=True)
            if pk not in existing
        ),
        batch_size=5000,
        ignore_conflicts=True,
    )


@dataclass
class Difference:
    unit_id: int | None
    instansi_id: int | None
    what: str
    stored: int
    computed: int


def figures_check() -> list[Difference]:
    """Every difference between the stored figures and a recomputation from scratch (units,
    instansi sums and 9-box placements). Reads only; :func:`figures_rebuild` repairs."""
    computed = figures_compute()
    diffs: list[Difference] = []
    stored = {
        (r[0], r[1], r[2], r[3], r[4]): r[5]
        for r in UnitFigure.objects.values_list("unit_id", "jabatan_kind", "year", "metric", "key", "value")
    }
    for key in sorted(set(stored) | set(computed.figures), key=str):
        a, b = stored.get(key, 0), computed.figures.get(key, 0)
        if a != b:
            diffs.append(Difference(key[0], None, f"{key[1] or '-'} {key[2]} {key[3]}:{key[4]}", a, b))
    instansi_of = dict(UnitKerja.objects.values_list("pk", "instansi_id"))
    sums: dict[tuple, int] = defaultdict(int)
    for (unit_id, kind, year, metric, key), value in stored.items():
        sums[(instansi_of.get(unit_id), kind, year, metric, key)] += value
    stored_inst = {
        (r[0], r[1], r[2], r[3], r[4]): r[5]
        for r in InstansiFigure.objects.values_list(
            "instansi_id", "jabatan_kind", "year", "metric", "key", "value"
        )
    }
    for key in sorted(set(stored_inst) | set(sums), key=str):
        a, b = stored_inst.get(key, 0), sums.get(key, 0)
        if a != b:
            diffs.append(Difference(None, key[0], f"{key[1] or '-'} {key[2]} {key[3]}:{key[4]}", a, b))
    placed = {(p.asn_id, p.year): (p.box, p.unit_id, p.jabatan_kind, p.name) for p in computed.placements}
    stored_placed = {
        (r[0], r[1]): (r[2], r[3], r[4], r[5])
        for r in TalentPlacement.objects.values_list(
            "asn_id", "year", "box", "unit_id", "jabatan_kind", "name"
        )
    }
    for key in sorted(set(placed) | set(stored_placed)):
        a, b = stored_placed.get(key), placed.get(key)
        if a != b:
            unit_id = (a or b)[1]
            diffs.append(
                Difference(unit_id, None, f"9-box ASN {key[0]} {key[1]}", a[0] if a else 0, b[0] if b else 0)
            )
    fields = ("unit_id", "jabatan_kind", "name", "jp_courses", "jp_activities", "jp_minimum")
    short = {(r.asn_id, r.year): tuple(getattr(r, f) for f in fields) for r in computed.shortfalls}
    stored_short = {
        (r[0], r[1]): tuple(r[2:]) for r in JpShortfall.objects.values_list("asn_id", "year", *fields)
    }
    for key in sorted(set(short) | set(stored_short)):
        a, b = stored_short.get(key), short.get(key)
        if a is None or b is None:  # listed below the minimum on one side only (1 listed, 0 not)
            diffs.append(
                Difference((a or b)[0], None, f"JP<min ASN {key[0]} {key[1]}", int(bool(a)), int(bool(b)))
            )
        elif a != b:  # listed on both sides, with other JP (or unit, name, target)
            diffs.append(Difference(a[0], None, f"JP ASN {key[0]} {key[1]}", a[3] + a[4], b[3] + b[4]))
    return diffs
