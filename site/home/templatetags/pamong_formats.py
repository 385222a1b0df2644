"""Template filters for :mod:`pamong.formats`, the one way Pamong writes numbers and dates.

A builtin library (``TEMPLATES["OPTIONS"]["builtins"]``): every template can write
``{{ share|percent }}``, ``{{ total|integer }}``, ``{{ avg|decimal:2 }}``, ``{{ jp|jp }}``,
``{{ day|date_short }}``, ``{{ day|date_long }}`` and ``{{ moment|datetime }}`` without loading it.
"""

from __future__ import annotations

from django import template

from pamong import formats

register = template.Library()


def _lenient(function):
    """A template filter fails quietly (Django's convention): a value that is not a number or a
    date is shown as it is instead of breaking the page."""

    def filter_(value, *args):
        try:
            return function(value, *args)
        except (ValueError, TypeError, AttributeError):
            return value

    filter_.__name__ = function.__name__
    filter_.__doc__ = function.__doc__
    return filter_


for _function in (
    formats.integer,
    formats.percent,
    formats.jp,
    formats.date_short,
    formats.date_long,
    formats.month_year,
    formats.datetime,
):
    register.filter(_function.__name__, _lenient(_function))


@register.filter("decimal")
def decimal_filter(value, places=2) -> str:
    """``{{ 3.254|decimal }}`` → ``3,25``; ``{{ x|decimal:1 }}`` one decimal."""
    return _lenient(formats.decimal)(value, int(places))
