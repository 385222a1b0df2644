"""Master data in: compare SIASN's data of an instansi's ASN with Pamong's and apply it.

:func:`siasn_pull` reads, for every ASN of the instansi, SIASN's ``/pns/data-utama/{nip}`` and,
once, ``/referensi/ref-unor``; turns SIASN's codes into Pamong's through the mappings
(:class:`~pamong.siasn.models.UnorMapping`, :class:`~pamong.siasn.models.JabatanMapping`) and hands
the result to the ASN importer (:func:`pamong.people.importer.asn_import_parse`), so master data
from SIASN obeys exactly the rules of ``import_asn``: every row validated first, every error with its
reason, then everything written in one transaction (:func:`~pamong.people.importer.asn_import_apply`)
or nothing. Status (active or not, from ``kedudukanPnsNama``) is the one field the importer does not
manage; it is written in the same transaction.

What SIASN decides: unit (``unorId``), position (``jabatanStrukturalId``, else
``jabatanFungsionalId``, else ``jabatanFungsionalUmumId``), golongan (``golRuangAkhir``), atasan
and status. The atasan is the head of the ASN's unor (``PemimpinPnsId`` of ref-unor), or, for the
head, the head of the unor above (``DiatasanId``); when that person is not an ASN known to Pamong,
Pamong's atasan is kept. Name and employment type stay Pamong's (SIASN's name carries degrees).

A run is recorded (:class:`~pamong.siasn.models.SiasnPullRun`) with every difference, applied or
not; running it again after it was applied finds nothing to change.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from pamong.people.access import scopes_changed
from pamong.people.importer import COLUMNS, asn_import_apply, asn_import_parse
from pamong.people.models import ASN, Instansi, Jabatan, UnitKerja

from .client import SiasnClient, SiasnError, SiasnNotFound, SiasnUnavailable, siasn_client
from .models import JabatanMapping, SiasnIdentity, SiasnPullDifference, SiasnPullRun, UnorMapping
from .references import ACTIVE_KEDUDUKAN

Field = SiasnPullDifference.Field
#: The importer's change names → the difference's field.
_IMPORT_FIELDS = {"unit": Field.UNIT, "jabatan": Field.JABATAN, "golongan": Field.GOLONGAN,
                  "atasan": Field.ATASAN, "instansi": Field.INSTANSI}  # fmt: skip


@dataclass
class _Found:
    """What the pull learnt, before it is recorded."""

    differences: list[dict] = field(default_factory=list)
    errors: list[dict] = field(default_factory=list)
    status_changes: dict[int, bool] = field(default_factory=dict)  # asn id → is_active
    identities: dict[int, str] = field(default_factory=dict)  # asn id → pnsOrangId
    changed_nips: set[str] = field(default_factory=set)

    def error(self, asn: ASN, field_: str, reason: str, *, siasn_value: str = "") -> None:
        self.errors.append(
            {
                "nip": asn.nip,
                "name": asn.name,
                "field": field_,
                "siasn_value": siasn_value[:255],
                "reason": reason,
                "is_error": True,
            }  # fmt: skip
        )

    def difference(self, asn: ASN, field_: str, pamong: str, siasn: str, reason: str) -> None:
        self.changed_nips.add(asn.nip)
        self.differences.append(
            {
                "nip": asn.nip,
                "name": asn.name,
                "field": field_,
                "pamong_value": pamong[:255],
                "siasn_value": siasn[:255],
                "reason": reason,
                "is_error": False,
            }  # fmt: skip
        )


def siasn_pull(
    *, instansi: Instansi, dry_run: bool = False, actor=None, client: SiasnClient | None = None
) -> SiasnPullRun:
    """Compare and (unless ``dry_run`` or anything is wrong) apply; the recorded run."""
    started = timezone.now()
    asn_list = list(
        ASN.objects.filter(instansi=instansi).select_related("unit", "jabatan", "atasan").order_by("nip")
    )
    found = _Found()
    try:
        client = client or siasn_client()
        rows = _rows_from_siasn(asn_list=asn_list, client=client, found=found)
    except SiasnUnavailable as exc:
        return _record(
            instansi, started, SiasnPullRun.Status.FAILED, asn_list, found, actor, dry_run, str(exc)
        )
    except SiasnError as exc:
        return _record(
            instansi, started, SiasnPullRun.Status.FAILED, asn_list, found, actor, dry_run, str(exc)
        )

    plan = asn_import_parse(text=_as_csv(rows))
    line_nip = {line: row["nip"] for line, row in enumerate(rows, start=2)}
    by_nip = {asn.nip: asn for asn in asn_list}
    for error in plan.errors:
        asn = by_nip.get(line_nip.get(error.line, ""))
        if asn is not None:
            found.error(asn, Field.RECORD, f"{error.column}: {error.message}")
    if not found.errors:
        _describe_updates(plan=plan, rows=rows, by_nip=by_nip, found=found)

    if found.errors:
        return _record(instansi, started, SiasnPullRun.Status.REJECTED, asn_list, found, actor, dry_run,
                       _("Tidak ada yang diubah: perbaiki kesalahan di bawah (atau pemetaannya), lalu ulangi."))  # fmt: skip
    if not found.changed_nips:
        with transaction.atomic():
            _identities_save(found)
            return _record(
                instansi, started, SiasnPullRun.Status.UNCHANGED, asn_list, found, actor, dry_run, ""
            )
    if dry_run:
        return _record(instansi, started, SiasnPullRun.Status.DRY_RUN, asn_list, found, actor, dry_run, "")
    with transaction.atomic():
        counts = asn_import_apply(plan=plan)
        for asn_id, active in found.status_changes.items():
            ASN.objects.filter(pk=asn_id).update(is_active=active, updated_at=timezone.now())
        if found.status_changes:
            scopes_changed()  # an update() sends no signal: the cached scopes (access.py) are stale
        _identities_save(found)
        return _record(
            instansi, started, SiasnPullRun.Status.APPLIED, asn_list, found, actor, dry_run, str(counts)
        )


def _rows_from_siasn(*, asn_list: list[ASN], client: SiasnClient, found: _Found) -> list[dict]:
    """One importer row per ASN SIASN knows, in the importer's columns; errors into ``found``."""
    unors = {str(u.get("Id")): u for u in client.ref_unor()}
    unor_map = dict(UnorMapping.objects.values_list("siasn_unor_id", "unit_id"))
    jabatan_map = dict(JabatanMapping.objects.values_list("siasn_jabatan_id", "jabatan_id"))
    units = UnitKerja.objects.select_related("instansi").in_bulk(set(unor_map.values()))
    jabatan = Jabatan.objects.in_bulk(set(jabatan_map.values()))
    data: dict[str, dict] = {}
    for asn in asn_list:
        try:
            data[asn.nip] = client.data_utama(asn.nip)
        except SiasnNotFound:
            found.error(asn, Field.RECORD, _("NIP tidak ditemukan di SIASN."))
    orang_nip = {str(d.get("id")): nip for nip, d in data.items() if d.get("id")}
    known = {asn.nip for asn in asn_list}
    rows = []
    for asn in asn_list:
        item = data.get(asn.nip)
        if item is None:
            continue
        if item.get("id"):
            found.identities[asn.pk] = str(item["id"])
        unor_id = str(item.get("unorId") or "")
        unit = units.get(unor_map.get(unor_id))
        if unit is None:
            found.error(asn, Field.UNIT, _("Unor SIASN ini belum dipetakan ke unit kerja Pamong."),
                        siasn_value=f"{unor_id} {item.get('unorNama') or ''}".strip())  # fmt: skip
        jabatan_id = next(
            (str(item[k]) for k in ("jabatanStrukturalId", "jabatanFungsionalId", "jabatanFungsionalUmumId")
             if item.get(k)), "")  # fmt: skip
        position = jabatan.get(jabatan_map.get(jabatan_id))
        if position is None:
            found.error(asn, Field.JABATAN, _("Jabatan SIASN ini belum dipetakan ke jabatan Pamong."),
                        siasn_value=f"{jabatan_id} {item.get('jabatanNama') or ''}".strip())  # fmt: skip
        if unit is None or position is None:
            continue
        atasan_nip = _atasan_nip(item=item, unors=unors, orang_nip=orang_nip, known=known)
        if atasan_nip is None:
            atasan_nip = asn.atasan.nip if asn.atasan_id else ""
        active = str(item.get("kedudukanPnsNama") or "").strip().lower() in ACTIVE_KEDUDUKAN
        if active != asn.is_active:
            found.status_changes[asn.pk] = active
            found.difference(
                asn, Field.STATUS, _("aktif") if asn.is_active else _("tidak aktif"),
                str(item.get("kedudukanPnsNama") or ""),
                _("Kedudukan di SIASN: %(k)s.") % {"k": item.get("kedudukanPnsNama") or "-"},
            )  # fmt: skip
        rows.append(
            {
                "nip": asn.nip,
                "nama": asn.name,
                "jenis": asn.employment_type,
                "golongan": str(item.get("golRuangAkhir") or asn.golongan),
                "instansi": unit.instansi.code,
                "unit": unit.code,
                "jabatan": position.code,
                "atasan_nip": atasan_nip,
                "email": "",
            }  # fmt: skip
        )
    return rows


