"""The one way Pamong writes numbers and dates (:mod:`pamong.formats`), and the guard that keeps
every template and module on it."""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from django.template import Context, Template
from django.utils import translation

from pamong import formats

REPO = Path(__file__).resolve().parent.parent
JAKARTA = ZoneInfo("Asia/Jakarta")


# --- the module --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (78.34, "78,3 %"),
        (78.35, "78,4 %"),  # half-up, not banker's rounding
        (Decimal("100.0"), "100 %"),
        (0, "0 %"),
        (-0.04, "0 %"),  # never "-0 %"
        (12345.6, "12.345,6 %"),
        ("50", "50 %"),
        (None, "—"),
        ("", "—"),
    ],
)
def test_percent(value, expected):
    assert formats.percent(value) == expected


def test_percent_places():
    assert formats.percent(66.6666, places=2) == "66,67 %"
    assert formats.percent(66.6666, places=0) == "67 %"


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (0, "0"),
        (999, "999"),
        (1000, "1.000"),
        (90000, "90.000"),
        (1234567, "1.234.567"),
        (-4500, "-4.500"),
        (2.5, "3"),
    ],
)
def test_integer_groups_thousands_with_a_full_stop(value, expected):
    assert formats.integer(value) == expected


def test_decimal():
    assert formats.decimal(3.254) == "3,25"
    assert formats.decimal(Decimal("1234.5"), 1) == "1.234,5"
    assert formats.decimal(3.5, 2, trim=True) == "3,5"
    assert formats.decimal(4, 2) == "4,00"
    assert formats.decimal(None) == "—"


def test_jp_and_seconds():
    assert formats.jp(20) == "20 JP"
    assert formats.jp(Decimal("2.50")) == "2,5 JP"
    assert formats.seconds(1.54) == "1,5 detik"


def test_non_numbers_are_refused_loudly():
    with pytest.raises(ValueError):
        formats.percent("banyak")


@pytest.mark.parametrize(
    ("value", "short", "long"),
    [
        (dt.date(2026, 10, 3), "3 Okt 2026", "3 Oktober 2026"),
        (dt.date(2026, 5, 21), "21 Mei 2026", "21 Mei 2026"),
        (dt.date(2026, 8, 17), "17 Agu 2026", "17 Agustus 2026"),
        (dt.date(2026, 12, 31), "31 Des 2026", "31 Desember 2026"),
    ],
)
def test_dates(value, short, long):
    assert formats.date_short(value) == short
    assert formats.date_long(value) == long


def test_every_month_has_an_indonesian_name():
    longs = [formats.date_long(dt.date(2026, m, 1)) for m in range(1, 13)]
    assert longs[0] == "1 Januari 2026" and longs[6] == "1 Juli 2026"
    assert len({formats.date_short(dt.date(2026, m, 1)) for m in range(1, 13)}) == 12
    assert formats.month_year(dt.date(2026, 8, 17)) == "Agustus 2026"
    assert formats.month_year(None) == formats.MISSING


def test_datetimes_are_shown_in_the_site_time_zone():
    utc = dt.datetime(2026, 10, 2, 20, 5, tzinfo=dt.UTC)  # 3 October, 03.05 in Jambi (WIB)
    assert formats.datetime(utc) == "3 Okt 2026 03.05"
    assert formats.date_short(utc) == "3 Okt 2026"
    assert formats.date_long(utc) == "3 Oktober 2026"
    assert formats.datetime(dt.date(2026, 10, 3)) == "3 Okt 2026"
    assert formats.datetime(None) == "—"


def test_output_does_not_depend_on_the_active_language():
    with translation.override("en"):
        assert formats.date_long(dt.date(2026, 10, 3)) == "3 Oktober 2026"
        assert formats.percent(78.3) == "78,3 %"


def test_template_filters_are_builtin():
    out = Template(
        "{{ p|percent }}|{{ n|integer }}|{{ a|decimal:1 }}|{{ j|jp }}|{{ d|date_short }}|{{ d|date_long }}"
        "|{{ t|datetime }}|{{ missing|percent }}"
    ).render(
        Context(
            {
                "p": 78.34,
                "n": 90000,
                "a": 3.25,
                "j": 20,
                "d": dt.date(2026, 10, 3),
                "t": dt.datetime(2026, 10, 3, 14, 5, tzinfo=JAKARTA),
                "missing": None,
            }
        )
    )
    assert out == "78,3 %|90.000|3,3|20 JP|3 Okt 2026|3 Oktober 2026|3 Okt 2026 14.05|—"


# --- the guard: nobody formats dates or percentages by hand -----------------------------------

