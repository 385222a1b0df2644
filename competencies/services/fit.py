"""Stored competency fit (JPM per ASN): :func:`fit_refresh`."""

from __future__ import annotations

from collections.abc import Iterable

from django.db import connection
from django.utils import timezone

from pamong.people.models import ASN

from ..models import (
    CompetencyFit,
)
from ..selectors import fit_sql

# --------------------------------------------------------------------------------------------------
# Stored fit (JPM per ASN)
# --------------------------------------------------------------------------------------------------


#: Most ASN ids one :func:`fit_refresh` statement carries (each id is a parameter, used twice).
FIT_REFRESH_MAX_IDS = 5000


def fit_refresh(*, asn_ids: Iterable[int] | None = None, jabatan_ids: Iterable[int] | None = None) -> None:
    """Recompute the stored fit (:class:`CompetencyFit`) with ONE set-based SQL statement.

    ``asn_ids`` — these ASN; ``jabatan_ids`` — every ASN holding one of these positions (after a
    standard changed); both ``None`` — every ASN. Every ASN selected gets a row (``jpm`` ``None``
    without a position standard). The JPM is :func:`competencies.selectors.fit_sql`'s ``jpm10``
    (integer arithmetic, rounded half up, the same figure as :func:`~competencies.selectors.jpm_of`). A row whose values did not change is left alone
    (``updated_at`` = when the fit last changed). Runs in the caller's transaction, if any.
    More than :data:`FIT_REFRESH_MAX_IDS` ``asn_ids`` are written in chunks (SQL parameter limits).
    """
    jobs = None if jabatan_ids is None else sorted({int(pk) for pk in jabatan_ids})
    where, params = ["1 = 1"], []
    if asn_ids is not None:
        ids = sorted({int(pk) for pk in asn_ids})
        if not ids:
            return
        if len(ids) > FIT_REFRESH_MAX_IDS:
            for start in range(0, len(ids), FIT_REFRESH_MAX_IDS):
                fit_refresh(asn_ids=ids[start : start + FIT_REFRESH_MAX_IDS], jabatan_ids=jobs)
            return
        where.append(f"a.id IN ({', '.join(['%s'] * len(ids))})")
        params += ids
    if jobs is not None:
        if not jobs:
            return
        where.append(f"a.jabatan_id IN ({', '.join(['%s'] * len(jobs))})")
        params += jobs
    cond = " AND ".join(where)
    fit_t = CompetencyFit._meta.db_table
    now = connection.ops.adapt_datetimefield_value(timezone.now())
    differs = "IS NOT" if connection.vendor == "sqlite" else "IS DISTINCT FROM"
    # "WHERE" on the SELECT is required: SQLite would otherwise read "ON CONFLICT" as a join's ON.
    sql = f"""
        INSERT INTO {fit_t} (asn_id, jpm, below_standard_count, updated_at)
        SELECT a.id,
               f.jpm10 / 10.0,
               COALESCE(f.required - f.met, 0),
               %s
        FROM {ASN._meta.db_table} a
        LEFT JOIN ({fit_sql(cond)}) f ON f.asn_id = a.id
        WHERE {cond}
        ON CONFLICT (asn_id) DO UPDATE SET
            jpm = excluded.jpm,
            below_standard_count = excluded.below_standard_count,
            updated_at = excluded.updated_at
        WHERE {fit_t}.jpm {differs} excluded.jpm
           OR {fit_t}.below_standard_count <> excluded.below_standard_count
    """  # table names from model metadata, values are parameters
    with connection.cursor() as cursor:
        cursor.execute(sql, [now, *params, *params])
