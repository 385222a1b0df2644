"""HR figures kept per unit kerja and per instansi, so that no HR page counts 90,000 ASN per request.

Every figure of the HR dashboard, the talent 9-box and the socialization coverage report is a
count over ASN; it is stored per unit kerja, jabatan kind and year (:class:`UnitFigure`) and summed
per instansi (:class:`InstansiFigure`). A page reads the rows of its scope with one indexed
``GROUP BY`` (a few hundred rows for the whole province) and never touches the tables of ASN,
enrolments, evaluations or acknowledgements.

Up to date on write: database triggers (:mod:`pamong.hr.triggers`) mark the units a write touches
(:class:`UnitChange`) in the writer's transaction; the next read of a scope recomputes its marked
units first (:func:`figures_refresh`, a query per figure over the ASN of those units only, at most
:func:`refresh_batch` units per request), and ``manage.py check_aggregates [--repair]`` recomputes
everything from scratch and reports (or repairs) every difference.

Metrics (``metric`` / ``key``; ``year`` 0 when not tied to a year). Only non-zero counts are
stored, so rows of units without data are simply absent and sums stay correct:

* ``asn``: active ASN; ``nojpm``: of them without a JPM; ``jp_target``: with a JP target;
  ``jp_met0``: with a target of 0 JP (met even without any JP).
* ``predikat`` / predikat (year of the period): final evaluations.
* ``jp`` / bucket ``1-9``, ``10-19``, ``20+`` (year): ASN with that many JP (courses completed
  that year plus counted non-classical activities; 0 JP is the rest); ``jp_met``: of those with
  JP, how many reached their target.
* ``gap_n``, ``gap_met``, ``gap_req``, ``gap_lvl`` / competency id: ASN whose position requires the
  competency, of them at or above the standard, Σ required level, Σ min(level, required level).
* ``cov`` / chapter id: ASN with a valid acknowledgement; ``cov_all``: ASN who confirmed every chapter.
* ``enr_n``, ``enr_c`` / course id (year enrolled): enrolments, completed ones; ``enr_due`` /
  due date (ISO): incomplete enrolments with that due date (overdue is counted at read time).
* ``box`` / box number (year): ASN placed in the cell (the people are :class:`TalentPlacement`);
  ``t_n``: ASN with a final evaluation or a potential assessment that year, ``t_nokin``,
  ``t_nopot``, ``t_nojpm``: of them without kinerja, potensial, JPM. Everyone else has no
  kinerja that year and the potensial of their JPM band.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from django.conf import settings as django_settings
from django.db import connection, transaction
from django.db.models import Count, Q, Sum
from django.db.models.functions import ExtractYear

from competencies.models import CurrentLevel, PositionStandard
from competencies.selectors import counted_activities
from learning.models import Enrolment
from learning.selectors import jp_credits, jp_target_expression
from pamong.people.models import ASN, Instansi, Jabatan, UnitKerja
from pamong.socialization.selectors import policy_chapters, valid_acknowledgements
from performance.models import Evaluation

from . import talent
from .models import (
    InstansiFigure,
    PotentialAssessment,
    TalentPlacement,
    TalentSettings,
    UnitChange,
    UnitFigure,
)

#: (unit id, jabatan kind, year, metric, key) → value
Key = tuple[int, str, int, str, str]

JP_BUCKETS = (("1-9", 1, 9), ("10-19", 10, 19), ("20+", 20, None))


def jp_bucket(jp: int) -> str | None:
    """The stored bucket of a positive number of JP (0 JP is not stored)."""
    for key, lo, hi in JP_BUCKETS:
        if jp >= lo and (hi is None or jp <= hi):
            return key
    return None


def refresh_batch() -> int:
    """Most units a page recomputes before answering (setting ``PAMONG_HR_FIGURES_REFRESH_UNITS``,
    default 100); the rest waits for the next page or ``manage.py check_aggregates --repair``."""
    return int(getattr(django_settings, "PAMONG_HR_FIGURES_REFRESH_UNITS", 100))


# --------------------------------------------------------------------------------------------------
# Computing the figures of a set of units from the source tables
# --------------------------------------------------------------------------------------------------


@dataclass
class Computed:
    figures: dict[Key, int]
    placements: list[TalentPlacement]


def _band(jpm, settings: TalentSettings) -> str | None:
    if jpm is None:
        return None
    if jpm >= settings.high_from:
        return talent.TINGGI
    if jpm >= settings.medium_from:
        return talent.MENENGAH
    return talent.RENDAH


def figures_compute(*, unit_ids: Iterable[int] | None = None) -> Computed:
    """Every figure of the units ``unit_ids`` (``None``: all), from the source tables. A fixed
    number of queries (nine, ten with policy chapters), each over the ASN of those units only."""
    units = None if unit_ids is None else sorted(set(unit_ids))
    base = ASN.objects.filter(is_active=True)
    if units is not None:
        base = base.filter(unit_id__in=units)
    base_ids = base.order_by().values("pk")
    out: dict[Key, int] = defaultdict(int)

    people: dict[int, tuple] = {}
    rows = (
        base.order_by()
        .annotate(jp_target_x=jp_target_expression())
        .values_list(
            "pk",
            "unit_id",
            "unit__instansi_id",
            "jabatan__kind",
            "name",
            "jp_target_x",
            "competency_fit__jpm",
        )
    )
    for pk, unit_id, instansi_id, kind, name, target, jpm in rows:
        people[pk] = (unit_id, kind, instansi_id, name, target, jpm)
        out[(unit_id, kind, 0, "asn", "")] += 1
        if jpm is None:
            out[(unit_id, kind, 0, "nojpm", "")] += 1
        if target is not None:
            out[(unit_id, kind, 0, "jp_target", "")] += 1
            if target <= 0:
                out[(unit_id, kind, 0, "jp_met0", "")] += 1

    # Performance: final evaluations per year and predikat; the latest one per ASN and year for the 9-box.
    latest: dict[tuple[int, int], tuple[int, str]] = {}
    for eid, asn_id, year, predikat in Evaluation.objects.filter(
        status=Evaluation.Status.FINAL, plan__asn_id__in=base_ids
    ).values_list("pk", "plan__asn_id", "plan__period__year", "predikat"):
        unit_id, kind = people[asn_id][:2]
        out[(unit_id, kind, year, "predikat", predikat)] += 1
        if (asn_id, year) not in latest or latest[(asn_id, year)][0] < eid:
            latest[(asn_id, year)] = (eid, predikat)

    # JP per ASN and year: completed courses, counted non-classical activities and JP credits
    # (queryset, its ASN, its date, its JP).
    jp: dict[tuple[int, int], int] = defaultdict(int)
    sources = (
        (Enrolment.objects.filter(completed_at__isnull=False), "asn_id", "completed_at", "jp_credited"),
        (counted_activities(), "goal__plan__asn_id", "done_on", "jp"),
        (jp_credits(), "asn_id", "earned_on", "jp"),
    )
    for rows, asn_field, date_field, jp_field in sources:
        for asn_id, year, total in (
            rows.filter(**{f"{asn_field}__in": base_ids})
            .annotate(y=ExtractYear(date_field))
            .order_by()
            .values(asn_field, "y")
            .annotate(t=Sum(jp_field))
            .values_list(asn_field, "y", "t")
        ):
            jp[(asn_id, year)] += total or 0
    for (asn_id, year), total in jp.items():
        bucket = jp_bucket(total)
        if bucket is None:
            continue
        unit_id, kind, _i, _n, target, _j = people[asn_id]
        out[(unit_id, kind, year, "jp", bucket)] += 1
        if target is not None and 0 < target <= total:  # a target of 0 is met already (jp_met0)
            out[(unit_id, kind, year, "jp_met", "")] += 1

    # Training: enrolments per year enrolled and course; incomplete ones per due date.
    for unit_id, kind, year, course_id, n, c in (
        Enrolment.objects.filter(asn_id__in=base_ids)
        .annotate(y=ExtractYear("enrolled_at"))
        .order_by()
        .values("asn__unit_id", "asn__jabatan__kind", "y", "course_id")
        .annotate(n=Count("pk"), c=Count("pk", filter=Q(completed_at__isnull=False)))
        .values_list("asn__unit_id", "asn__jabatan__kind", "y", "course_id", "n", "c")
    ):
        out[(unit_id, kind, year, "enr_n", str(course_id))] += n
        if c:
            out[(unit_id, kind, year, "enr_c", str(course_id))] += c
    for unit_id, kind, year, due, n in (
        Enrolment.objects.filter(asn_id__in=base_ids, completed_at__isnull=True, due_date__isnull=False)
        .annotate(y=ExtractYear("enrolled_at"))
        .order_by()
        .values("asn__unit_id", "asn__jabatan__kind", "y", "due_date")
        .annotate(n=Count("pk"))
        .values_list("asn__unit_id", "asn__jabatan__kind", "y", "due_date", "n")
    ):
        out[(unit_id, kind, year, "enr_due", due.isoformat())] += n

    _gaps(out, units)
    _coverage(out, base)
    placements = _talent(out, people, latest, base_ids)
    return Computed({k: v for k, v in out.items() if v}, placements)


def _gaps(out: dict[Key, int], units: list[int] | None) -> None:
    asn_t, std_t, cur_t = ASN._meta.db_table, PositionStandard._meta.db_table, CurrentLevel._meta.db_table
    jab_t = Jabatan._meta.db_table
    where, params = "a.is_active = %s", [True]
    if units is not None:
        if not units:
            return
        where += f" AND a.unit_id IN ({', '.join(['%s'] * len(units))})"
        params += units
    sql = f"""
        SELECT a.unit_id, j.kind, s.competency_id, COUNT(*),
               SUM(CASE WHEN COALESCE(c.level, 0) >= s.required_level THEN 1 ELSE 0 END),
               SUM(s.required_level),
               SUM(CASE WHEN COALESCE(c.level, 0) < s.required_level THEN COALESCE(c.level, 0)
                        ELSE s.required_level END)
        FROM {asn_t} a
        JOIN {jab_t} j ON j.id = a.jabatan_id
        JOIN {std_t} s ON s.jabatan_id = a.jabatan_id
        LEFT JOIN {cur_t} c ON c.asn_id = a.id AND c.competency_id = s.competency_id
        WHERE {where}
        GROUP BY a.unit_id, j.kind, s.competency_id
    """  # table names from model metadata, values are parameters
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        for unit_id, kind, competency_id, n, met, req, lvl in cursor.fetchall():
            key = str(competency_id)
            out[(unit_id, kind, 0, "gap_n", key)] += int(n or 0)
            out[(unit_id, kind, 0, "gap_met", key)] += int(met or 0)
            out[(unit_id, kind, 0, "gap_req", key)] += int(req or 0)
            out[(unit_id, kind, 0, "gap_lvl", key)] += int(lvl or 0)


def _coverage(out: dict[Key, int], base) -> None:
    chapter_ids = list(policy_chapters().values_list("pk", flat=True))
    if not chapter_ids:
        return
    acks = valid_acknowledgements().filter(
        page_id__in=chapter_ids, user__asn__in=base.order_by().values("pk")
    )
    for unit_id, kind, page_id, n in (
        acks.order_by()
        .values("user__asn__unit_id", "user__asn__jabatan__kind", "page_id")
        .annotate(n=Count("pk"))
        .values_list("user__asn__unit_id", "user__asn__jabatan__kind", "page_id", "n")
    ):
        out[(unit_id, kind, 0, "cov", str(page_id))] += n
    for unit_id, kind, n in (
        acks.order_by()
        .values("user__asn__unit_id", "user__asn__jabatan__kind", "user_id")
        .annotate(c=Count("pk"))
        .filter(c__gte=len(chapter_ids))
        .values_list("user__asn__unit_id", "user__asn__jabatan__kind", "c")
    ):
        out[(unit_id, kind, 0, "cov_all", "")] += 1 if n else 0


def _talent(out: dict[Key, int], people: dict, latest: dict, base_ids) -> list[TalentPlacement]:
    # Read, never created here: creating the row would mark every unit again (its trigger).
    settings = TalentSettings.objects.order_by("pk").first() or TalentSettings()
    assessed = {
        (asn_id, year): level
        for asn_id, year, level in PotentialAssessment.objects.filter(asn_id__in=base_ids).values_list(
            "asn_id", "year", "level"
        )
        if asn_id in people
    }
    placements = []
    for asn_id, year in set(latest) | set(assessed):
        unit_id, kind, instansi_id, name, _target, jpm = people[asn_id]
        predikat = latest.get((asn_id, year), (0, None))[1]
        kinerja = talent.KINERJA_BY_PREDIKAT.get(predikat) if predikat else None
        potensial = assessed.get((asn_id, year)) or _band(jpm, settings)
        box = talent.box_for(potensial=potensial, kinerja=kinerja)
        out[(unit_id, kind, year, "t_n", "")] += 1
        out[(unit_id, kind, year, "t_nokin", "")] += kinerja is None
        out[(unit_id, kind, year, "t_nopot", "")] += potensial is None
        out[(unit_id, kind, year, "t_nojpm", "")] += jpm is None
        if box is not None:
            out[(unit_id, kind, year, "box", str(box))] += 1
            placements.append(
                TalentPlacement(
                    asn_id=asn_id,
                    year=year,
                    box=box,
                    name=name,
                    unit_id=unit_id,
                    instansi_id=instansi_id,
                    jabatan_kind=kind,
                )
            )
    return placements


# --------------------------------------------------------------------------------------------------
# Storing them
# --------------------------------------------------------------------------------------------------


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
    figures, placements = UnitFigure.objects.all(), TalentPlacement.objects.all()
    if unit_ids is not None:
        figures, placements = figures.filter(unit_id__in=unit_ids), placements.filter(unit_id__in=unit_ids)
    figures.delete()
    placements.delete()
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
    return diffs
