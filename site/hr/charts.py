"""Geometry of the server-rendered SVG charts of the HR pages (no JavaScript, no outside service).

Every chart reads without colour: each series has its own fill pattern (solid, stripes, dots,
cross-hatch, lines) — a single-series bar chart uses one fill for all its bars —, every bar carries
its value as text, and the same figures are in the data
table next to the chart. Templates: ``templates/hr/includes/bar_chart.html`` and
``stacked_chart.html``; the patterns are defined once in ``chart_patterns.html``.
"""

from __future__ import annotations

import textwrap

from django.utils.translation import gettext

from pamong import formats

from .selectors import min_group_size

#: Fill patterns, in series order (ids of ``<pattern>`` elements in chart_patterns.html).
PATTERNS = ("solid", "stripes", "dots", "cross", "lines")


#: Characters per line of a bar label (12 px text in the label column); longer labels wrap.
LABEL_CHARS = 30
#: Most lines a bar label wraps to; the full label is always in the bar's title and the table.
LABEL_LINES = 3


def label_lines(label: str, *, width: int = LABEL_CHARS, lines: int = LABEL_LINES) -> list[str]:
    """``label`` wrapped into at most ``lines`` lines of at most ``width`` characters, so no chart
    label runs into its bar or out of the picture; only a label longer than ``lines`` full lines
    ends with "…"."""
    out = textwrap.wrap(str(label), width=width, break_long_words=True) or [""]
    if len(out) > lines:
        out = out[:lines]
        out[-1] = out[-1][: width - 1].rstrip() + "…"
    return out


def bar_chart(rows, *, percent: bool = True, width: int = 560, bar_h: int = 20, label_w: int = 210) -> dict:
    """Horizontal bars for ``rows`` (objects with ``label``, ``count``, ``total``, ``percent`` and
    ``too_few``). One series, so one fill for every bar.

    With ``percent`` the bar length is the share (0–100 %) and the text says "p % (n)"; a share of
    too few people (``too_few``, :func:`pamong.hr.selectors.min_group_size`) gets no bar, only a
    note. Otherwise the bar length is the count relative to the largest count. Labels wrap
    (:func:`label_lines`) and a row is as tall as its label.
    """
    scale_w = width - label_w - 90
    top = max((r.count for r in rows), default=0) or 1
    minimum = min_group_size()
    out = []
    y = 8
    line_h = 14
    for r in rows:
        lines = label_lines(r.label)
        row_h = max(bar_h, len(lines) * line_h + 4)
        small = percent and getattr(r, "too_few", False)
        frac = 0.0 if small else (r.percent / 100) if percent else (r.count / top)
        bar_w = round(max(0.0, min(1.0, frac)) * scale_w, 1)
        if small:
            text = (
                gettext("terlalu sedikit: %(n)d orang (min. %(m)d)") % {"n": r.total, "m": minimum}
                if r.total
                else gettext("belum ada data")
            )
        else:
            text = (
                f"{formats.percent(r.percent)} ({formats.integer(r.count)})"
                if percent
                else formats.integer(r.count)
            )
        first_y = y + (row_h - (len(lines) - 1) * line_h) / 2 + 4
        out.append(
            {
                "label": lines[0],
                "lines": [{"text": t, "y": round(first_y + k * line_h, 1)} for k, t in enumerate(lines)],
                "full_label": str(r.label),
                "y": round(y + (row_h - bar_h) / 2, 1),
                "text_y": round(y + row_h / 2 + 4, 1),
                "bar_w": bar_w,
                "value_x": round(label_w + (0 if small else bar_w) + 6, 1),
                "text": text,
                "too_few": small,
                "pattern": PATTERNS[0],
            }
        )
        y += row_h + 10
    return {
        "rows": out,
        "width": width,
        "height": y + 8,
        "label_w": label_w,
        "bar_h": bar_h,
        "scale_w": scale_w,
    }


def stacked_chart(trend, *, width: int = 560, bar_h: int = 24, label_w: int = 60) -> dict:
    """One 100 % bar per year (``trend``: objects with ``year``, ``total``, ``rows`` and
    ``too_few``), one patterned segment per predikat, labelled with its share when there is room; a
    year of too few people gets a note instead of a bar."""
    scale_w = width - label_w - 10
    years = []
    for i, t in enumerate(trend):
        y = 8 + i * (bar_h + 12)
        x = float(label_w)
        segments = []
        small = getattr(t, "too_few", False)
        for j, r in enumerate([] if small else t.rows):
            w = round(scale_w * r.count / t.total, 1) if t.total else 0.0
            segments.append(
                {
                    "x": round(x, 1),
                    "w": w,
                    "pattern": PATTERNS[j % len(PATTERNS)],
                    "text": formats.percent(r.percent) if w >= 40 else "",
                    "text_x": round(x + w / 2, 1),
                    "title": f"{r.label}: {formats.percent(r.percent)} ({formats.integer(r.count)})",
                }
            )
            x += w
        years.append(
            {
                "year": t.year,
                "y": y,
                "text_y": round(y + bar_h * 0.7, 1),
                "segments": segments,
                "too_few": small,
                "note": gettext("terlalu sedikit: %(n)d orang (min. %(m)d)")
                % {"n": t.total, "m": min_group_size()}
                if small
                else "",
            }
        )
    legend = (
        [{"label": r.label, "pattern": PATTERNS[j % len(PATTERNS)]} for j, r in enumerate(trend[0].rows)]
        if trend
        else []
    )
    return {
        "years": years,
        "legend": legend,
        "width": width,
        "height": 16 + len(years) * (bar_h + 12),
        "label_w": label_w,
        "bar_h": bar_h,
    }
