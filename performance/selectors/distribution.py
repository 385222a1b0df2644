"""The predikat distribution of a period per unit (or instansi), checked against the pattern
for the instansi's own predikat (SE MenPANRB 3/2023)."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from pamong.people.models import Instansi, UnitKerja

from ..models import DistributionRule, OrganisationPredikat, OrgPredikat, Period, Predikat


@dataclass
class UnitDistribution:
    unit_id: int
    unit_name: str
    instansi_id: int
    total: int
    counts: dict[str, int]
    percents: dict[str, Decimal]
    org_predikat: str
    warnings: list[str]


def distribution_by_unit(
    *, period: Period, tallies: dict[int, dict], by_instansi: bool = False
) -> list[UnitDistribution]:
    """Final predikat counts per unit (or per instansi) from the period tallies, checked against
    the pattern for the instansi's own predikat. Three queries whatever the number of units."""
    groups: dict[int, dict] = {}
    for instansi_id, units in tallies.items():
        for unit_id, unit in units.items():
            if not unit["final"]:
                continue
            key = instansi_id if by_instansi else unit_id
            g = groups.setdefault(key, {"instansi": instansi_id, "counts": {}})
            for code, n in unit["predikat"].items():
                g["counts"][code] = g["counts"].get(code, 0) + n
    model = Instansi if by_instansi else UnitKerja
    names = dict(model.objects.filter(pk__in=groups).values_list("pk", "name"))
    org = dict(OrganisationPredikat.objects.filter(period=period).values_list("instansi_id", "predikat"))
    rules: dict[str, list[DistributionRule]] = {}
    for rule in DistributionRule.objects.all():
        rules.setdefault(rule.org_predikat, []).append(rule)
    result = []
    for key, g in sorted(groups.items(), key=lambda item: (names.get(item[0], ""), item[0])):
        counts = {p: g["counts"].get(p, 0) for p in Predikat.values}
        total = sum(counts.values())
        percents = {p: (Decimal(c) * 100 / total).quantize(Decimal("0.1")) for p, c in counts.items()}
        org_predikat = org.get(g["instansi"], OrgPredikat.BAIK)
        warnings = distribution_warnings(counts=counts, rules=rules.get(org_predikat, []))
        result.append(
            UnitDistribution(
                key, names.get(key, ""), g["instansi"], total, counts, percents, org_predikat, warnings
            )
        )
    return result


def distribution_warnings(*, counts: dict[str, int], rules: list[DistributionRule]) -> list[str]:
    """Descriptions of the pattern rules that ``counts`` break."""
    total = sum(counts.values())
    broken = []
    for rule in rules:
        n = sum(counts.get(code, 0) for code in rule.codes)
        pct = Decimal(n) * 100 / total if total else Decimal(0)
        if (
            (rule.min_pct is not None and pct < rule.min_pct)
            or (rule.max_pct is not None and pct > rule.max_pct)
            or (rule.min_count is not None and n < rule.min_count)
        ):
            broken.append(rule.description)
    return broken
