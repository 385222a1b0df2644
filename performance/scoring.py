"""Pure scoring rules that read the regulatory tables: achievement, proposals, predikat.

Achievement of one indicator: for "higher is better" ``realisasi / target``; for "lower is better"
(e.g. hours to respond to a complaint) ``target / realisasi``; capped at
:data:`ACHIEVEMENT_CAP_PCT` so that one outlier cannot carry a whole plan.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Q

from .models import EvaluationSettings, Indicator, PredikatMatrixCell, Rating

ACHIEVEMENT_CAP_PCT = Decimal("200")
TWO = Decimal("0.01")


def indicator_achievement_pct(*, target: Decimal, value: Decimal | None, direction: str) -> Decimal | None:
    """Achievement in percent, or ``None`` when nothing was realised yet."""
    if value is None or target is None or target <= 0:
        return None
    value, target = Decimal(value), Decimal(target)
    if direction == Indicator.Direction.LOWER:
        pct = ACHIEVEMENT_CAP_PCT if value <= 0 else target / value * 100
    else:
        pct = value / target * 100
    return min(pct, ACHIEVEMENT_CAP_PCT).quantize(TWO, rounding=ROUND_HALF_UP)


def weighted_average(items: list[tuple[Decimal, Decimal]]) -> Decimal | None:
    """Weighted average of ``(value, weight)`` pairs, ignoring missing values."""
    pairs = [(Decimal(v), Decimal(w)) for v, w in items if v is not None and w]
    total = sum((w for _, w in pairs), Decimal(0))
    if not pairs or total <= 0:
        return None
    return (sum((v * w for v, w in pairs), Decimal(0)) / total).quantize(TWO, rounding=ROUND_HALF_UP)


def tier_of(value, *, upper_from, middle_from, tiers: tuple[str, str, str]) -> str | None:
    """The first of ``tiers`` when ``value ≥ upper_from``, the second when ``value ≥ middle_from``,
    else the third; ``None`` without a value. The one three-way threshold rule: the ratings of hasil
    kerja and perilaku kerja here, the talent band of a JPM in :mod:`pamong.hr`."""
    if value is None:
        return None
    upper, middle, lower = tiers
    if value >= upper_from:
        return upper
    if value >= middle_from:
        return middle
    return lower


def hasil_kerja_from_achievement(*, pct: Decimal | None, settings: EvaluationSettings) -> str | None:
    """di atas when ``pct ≥ hasil_di_atas_pct``; sesuai when ``pct ≥ hasil_sesuai_pct``; else di bawah."""
    return tier_of(
        pct,
        upper_from=settings.hasil_di_atas_pct,
        middle_from=settings.hasil_sesuai_pct,
        tiers=(Rating.DI_ATAS, Rating.SESUAI, Rating.DI_BAWAH),
    )


def perilaku_kerja_from_score(*, score: Decimal | None, settings: EvaluationSettings) -> str | None:
    """The same rule on the weighted 1–5 behaviour score."""
    return tier_of(
        score,
        upper_from=settings.perilaku_di_atas_score,
        middle_from=settings.perilaku_sesuai_score,
        tiers=(Rating.DI_ATAS, Rating.SESUAI, Rating.DI_BAWAH),
    )


def predikat_matrix() -> dict[tuple[str, str], str]:
    return {(c.hasil_kerja, c.perilaku_kerja): c.predikat for c in PredikatMatrixCell.objects.all()}


def predikat_for(*, hasil_kerja: str, perilaku_kerja: str) -> str:
    """The predikat kinerja of the matrix cell (hasil kerja × perilaku kerja)."""
    return PredikatMatrixCell.objects.values_list("predikat", flat=True).get(
        hasil_kerja=hasil_kerja, perilaku_kerja=perilaku_kerja
    )


def settings_for(*, instansi_id: int | None) -> EvaluationSettings:
    """The instansi's own thresholds and weights, or the default row."""
    found = (
        EvaluationSettings.objects.filter(Q(instansi_id=instansi_id) | Q(is_default=True))
        .order_by("is_default")
        .first()
    )
    return found or EvaluationSettings(is_default=True)
