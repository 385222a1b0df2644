"""Reading and checking an ASN file against the database: :func:`asn_import_parse` returns an
:class:`~pamong.people.importer.plan.ImportPlan` with every error, or exactly what to write."""

from __future__ import annotations

import re
import sys
from collections.abc import Iterable
from dataclasses import dataclass
from typing import NamedTuple

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.utils.translation import gettext as _
from tqdm import tqdm

from pamong.csvfile import CsvFile

from ..models import ASN, GOLONGAN_PNS, GOLONGAN_PPPK, Instansi, Jabatan, UnitKerja
from ..nip import nip_errors
from .plan import ASN_FIELDS, COLUMNS, REQUIRED_VALUES, AsnRow, ImportPlan, PlannedUpdate, RowError

#: A NIP that a spreadsheet turned into a number, e.g. ``1.98503E+17``.
_SCIENTIFIC = re.compile(r"\d+(?:[.,]\d+)?[eE]\+?\d+")


def asn_import_parse(*, text: str, progress: bool = False) -> ImportPlan:
    """Validate ``text`` (a whole CSV file) against the database and plan the writes.

    Nothing is written. Every problem found is in ``plan.errors``, sorted by line; when there is
    any, ``to_create``/``to_update`` are empty.
    """
    file = CsvFile(text)
    plan = ImportPlan(delimiter=file.delimiter, errors=file.errors)
    if not file.header(columns=COLUMNS):
        return plan

    ref = _Reference.load()
    seen: dict[str, int] = {}  # nip → line of its first occurrence
    atasan_cells: list[tuple[int, str, str]] = []  # (line, nip, atasan_nip) to check once all NIPs are known
    rows_iter = tqdm(
        file.records(),
        desc=_("Memeriksa"),
        # Physical lines; quoted newlines make it approximate.
        total=max(file.text.count("\n") - 1, 0) or None,
        unit=" baris",
        file=sys.stderr,
        disable=not progress,
    )
    for line, values in rows_iter:
        _check_record(line, values, ref, seen, atasan_cells, plan)

    _check_atasan(atasan_cells, seen, ref, plan.errors)
    plan.errors.sort(key=lambda e: (e.line, list(COLUMNS).index(e.column) if e.column in COLUMNS else 99))
    if plan.errors:
        plan.rows = []
        return plan
    _plan_writes(plan, ref)
    return plan


def _check_record(
    line: int,
    values: dict[str, str],
    ref: _Reference,
    seen: dict[str, int],
    atasan_cells: list[tuple[int, str, str]],
    plan: ImportPlan,
) -> None:
    """Check one record's values, adding its errors to ``plan`` and, when valid, its row."""
    row = _validate_row(line, values, ref, plan.errors)
    nip = _clean_nip(values["nip"])
    if nip:
        if nip in seen:
            plan.errors.append(
                RowError(
                    line,
                    "nip",
                    _("NIP %(nip)s sudah muncul di baris %(first)d.") % {"nip": nip, "first": seen[nip]},
                )
            )
            return
        seen[nip] = line
        if nip not in ref.asn and nip in ref.asn_usernames:
            plan.errors.append(
                RowError(
                    line,
                    "nip",
                    _("Nama pengguna %(nip)s sudah dipakai akun ASN lain (NIP %(other)s).")
                    % {"nip": nip, "other": ref.asn_usernames[nip]},
                )
            )
    atasan = _clean_nip(values["atasan_nip"])
    if nip and atasan:
        atasan_cells.append((line, nip, atasan))
    if row is not None:
        plan.rows.append(row)


def _clean_nip(value: str) -> str:
    return "".join(value.split())


def _normalise_golongan(value: str) -> str:
    if "/" in value:
        rank, _sep, room = value.partition("/")
        return f"{rank.strip().upper()}/{room.strip().lower()}"
    return value.upper()


class _Stored(NamedTuple):
    """An ASN as the database holds it, with its login's fields."""

    id: int
    nip: str
    user_id: int
    username: str
    name: str
    employment_type: str
    golongan: str
    instansi_id: int
    unit_id: int
    jabatan_id: int
    atasan_id: int | None
    email: str
    first_name: str
    last_name: str


class _Codes:
    """Codes to primary keys: an exact match first, else a unique case-insensitive one."""

    def __init__(self, items: Iterable[tuple[object, object]]) -> None:
        self.exact: dict = {}
        self.folded: dict = {}
        for key, value in items:
            self.exact[key] = value
            folded = _fold(key)
            self.folded[folded] = None if folded in self.folded else value  # None: ambiguous

    def get(self, key):
        found = self.exact.get(key)
        return found if found is not None else self.folded.get(_fold(key))


