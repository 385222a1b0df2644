"""The demo organisation planned in memory: instansi, units, positions and ASN for a given size and
seed, deterministic, before anything is written."""

from __future__ import annotations

import datetime as dt
import math
import random
from dataclasses import dataclass, field

from .. import demo_data as D
from ..roles import GROUP_HR_INSTANSI, GROUP_HR_PROVINSI, GROUP_HUMAS_EDITOR, GROUP_HUMAS_MODERATOR

STAFF_PER_GROUP = 40
MIN_STAFF_IN_DEMO_GROUP = 8
DEMO_LOGIN_GROUPS = {
    "hr.dinkes": GROUP_HR_INSTANSI,
    "hr.dlh": GROUP_HR_INSTANSI,
    "bkpsdm": GROUP_HR_PROVINSI,
    "humas.editor": GROUP_HUMAS_EDITOR,
    "humas.moderator": GROUP_HUMAS_MODERATOR,
}


@dataclass
class PUnit:
    code: str
    name: str
    parent: str | None
    domain: str
    serves_public: bool = False
    weight: int = 1


@dataclass
class PJabatan:
    code: str
    name: str
    kind: str
    unit: str


@dataclass
class PASN:
    level: int
    unit: str
    jabatan: str
    atasan: int | None  # index into the plan
    name: str = ""
    nip: str = ""
    employment_type: str = "PNS"
    golongan: str = ""
    username: str | None = None


@dataclass
class PInstansi:
    code: str
    name: str
    short_name: str
    kind: str
    units: list[PUnit] = field(default_factory=list)
    jabatan: dict[str, PJabatan] = field(default_factory=dict)
    people: list[PASN] = field(default_factory=list)


@dataclass
class DemoCounts:
    instansi: int = 0
    units: int = 0
    jabatan: int = 0
    asn: int = 0

    def __str__(self) -> str:
        return (
            f"{self.instansi} instansi, {self.units} unit kerja, {self.jabatan} jabatan, {self.asn} ASN baru"
        )


MIN_ASN = 100


