"""Build the demo organisation and its ASN, fast enough for Jambi's 90,000 ASN.

The plan is computed in memory first (deterministic for a given size and seed), then written level
by level with ``bulk_create``: instansi, units (parents first), positions, then ASN from the heads
of instansi down to staff, so every ``atasan`` already has its id when its reports are inserted.
Rows that already exist (matched by code, or by NIP) are left alone, which makes the command
idempotent.
"""

from __future__ import annotations

import datetime as dt
import math
import random
from collections.abc import Callable
from dataclasses import dataclass, field

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import Group
from django.db import transaction

from . import demo_data as D
from .models import ASN, Instansi, Jabatan, UnitKerja
from .roles import GROUP_HR_INSTANSI, GROUP_HR_PROVINSI, GROUP_HUMAS_EDITOR, GROUP_HUMAS_MODERATOR

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


@transaction.atomic
def demo_build(*, asn: int, seed: int, progress: Callable[[int], None] | None = None) -> DemoCounts:
    """Write the demo organisation; returns what was newly created."""
    plans = demo_plan(asn=asn, seed=seed)
    counts = DemoCounts()
    tick = progress or (lambda n: None)

    existing_inst = {i.code: i for i in Instansi.objects.all()}
    new_inst = [
        Instansi(code=p.code, name=p.name, short_name=p.short_name[:60], kind=p.kind)
        for p in plans
        if p.code not in existing_inst
    ]
    Instansi.objects.bulk_create(new_inst)
    counts.instansi = len(new_inst)
    inst_ids = dict(Instansi.objects.values_list("code", "pk"))

    unit_ids = {(i, c): pk for i, c, pk in UnitKerja.objects.values_list("instansi__code", "code", "pk")}
    depth_of: dict[tuple[str, str], int] = {}
    pending: list[tuple[int, str, PUnit]] = []
    for p in plans:
        for u in p.units:
            depth = 0 if u.parent is None else depth_of[(p.code, u.parent)] + 1
            depth_of[(p.code, u.code)] = depth
            if (p.code, u.code) not in unit_ids:
                pending.append((depth, p.code, u))
    for depth in sorted({d for d, _, _ in pending}):
        batch = [(code, u) for d, code, u in pending if d == depth]
        objs = UnitKerja.objects.bulk_create(
            [
                UnitKerja(
                    instansi_id=inst_ids[code],
                    parent_id=unit_ids[(code, u.parent)] if u.parent else None,
                    code=u.code,
                    name=u.name[:200],
                    serves_public=u.serves_public,
                )
                for code, u in batch
            ],
            batch_size=1000,
        )
        if any(o.pk is None for o in objs):  # backends that do not return ids
            unit_ids = {
                (i, c): pk for i, c, pk in UnitKerja.objects.values_list("instansi__code", "code", "pk")
            }
        else:
            unit_ids.update({(code, o.code): o.pk for (code, _), o in zip(batch, objs, strict=True)})
        counts.units += len(batch)

    jab_ids = {(i, c): pk for i, c, pk in Jabatan.objects.values_list("instansi__code", "code", "pk")}
    new_jab = [
        Jabatan(
            instansi_id=inst_ids[p.code],
            unit_id=unit_ids[(p.code, j.unit)],
            code=j.code,
            name=j.name,
            kind=j.kind,
        )
        for p in plans
        for j in p.jabatan.values()
        if (p.code, j.code) not in jab_ids
    ]
    Jabatan.objects.bulk_create(new_jab, batch_size=1000)
    counts.jabatan = len(new_jab)
    jab_ids = {(i, c): pk for i, c, pk in Jabatan.objects.values_list("instansi__code", "code", "pk")}

    User = get_user_model()
    asn_ids: dict[str, int] = dict(ASN.objects.values_list("nip", "pk"))
    demo_hash = make_password(D.DEMO_PASSWORD)
    index_nip = {(p.code, i): person.nip for p in plans for i, person in enumerate(p.people)}
    for level in range(4):
        todo = [
            (p, person)
            for p in plans
            for person in p.people
            if person.level == level and person.nip not in asn_ids
        ]
        if not todo:
            continue
        usernames = [person.username or person.nip for _, person in todo]
        taken = (
            set(User.objects.filter(username__in=usernames).values_list("username", flat=True))
            if len(usernames) < 5000
            else set(User.objects.values_list("username", flat=True))
        )
        users = [
            User(
                username=person.username or person.nip,
                first_name=person.name.split(" ")[0][:150],
                last_name=" ".join(person.name.split(",")[0].split(" ")[1:])[:150],
                email=f"{person.username or person.nip}@jambiprov.go.id",
                password=demo_hash if person.username else f"!demo{person.nip}",
                is_superuser=False,
                is_staff=False,
            )
            for _, person in todo
            if (person.username or person.nip) not in taken
        ]
        User.objects.bulk_create(users, batch_size=2000)
        user_ids = (
            dict(User.objects.filter(username__in=usernames).values_list("username", "pk"))
            if len(usernames) < 5000
            else dict(User.objects.values_list("username", "pk"))
        )
        objs = [
            ASN(
                user_id=user_ids[person.username or person.nip],
                nip=person.nip,
                name=person.name[:200],
                employment_type=person.employment_type,
                golongan=person.golongan,
                instansi_id=inst_ids[p.code],
                unit_id=unit_ids[(p.code, person.unit)],
                jabatan_id=jab_ids[(p.code, person.jabatan)],
                atasan_id=asn_ids.get(index_nip[(p.code, person.atasan)])
                if person.atasan is not None
                else None,
            )
            for p, person in todo
        ]
        ASN.objects.bulk_create(objs, batch_size=2000)
        asn_ids.update(
            ASN.objects.filter(pk__gt=0).values_list("nip", "pk")
            if len(objs) >= 5000
            else ASN.objects.filter(nip__in=[o.nip for o in objs]).values_list("nip", "pk")
        )
        counts.asn += len(objs)
        tick(len(objs))

    _demo_accounts()
    return counts


def _demo_accounts() -> None:
    """Groups for the demo logins, and the administrator."""
    User = get_user_model()
    for username, group_name in DEMO_LOGIN_GROUPS.items():
        user = User.objects.filter(username=username).first()
        if user is not None:
            user.groups.add(Group.objects.get(name=group_name))
    if not User.objects.filter(username="admin").exists():
        User.objects.create(
            username="admin",
            email="admin@jambiprov.go.id",
            first_name="Administrator",
            last_name="Pamong",
            password=make_password(D.DEMO_PASSWORD),
            is_superuser=True,
            is_staff=True,
        )


def demo_logins() -> list[tuple[str, str]]:
    """(username, description) of every demo login, administrator first."""
    return [("admin", "Administrator")] + [(u, desc) for u, _i, _u, _n, _p, desc in D.DEMO_LOGINS]