def _fold(key):
    return (
        tuple(k.upper() if isinstance(k, str) else k for k in key) if isinstance(key, tuple) else key.upper()
    )


@dataclass
class _Reference:
    """The database rows a file is checked against, read once with a handful of queries."""

    instansi: _Codes  # code → id
    units: _Codes  # (instansi_id, code) → unit id
    jabatan: _Codes  # (instansi_id, code) → (id, instansi_id of the jabatan's unit)
    asn: dict[str, _Stored]  # by NIP
    asn_nip_by_id: dict[int, str]
    asn_usernames: dict[str, str]  # username of a login that has an ASN → that ASN's NIP

    @classmethod
    def load(cls) -> _Reference:
        instansi = _Codes(Instansi.objects.values_list("code", "id"))
        units = _Codes(
            ((i, c), pk) for pk, i, c in UnitKerja.objects.values_list("id", "instansi_id", "code")
        )
        jabatan = _Codes(
            ((i, c), (pk, ui))
            for pk, i, c, ui in Jabatan.objects.values_list("id", "instansi_id", "code", "unit__instansi_id")
        )
        columns = [
            "user__" + f if f in ("username", "email", "first_name", "last_name") else f
            for f in _Stored._fields
        ]
        asn = {}
        for values in ASN.objects.order_by().values_list(*columns).iterator(chunk_size=5000):
            stored = _Stored(*values)
            asn[stored.nip] = stored
        nip_by_id = {stored.id: nip for nip, stored in asn.items()}
        usernames = {stored.username: nip for nip, stored in asn.items()}
        return cls(instansi, units, jabatan, asn, nip_by_id, usernames)


def _validate_row(
    line: int, values: dict[str, str], ref: _Reference, errors: list[RowError]
) -> AsnRow | None:
    """Check one row's cells; append its errors and return the row when it has none."""
    before = len(errors)

    def error(column: str, message: str) -> None:
        errors.append(RowError(line, column, message))

    for column in REQUIRED_VALUES:
        if not values[column]:
            error(column, _("Kolom %(c)s wajib diisi.") % {"c": column})

    jenis = values["jenis"].upper()
    if values["jenis"] and jenis not in ASN.EmploymentType.values:
        error("jenis", _("Jenis %(v)s tidak dikenal; pilih PNS atau PPPK.") % {"v": values["jenis"]})
    nip = _clean_nip(values["nip"])
    if _SCIENTIFIC.fullmatch(nip):
        error(
            "nip",
            _(
                "NIP %(v)s tertulis dalam notasi ilmiah (diubah oleh Excel); format kolom nip sebagai Teks lalu ekspor ulang."
            )
            % {"v": nip},
        )
    elif nip:
        # With an unknown jenis only the length and digits are checked (as for a PPPK).
        for message in nip_errors(nip, employment_type=jenis if jenis == "PNS" else "PPPK"):
            error("nip", message)

    name = " ".join(values["nama"].split())
    if len(name) > 200:
        error("nama", _("Nama terlalu panjang (%(n)d karakter, maksimal 200).") % {"n": len(name)})

    golongan = _normalise_golongan(values["golongan"])
    if golongan and jenis in ASN.EmploymentType.values:
        allowed = GOLONGAN_PNS if jenis == "PNS" else GOLONGAN_PPPK
        if golongan not in allowed:
            error(
                "golongan",
                _("Golongan %(g)s tidak berlaku untuk %(t)s (contoh: %(e)s).")
                % {"g": values["golongan"], "t": jenis, "e": "III/b" if jenis == "PNS" else "IX"},
            )

    instansi_id = unit_id = jabatan_id = None
    if values["instansi"]:
        instansi_id = ref.instansi.get(values["instansi"])
        if instansi_id is None:
            error("instansi", _("Kode instansi %(c)s tidak dikenal.") % {"c": values["instansi"]})
    if instansi_id is not None and values["unit"]:
        unit_id = ref.units.get((instansi_id, values["unit"]))
        if unit_id is None:
            error(
                "unit",
                _("Kode unit %(c)s tidak ada di instansi %(i)s.")
                % {"c": values["unit"], "i": values["instansi"]},
            )
    if instansi_id is not None and values["jabatan"]:
        found = ref.jabatan.get((instansi_id, values["jabatan"]))
        if found is None:
            error(
                "jabatan",
                _("Kode jabatan %(c)s tidak ada di instansi %(i)s.")
                % {"c": values["jabatan"], "i": values["instansi"]},
            )
        elif found[1] != instansi_id:
            error(
                "jabatan",
                _("Jabatan %(c)s terdaftar pada unit di luar instansi %(i)s.")
                % {"c": values["jabatan"], "i": values["instansi"]},
            )
        else:
            jabatan_id = found[0]

    email = values["email"]
    if email:
        try:
            validate_email(email)
        except ValidationError:
            error("email", _("Alamat email %(e)s tidak valid.") % {"e": email})

    if len(errors) > before:
        return None
    return AsnRow(
        line=line,
        nip=nip,
        name=name,
        employment_type=jenis,
        golongan=golongan,
        instansi_id=instansi_id,
        unit_id=unit_id,
        jabatan_id=jabatan_id,
        atasan_nip=_clean_nip(values["atasan_nip"]),
        email=email,
    )


