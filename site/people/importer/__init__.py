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

from .apply import asn_import_apply
from .plan import (
    CHUNK_SIZE,
    COLUMNS,
    LOOKUP_SIZE,
    MAX_LAYERS,
    REQUIRED_VALUES,
    AsnRow,
    ImportCounts,
    ImportPlan,
    PlannedUpdate,
    RowError,
)
from .validation import asn_import_parse

__all__ = [
    "CHUNK_SIZE",
    "COLUMNS",
    "LOOKUP_SIZE",
    "MAX_LAYERS",
    "REQUIRED_VALUES",
    "AsnRow",
    "ImportCounts",
    "ImportPlan",
    "PlannedUpdate",
    "RowError",
    "asn_import_apply",
    "asn_import_parse",
]
