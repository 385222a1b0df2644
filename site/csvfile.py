"""The one CSV reader of the importers (``import_asn``, ``import_standar_kompetensi``).

Both read UTF-8 text (the BOM removed), comma- or semicolon-separated, and report every problem
as ``line N, column C: reason``. This module gives them the same reading:

* :func:`csv_delimiter` — ``,`` or ``;``, whichever the header line uses more;
* :func:`csv_records` — ``(physical line, cells)`` for each non-blank record, turning what
  Python's ``csv`` module raises (a field over its size limit, a broken quote) into a
  :class:`CsvSyntaxError` with the line and the position of the cell, instead of a traceback;
* :class:`RowError` — one problem, printed ``line N, column C: reason``;
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
