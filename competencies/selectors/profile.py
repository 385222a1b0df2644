"""One person's competency profile: required and current level per competency, the level
history and the gap chart."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from pamong.people.models import ASN

from ..models import (
    Competency,
    CurrentLevel,
    LevelRecord,
    PositionStandard,
)
from .jpm import jpm_of


@dataclass
class ProfileRow:
    competency: Competency
    required: int  # 0 when the position does not require it
    current: int  # 0 when never assessed
    source: str = ""
    source_label: str = ""
    assessed_on: datetime.date | None = None

    @property
    def gap(self) -> int:
        return max(0, self.required - self.current)

    @property
    def met(self) -> bool:
        return self.required > 0 and self.current >= self.required


@dataclass
class Profile:
    rows: list[ProfileRow] = field(default_factory=list)

    @property
    def required_rows(self) -> list[ProfileRow]:
        return [r for r in self.rows if r.required]

    @property
    def jpm(self) -> float | None:
        return jpm_of([(r.current, r.required) for r in self.required_rows])

    @property
    def met_count(self) -> int:
        return sum(1 for r in self.required_rows if r.met)

    @property
    def gap_total(self) -> int:
        return sum(r.gap for r in self.rows)


def profile_for(*, asn: ASN) -> Profile:
    """Required and current level of every competency of the person's standard or profile (2 queries)."""
    standards = {
        s.competency_id: s
        for s in PositionStandard.objects.filter(jabatan_id=asn.jabatan_id).select_related("competency")
    }
    currents = {c.competency_id: c for c in CurrentLevel.objects.filter(asn=asn).select_related("competency")}
    rows = []
    labels = dict(CurrentLevel._meta.get_field("source").choices)
    for cid in set(standards) | set(currents):
        standard, current = standards.get(cid), currents.get(cid)
        competency = standard.competency if standard else current.competency
        rows.append(
            ProfileRow(
                competency=competency,
                required=standard.required_level if standard else 0,
                current=current.level if current else 0,
                source=current.source if current else "",
                source_label=str(labels.get(current.source, "")) if current else "",
                assessed_on=current.assessed_on if current else None,
            )
        )
    rows.sort(key=lambda r: (r.required == 0, r.competency.sort_order, r.competency.code))
    return Profile(rows=rows)


def history_for(*, asn: ASN, limit: int = 30) -> list[LevelRecord]:
    return list(
        LevelRecord.objects.filter(asn=asn)
        .select_related("competency")
        .order_by("-recorded_at", "-pk")[:limit]
    )


def gap_chart(profile: Profile, *, bar_height: int = 22, width: int = 560) -> dict:
    """Geometry of the server-rendered SVG gap chart: one row per required competency, a bar for the
    current level and a marker for the required level on a 0–5 scale (whole pixels, so no locale
    ever writes a decimal comma into the SVG)."""
    label_w, scale_w = 220, width - 240
    step = scale_w / 5
    rows = []
    for i, row in enumerate(profile.required_rows):
        y = 28 + i * (bar_height + 10)
        rows.append(
            {
                "row": row,
                "y": y,
                "text_y": y + round(bar_height * 0.7),
                "bar_w": round(row.current * step),
                "marker_x": round(label_w + row.required * step),
                "short": row.competency.name[:30],
            }
        )
    ticks = [{"x": round(label_w + n * step), "n": n} for n in range(6)]
    height = 40 + len(rows) * (bar_height + 10)
    return {
        "rows": rows,
        "ticks": ticks,
        "label_w": label_w,
        "width": width,
        "height": height,
        "bar_h": bar_height,
    }