def _atasan_nip(*, item: dict, unors: dict, orang_nip: dict, known: set[str]) -> str | None:
    """The NIP of the ASN's atasan according to SIASN's unor tree, or ``None`` when unknown."""
    unor = unors.get(str(item.get("unorId") or ""))
    if unor is None:
        return None
    head = str(unor.get("PemimpinPnsId") or "")
    if head == str(item.get("id")):
        parent = unors.get(str(unor.get("DiatasanId") or ""))
        head = str(parent.get("PemimpinPnsId") or "") if parent else ""
    nip = orang_nip.get(head)
    return nip if nip in known else None


def _as_csv(rows: list[dict]) -> str:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(COLUMNS), lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    return out.getvalue()


def _describe_updates(*, plan, rows: list[dict], by_nip: dict[str, ASN], found: _Found) -> None:
    """Every field the importer would change, with Pamong's and SIASN's values and the reason."""
    row_of = {row["nip"]: row for row in rows}
    for planned in plan.to_update:
        asn = by_nip[planned.row.nip]
        wanted = row_of[asn.nip]
        for change in planned.changed:
            kind = _IMPORT_FIELDS.get(change)
            if kind is None:
                continue
            pamong, siasn = _values(asn, kind, wanted)
            found.difference(asn, kind, pamong, siasn, _("SIASN mencatat nilai lain; data SIASN dipakai."))


