"""Counts shown as shares: the smallest group a share is shown for, and one bar of a chart."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.conf import settings as django_settings


def min_group_size() -> int:
    """Fewest people a share is shown for (setting ``PAMONG_HR_MIN_GROUP_SIZE``, default 5): a
    percentage of fewer people is marked as such, never drawn as a bar (one person is not 100 %)."""
    return int(getattr(django_settings, "PAMONG_HR_MIN_GROUP_SIZE", 5))


def too_few(total: int) -> bool:
    """Is ``total`` people too few to show a share of them (:func:`min_group_size`)?"""
    return total < min_group_size()


@dataclass
class CountRow:
    """One bar: a label, a count and the total it is a share of (``too_few``: a total below
    :func:`min_group_size`, marked instead of drawn)."""

    key: str
    label: str
    count: int
    total: int
    extra: dict = field(default_factory=dict)

    @property
    def percent(self) -> float:
        return round(100 * self.count / self.total, 1) if self.total else 0.0

    @property
    def too_few(self) -> bool:
        return too_few(self.total)
