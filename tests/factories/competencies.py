"""Builders for competency data: technical competencies, position standards and levels."""

from __future__ import annotations

import itertools

from competencies.models import Competency, CompetencyLevel, CourseCompetency, PositionStandard
from competencies.services import level_set

_seq = itertools.count(1)


def managerial(code: str) -> Competency:
    """A competency of the PermenPANRB dictionary loaded by the data migration, e.g. ``"M.4"``."""
    return Competency.objects.get(code=code)


def make_technical(*, instansi, name: str | None = None) -> Competency:
    n = next(_seq)
    competency = Competency.objects.create(
        code=f"T.UJI.{n}",
        name=name or f"Kompetensi Teknis Uji {n}",
        kind=Competency.Kind.TEKNIS,
        definition="Kemampuan teknis uji.",
        instansi=instansi,
        sort_order=500 + n,
    )
    CompetencyLevel.objects.bulk_create(
        CompetencyLevel(
            competency=competency, level=lv, description=f"Level {lv}", indicators=f"Indikator {lv}"
        )
        for lv in range(1, 6)
    )
    return competency


def set_standard(jabatan, levels: dict[str, int]) -> None:
    """``levels`` maps competency codes to required levels."""
    for code, level in levels.items():
        PositionStandard.objects.update_or_create(
            jabatan=jabatan, competency=managerial(code), defaults={"required_level": level}
        )


def set_levels(asn, levels: dict[str, int], *, source: str = "assessment") -> None:
    for code, level in levels.items():
        level_set(asn=asn, competency=managerial(code), level=level, source=source)


def link_course(page, code: str, *, level: int, rule: str = "raise") -> CourseCompetency:
    return CourseCompetency.objects.create(page=page, competency=managerial(code), level=level, rule=rule)
