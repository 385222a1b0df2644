"""Import ASN from a CSV file: validate every row first, then write everything in one transaction.

The file has the header ``nip,nama,jenis,golongan,instansi,unit,jabatan,atasan_nip,email`` (any
order, names case-insensitive), is UTF-8 with or without BOM, and is delimited by commas or
semicolons (Excel in an Indonesian locale writes semicolons). One row is one ASN:

* ``nip`` — the NIP (PNS) or NI PPPK, 18 digits; spaces inside are ignored (``19850312 201001 1 004``);
* ``nama`` — full name; ``jenis`` — ``PNS`` or ``PPPK``; ``golongan`` — optional, e.g. ``III/b``
  for a PNS or ``IX`` for a PPPK;
* ``instansi`` — an :class:`~pamong.people.models.Instansi` code; ``unit`` and ``jabatan`` — a
  unit kerja code and a jabatan code inside that instansi;
* ``atasan_nip`` — optional NIP of the direct supervisor (*atasan*), who may appear later in the
  file or already exist in the database;
* ``email`` — optional; an empty cell keeps the address already stored.

:func:`asn_import_parse` reads the text and the current database into an :class:`ImportPlan`
(every error with its physical line and column, and what would be created or updated);
:func:`asn_import_apply` writes a valid plan with set-based queries: one prepared INSERT run for
all new users, one for the new ASN of each hierarchy level (so every atasan has a key before its
staff), one prepared UPDATE for the changed rows, and a second atasan pass only for unusually deep
chains. Prepared statements run through ``executemany`` cost a fraction of ``bulk_create`` and
``bulk_update`` (no model instance or ``CASE`` branch per row) and are the same plain SQL on
SQLite and PostgreSQL. Importing
the same file twice changes nothing the second time: a row is only written when one of its values
differs from the database. ASN missing from the file are left alone (no deactivation).

New ASN get a login whose username is the NIP, with an unusable password (they set one through
password reset or an administrator does).
"""

from __future__ import annotations

import csv
import re
import secrets
import sys
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import NamedTuple

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import UNUSABLE_PASSWORD_PREFIX
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import connections, router, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from tqdm import tqdm

from pamong.csvfile import (
    CsvSyntaxError,
    RowError,
    control_character_cell,
    csv_delimiter,
    csv_reader,
    csv_records,
    csv_text,
)

from .models import ASN, GOLONGAN_PNS, GOLONGAN_PPPK, Instansi, Jabatan, UnitKerja
from .nip import nip_errors
from .signals import asn_positions_changed_send

#: The header columns, in the documented order. All are required in the header; the cells of
#: ``golongan``, ``atasan_nip`` and ``email`` may be empty.
COLUMNS = ("nip", "nama", "jenis", "golongan", "instansi", "unit", "jabatan", "atasan_nip", "email")
REQUIRED_VALUES = ("nip", "nama", "jenis", "instansi", "unit", "jabatan")
#: NIPs per ``IN (…)`` lookup when reading back new primary keys (below SQLite's 999 parameters).
LOOKUP_SIZE = 900
#: Hierarchy levels inserted one after another before the rest falls back to a second pass.
MAX_LAYERS = 12
#: Rows handed to one bulk call, so the progress bar moves on large files.
CHUNK_SIZE = 5000

#: A NIP that a spreadsheet turned into a number, e.g. ``1.98503E+17``.
_SCIENTIFIC = re.compile(r"\d+(?:[.,]\d+)?[eE]\+?\d+")
_ASN_FIELDS = ("name", "employment_type", "golongan", "instansi_id", "unit_id", "jabatan_id")


@dataclass
class AsnRow:
    """One valid row, its codes resolved to primary keys."""

    line: int
    nip: str
    name: str
    employment_type: str
    golongan: str
    instansi_id: int
    unit_id: int
    jabatan_id: int
    atasan_nip: str  # "" when the ASN has no atasan
    email: str  # "" keeps the stored address

    @property
    def first_name(self) -> str:
        return self.name.split(" ", 1)[0][:150]

    @property
    def last_name(self) -> str:
        parts = self.name.split(" ", 1)
        return parts[1][:150] if len(parts) > 1 else ""