def _values(asn: ASN, kind: str, wanted: dict) -> tuple[str, str]:
    if kind == Field.UNIT:
        return f"{asn.unit.code} {asn.unit.name}", wanted["unit"]
    if kind == Field.JABATAN:
        return f"{asn.jabatan.code} {asn.jabatan.name}", wanted["jabatan"]
    if kind == Field.GOLONGAN:
        return asn.golongan, wanted["golongan"]
    if kind == Field.ATASAN:
        return (asn.atasan.nip if asn.atasan_id else ""), wanted["atasan_nip"]
    return asn.instansi.code, wanted["instansi"]


def _identities_save(found: _Found) -> None:
    for asn_id, orang_id in found.identities.items():
        SiasnIdentity.objects.update_or_create(asn_id=asn_id, defaults={"pns_orang_id": orang_id})


def _record(instansi, started, status, asn_list, found: _Found, actor, dry_run, message) -> SiasnPullRun:
    run = SiasnPullRun.objects.create(
        instansi=instansi,
        started_at=started,
        finished_at=timezone.now(),
        status=status,
        dry_run=dry_run,
        asn_count=len(asn_list),
        changed_count=len(found.changed_nips),
        error_count=len(found.errors),
        message=message,
        triggered_by=actor,
    )
    SiasnPullDifference.objects.bulk_create(
        SiasnPullDifference(run=run, **item) for item in (*found.errors, *found.differences)
    )
    return run
