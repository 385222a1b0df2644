"""Reads for the periodic assessment (*penilaian kinerja periodik*): the months a check-in covers
and, per check-in of an SKP, its assessment or whether it may be given yet."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from ..models import CheckIn, PeriodicAssessment, Plan, Realisation


@dataclass(frozen=True)
class CheckInWindow:
    """The calendar months one check-in covers (both ends included)."""

    year_start: int
    month_start: int
    year_end: int
    month_end: int

    @property
    def starts(self) -> datetime.date:
        return datetime.date(self.year_start, self.month_start, 1)

    @property
    def ends(self) -> datetime.date:
        return datetime.date(self.year_end, self.month_end, 1)

    @property
    def months(self) -> int:
        return (self.year_end * 12 + self.month_end) - (self.year_start * 12 + self.month_start) + 1


def _month_index(day: datetime.date) -> int:
    return day.year * 12 + day.month - 1


def checkin_window(*, checkin: CheckIn) -> CheckInWindow:
    """The months of ``checkin``: the period's calendar months split evenly, in order, between its
    ``checkins_per_year`` check-ins (a January–December period with 4 check-ins: months 1–3, 4–6,
    7–9, 10–12; with 12: one month each). The check-in's due date is not used: it falls a day or
    two after its window (``checkin_create_for`` spreads due dates over the days of the period)."""
    period = checkin.period
    first = _month_index(period.starts_on)
    months = _month_index(period.ends_on) - first + 1
    count = max(period.checkins_per_year, 1)
    number = min(max(checkin.number, 1), count)
    start = first + months * (number - 1) // count
    end = max(first + months * number // count - 1, start)
    return CheckInWindow(start // 12, start % 12 + 1, end // 12, end % 12 + 1)


def checkin_of_plan(*, plan: Plan, pk: int) -> CheckIn | None:
    """A check-in of ``plan``'s period (``plan`` already scoped by the caller), or ``None``."""
    return CheckIn.objects.filter(period_id=plan.period_id, pk=pk).select_related("period").first()


def periodic_opens_on(*, checkin: CheckIn) -> datetime.date:
    """The first day the atasan may give the assessment of ``checkin``: its due date (the day the
    realisations of that check-in are due)."""
    return checkin.due_on


@dataclass
class PeriodicRow:
    checkin: CheckIn
    window: CheckInWindow
    assessment: PeriodicAssessment | None
    opens_on: datetime.date
    is_open: bool
    realisations: list[Realisation]


def periodic_rows(*, plan: Plan, today: datetime.date) -> list[PeriodicRow]:
    """One row per check-in of ``plan``'s period (``plan`` already scoped by the caller): the
    window, the assessment if given, whether it may be given on ``today``, and the realisations
    recorded for that check-in. Three queries whatever the number of check-ins."""
    checkins = list(CheckIn.objects.filter(period=plan.period).select_related("period"))
    given = {
        a.checkin_id: a for a in PeriodicAssessment.objects.filter(plan=plan).select_related("assessed_by")
    }
    realised: dict[int, list[Realisation]] = {}
    for r in Realisation.objects.filter(plan_indicator__plan=plan).select_related(
        "plan_indicator__indicator"
    ):
        realised.setdefault(r.checkin_id, []).append(r)
    rows = []
    for c in checkins:
        opens_on = periodic_opens_on(checkin=c)
        rows.append(
            PeriodicRow(
                checkin=c,
                window=checkin_window(checkin=c),
                assessment=given.get(c.pk),
                opens_on=opens_on,
                is_open=today >= opens_on,
                realisations=realised.get(c.pk, []),
            )
        )
    return rows