@dataclass
class PlannedUpdate:
    """An existing ASN whose row in the file differs from the database."""

    row: AsnRow
    asn_id: int
    user_id: int
    asn_fields: list[str]  # model attnames to write, e.g. ["name", "atasan_id"]
    user_fields: list[str]  # e.g. ["email"]

    @property
    def changed(self) -> list[str]:
        return [f.removesuffix("_id") for f in self.asn_fields] + [f"user.{f}" for f in self.user_fields]


@dataclass(frozen=True)
class ImportCounts:
    created: int = 0
    updated: int = 0
    unchanged: int = 0

    def __str__(self) -> str:
        return f"{self.created} created, {self.updated} updated, {self.unchanged} unchanged"


@dataclass
class ImportPlan:
    """The outcome of :func:`asn_import_parse`: errors, or exactly what :func:`asn_import_apply` will do."""

    delimiter: str = ","
    errors: list[RowError] = field(default_factory=list)
    rows: list[AsnRow] = field(default_factory=list)
    to_create: list[AsnRow] = field(default_factory=list)
    to_update: list[PlannedUpdate] = field(default_factory=list)
    unchanged: int = 0
    #: Primary keys of the ASN already in the database, by NIP (atasan resolution).
    asn_ids: dict[str, int] = field(default_factory=dict)
    #: Users without an ASN whose username is a NIP being created: they are linked, not duplicated.
    free_user_ids: dict[str, int] = field(default_factory=dict)

    @property
    def is_valid(self) -> bool:
        return not self.errors

    @property
    def counts(self) -> ImportCounts:
        return ImportCounts(len(self.to_create), len(self.to_update), self.unchanged)


def asn_import_parse(*, text: str, progress: bool = False) -> ImportPlan:
    """Validate ``text`` (a whole CSV file) against the database and plan the writes.

    Nothing is written. Every problem found is in ``plan.errors``, sorted by line; when there is
    any, ``to_create``/``to_update`` are empty.
    """
    text = csv_text(text)
    plan = ImportPlan(delimiter=csv_delimiter(text))
    reader = csv_reader(text, delimiter=plan.delimiter)
    try:
        columns = _read_header(reader, plan)
    except csv.Error as exc:
        plan.errors.append(RowError(1, COLUMNS[0], _("Baris judul tidak terbaca: %(e)s.") % {"e": exc}))
        return plan
    if columns is None:
        return plan

    ref = _Reference.load()
    seen: dict[str, int] = {}  # nip → line of its first occurrence
    atasan_cells: list[tuple[int, str, str]] = []  # (line, nip, atasan_nip) to check once all NIPs are known
    rows_iter = tqdm(
        csv_records(reader, text=text, delimiter=plan.delimiter),
        desc=_("Memeriksa"),
        total=max(text.count("\n") - 1, 0) or None,  # physical lines; quoted newlines make it approximate
        unit=" baris",
        file=sys.stderr,
        disable=not progress,
    )
    try:
        for line, cells in rows_iter:
            _check_record(line, cells, columns, ref, seen, atasan_cells, plan)
    except CsvSyntaxError as exc:
        plan.errors.append(
            RowError(
                exc.line,
                columns.get(exc.index) or str(exc.index + 1),
                _("Baris tidak terbaca (%(e)s); pembacaan berkas berhenti di sini.") % {"e": exc.message},
            )
        )

    _check_atasan(atasan_cells, seen, ref, plan.errors)
    plan.errors.sort(key=lambda e: (e.line, list(COLUMNS).index(e.column) if e.column in COLUMNS else 99))
    if plan.errors:
        plan.rows = []
        return plan
    _plan_writes(plan, ref)
    return plan


