"""The talent 9-box read from the source tables: one SQL statement places every ASN of a set in a
box from their final predikat (kinerja) and their assessed potential or JPM band (potensial), with
the tables of :mod:`pamong.hr.talent` kept as data."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from django.db import connection
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from competencies.models import CompetencyFit
from pamong.people.models import ASN, Instansi, Jabatan, UnitKerja
from performance.models import Evaluation, Period, Plan, Predikat

from .. import talent
from ..models import PotentialAssessment, TalentSettings
from .filters import asn_ids_sql

TALENT_COLUMNS = (
    "id",
    "nip",
    "name",
    "instansi_name",
    "unit_name",
    "jabatan_name",
    "predikat",
    "jpm",
    "assessed",
    "kinerja",
    "potensial",
    "box",
)


def _case(column: str, mapping: dict, *, default: str = "NULL") -> tuple[str, list]:
    """``CASE column WHEN %s THEN %s … END`` from a mapping kept as data (values are parameters)."""
    whens, params = [], []
    for key, value in mapping.items():
        whens.append("WHEN %s THEN %s")
        params += [key, value]
    return f"CASE {column} {' '.join(whens)} ELSE {default} END", params


def talent_sql(
    *,
    asn_qs: QuerySet[ASN] | None = None,
    year: int,
    settings: TalentSettings,
    asn_ids: list[int] | None = None,
) -> tuple[str, list]:
    """SQL of one row per ASN of ``asn_qs`` (or of the ids ``asn_ids``) with :data:`TALENT_COLUMNS`: the final predikat of a
    period of ``year``, the JPM (stored by competencies, :class:`CompetencyFit`), the potential HR recorded for ``year``, and
    the kinerja, potensial and box computed from the tables of :mod:`pamong.hr.talent`."""
    if asn_ids is not None:  # a page of known ASN: a list of ids lets PostgreSQL use the primary keys
        ids_sql, ids_params = ", ".join(["%s"] * len(asn_ids)) or "NULL", tuple(asn_ids)
    else:
        ids_sql, ids_params = asn_ids_sql(asn_qs)
    ev_t, plan_t, period_t = Evaluation._meta.db_table, Plan._meta.db_table, Period._meta.db_table
    kinerja_sql, kinerja_params = _case("t.predikat", talent.KINERJA_BY_PREDIKAT)
    box_whens, box_params = [], []
    for (pot, kin), number in talent.NINE_BOX.items():
        box_whens.append("WHEN t2.potensial = %s AND t2.kinerja = %s THEN %s")
        box_params += [pot, kin, number]
    sql = f"""
        SELECT t2.*, CASE {" ".join(box_whens)} ELSE NULL END AS box FROM (
          SELECT t.*,
                 {kinerja_sql} AS kinerja,
                 CASE WHEN t.assessed IS NOT NULL THEN t.assessed
                      WHEN t.jpm >= %s THEN %s
                      WHEN t.jpm >= %s THEN %s
                      WHEN t.jpm IS NOT NULL THEN %s
                      ELSE NULL END AS potensial
          FROM (
            SELECT a.id AS id, a.nip AS nip, a.name AS name, i.name AS instansi_name,
                   u.name AS unit_name, j.name AS jabatan_name,
                   ev.predikat AS predikat,
                   f.jpm AS jpm,
                   pa.level AS assessed
            FROM {ASN._meta.db_table} a
            LEFT JOIN {Instansi._meta.db_table} i ON i.id = a.instansi_id
            LEFT JOIN {UnitKerja._meta.db_table} u ON u.id = a.unit_id
            LEFT JOIN {Jabatan._meta.db_table} j ON j.id = a.jabatan_id
            LEFT JOIN {CompetencyFit._meta.db_table} f ON f.asn_id = a.id
            LEFT JOIN (
              SELECT p.asn_id AS asn_id, MAX(e.id) AS eid FROM {ev_t} e
                JOIN {plan_t} p ON p.id = e.plan_id
                JOIN {period_t} pe ON pe.id = p.period_id
               WHERE pe.year = %s AND e.status = %s AND p.asn_id IN ({ids_sql})
               GROUP BY p.asn_id
            ) le ON le.asn_id = a.id
            LEFT JOIN {ev_t} ev ON ev.id = le.eid
            LEFT JOIN {PotentialAssessment._meta.db_table} pa ON pa.asn_id = a.id AND pa.year = %s
            WHERE a.id IN ({ids_sql})
          ) t
        ) t2
    """  # table names from model metadata, values are parameters
    params = [
        *box_params,
        *kinerja_params,
        float(settings.high_from),
        talent.TINGGI,
        float(settings.medium_from),
        talent.MENENGAH,
        talent.RENDAH,
        year,  # the latest final evaluation of a period of that year
        Evaluation.Status.FINAL,
        *ids_params,  # … of the chosen ASN only
        year,  # potential assessment
        *ids_params,
    ]
    return sql, params


@dataclass
class TalentRow:
    id: int
    nip: str
    name: str
    instansi_name: str
    unit_name: str
    jabatan_name: str
    predikat: str | None
    jpm: float | None
    assessed: str | None
    kinerja: str | None
    potensial: str | None
    box: int | None

    @property
    def predikat_label(self) -> str:
        return str(Predikat(self.predikat).label) if self.predikat else ""

    @property
    def kinerja_label(self) -> str:
        return str(talent.KINERJA_LABELS.get(self.kinerja, "")) if self.kinerja else ""

    @property
    def potensial_label(self) -> str:
        return str(talent.POTENSIAL_LABELS.get(self.potensial, "")) if self.potensial else ""

    @property
    def potensial_source(self) -> str:
        if self.assessed:
            return str(_("Hasil penilaian potensial"))
        return str(_("JPM")) if self.jpm is not None else ""

    @property
    def box_info(self) -> talent.Box | None:
        return talent.BOXES.get(self.box) if self.box else None


def talent_row_from(r) -> TalentRow:
    values = dict(zip(TALENT_COLUMNS, r, strict=True))
    values["jpm"] = float(values["jpm"]) if values["jpm"] is not None else None
    values["box"] = int(values["box"]) if values["box"] is not None else None
    return TalentRow(**values)


@dataclass
class TalentGrid:
    counts: dict[int, int]
    unplaced: int
    no_predikat: int
    no_potential: int
    pending: int = 0  # units whose stored figures are still being recomputed (pamong.hr.figures)

    @property
    def placed(self) -> int:
        return sum(self.counts.values())


def talent_grid(*, asn_qs: QuerySet[ASN], year: int, settings: TalentSettings) -> TalentGrid:
    """Count per box, and why the rest are not placed (one GROUP BY query)."""
    inner, params = talent_sql(asn_qs=asn_qs, year=year, settings=settings)
    sql = f"""
        SELECT x.box, x.kinerja IS NULL, x.potensial IS NULL, COUNT(*)
        FROM ({inner}) x GROUP BY x.box, x.kinerja IS NULL, x.potensial IS NULL
    """
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        rows = cursor.fetchall()
    counts = dict.fromkeys(sorted(talent.BOXES), 0)
    unplaced = no_predikat = no_potential = 0
    for box, no_kin, no_pot, n in rows:
        if box is not None:
            counts[int(box)] += n
            continue
        unplaced += n
        no_predikat += n if no_kin else 0
        no_potential += n if no_pot else 0
    return TalentGrid(counts, unplaced, no_predikat, no_potential)


class TalentList:
    """The ASN of one box (or every placed ASN) as a lazy, sliceable sequence for ``Paginator``:
    ``len()`` is one COUNT query, a slice one LIMIT/OFFSET query."""

    def __init__(self, *, asn_qs: QuerySet[ASN], year: int, settings: TalentSettings, box: int | None):
        self._inner, self._params = talent_sql(asn_qs=asn_qs, year=year, settings=settings)
        self.box = box
        self._count: int | None = None

    def _where(self) -> tuple[str, list]:
        if self.box is None:
            return "x.box IS NOT NULL", []
        return "x.box = %s", [self.box]

    def known_count(self, n: int) -> None:
        """Use a count already computed (e.g. by :func:`talent_grid`) instead of another query."""
        self._count = n

    def count(self) -> int:
        if self._count is None:
            where, wp = self._where()
            with connection.cursor() as cursor:
                cursor.execute(f"SELECT COUNT(*) FROM ({self._inner}) x WHERE {where}", [*self._params, *wp])
                self._count = cursor.fetchone()[0]
        return self._count

    def __len__(self) -> int:
        return self.count()

    def _select(self, *, limit: int | None = None, offset: int = 0) -> tuple[str, list]:
        where, wp = self._where()
        sql = f"SELECT * FROM ({self._inner}) x WHERE {where} ORDER BY x.box DESC, x.name, x.id"
        params = [*self._params, *wp]
        if limit is not None:
            sql += " LIMIT %s OFFSET %s"
            params += [limit, offset]
        return sql, params

    def __getitem__(self, item):
        if not isinstance(item, slice):
            raise TypeError("TalentList supports slices only")
        start = item.start or 0
        sql, params = self._select(limit=(item.stop - start) if item.stop is not None else None, offset=start)
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            return [talent_row_from(r) for r in cursor.fetchall()]

    def iterate(self, *, chunk: int = 2000) -> Iterator[TalentRow]:
        """Every row, fetched ``chunk`` at a time (for streamed exports)."""
        sql, params = self._select()
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            while True:
                rows = cursor.fetchmany(chunk)
                if not rows:
                    break
                for r in rows:
                    yield talent_row_from(r)


def talent_row_for(*, asn: ASN, year: int, settings: TalentSettings | None = None) -> TalentRow | None:
    """One person's 9-box placement for ``year`` (one query)."""
    settings = settings or TalentSettings.current()
    sql, params = talent_sql(asn_ids=[asn.pk], year=year, settings=settings)
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        row = cursor.fetchone()
    return talent_row_from(row) if row else None