#: Template constructs that format a number or date by hand. A ``|date:`` with ``Y-m-d`` or ``c`` is
#: machine-readable (``<time datetime>``, ``<input type=date>``) and allowed; so is a CSS width.
TEMPLATE_RULES = {
    "date filter": re.compile(r"""\|\s*date(?!:\s*["'](?:Y-m-d|c)["'])\b(?!_)"""),
    "time filter": re.compile(r"\|\s*time\b"),
    "floatformat": re.compile(r"\bfloatformat\b"),
    "intcomma/intword": re.compile(r"\bint(?:comma|word)\b"),
    "percent sign after a value": re.compile(r"(?<!width: )\{\{[^}]*\}\}\s?%(?!\})"),
    "percent sign after a widthratio": re.compile(r"(?<!width: )\{%\s*widthratio[^%]*%\}\s?%"),
    # a date printed bare gets Django's own format ("1 Jan. 2026"), not the module's
    "date without a filter": re.compile(r"\{\{\s*[\w.]*(?:_on|_at|\.date)\s*\}\}"),
}

#: Python constructs that format a number or date by hand.
PYTHON_RULES = {
    "strftime": re.compile(r"\.strftime\("),
    "django.utils.formats": re.compile(r"\b(?:date_format|number_format|localize)\("),
    "fixed-point format spec": re.compile(r"\{[^{}]*:[^{}]*\.\d+[fg%]\}|%\.\d+f"),
    "general format spec": re.compile(r"\{[^{}]*:g\}"),
    "percent sign after a value": re.compile(r"\)[sd]%%|\}\s?%[\"']"),
    "floatformat/intcomma": re.compile(r"\b(?:floatformat|intcomma)\b"),
}

#: (path relative to the repository, rule name): why the file may do it.
ALLOWED = {
    ("site/formats.py", "*"): "the module itself",
    ("site/hr/admin_views.py", "strftime"): "a file name stamp (20261003), not shown as a date",
    ("site/siasn/outbox.py", "strftime"): "dates in SIASN's API payload (dd-mm-yyyy), not shown to anyone",
}

PYTHON_ROOTS = ("site", "learning", "competencies", "performance")


def _allowed(path: str, rule: str) -> bool:
    return (path, rule) in ALLOWED or (path, "*") in ALLOWED


def _violations(files, rules):
    found = []
    for file in files:
        rel = file.relative_to(REPO).as_posix()
        for number, line in enumerate(file.read_text(encoding="utf-8").splitlines(), 1):
            for name, pattern in rules.items():
                if pattern.search(line) and not _allowed(rel, name):
                    found.append(f"{rel}:{number}: {name}: {line.strip()[:160]}")
    return found


def test_templates_format_numbers_and_dates_with_the_module():
    files = sorted(p for p in (REPO / "templates").rglob("*") if p.suffix in {".html", ".txt", ".svg"})
    assert files, "no templates found"
    found = _violations(files, TEMPLATE_RULES)
    assert not found, "format with pamong.formats filters (|percent, |date_short, ...):\n" + "\n".join(found)


def test_python_formats_numbers_and_dates_with_the_module():
    files = sorted(
        p
        for root in PYTHON_ROOTS
        for p in (REPO / root).rglob("*.py")
        if "migrations" not in p.parts and "settings" not in p.parts
    )
    assert len(files) > 50
    found = _violations(files, PYTHON_RULES)
    assert not found, "format with pamong.formats (percent, date_short, ...):\n" + "\n".join(found)


@pytest.mark.parametrize(
    ("rules", "line"),
    [
        (TEMPLATE_RULES, '{{ a.done_on|date:"j M Y" }}'),
        (TEMPLATE_RULES, "{{ row.percent }}%"),
        (TEMPLATE_RULES, "{{ row.percent }} %"),
        (TEMPLATE_RULES, "{{ u.average|floatformat:2 }}"),
        (PYTHON_RULES, 'd.strftime("%d-%m-%Y")'),
        (PYTHON_RULES, 'f"{r.percent:g} %"'),
        (PYTHON_RULES, 'f"{elapsed:.1f} detik"'),
        (PYTHON_RULES, '_("capaian %(pct)s%%")'),
        (PYTHON_RULES, 'formats.date_format(day, "j F Y")'),
    ],
)
def test_the_guard_catches_hand_formatting(rules, line):
    assert any(p.search(line) for p in rules.values()), line


@pytest.mark.parametrize(
    ("rules", "line"),
    [
        (TEMPLATE_RULES, "<time datetime=\"{{ d|date:'Y-m-d' }}\">{{ d|date_long }}</time>"),
        (TEMPLATE_RULES, '<span style="width: {{ percent }}%"></span>'),
        (TEMPLATE_RULES, "{{ row.percent|percent }}"),
        (PYTHON_RULES, "formats.percent(r.percent)"),
    ],
)
def test_the_guard_lets_machine_formats_through(rules, line):
    assert not any(p.search(line) for p in rules.values()), line