def demo_plan(*, asn: int, seed: int) -> list[PInstansi]:
    """The whole demo organisation for ``asn`` ASN in total."""
    rng = random.Random(seed)
    opd_total = asn if asn <= 2000 else max(2000, asn // 10)
    plans: list[PInstansi] = []
    shares = _split(opd_total, [spec["share"] for spec in D.OPD])
    for spec, headcount in zip(D.OPD, shares, strict=True):
        plans.append(_plan_instansi(spec, headcount, "opd"))
    kab_total = asn - opd_total
    if kab_total > 0:
        weights = [100 - 5 * i for i in range(len(D.KABKOTA))]  # Kota Jambi largest
        for (code, name), headcount in zip(D.KABKOTA, _split(kab_total, weights), strict=True):
            plans.append(_plan_instansi(_kabkota_spec(code, name), headcount, "kabkota"))
    nips: set[str] = set()
    for plan in plans:
        _fill_people(plan, rng, nips)
    return plans


def _kabkota_spec(code: str, name: str) -> dict:
    short = name.replace("Pemerintah ", "")
    return {
        "code": code,
        "name": name,
        "short_name": short,
        "head": f"Sekretaris Daerah {short}",
        "domain": "umum",
        "bidang": [
            {
                "code": f"{code}-{bcode}",
                "name": f"{bname} {short}",
                "domain": domain,
                "head": f"Kepala {bname} {short}",
                "head_kind": "jpt",
                "weight": weight,
                "seksi": [
                    (f"{code}-{bcode}-SEK", f"Sekretariat {bname}", "umum", False),
                    (f"{code}-{bcode}-BID", f"Bidang Pelayanan {bname}", domain, True),
                ],
            }
            for bcode, bname, domain, weight in D.KABKOTA_BIDANG
        ],
    }


def _plan_instansi(spec: dict, headcount: int, kind: str) -> PInstansi:
    plan = PInstansi(spec["code"], spec["name"], spec.get("short_name", spec["code"]), kind)
    root = PUnit(spec["code"], spec.get("short_name", spec["name"]), None, spec["domain"])
    plan.units.append(root)
    _add_head(plan, root.code, spec["head"], "jpt", None)
    groups: list[tuple[str, int]] = []  # (unit code, head index)
    bidang_heads: list[tuple[dict, int]] = []
    for b in spec["bidang"]:
        plan.units.append(PUnit(b["code"], b["name"], root.code, b["domain"], weight=b.get("weight", 1)))
        head = _add_head(plan, b["code"], b["head"], b.get("head_kind", "administrator"), 0)
        bidang_heads.append((b, head))
        for scode, sname, sdomain, public in b["seksi"]:
            plan.units.append(PUnit(scode, sname, b["code"], sdomain, serves_public=public))
            groups.append((scode, _add_head(plan, scode, f"Kepala {sname}", "pengawas", head)))
    leaders = len(plan.people)
    extra = max(0, math.ceil((headcount - leaders - STAFF_PER_GROUP * len(groups)) / (STAFF_PER_GROUP + 1)))
    for (b, head), n_uptd in zip(
        bidang_heads, _split(extra, [b.get("weight", 1) for b, _ in bidang_heads]), strict=True
    ):
        for i in range(1, n_uptd + 1):
            code = f"{b['code']}-UPTD{i:03d}"
            name = (
                D.UPTD_NAMES[b["domain"]].format(n=i) + f" ({b['name']})"
                if kind == "kabkota"
                else D.UPTD_NAMES[b["domain"]].format(n=i)
            )
            plan.units.append(PUnit(code, name, b["code"], b["domain"], serves_public=True))
            groups.append((code, _add_head(plan, code, f"Kepala {name}", "pengawas", head)))
    staff = max(0, headcount - len(plan.people))
    demo_units = {unit for _, inst, unit, *_ in D.DEMO_LOGINS if inst == plan.code and unit}
    order = [g for g in groups if g[0] in demo_units] * MIN_STAFF_IN_DEMO_GROUP
    order = order[:staff]
    while len(order) < staff:
        order.extend(groups[: staff - len(order)])
    units = {u.code: u for u in plan.units}
    for n, (unit_code, head) in enumerate(order):
        suffix, jname, jkind = D.DOMAIN_POSITIONS[units[unit_code].domain][0 if n % 5 < 3 else 1]
        jcode = _jabatan(plan, unit_code, suffix, jname, jkind)
        plan.people.append(PASN(level=3, unit=unit_code, jabatan=jcode, atasan=head))
    _place_demo_logins(plan)
    return plan


def _add_head(plan: PInstansi, unit: str, name: str, kind: str, atasan: int | None) -> int:
    jcode = _jabatan(plan, unit, "KEPALA", name, kind)
    level = {"jpt": 0, "administrator": 1, "pengawas": 2}.get(kind, 1)
    if atasan is not None and plan.people[atasan].level >= level:
        level = plan.people[atasan].level + 1
    plan.people.append(PASN(level=level, unit=unit, jabatan=jcode, atasan=atasan))
    return len(plan.people) - 1


def _jabatan(plan: PInstansi, unit: str, suffix: str, name: str, kind: str) -> str:
    code = f"{unit}-{suffix}"
    plan.jabatan.setdefault(code, PJabatan(code, name, kind, unit))
    return code


def _place_demo_logins(plan: PInstansi) -> None:
    used: set[int] = set()
    for username, inst, unit, _name, position, _desc in D.DEMO_LOGINS:
        if inst != plan.code:
            continue
        if unit is None:
            index = 0
        else:
            head_code = f"{unit}-KEPALA"
            is_head = position is None
            candidates = [
                i
                for i, p in enumerate(plan.people)
                if p.unit == unit and (p.jabatan == head_code) == is_head and i not in used
            ]
            if not candidates:
                continue
            index = candidates[0]
        person = plan.people[index]
        if position is not None:
            suffix, jname, jkind = position
            person.jabatan = _jabatan(plan, unit, suffix, jname, jkind)
        person.username = username
        used.add(index)


def _split(total: int, weights: list[int]) -> list[int]:
    """Split ``total`` by ``weights`` with the largest-remainder method (sums exactly to total)."""
    if not weights:
        return []
    whole = sum(weights)
    raw = [total * w / whole for w in weights]
    out = [int(r) for r in raw]
    for i in sorted(range(len(raw)), key=lambda i: raw[i] - out[i], reverse=True)[: total - sum(out)]:
        out[i] += 1
    return out


def _fill_people(plan: PInstansi, rng: random.Random, nips: set[str]) -> None:
    names = {username: name for username, _i, _u, name, _p, _d in D.DEMO_LOGINS}
    for person in plan.people:
        if person.username in names:
            person.name = names[person.username]
            female = person.name.removeprefix("dr. ").split(" ")[0] in D.FEMALE_FIRST
        else:
            female = rng.random() < 0.52
            person.name = _name(rng, female=female)
        kind = plan.jabatan[person.jabatan].kind
        pppk = kind in ("fungsional", "pelaksana") and person.username is None and rng.random() < 0.15
        person.employment_type = "PPPK" if pppk else "PNS"
        person.nip = _nip(rng, nips, level=person.level, female=female, pppk=pppk)
        person.golongan = rng.choice(_golongan_choices(kind, pppk))


def _name(rng: random.Random, *, female: bool) -> str:
    first = rng.choice(D.FEMALE_FIRST if female else D.MALE_FIRST)
    parts = [first]
    if first in D.COMPOUND_FIRST:
        parts.append(rng.choice([n for n in (D.FEMALE_FIRST if female else D.MALE_FIRST) if n != first]))
    last = D.FAMILY_NAMES if rng.random() < 0.35 else (D.FEMALE_LAST if female else D.MALE_LAST)
    parts.append(rng.choice(last))
    return " ".join(parts) + rng.choice(D.DEGREES)


_GOLONGAN = {
    "jpt": ["IV/c", "IV/d"],
    "administrator": ["IV/a", "IV/b"],
    "pengawas": ["III/c", "III/d"],
    "fungsional": ["III/a", "III/b", "III/c"],
    "pelaksana": ["II/c", "II/d", "III/a", "III/b"],
}


def _golongan_choices(kind: str, pppk: bool) -> list[str]:
    return ["V", "VII", "IX"] if pppk else _GOLONGAN[kind]


def _nip(rng: random.Random, taken: set[str], *, level: int, female: bool, pppk: bool) -> str:
    oldest, youngest = [(1966, 1975), (1968, 1980), (1970, 1986), (1970, 2000)][min(level, 3)]
    while True:
        birth = dt.date(rng.randint(oldest, youngest), rng.randint(1, 12), rng.randint(1, 28))
        if pppk:
            year = rng.randint(max(2019, birth.year + 20), 2024)
        else:
            year = min(2024, birth.year + rng.randint(22, 30))
        nip = f"{birth:%Y%m%d}{year:04d}{rng.randint(1, 12):02d}{2 if female else 1}{rng.randint(1, 999):03d}"
        if nip not in taken:
            taken.add(nip)
            return nip
