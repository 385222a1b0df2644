"""Geometry of the server-rendered SVG charts of the HR pages (no JavaScript, no outside service).

Every chart reads without colour: each series has its own fill pattern (solid, stripes, dots,
cross-hatch, lines), every bar carries its value as text, and the same figures are in the data
table next to the chart. Templates: ``templates/hr/includes/bar_chart.html`` and
``stacked_chart.html``; the patterns are defined once in ``chart_patterns.html``.
"""

from __future__ import annotations

#: Fill patterns, in series order (ids of ``<pattern>`` elements in chart_patterns.html).
PATTERNS = ("solid", "stripes", "dots", "cross", "lines")


def bar_chart(rows, *, percent: bool = True, width: int = 560, bar_h: int = 20, label_w: int = 200) -> dict:
    """Horizontal bars for ``rows`` (objects with ``label``, ``count``, ``total``, ``percent``).

    With ``percent`` the bar length is the share (0–100 %) and the text says "p % (n)"; otherwise the
    bar length is the count relative to the largest count.
    """
    scale_w = width - label_w - 90
    top = max((r.count for r in rows), default=0) or 1
    out = []
    for i, r in enumerate(rows):
        y = 8 + i * (bar_h + 10)
        frac = (r.percent / 100) if percent else (r.count / top)
        bar_w = round(max(0.0, min(1.0, frac)) * scale_w, 1)
        text = f"{r.percent:g} % ({r.count})" if percent else f"{r.count}"
        out.append(
            {
                "label": str(r.label)[:32],
                "full_label": str(r.label),
                "y": y,
                "text_y": round(y + bar_h * 0.72, 1),
                "bar_w": bar_w,
                "value_x": round(label_w + bar_w + 6, 1),
                "text": text,
                "pattern": PATTERNS[i % len(PATTERNS)],
            }
        )
    height = 16 + len(rows) * (bar_h + 10)
    return {
        "rows": out,
        "width": width,
        "height": height,
        "label_w": label_w,
        "bar_h": bar_h,
        "scale_w": scale_w,
    }


def stacked_chart(trend, *, width: int = 560, bar_h: int = 24, label_w: int = 60) -> dict:
    """One 100 % bar per year (``trend``: objects with ``year``, ``total`` and ``rows``), one
    patterned segment per predikat, labelled with its share when there is room."""
    scale_w = width - label_w - 10
    years = []
    for i, t in enumerate(trend):
        y = 8 + i * (bar_h + 12)
        x = float(label_w)
        segments = []
        for j, r in enumerate(t.rows):
            w = round(scale_w * r.count / t.total, 1) if t.total else 0.0
            segments.append(
                {
                    "x": round(x, 1),
                    "w": w,
                    "pattern": PATTERNS[j % len(PATTERNS)],
                    "text": f"{r.percent:g}%" if w >= 34 else "",
                    "text_x": round(x + w / 2, 1),
                    "title": f"{r.label}: {r.percent:g} % ({r.count})",
                }
            )
            x += w
        years.append({"year": t.year, "y": y, "text_y": round(y + bar_h * 0.7, 1), "segments": segments})
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
