"""The one exporter: streamed CSV and XLSX downloads for every table Pamong lets people download.

Both formats keep memory bounded whatever the number of rows: CSV is produced row by row into a
``StreamingHttpResponse``; XLSX is written by XlsxWriter in ``constant_memory`` mode (one row in
memory at a time) to a temporary file that is then streamed and deleted. Feed them iterators
(``queryset.values_list(...).iterator(chunk_size=2000)``), never lists.

Usage in a view::

    return export_response(
        request=request,
        filename="cakupan-sosialisasi",
        header=["Instansi", "Unit", "ASN aktif"],
        rows=(row for row in selector_rows()),
    )

``?format=`` picks the file (:data:`FORMATS`, in the order the UI offers them):

``xlsx`` (offered first)
    Every string is written with ``write_string`` in a text-formatted cell: a name is never read
    as a formula (not even ``{=…}``, an array formula) and an 18-digit NIP stays text, never
    ``1,99304E+17``. Numbers are numbers, so Excel shows them with the reader's own decimal sign.
``csv``
    RFC 4180 for programs: comma-separated, decimal point, UTF-8 with a BOM.
``csv-id``
    For Excel with Indonesian regional settings, which separates lists with ``;`` and writes
    decimals with ``,``: semicolon-separated, decimal comma, UTF-8 with a BOM, every text cell
    quoted. (A CSV file cannot say "this column is text": Excel opened by double-click still turns
    a long NIP into a number, which is why XLSX is offered first.)

In both CSV flavours a text cell starting with a character a spreadsheet reads as the start of a
formula (``= + - @ {``, tab, CR, LF and their full-width forms) gets a leading apostrophe;
numbers written as text (``-5``) are left alone.
"""

from __future__ import annotations

import csv
import datetime as dt
import decimal
import tempfile
from collections.abc import Iterable, Iterator, Sequence

import xlsxwriter
from django.http import FileResponse, StreamingHttpResponse
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

CSV_CONTENT_TYPE = "text/csv; charset=utf-8"
XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

#: ``?format=`` values, in the order the UI offers them, with their link labels.
FORMATS = {
    "xlsx": _("XLSX (Excel)"),
    "csv-id": _("CSV (Excel Indonesia, pemisah ;)"),
    "csv": _("CSV"),
}

#: First characters that make a spreadsheet read a cell as a formula (or an array formula, or
#: that hide one behind whitespace), with the full-width forms some spreadsheets normalise.
FORMULA_STARTS = frozenset("=+-@{\t\r\n\uff1d\uff0b\uff0d\uff20\uff5b")


class _Echo:
    """A file-like object whose ``write`` returns what it was given (for ``csv.writer``)."""

    def write(self, value: str) -> str:
        return value


def _is_number(value: str) -> bool:
    try:
        float(value)
    except ValueError:
        return False
    return True


def text_neutralised(value: str) -> str:
    """``value`` as a spreadsheet shows it, never as a formula (for CSV cells)."""
    if value[:1] in FORMULA_STARTS and not _is_number(value):
        return "'" + value
    return value


def _csv_cell(value, *, decimal_comma: bool) -> str | int:
    if value is None:
        return ""
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, int):
        return value
    if isinstance(value, float | decimal.Decimal):
        text = str(value)
        return text.replace(".", ",") if decimal_comma else text
    if isinstance(value, dt.datetime):
        return value.isoformat(sep=" ", timespec="minutes")
    if isinstance(value, dt.date):
        return value.isoformat()
    return text_neutralised(str(value))


def csv_rows(*, header: Sequence[str], rows: Iterable[Sequence], excel_id: bool = False) -> Iterator[str]:
    """The CSV text, one line at a time, starting with a BOM so spreadsheets read UTF-8.

    ``excel_id``: the flavour for Excel with Indonesian settings (``;`` and decimal comma)."""
    if excel_id:
        writer = csv.writer(_Echo(), delimiter=";", quoting=csv.QUOTE_NONNUMERIC)
    else:
        writer = csv.writer(_Echo())
    yield "\ufeff" + writer.writerow([text_neutralised(str(h)) for h in header])
    for row in rows:
        yield writer.writerow([_csv_cell(value, decimal_comma=excel_id) for value in row])


def csv_response(
    *, filename: str, header: Sequence[str], rows: Iterable[Sequence], excel_id: bool = False
) -> StreamingHttpResponse:
    response = StreamingHttpResponse(
        csv_rows(header=header, rows=rows, excel_id=excel_id), content_type=CSV_CONTENT_TYPE
    )
    response["Content-Disposition"] = f'attachment; filename="{slugify(filename)}.csv"'
    return response


def _xlsx_write(worksheet, row: int, col: int, value, text_format) -> None:
    if value is None:
        return
    if isinstance(value, bool):
        worksheet.write_boolean(row, col, value)
    elif isinstance(value, int | float | decimal.Decimal):
        worksheet.write_number(row, col, float(value))
    elif isinstance(value, dt.datetime):
        worksheet.write_string(row, col, value.isoformat(sep=" ", timespec="minutes"), text_format)
    elif isinstance(value, dt.date):
        worksheet.write_string(row, col, value.isoformat(), text_format)
    else:
        # A string is a string: no formula, no number, no URL interpretation, no apostrophe.
        worksheet.write_string(row, col, str(value), text_format)


def xlsx_response(
    *, filename: str, header: Sequence[str], rows: Iterable[Sequence], sheet: str = "Data"
) -> FileResponse:
    spool = tempfile.TemporaryFile(suffix=".xlsx")  # noqa: SIM115 — the response closes (and so removes) it
    workbook = xlsxwriter.Workbook(
        spool,
        {
            "constant_memory": True,
            "in_memory": False,
            "tmpdir": tempfile.gettempdir(),
            "strings_to_formulas": False,
            "strings_to_urls": False,
            "strings_to_numbers": False,
        },
    )
    worksheet = workbook.add_worksheet(sheet[:31])
    bold = workbook.add_format({"bold": True, "num_format": "@"})
    text = workbook.add_format({"num_format": "@"})  # "Text": Excel keeps a NIP as typed
    for col, title in enumerate(header):
        worksheet.write_string(0, col, str(title), bold)
    for index, row in enumerate(rows, start=1):
        for col, value in enumerate(row):
            _xlsx_write(worksheet, index, col, value, text)
    workbook.close()
    spool.seek(0)
    return FileResponse(
        spool, as_attachment=True, filename=f"{slugify(filename)}.xlsx", content_type=XLSX_CONTENT_TYPE
    )


def export_format(request) -> str:
    """The format asked for with ``?format=`` (CSV when missing or unknown)."""
    chosen = request.GET.get("format")
    return chosen if chosen in FORMATS else "csv"


def export_response(*, request, filename: str, header: Sequence[str], rows: Iterable[Sequence]):
    """XLSX (``?format=xlsx``), CSV for Excel Indonesia (``?format=csv-id``) or CSV of ``rows``
    under ``header``, streamed."""
    chosen = export_format(request)
    header = [str(h) for h in header]
    if chosen == "xlsx":
        return xlsx_response(filename=filename, header=header, rows=rows)
    return csv_response(filename=filename, header=header, rows=rows, excel_id=chosen == "csv-id")


def export_links(*, query: str = "") -> list[dict[str, str]]:
    """The download links of one table, XLSX first: ``[{"query": ..., "label": ...}]``, where
    ``query`` is ``query`` (an urlencoded string, may be empty) with the format added."""
    prefix = f"{query}&" if query else ""
    return [{"query": f"{prefix}format={key}", "label": label} for key, label in FORMATS.items()]
