"""The one CSV reader of the importers (``import_asn``, ``import_standar_kompetensi``).

Both read UTF-8 text (the BOM removed), comma- or semicolon-separated, and report every problem
as ``line N, column C: reason``. This module gives them the same reading:

* :func:`csv_delimiter` — ``,`` or ``;``, whichever the header line uses more;
* :func:`csv_records` — ``(physical line, cells)`` for each non-blank record, turning what
  Python's ``csv`` module raises (a field over its size limit, a broken quote) into a
  :class:`CsvSyntaxError` with the line and the position of the cell, instead of a traceback;
* :class:`RowError` — one problem, printed ``line N, column C: reason``;
* :func:`csv_table` — a file opened against its required columns (header problems as a
  :class:`RowError` of line 1), whose :meth:`CsvTable.records` reads the rows;
* :func:`control_character_cell` — the first cell holding a control character (NUL, tab, a line
  break inside a quoted cell, …). Such text passes Python's checks but PostgreSQL refuses NUL, so a
  dry run said "1 created" and the import then failed; both importers reject these cells up front,
  and a dry run and an import agree on every database.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterator
from dataclasses import dataclass

from django.utils.translation import gettext as _

_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")


@dataclass(frozen=True)
class RowError:
    """One problem in a file: ``line`` is the physical line (the header is line 1), ``column`` the
    column's name (or its position)."""

    line: int
    column: str
    message: str

    def __str__(self) -> str:
        return f"line {self.line}, column {self.column}: {self.message}"


class CsvSyntaxError(Exception):
    """The file cannot be read past ``line``; ``index`` is the 0-based position of the cell."""

    def __init__(self, *, line: int, index: int, message: str) -> None:
        super().__init__(message)
        self.line, self.index, self.message = line, index, message


def csv_text(text: str) -> str:
    return text.removeprefix("\ufeff")


def csv_delimiter(text: str) -> str:
    """The delimiter used on the header line: whichever of ``,`` and ``;`` occurs more often."""
    header = next((line for line in text.split("\n", 10)[:10] if line.strip()), "")
    return ";" if header.count(";") > header.count(",") else ","


def csv_reader(text: str, *, delimiter: str):
    return csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)


def csv_records(reader, *, text: str, delimiter: str) -> Iterator[tuple[int, list[str]]]:
    """``(first physical line, cells)`` for each non-blank record after what ``reader`` has read.

    Raises :class:`CsvSyntaxError` where the ``csv`` module gives up (the rest of the file is
    not read: after such an error its idea of where a record starts is unreliable)."""
    start = reader.line_num + 1
    while True:
        try:
            cells = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            line = max(reader.line_num, start)
            raise CsvSyntaxError(
                line=line, index=_widest_cell(text, line, delimiter), message=str(exc)
            ) from None
        if any(c.strip() for c in cells):
            yield start, cells
        start = reader.line_num + 1


def _widest_cell(text: str, line: int, delimiter: str) -> int:
    """The position of the longest cell of physical ``line`` (where an over-long field is)."""
    lines = text.split("\n")
    raw = lines[line - 1] if 0 < line <= len(lines) else ""
    parts = raw.split(delimiter)
    return max(range(len(parts)), key=lambda i: len(parts[i])) if parts else 0


def control_character_cell(cells: list[str]) -> tuple[int, str] | None:
    """``(position, message)`` for the first cell of ``cells`` holding a control character (a NUL
    byte, a line break inside a cell...): both importers refuse it with the same words."""
    for index, cell in enumerate(cells):
        found = _CONTROL.search(cell.strip())
        if found:
            char = f"U+{ord(found.group()):04X}"
            return index, _(
                "Sel berisi karakter kendali %(c)s (mis. NUL atau ganti baris); hapus lalu simpan ulang."
            ) % {"c": char}
    return None


@dataclass
class CsvTable:
    """A CSV file opened against its required columns: ``names`` is the header (lower case),
    ``index`` maps each required column to its position; ``error`` is a problem of the header line
    (then there is nothing more to read)."""

    text: str
    delimiter: str
    reader: object
    names: list[str]
    index: dict[str, int]
    error: RowError | None = None

    def column(self, position: int) -> str:
        """The name of the column at ``position`` (its number when the header is shorter)."""
        return self.names[position] if position < len(self.names) else str(position + 1)

    def records(self) -> Iterator[tuple[int, list[str]]]:
        """:func:`csv_records` of the rows after the header."""
        return csv_records(self.reader, text=self.text, delimiter=self.delimiter)

    def syntax_error(self, exc: CsvSyntaxError) -> RowError:
        """The :class:`RowError` of a row the ``csv`` module could not read (reading stops there)."""
        return RowError(
            exc.line,
            self.column(exc.index),
            _("Baris tidak terbaca (%(e)s); pembacaan berkas berhenti di sini.") % {"e": exc.message},
        )


def csv_table(text: str, *, required: tuple[str, ...]) -> CsvTable:
    """Open ``text`` (BOM removed, ``,`` or ``;``) and check its header holds every ``required``
    column (any order, case-insensitive)."""
    text = csv_text(text)
    delimiter = csv_delimiter(text)
    reader = csv_reader(text, delimiter=delimiter)
    table = CsvTable(text=text, delimiter=delimiter, reader=reader, names=[], index={})
    try:
        header = next(reader, None)
    except csv.Error as exc:
        table.error = RowError(1, "-", _("Baris judul tidak terbaca: %(e)s.") % {"e": exc})
        return table
    if not header:
        table.error = RowError(1, "-", _("Berkas kosong; baris pertama harus berisi judul kolom."))
        return table
    table.names = [h.strip().lower() for h in header]
    missing = [c for c in required if c not in table.names]
    if missing:
        table.error = RowError(1, ",".join(missing), _("Kolom wajib tidak ada di baris judul."))
        return table
    table.index = {name: table.names.index(name) for name in required}
    return table