def _check_atasan(
    cells: list[tuple[int, str, str]], file_lines: dict[str, int], ref: _Reference, errors: list[RowError]
) -> None:
    """Unknown atasan, an ASN as its own atasan, and cycles through the file and the database."""
    parent: dict[str, str | None] = {}
    for line, nip, atasan in cells:
        if file_lines.get(nip) != line:
            continue  # a duplicate NIP, already reported
        if atasan == nip:
            errors.append(RowError(line, "atasan_nip", _("ASN tidak dapat menjadi atasannya sendiri.")))
        elif atasan not in file_lines and atasan not in ref.asn:
            errors.append(
                RowError(
                    line,
                    "atasan_nip",
                    _("NIP atasan %(n)s tidak ada di berkas ini maupun di basis data.") % {"n": atasan},
                )
            )
        else:
            parent[nip] = atasan

    def atasan_of(nip: str) -> str | None:
        if nip in file_lines:  # the file decides the atasan of every ASN it lists
            return parent.get(nip)
        stored = ref.asn.get(nip)
        return ref.asn_nip_by_id.get(stored.atasan_id) if stored and stored.atasan_id else None

    done: set[str] = set()
    for start in parent:
        path: list[str] = []
        on_path: dict[str, int] = {}
        node: str | None = start
        while node is not None and node not in done and node not in on_path:
            on_path[node] = len(path)
            path.append(node)
            node = atasan_of(node)
        if node is not None and node in on_path:
            cycle = path[on_path[node] :]
            if len(cycle) > 1:  # length 1 is an ASN as its own atasan, reported above
                shown = [*cycle[:6], "…"] if len(cycle) > 6 else [*cycle, cycle[0]]
                for member in cycle:
                    if member in file_lines:
                        errors.append(
                            RowError(
                                file_lines[member],
                                "atasan_nip",
                                _("Rantai atasan membentuk siklus: %(c)s.") % {"c": " → ".join(shown)},
                            )
                        )
        done.update(path)


def _plan_writes(plan: ImportPlan, ref: _Reference) -> None:
    plan.asn_ids = {nip: stored.id for nip, stored in ref.asn.items()}
    User = get_user_model()
    new_nips = [row.nip for row in plan.rows if row.nip not in ref.asn]
    if new_nips:
        # Logins without an ASN are few (administrators, humas); their usernames decide reuse.
        free = dict(User.objects.filter(asn__isnull=True).values_list("username", "id"))
        plan.free_user_ids = {nip: free[nip] for nip in new_nips if nip in free}
    for row in plan.rows:
        stored = ref.asn.get(row.nip)
        if stored is None:
            plan.to_create.append(row)
            continue
        asn_fields = [name for name in ASN_FIELDS if getattr(row, name) != getattr(stored, name)]
        if row.atasan_nip != ref.asn_nip_by_id.get(stored.atasan_id, ""):
            asn_fields.append("atasan_id")
        user_fields = [
            name for name in ("first_name", "last_name") if getattr(row, name) != getattr(stored, name)
        ]
        if row.email and row.email != stored.email:  # an empty cell keeps the stored address
            user_fields.insert(0, "email")
        if asn_fields or user_fields:
            plan.to_update.append(PlannedUpdate(row, stored.id, stored.user_id, asn_fields, user_fields))
        else:
            plan.unchanged += 1
