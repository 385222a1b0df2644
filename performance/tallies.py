"""Period tallies: SKP and result counts per period, instansi and unit kerja, kept for the HR
period page so that it never counts the province's plans on a request.

* Read: :func:`period_tallies` returns the per-unit counts of the instansi asked for. A row that is
  missing, stale (its ``generation`` moved) or older than :data:`MAX_AGE` is recomputed from
  scratch for its instansi only, and kept only if no change arrived meanwhile (a conditional
  ``UPDATE … WHERE generation = seen``).
* Write: :func:`tally_invalidate` raises ``generation`` in the writer's transaction. The
  performance services call it through ``audit_record`` for every action in
  :data:`COUNTED_ACTIONS`, the actions that change what is counted.
* Check: :func:`tally_mismatches` compares the kept rows with a recomputation (the management
  command ``performance_tally_check`` and the tests use it).

Changes that bypass the services (an ASN moved to another unit by the people import, bulk seeding)
are picked up after :data:`MAX_AGE` at the latest, or at once with
``manage.py performance_tally_check --rebuild``.
"""

from __future__ import annotations

from datetime import timedelta

from django.db.models import Count, F
from django.utils import timezone

from .models import Evaluation, Period, Plan
from .models.tallies import PeriodTally

#: Audit actions after which the counts of the ASN's instansi change.
COUNTED_ACTIONS = frozenset(
    {"plan.create", "plan.agree", "evaluation.save", "evaluation.finalise", "evaluation.objection_accepted"}
)
#: A tally older than this is recomputed even without a recorded change.
MAX_AGE = timedelta(minutes=15)

UnitCounts = dict[int, dict]


def _empty() -> dict:
    return {"plans": 0, "agreed": 0, "evaluated": 0, "final": 0, "predikat": {}}


def tally_compute(*, period: Period, instansi_id: int) -> UnitCounts:
    """The counts per unit of one instansi's plans in ``period``, from scratch (one query)."""
    rows = (
        Plan.objects.filter(period=period, asn__instansi_id=instansi_id)
        .values("asn__unit_id", "status", "evaluation__status", "evaluation__predikat")
        .annotate(n=Count("pk"))
        .order_by()
    )
    units: UnitCounts = {}
    for r in rows:
        u = units.setdefault(r["asn__unit_id"], _empty())
        n = r["n"]
        u["plans"] += n
        if r["status"] == Plan.Status.AGREED:
            u["agreed"] += n
        if r["evaluation__status"] is not None:
            u["evaluated"] += n
        if r["evaluation__status"] == Evaluation.Status.FINAL:
            u["final"] += n
            code = r["evaluation__predikat"]
            u["predikat"][code] = u["predikat"].get(code, 0) + n
    return units


def _from_json(units: dict) -> UnitCounts:
    return {int(unit_id): counts for unit_id, counts in units.items()}


def period_tallies(*, period: Period, instansi_ids: list[int]) -> dict[int, UnitCounts]:
    """``{instansi_id: {unit_id: counts}}`` for ``instansi_ids``: one query when every row is
    current; a stale or missing row costs one counting query over that instansi's plans."""
    wanted = set(instansi_ids)
    if not wanted:
        return {}
    rows = {t.instansi_id: t for t in PeriodTally.objects.filter(period=period, instansi_id__in=wanted)}
    missing = wanted - rows.keys()
    if missing:
        # the row exists before its first computation, so a change made meanwhile raises its generation
        PeriodTally.objects.bulk_create(
            [PeriodTally(period=period, instansi_id=i) for i in missing], ignore_conflicts=True
        )
        rows.update(
            (t.instansi_id, t) for t in PeriodTally.objects.filter(period=period, instansi_id__in=missing)
        )
    now = timezone.now()
    result = {}
    for instansi_id, tally in rows.items():
        if tally.is_current and tally.computed_at and now - tally.computed_at < MAX_AGE:
            result[instansi_id] = _from_json(tally.units)
            continue
        units = tally_compute(period=period, instansi_id=instansi_id)
        PeriodTally.objects.filter(pk=tally.pk, generation=tally.generation).update(
            units=units, computed_generation=tally.generation, computed_at=now
        )
        result[instansi_id] = units
    return result


def tally_invalidate(*, instansi_id: int | None) -> None:
    """Mark the tallies of ``instansi_id`` (``None``: every instansi) stale. Called inside the
    writer's transaction, the mark commits (or rolls back) together with the change it announces."""
    rows = PeriodTally.objects.all()
    if instansi_id is not None:
        rows = rows.filter(instansi_id=instansi_id)
    rows.update(generation=F("generation") + 1)


def tally_after_audit(*, action: str, instansi_id: int | None) -> None:
    """Called by ``audit_record`` for every audited change."""
    if action in COUNTED_ACTIONS and instansi_id is not None:
        tally_invalidate(instansi_id=instansi_id)


def tally_mismatches(*, period: Period | None = None) -> list[tuple[int, int]]:
    """``(period_id, instansi_id)`` of every current tally that differs from a recomputation."""
    rows = PeriodTally.objects.filter(computed_generation=F("generation")).select_related("period")
    if period is not None:
        rows = rows.filter(period=period)
    return [
        (t.period_id, t.instansi_id)
        for t in rows.order_by("period_id", "instansi_id")
        if _from_json(t.units) != tally_compute(period=t.period, instansi_id=t.instansi_id)
    ]


def tally_rebuild(*, period: Period | None = None) -> int:
    """Mark every kept tally (of ``period``) stale now; the next reads recompute them."""
    rows = PeriodTally.objects.all() if period is None else PeriodTally.objects.filter(period=period)
    return rows.update(generation=F("generation") + 1)
