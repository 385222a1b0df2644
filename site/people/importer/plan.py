"""What an ASN import will do: the columns of the file, one valid row, and the plan of writes."""

from __future__ import annotations

from dataclasses import dataclass, field

from pamong.csvfile import CsvError

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

#: The ASN fields a row sets (the atasan is resolved separately, by NIP).
ASN_FIELDS = ("name", "employment_type", "golongan", "instansi_id", "unit_id", "jabatan_id")


#: One problem in the file (the one error type of the CSV reader, :class:`pamong.csvfile.CsvError`).
RowError = CsvError


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