def _check_record(
    line: int,
    cells: list[str],
    columns: dict[int, str],
    ref: _Reference,
    seen: dict[str, int],
    atasan_cells: list[tuple[int, str, str]],
    plan: ImportPlan,
) -> None:
    """Check one record, adding its errors to ``plan`` and, when valid, its row."""
    if len(cells) != len(columns):
        plan.errors.append(_field_count_error(line, cells, columns))
        return
    control = control_character_cell(cells)
    if control is not None:
        index, message = control
        plan.errors.append(RowError(line, columns.get(index) or str(index + 1), message))
        return
    values = {name: cells[i].strip() for i, name in columns.items() if name}
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
            user_ids.update(_insert_rows(User, chunk, key="username"))
            bar.update(len(chunk))
        bar.update(len(plan.to_create) - len(new_users))
        for planned in plan.to_update:
            if planned.user_fields:
                fields = tuple(planned.user_fields)
                user_updates[fields].append((planned.user_id, *(getattr(planned.row, f) for f in fields)))
        for fields, values in user_updates.items():
            _update_rows(User, fields, values)

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
                asn_ids.update(_insert_rows(ASN, chunk, key="nip"))
                bar.update(len(chunk))

        # 3. Changed ASN: the union of the fields that differ, plus updated_at. Every row carries
        # its wanted value for each of them, so a row is never given another row's values.
        changed = [planned for planned in plan.to_update if planned.asn_fields]
        fields = _ordered({f for planned in changed for f in planned.asn_fields}, (*_ASN_FIELDS, "atasan_id"))
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
            _update_rows(ASN, (*fields, "updated_at"), values)
            bar.update(len(chunk))

        # 4. Second pass: new ASN whose atasan was created after them in step 2.
        _update_rows(ASN, ("atasan_id",), [(asn_ids[row.nip], asn_ids[row.atasan_nip]) for row in late])

        # 5. Tell the apps that keep per-position figures (competency fit) whose position changed.
        asn_positions_changed_send(
            asn_ids=[asn_ids[row.nip] for row in plan.to_create]
            + [planned.asn_id for planned in changed if "jabatan_id" in planned.asn_fields]
        )
    return plan.counts


# --- parsing -------------------------------------------------------------------------------------


def _read_header(reader: Iterator[list[str]], plan: ImportPlan) -> dict[int, str] | None:
    """Map cell positions to column names, or record the header's errors and return ``None``."""
    for cells in reader:
        if any(c.strip() for c in cells):
            break
    else:
        plan.errors.append(RowError(1, COLUMNS[0], _("Berkas kosong: baris judul tidak ditemukan.")))
        return None
    line = reader.line_num
    names = [c.strip().lower().removeprefix("\ufeff") for c in cells]
    columns: dict[int, str] = {}
    for i, name in enumerate(names):
        if name in COLUMNS:
            if name in columns.values():
                plan.errors.append(RowError(line, name, _("Kolom %(c)s muncul dua kali.") % {"c": name}))
            else:
                columns[i] = name
    for name in COLUMNS:
        if name not in columns.values():
            plan.errors.append(
                RowError(
                    line,
                    name,
                    _("Kolom wajib %(c)s tidak ada di baris judul (pemisah terbaca: %(d)s).")
                    % {"c": name, "d": plan.delimiter},
                )
            )
    if plan.errors:
        return None
    # Unknown extra columns are ignored, but every row must still have as many cells as the header.
    return {i: names[i] if i in columns else "" for i in range(len(names))}


def _field_count_error(line: int, cells: list[str], columns: dict[int, str]) -> RowError:
    """Too few cells names the first missing column; too many names the first extra position."""
    expected = len(columns)
    if len(cells) < expected:
        return RowError(
            line,
            columns[len(cells)] or str(len(cells) + 1),
            _("Baris ini berisi %(n)d kolom, seharusnya %(e)d.") % {"n": len(cells), "e": expected},
        )
    return RowError(
        line,
        str(expected + 1),
        _("Baris ini berisi %(n)d kolom, seharusnya %(e)d; periksa pemisah dan tanda kutip.")
        % {"n": len(cells), "e": expected},
    )


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
        asn_fields = [name for name in _ASN_FIELDS if getattr(row, name) != getattr(stored, name)]
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


# --- writing -------------------------------------------------------------------------------------


def _chunks(items: list) -> Iterable[list]:
    for i in range(0, len(items), CHUNK_SIZE):
        yield items[i : i + CHUNK_SIZE]


def _ordered(names: set[str], order: tuple[str, ...]) -> list[str]:
    return [name for name in order if name in names]


