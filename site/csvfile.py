"""The one CSV reader of the importers (``import_asn``, ``import_standar_kompetensi``).

Both read UTF-8 text (the BOM removed), comma- or semicolon-separated, and report every problem
as a :class:`CsvError`, ``line N, column C: reason``. :class:`CsvFile` is the reader they use: it
reads the header against the importer's columns and yields each record as ``{column: value}``,
recording what is wrong with the file itself (no header, a missing or repeated column, a record
with the wrong number of cells, a control character, a broken quote) so that the importer only
checks the values. Underneath:

* :func:`csv_delimiter` — ``,`` or ``;``, whichever the header line uses more;
* :func:`csv_records` — ``(physical line, cells)`` for each non-blank record, turning what
  Python's ``csv`` module raises (a field over its size limit, a broken quote) into a
  :class:`CsvSyntaxError` with the line and the position of the cell, instead of a traceback;
* :func:`control_character_cell` — the first cell holding a control character (NUL, tab, a line
  break inside a quoted cell, …). Such text passes Python's checks but PostgreSQL refuses NUL, so a
  dry run said "1 created" and the import then failed; both importers reject these cells up front,
  and a dry run and an import agree on every database.

:class:`CsvImportCommand` is the frame of both management commands: help, arguments, reading the
file (or standard input) as UTF-8, and stopping on errors.
"""

from __future__ import annotations

import csv
import io
import re
import sys
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")


@dataclass(frozen=True)
class CsvError:
    """One problem in a CSV file: ``line`` is the physical line (the header is line 1), ``column``
    the column's name in the header (or its 1-based position when it has none)."""

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


class CsvFile:
    """A CSV text read against the columns an importer expects.

    ``file.header(columns=...)`` reads the first non-blank line; ``file.records()`` then yields
    ``(line, {column: stripped value})`` for every record that has as many cells as the header and
    no control character. Everything else becomes a :class:`CsvError` in ``file.errors``. Columns
    the importer does not know are ignored (but still count in a record's number of cells)."""

    def __init__(self, text: str) -> None:
        self.text = csv_text(text)
        self.delimiter = csv_delimiter(self.text)
        self.errors: list[CsvError] = []
        self.columns: dict[int, str] = {}  # cell position → column name ("" for unknown columns)
        self._reader = csv_reader(self.text, delimiter=self.delimiter)

    def _column(self, index: int) -> str:
        return self.columns.get(index) or str(index + 1)

    def header(self, *, columns: tuple[str, ...]) -> bool:
        """Read the header; ``False`` (with the reasons in :attr:`errors`) when it lacks one of
        ``columns``, repeats one, or cannot be read at all."""
        first = columns[0]
        try:
            for cells in self._reader:
                if any(c.strip() for c in cells):
                    break
            else:
                self.errors.append(CsvError(1, first, _("Berkas kosong: baris judul tidak ditemukan.")))
                return False
        except csv.Error as exc:
            self.errors.append(CsvError(1, first, _("Baris judul tidak terbaca: %(e)s.") % {"e": exc}))
            return False
        line = self._reader.line_num
        names = [c.strip().lower().removeprefix("\ufeff") for c in cells]
        found: dict[int, str] = {}
        for i, name in enumerate(names):
            if name in columns:
                if name in found.values():
                    self.errors.append(CsvError(line, name, _("Kolom %(c)s muncul dua kali.") % {"c": name}))
                else:
                    found[i] = name
        for name in columns:
            if name not in found.values():
                self.errors.append(
                    CsvError(
                        line,
                        name,
                        _("Kolom wajib %(c)s tidak ada di baris judul (pemisah terbaca: %(d)s).")
                        % {"c": name, "d": self.delimiter},
                    )
                )
        if self.errors:
            return False
        self.columns = {i: found.get(i, "") for i in range(len(names))}
        return True

    def records(self) -> Iterator[tuple[int, dict[str, str]]]:
        """``(first physical line, {column: stripped value})`` for each well-formed record after the
        header. A broken record is recorded and skipped; a syntax error the ``csv`` module cannot
        recover from is recorded and ends the reading."""
        try:
            for line, cells in csv_records(self._reader, text=self.text, delimiter=self.delimiter):
                if len(cells) != len(self.columns):
                    self.errors.append(self._cell_count_error(line, cells))
                    continue
                control = control_character_cell(cells)
                if control is not None:
                    index, message = control
                    self.errors.append(CsvError(line, self._column(index), message))
                    continue
                yield line, {name: cells[i].strip() for i, name in self.columns.items() if name}
        except CsvSyntaxError as exc:
            self.errors.append(
                CsvError(
                    exc.line,
                    self._column(exc.index),
                    _("Baris tidak terbaca (%(e)s); pembacaan berkas berhenti di sini.") % {"e": exc.message},
                )
            )

    def _cell_count_error(self, line: int, cells: list[str]) -> CsvError:
        """Too few cells names the first missing column; too many names the first extra position."""
        expected = len(self.columns)
        if len(cells) < expected:
            return CsvError(
                line,
                self._column(len(cells)),
                _("Baris ini berisi %(n)d kolom, seharusnya %(e)d.") % {"n": len(cells), "e": expected},
            )
        return CsvError(
            line,
            str(expected + 1),
            _("Baris ini berisi %(n)d kolom, seharusnya %(e)d; periksa pemisah dan tanda kutip.")
            % {"n": len(cells), "e": expected},
        )


class CsvImportCommand(BaseCommand):
    """The frame of a management command importing one CSV file (``-``: standard input), every row
    checked before anything is written (``import_asn``, ``import_standar_kompetensi``): its help
    (``help_intro`` and the ``columns``), its arguments, the file's text and its errors."""

    help_intro = ""
    columns: Sequence[str] = ()
    dry_run_help = "Periksa saja, tanpa menyimpan."

    @property
    def help(self) -> str:
        return (
            f"{self.help_intro} "
            + ",".join(self.columns)
            + ". Semua baris diperiksa dulu; satu kesalahan saja membatalkan seluruh impor."
        )

    def add_arguments(self, parser) -> None:
        parser.add_argument("file", help="Berkas CSV, atau - untuk membaca dari stdin.")
        parser.add_argument("--dry-run", action="store_true", help=self.dry_run_help)

    def read_text(self, file: str) -> str:
        """The text of ``file``, UTF-8 with the BOM removed; a file that cannot be read or is not
        UTF-8 stops the command with the line of the first wrong byte."""
        try:
            data = sys.stdin.buffer.read() if file == "-" else Path(file).read_bytes()
        except OSError as exc:
            raise CommandError(_("Berkas %(f)s tidak dapat dibaca: %(e)s") % {"f": file, "e": exc}) from exc
        try:
            return data.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            line = data[: exc.start].count(b"\n") + 1
            raise CommandError(
                _("line %(l)d: berkas bukan UTF-8 (byte %(b)s); simpan ulang sebagai CSV UTF-8.")
                % {"l": line, "b": data[exc.start : exc.start + 1].hex()}
            ) from exc

    def stop_on_errors(self, errors: Sequence, *, file: str) -> None:
        """Write each of ``errors`` to stderr and stop the command (nothing imported), if any."""
        if errors:
            for error in errors:
                self.stderr.write(str(error))
            raise CommandError(
                _("%(n)d kesalahan di %(f)s; tidak ada data yang diimpor.") % {"n": len(errors), "f": file}
            )
