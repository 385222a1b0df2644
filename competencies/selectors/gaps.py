"""Gap reports (set-based): ASN below their position standard and the summary per unit.

One aggregate SQL statement over ASN ⋈ position standards ⟕ current levels (grouped per ASN, or per
unit), plus one query for the rows shown, whatever the number of ASN. :func:`fit_sql` is the one SQL
definition of the fit per ASN.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db import connection

from pamong.people.access import scope_for
from pamong.people.models import ASN, UnitKerja

from ..models import (
    CurrentLevel,
    JpmBand,
    PositionStandard,
)
from .jpm import jpm_band_for, jpm_bands, jpm_from_totals, jpm_sql


@dataclass
class FitRow:
    asn: ASN
    required: int
    met: int
    jpm: float | None
    gap_total: int
    band: JpmBand | None = None


def _scope_sql(user, *, instansi_id: int | None, unit_id: int | None) -> tuple[str, list] | None:
    """SQL conditions on ``a`` (people_asn) for the user's scope and filters; ``None`` = nothing visible."""
    scope = scope_for(user)
    where, params = ["a.is_active = %s"], [True]
    hr = scope.hr_instansi_ids()
    if hr is not None:
        ors, ors_params = [], []
        if hr:
            ors.append(f"a.instansi_id IN ({', '.join(['%s'] * len(hr))})")
            ors_params += sorted(hr)
        if scope.asn_id:
            ors.append("a.id = %s")
            ors_params.append(scope.asn_id)
            if scope.is_atasan:
                ors.append(
                    f"a.atasan_id = %s OR a.atasan_id IN (SELECT id FROM {ASN._meta.db_table} WHERE atasan_id = %s)"
                )
                ors_params += [scope.asn_id, scope.asn_id]
        if not ors:
            return None
        where.append("(" + " OR ".join(ors) + ")")
        params += ors_params
    if instansi_id:
        where.append("a.instansi_id = %s")
        params.append(instansi_id)
    if unit_id:
        where.append("a.unit_id = %s")
        params.append(unit_id)
    return " AND ".join(where), params


def fit_sql(where: str) -> str:
    """The one SQL definition of the fit per ASN (JPM formula above): a SELECT of ``asn_id, unit_id,
    required, met, fit, gap_total, required_total, jpm10`` for the ASN of ``people_asn a`` matching
    ``where`` that have a position standard: ``required`` competencies, ``met`` of them, ``fit`` =
    Σ min(level, required level), ``required_total`` = Σ required level and ``jpm10`` = the JPM in
    tenths of a percent (:func:`jpm_sql`). Stored per ASN by
    :func:`competencies.services.fit_refresh` (:class:`~competencies.models.CompetencyFit`)."""
    asn_t = ASN._meta.db_table
    std_t = PositionStandard._meta.db_table
    cur_t = CurrentLevel._meta.db_table
    fit = """SUM(CASE WHEN COALESCE(c.level, 0) >= s.required_level THEN s.required_level
                        ELSE COALESCE(c.level, 0) END)"""
    return f"""
        SELECT a.id AS asn_id, a.unit_id AS unit_id,
               COUNT(s.id) AS required,
               SUM(CASE WHEN COALESCE(c.level, 0) >= s.required_level THEN 1 ELSE 0 END) AS met,
               {fit} AS fit,
               SUM(CASE WHEN COALESCE(c.level, 0) < s.required_level
                        THEN s.required_level - COALESCE(c.level, 0) ELSE 0 END) AS gap_total,
               SUM(s.required_level) AS required_total,
               {jpm_sql(fit, "SUM(s.required_level)")} AS jpm10
        FROM {asn_t} a
        JOIN {std_t} s ON s.jabatan_id = a.jabatan_id
        LEFT JOIN {cur_t} c ON c.asn_id = a.id AND c.competency_id = s.competency_id
        WHERE {where}
        GROUP BY a.id, a.unit_id
    """  # table names from model metadata, values are parameters


def below_standard(
    *, user, instansi_id: int | None = None, unit_id: int | None = None, limit: int = 200
) -> list[FitRow]:
    """ASN in scope below their position standard (lowest JPM first, with its band), at most
    ``limit``. Three queries."""
    cond = _scope_sql(user, instansi_id=instansi_id, unit_id=unit_id)
    if cond is None:
        return []
    where, params = cond
    sql = f"""
        SELECT f.asn_id, f.required, f.met, f.fit, f.required_total, f.gap_total
        FROM ({fit_sql(where)}) f WHERE f.met < f.required ORDER BY f.jpm10, f.asn_id LIMIT %s
    """
    with connection.cursor() as cursor:
        cursor.execute(sql, [*params, limit])
        rows = cursor.fetchall()
    people = ASN.objects.select_related("unit", "jabatan", "instansi").in_bulk([r[0] for r in rows])
    bands = jpm_bands() if rows else []
    out = [
        FitRow(
            asn=people[r[0]],
            required=r[1],
            met=r[2],
            jpm=jpm_from_totals(fit=r[3], required=r[4]),
            gap_total=r[5],
        )
        for r in rows
        if r[0] in people
    ]
    for row in out:
        row.band = jpm_band_for(jpm=row.jpm, bands=bands)
    return out


@dataclass
class UnitGapRow:
    unit: UnitKerja
    assessed: int  # ASN with a position standard
    below: int
    avg_jpm: float | None

    @property
    def below_percent(self) -> float:
        return round(100 * self.below / self.assessed, 1) if self.assessed else 0.0


def unit_gap_summary(*, user, instansi_id: int | None = None, unit_id: int | None = None) -> list[UnitGapRow]:
    """Per unit: ASN with a standard, how many are below it and the average JPM. Two queries."""
    cond = _scope_sql(user, instansi_id=instansi_id, unit_id=unit_id)
    if cond is None:
        return []
    where, params = cond
    sql = f"""
        SELECT f.unit_id, COUNT(*), SUM(CASE WHEN f.met < f.required THEN 1 ELSE 0 END),
               AVG(f.jpm10 / 10.0)
        FROM ({fit_sql(where)}) f GROUP BY f.unit_id
    """
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        rows = cursor.fetchall()
    units = UnitKerja.objects.select_related("instansi").in_bulk([r[0] for r in rows])
    out = [
        UnitGapRow(
            unit=units[r[0]],
            assessed=r[1],
            below=r[2],
            avg_jpm=round(float(r[3]), 1) if r[3] is not None else None,
        )
        for r in rows
        if r[0] in units
    ]
    out.sort(key=lambda r: (r.unit.instansi.name, r.unit.name))
    return out
