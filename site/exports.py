"""Streamed CSV and XLSX downloads for every HR table.

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

``?format=xlsx`` on the request picks XLSX; anything else gives CSV.
"""

from __future__ import annotations

import csv
import datetime as dt
import decimal
import tempfile
from collections.abc import Iterable, Iterator, Sequence

from django.http import FileResponse, StreamingHttpResponse
from django.utils.text import slugify

CSV_CONTENT_TYPE = "text/csv; charset=utf-8"
XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
FORMATS = ("csv", "xlsx")


class _Echo:
    """A file-like object whose ``write`` returns what it was given (for ``csv.writer``)."""

    def write(self, value: str) -> str:
        return value


def _cell(value):
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        return value.isoformat(sep=" ", timespec="minutes")
    if isinstance(value, dt.date | decimal.Decimal):
        return str(value)
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@") and not _is_number(value):
        return "'" + value  # no formula injection when opened in a spreadsheet
    return value


def _is_number(value: str) -> bool:
    try:
        float(value)
    except ValueError:
        return False
    return True


def csv_rows(*, header: Sequence[str], rows: Iterable[Sequence]) -> Iterator[str]:
    """The CSV text, one line at a time, starting with a BOM so spreadsheets read UTF-8."""
    writer = csv.writer(_Echo())
    yield "\ufeff" + writer.writerow(list(header))
    for row in rows:
        yield writer.writerow([_cell(value) for value in row])


def csv_response(*, filename: str, header: Sequence[str], rows: Iterable[Sequence]) -> StreamingHttpResponse:
    response = StreamingHttpResponse(csv_rows(header=header, rows=rows), content_type=CSV_CONTENT_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{slugify(filename)}.csv"'
    return response


def xlsx_response(
    *, filename: str, header: Sequence[str], rows: Iterable[Sequence], sheet: str = "Data"
) -> FileResponse:
    import xlsxwriter

    spool = tempfile.TemporaryFile(suffix=".xlsx")  # noqa: SIM115 — the response closes (and so removes) it
    workbook = xlsxwriter.Workbook(
        spool, {"constant_memory": True, "in_memory": False, "tmpdir": tempfile.gettempdir()}
    )
    worksheet = workbook.add_worksheet(sheet[:31])
    bold = workbook.add_format({"bold": True})
    worksheet.write_row(0, 0, list(header), bold)
    for index, row in enumerate(rows, start=1):
        worksheet.write_row(index, 0, [_cell(value) for value in row])
    workbook.close()
    spool.seek(0)
    return FileResponse(
        spool, as_attachment=True, filename=f"{slugify(filename)}.xlsx", content_type=XLSX_CONTENT_TYPE
    )


def export_response(*, request, filename: str, header: Sequence[str], rows: Iterable[Sequence]):
    """CSV or XLSX (``?format=xlsx``) of ``rows`` under ``header``, streamed."""
    if request.GET.get("format") == "xlsx":
        return xlsx_response(filename=filename, header=header, rows=rows)
    return csv_response(filename=filename, header=header, rows=rows)
