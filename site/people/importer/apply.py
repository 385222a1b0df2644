"""Writing a valid ASN import plan in one transaction, level by level down the atasan hierarchy."""

from __future__ import annotations

import secrets
import sys
from collections import defaultdict
from collections.abc import Iterable

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import UNUSABLE_PASSWORD_PREFIX
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from tqdm import tqdm

from ..access import scopes_changed
from ..models import ASN
from ..signals import asn_positions_changed_send
from .plan import ASN_FIELDS, CHUNK_SIZE, MAX_LAYERS, AsnRow, ImportCounts, ImportPlan
from .rows_sql import insert_rows, update_rows


def asn_import_apply(*, plan: ImportPlan, progress: bool = False) -> ImportCounts:
    """Write a valid plan in one transaction and return what was done.

    Writes are set-based: one prepared INSERT run for all new users, one per hierarchy level for
    new ASN (so an atasan has a key before the rows that name it), one prepared UPDATE for the
    changed rows, and an ``atasan`` UPDATE only for chains deeper than :data:`MAX_LAYERS`.
    """
    if plan.errors:
        raise ValueError("An import plan with errors cannot be applied.")
    User = get_user_model()
    now = timezone.now()
    total = len(plan.to_create) * 2 + len(plan.to_update)
    with (
        transaction.atomic(),
        tqdm(total=total, desc=_("Menyimpan"), unit=" baris", file=sys.stderr, disable=not progress) as bar,
    ):
        # 1. Logins: new users for new NIPs, existing ones linked or brought up to date. Updates are
        # grouped by the fields they write, so no row gets another row's set of columns.
        user_ids: dict[str, int] = {}
        new_users: list[dict] = []
        user_updates: dict[tuple[str, ...], list[tuple]] = defaultdict(list)
        for row in plan.to_create:
            if row.nip in plan.free_user_ids:
                pk = user_ids[row.nip] = plan.free_user_ids[row.nip]
                fields = ("email", "first_name", "last_name") if row.email else ("first_name", "last_name")
                user_updates[fields].append((pk, *(getattr(row, f) for f in fields)))
            else:
                new_users.append(
                    {
                        "username": row.nip,
                        "email": row.email,
                        "first_name": row.first_name,
                        "last_name": row.last_name,
                        "password": UNUSABLE_PASSWORD_PREFIX + secrets.token_urlsafe(30),
                    }
                )
        for chunk in _chunks(new_users):
            user_ids.update(insert_rows(User, chunk, key="username"))
            bar.update(len(chunk))
        bar.update(len(plan.to_create) - len(new_users))
        for planned in plan.to_update:
            if planned.user_fields:
                fields = tuple(planned.user_fields)
                user_updates[fields].append((planned.user_id, *(getattr(planned.row, f) for f in fields)))
        for fields, values in user_updates.items():
            update_rows(User, fields, values)

        # 2. New ASN, in layers down the hierarchy: each layer's atasan already has a primary key,
        # so the atasan is written with the row. Past MAX_LAYERS (an unusually deep chain) the rest
        # is inserted at once and their atasan set by the second pass in step 4.
        asn_ids = dict(plan.asn_ids)
        late: list[AsnRow] = []  # inserted before their atasan had a key
        remaining = plan.to_create
        for depth in range(1, MAX_LAYERS + 1):
            if not remaining:
                break
            if depth == MAX_LAYERS:
                ready, remaining = remaining, []
            else:
                ready = [r for r in remaining if not r.atasan_nip or r.atasan_nip in asn_ids]
                remaining = [r for r in remaining if r.atasan_nip and r.atasan_nip not in asn_ids]
            late.extend(row for row in ready if row.atasan_nip and row.atasan_nip not in asn_ids)
            layer = [
                {
                    "user_id": user_ids[row.nip],
                    "nip": row.nip,
                    "name": row.name,
                    "employment_type": row.employment_type,
                    "golongan": row.golongan,
                    "instansi_id": row.instansi_id,
                    "unit_id": row.unit_id,
                    "jabatan_id": row.jabatan_id,
                    "atasan_id": asn_ids.get(row.atasan_nip),
                }
                for row in ready
            ]
            for chunk in _chunks(layer):
                asn_ids.update(insert_rows(ASN, chunk, key="nip"))
                bar.update(len(chunk))

        # 3. Changed ASN: the union of the fields that differ, plus updated_at. Every row carries
        # its wanted value for each of them, so a row is never given another row's values.
        changed = [planned for planned in plan.to_update if planned.asn_fields]
        fields = _ordered({f for planned in changed for f in planned.asn_fields}, (*ASN_FIELDS, "atasan_id"))
        for chunk in _chunks(changed):
            values = [
                (
                    planned.asn_id,
                    *(asn_ids.get(p.atasan_nip) if f == "atasan_id" else getattr(p, f) for f in fields),
                    now,
                )
                for planned in chunk
                for p in (planned.row,)
            ]
            update_rows(ASN, (*fields, "updated_at"), values)
            bar.update(len(chunk))

        # 4. Second pass: new ASN whose atasan was created after them in step 2.
        update_rows(ASN, ("atasan_id",), [(asn_ids[row.nip], asn_ids[row.atasan_nip]) for row in late])

        # 5. Tell the apps that keep per-position figures (competency fit) whose position changed.
        asn_positions_changed_send(
            asn_ids=[asn_ids[row.nip] for row in plan.to_create]
            + [planned.asn_id for planned in changed if "jabatan_id" in planned.asn_fields]
        )
        # 6. The set-based writes send no signals: the cached scopes (access.py) are stale.
        scopes_changed()
    return plan.counts


def _chunks(items: list) -> Iterable[list]:
    for i in range(0, len(items), CHUNK_SIZE):
        yield items[i : i + CHUNK_SIZE]


def _ordered(names: set[str], order: tuple[str, ...]) -> list[str]:
    return [name for name in order if name in names]
