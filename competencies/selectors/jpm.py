"""**JPM (job-person match)**, the one formula used everywhere (profile, reports, stored fit, 9-box)::

    JPM = 100 × Σ min(current level, required level) / Σ required level

over the competencies the position requires, rounded half up to one decimal. A competency never
assessed counts as level 0; being above the standard adds nothing; a competency with a higher
required level weighs more. A position without a standard has no JPM (``None``). Python
(:func:`jpm_of`) and SQL (:func:`jpm_sql`, used by :func:`.gaps.fit_sql`'s readers and by
:func:`competencies.services.fit_refresh`) compute it with the same integer arithmetic, so the
figures agree on every database. The JPM is banded by :class:`~competencies.models.JpmBand`
(default ≥ 80 % memenuhi syarat, 68–80 % masih memenuhi syarat, < 68 % kurang memenuhi syarat).
**Gap** = required − current when positive. An ASN is **below standard** when any required
competency has a gap.
"""

from __future__ import annotations

from decimal import Decimal

from ..models import (
    JpmBand,
)


def jpm_of(pairs: list[tuple[int, int]]) -> float | None:
    """JPM in percent (one decimal) of ``(current, required)`` pairs; ``None`` without a standard.

    ``100 × Σ min(current, required) / Σ required``, rounded half up (:func:`jpm_from_totals`)."""
    pairs = [(cur, req) for cur, req in pairs if req > 0]
    if not pairs:
        return None
    return jpm_from_totals(
        fit=sum(min(cur, req) for cur, req in pairs), required=sum(req for _c, req in pairs)
    )


def jpm_from_totals(*, fit: int, required: int) -> float | None:
    """``100 × fit / required`` rounded half up to one decimal, in integer arithmetic — the same
    expression as :func:`jpm_sql`, so Python and every database give the same figure."""
    if not required:
        return None
    return ((2000 * int(fit) + int(required)) // (2 * int(required))) / 10


def jpm_sql(fit: str, required: str) -> str:
    """SQL of the JPM in **tenths** of a percent (an integer), rounded half up; NULL when
    ``required`` is 0. ``fit`` and ``required`` are integer SQL expressions (Σ min, Σ required)."""
    return f"(CASE WHEN {required} > 0 THEN (2000 * {fit} + {required}) / (2 * {required}) END)"


def jpm_band_for(*, jpm: float | None, bands: list[JpmBand] | None = None) -> JpmBand | None:
    """The :class:`JpmBand` ``jpm`` falls in (the band with the highest ``min_pct`` ≤ ``jpm``);
    ``None`` without a JPM. Pass ``bands`` (from :func:`jpm_bands`) to avoid a query per call."""
    if jpm is None:
        return None
    for band in bands if bands is not None else jpm_bands():
        if Decimal(str(jpm)) >= band.min_pct:
            return band
    return None


def jpm_bands() -> list[JpmBand]:
    """Every JPM band, highest first (one query)."""
    return list(JpmBand.objects.order_by("-min_pct"))