def _insert_rows(model, rows: list[dict], *, key: str) -> dict[str, int]:
    """``INSERT INTO … VALUES (%s, …)``: one prepared statement run for every row (``COPY`` on
    PostgreSQL), which costs a fraction of ``bulk_create`` (no model instance per row). Returns the
    new primary keys by ``key``.

    Each row maps attnames to values; every other field gets its default, ``auto_now`` fields the
    current time, so a field added later with a default needs no change here. Like
    ``bulk_create`` it sends no signals and calls no ``save()``.
    """
    if not rows:
        return {}
    connection = connections[router.db_for_write(model)]
    qn = connection.ops.quote_name
    meta = model._meta
    fields = [f for f in meta.concrete_fields if not f.primary_key]
    now = timezone.now()
    fixed, per_row = {}, []
    for f in fields:
        if getattr(f, "auto_now", False) or getattr(f, "auto_now_add", False):
            fixed[f.attname] = now
        elif f.attname not in rows[0] and callable(f.default):
            per_row.append(f)  # e.g. date_joined = timezone.now, called per row like the ORM does
        elif f.attname not in rows[0]:
            fixed[f.attname] = f.get_default()
    sql = "INSERT INTO {} ({}) VALUES ({})".format(
        qn(meta.db_table), ", ".join(qn(f.column) for f in fields), ", ".join(["%s"] * len(fields))
    )
    params = []
    for row in rows:
        values = {**fixed, **{f.attname: f.get_default() for f in per_row}, **row}
        params.append([f.get_db_prep_save(values[f.attname], connection) for f in fields])
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            _copy_in(cursor, meta.db_table, [f.column for f in fields], params, qn)
        else:
            cursor.executemany(sql, params)
    keys = [row[key] for row in rows]
    found: dict[str, int] = {}
    for i in range(0, len(keys), LOOKUP_SIZE):
        found.update(
            model._default_manager.filter(**{f"{key}__in": keys[i : i + LOOKUP_SIZE]})
            .order_by()
            .values_list(key, "pk")
        )
    return found


def _update_rows(model, fields: tuple[str, ...], rows: list[tuple]) -> None:
    """``UPDATE … SET f1 = %s, … WHERE pk = %s``: one prepared statement run for every row.

    Each row is ``(pk, value1, value2, …)`` in the order of ``fields`` (attnames). Like
    ``bulk_update`` it sends no signals; unlike it, it builds no ``CASE`` expression per row
    (which made 90,000 updates take minutes): SQLite reuses the prepared statement; PostgreSQL
    gets the rows through ``COPY`` into a temporary table and one ``UPDATE … FROM``.
    """
    if not rows:
        return
    connection = connections[router.db_for_write(model)]
    qn = connection.ops.quote_name
    meta = model._meta
    by_attname = {f.attname: f for f in meta.concrete_fields}
    columns = [by_attname[name] for name in fields]
    sql = "UPDATE {} SET {} WHERE {} = %s".format(
        qn(meta.db_table), ", ".join(f"{qn(f.column)} = %s" for f in columns), qn(meta.pk.column)
    )
    params = [
        [f.get_db_prep_save(value, connection) for f, value in zip(columns, values, strict=True)] + [pk]
        for pk, *values in rows
    ]
    with connection.cursor() as cursor:
        if connection.vendor != "postgresql":
            cursor.executemany(sql, params)
            return
        # PostgreSQL: COPY the new values into a temporary table and update from it in one statement.
        table, pk = qn(meta.db_table), qn(meta.pk.column)
        names = [qn(f.column) for f in columns]
        temp = qn("pamong_import_update")
        cursor.execute(
            f"CREATE TEMPORARY TABLE {temp} AS SELECT {', '.join(names)}, {pk} FROM {table} WITH NO DATA"
        )
        _copy_in(cursor, "pamong_import_update", [*(f.column for f in columns), meta.pk.column], params, qn)
        cursor.execute(
            f"UPDATE {table} AS t SET {', '.join(f'{n} = s.{n}' for n in names)} "
            f"FROM {temp} AS s WHERE t.{pk} = s.{pk}"
        )
        cursor.execute(f"DROP TABLE {temp}")  # on failure the rollback removes it


def _copy_in(cursor, table: str, columns: list[str], rows: list[list], qn) -> None:
    """PostgreSQL's ``COPY … FROM STDIN`` through psycopg: several times faster than even a
    pipelined ``executemany`` for tens of thousands of rows."""
    sql = f"COPY {qn(table)} ({', '.join(qn(c) for c in columns)}) FROM STDIN"
    with cursor.cursor.copy(sql) as copy:
        for row in rows:
            copy.write_row(row)
