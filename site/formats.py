"""The one way Pamong writes numbers and dates for people: Indonesian, on every page, chart and PDF.

==================  ======================  ==========================================
function            example                 used for
==================  ======================  ==========================================
:func:`integer`     ``90.000``              counts (thousands separated by ``.``)
:func:`decimal`     ``3,25``                averages, scores (decimal comma)
:func:`percent`     ``78,3 %``              shares and achievements (one decimal at most)
:func:`jp`          ``20 JP``               jam pelajaran (training hours)
:func:`date_short`  ``3 Okt 2026``          dates in tables, lists and charts
:func:`date_long`   ``3 Oktober 2026``      dates in sentences and documents (PDFs)
:func:`month_year`  ``Oktober 2026``        months (a periodic assessment's window)
:func:`datetime`    ``3 Okt 2026 14.05``    moments (audit log, moderation queue)
:func:`seconds`     ``1,5 detik``           durations printed by management commands
==================  ======================  ==========================================

Templates use the same functions as filters (``{{ x|percent }}``, ``{{ d|date_short }}``; the
filter library :mod:`pamong.home.templatetags.pamong_formats` is a builtin, no ``{% load %}``).
Machine-readable values are not formatted here: ``<time datetime=…>`` and ``<input type=date>``
keep ISO dates, SVG coordinates keep a decimal point, and exports (:mod:`pamong.exports`) write
numbers as numbers and dates as dates so a spreadsheet can compute with them.

The output does not depend on the active language or on ``USE_THOUSAND_SEPARATOR``: Pamong's
documents and figures are Indonesian (the month names are Indonesian words, not translations).
``None`` and ``""`` become ``"—"`` so a missing value reads as missing, never as ``0``.
``tests/test_formats.py`` fails when a template or module formats a date or a percentage by hand.
"""

from __future__ import annotations

import datetime as dt
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from django.utils import timezone

__all__ = [
    "MISSING",
    "date_long",
    "date_short",
    "datetime",
    "decimal",
    "integer",
    "jp",
    "percent",
    "seconds",
]

#: What a missing value (``None``, ``""``) is written as.
MISSING = "—"

MONTHS = (
    "Januari",
    "Februari",
    "Maret",
    "April",
    "Mei",
    "Juni",
    "Juli",
    "Agustus",
    "September",
    "Oktober",
    "November",
    "Desember",
)
#: Short month names as Indonesian style guides abbreviate them ("Agu", not "Agt"; "Mei" stays).
MONTHS_SHORT = ("Jan", "Feb", "Mar", "Apr", "Mei", "Jun", "Jul", "Agu", "Sep", "Okt", "Nov", "Des")

DECIMAL_SIGN = ","
THOUSANDS_SIGN = "."


def _missing(value) -> bool:
    return value is None or value == ""


def _number(value) -> Decimal:
    try:
        return Decimal(str(value))
    except (InvalidOperation, ValueError) as exc:
        raise ValueError(f"not a number: {value!r}") from exc


def _digits(number: Decimal, places: int, *, trim: bool) -> str:
    """``number`` rounded half-up to ``places`` decimals, with Indonesian signs; ``trim`` drops a
    fractional part that is all zeros (``100,0`` → ``100``)."""
    quantum = Decimal(1).scaleb(-places)
    rounded = number.quantize(quantum, rounding=ROUND_HALF_UP)
    if rounded == 0:
        rounded = abs(rounded)  # never "-0"
    sign = "-" if rounded < 0 else ""
    whole, _, fraction = f"{abs(rounded):f}".partition(".")
    groups = []
    while len(whole) > 3:
        groups.insert(0, whole[-3:])
        whole = whole[:-3]
    groups.insert(0, whole)
    text = sign + THOUSANDS_SIGN.join(groups)
    if trim:
        fraction = fraction.rstrip("0")
    return f"{text}{DECIMAL_SIGN}{fraction}" if fraction else text


def integer(value) -> str:
    """``90000`` → ``"90.000"`` (rounded half-up when given a fraction)."""
    if _missing(value):
        return MISSING
    return _digits(_number(value), 0, trim=True)


def decimal(value, places: int = 2, *, trim: bool = False) -> str:
    """``3.254`` → ``"3,25"``; ``places`` decimals, or fewer with ``trim`` (``3.50`` → ``"3,5"``)."""
    if _missing(value):
        return MISSING
    return _digits(_number(value), places, trim=trim)


def percent(value, places: int = 1) -> str:
    """``78.34`` → ``"78,3 %"``, ``100`` → ``"100 %"``: a share already in percent (0–100), at most
    ``places`` decimals, a space before the sign (as KBBI/PUEBI write it)."""
    if _missing(value):
        return MISSING
    return f"{_digits(_number(value), places, trim=True)} %"


def jp(value) -> str:
    """``20`` → ``"20 JP"``; ``2.5`` → ``"2,5 JP"`` (jam pelajaran)."""
    if _missing(value):
        return MISSING
    return f"{_digits(_number(value), 1, trim=True)} JP"


def megabytes(value) -> str:
    """``52428800`` (bytes) → ``"50 MB"``; ``1572864`` → ``"1,5 MB"`` (upload limits; 1 MB = 1024² bytes)."""
    if _missing(value):
        return MISSING
    return f"{_digits(_number(value) / (1024 * 1024), 1, trim=True)} MB"


def seconds(value) -> str:
    """``1.54`` → ``"1,5 detik"`` (how long a command took)."""
    if _missing(value):
        return MISSING
    return f"{_digits(_number(value), 1, trim=False)} detik"


def _local(value: dt.date | dt.datetime) -> dt.date | dt.datetime:
    if isinstance(value, dt.datetime) and timezone.is_aware(value):
        return timezone.localtime(value)
    return value


def date_short(value: dt.date | dt.datetime | None) -> str:
    """``2026-10-03`` → ``"3 Okt 2026"`` (a datetime is first put in the site's time zone)."""
    if _missing(value):
        return MISSING
    value = _local(value)
    return f"{value.day} {MONTHS_SHORT[value.month - 1]} {value.year}"


def date_long(value: dt.date | dt.datetime | None) -> str:
    """``2026-10-03`` → ``"3 Oktober 2026"``, for sentences and documents."""
    if _missing(value):
        return MISSING
    value = _local(value)
    return f"{value.day} {MONTHS[value.month - 1]} {value.year}"


def month_year(value: dt.date | dt.datetime | None) -> str:
    """``2026-10-03`` → ``"Oktober 2026"``, a month as a whole."""
    if _missing(value):
        return MISSING
    value = _local(value)
    return f"{MONTHS[value.month - 1]} {value.year}"


def datetime(value: dt.datetime | None) -> str:
    """``2026-10-03 14:05`` → ``"3 Okt 2026 14.05"`` in the site's time zone (Indonesian writes the
    time with a full stop)."""
    if _missing(value):
        return MISSING
    if not isinstance(value, dt.datetime):
        return date_short(value)
    value = _local(value)
    return f"{date_short(value)} {value.hour:02d}.{value.minute:02d}"
