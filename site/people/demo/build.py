"""The demo plan written level by level with ``bulk_create`` (parents first, so every ``atasan``
has its id before its reports), and the demo logins."""

from __future__ import annotations

from collections.abc import Callable

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import Group

from .. import demo_data as D
from ..access import scopes_changed
from ..models import ASN, Instansi, Jabatan, UnitKerja
from .plan import DEMO_LOGIN_GROUPS, DemoCounts, PUnit, demo_plan


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
    scopes_changed()  # bulk_create sends no signals: the cached scopes (access.py) are stale
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
