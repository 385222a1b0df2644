"""Streamed exports: content, formats, formula safety, bounded memory."""

import csv
import decimal
import io
import os
import subprocess
import sys
import zipfile

import openpyxl
import pytest
from django.test import RequestFactory

from pamong.exports import csv_rows, export_response

HEADER = ["NIP", "Nama", "JP"]


def sample(n):
    for i in range(n):
        yield (f"19850312201001{1 + i % 2}{i % 999 + 1:03d}", f"Pegawai {i}", i % 30)


def test_csv_is_streamed_with_bom_and_all_rows():
    request = RequestFactory().get("/x/")
    response = export_response(request=request, filename="Daftar JP 2026", header=HEADER, rows=sample(3))
    assert response.streaming
    assert response["Content-Disposition"] == 'attachment; filename="daftar-jp-2026.csv"'
    text = b"".join(response.streaming_content).decode("utf-8")
    assert text.startswith("\ufeffNIP,Nama,JP\r\n")
    assert text.count("\r\n") == 4 and "Pegawai 2" in text


def test_xlsx_has_header_and_rows():
    request = RequestFactory().get("/x/", {"format": "xlsx"})
    response = export_response(request=request, filename="jp", header=HEADER, rows=sample(5))
    assert response["Content-Disposition"].startswith('attachment; filename="jp.xlsx"')
    book = openpyxl.load_workbook(io.BytesIO(b"".join(response.streaming_content)))
    rows = list(book.active.values)
    assert rows[0] == tuple(HEADER) and len(rows) == 6 and rows[5][1] == "Pegawai 4"


def test_spreadsheet_formulas_are_neutralised_but_numbers_are_not():
    lines = list(csv_rows(header=["a"], rows=[("=HYPERLINK(1)",), ("-5",), ("@x",)]))
    assert lines[1].startswith("'=HYPERLINK") and lines[2] == "-5\r\n" and lines[3].startswith("'@x")


# The peaks are measured in a fresh interpreter: tracemalloc counts every thread of the process it
# runs in, and a test worker may still hold a server or worker thread from an earlier test.
MEASURE = """
import os, sys, tracemalloc
import django
django.setup()
from django.test import RequestFactory
from pamong.exports import csv_rows, export_response
HEADER = ["NIP", "Nama", "JP"]
def sample(n):
    for i in range(n):
        yield (f"19850312201001{1 + i % 2}{i % 999 + 1:03d}", f"Pegawai {i}", i % 30)
tracemalloc.start()
if sys.argv[1] == "csv":
    size = sum(len(line) for line in csv_rows(header=HEADER, rows=sample(90_000)))
else:
    request = RequestFactory().get("/x/", {"format": "xlsx"})
    response = export_response(request=request, filename="besar", header=HEADER, rows=sample(20_000))
    size = 0
_current, peak = tracemalloc.get_traced_memory()
tracemalloc.stop()
print(size, peak)
"""


def measured(kind):
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(p for p in sys.path if p)}
    env.setdefault("DJANGO_SETTINGS_MODULE", "pamong.settings")
    out = subprocess.run(
        [sys.executable, "-c", MEASURE, kind], env=env, capture_output=True, text=True, check=True
    ).stdout
    size, peak = map(int, out.split())
    return size, peak


@pytest.mark.slow
def test_csv_memory_stays_bounded_for_90000_rows():
    """Peak Python allocation while producing 90,000 CSV rows stays far below the output size."""
    size, peak = measured("csv")
    assert size > 3_000_000
    assert peak < 1_000_000, f"peak {peak} bytes for {size} bytes of CSV"


@pytest.mark.slow
def test_xlsx_memory_stays_bounded():
    _size, peak = measured("xlsx")
    assert peak < 8_000_000, f"peak {peak} bytes"


def test_every_formula_start_is_neutralised_in_csv():
    hostile = ["=1+1", "+1+1", "-1+1", "@A1", "\t=1", "\r=1", "\n=1", "{=1}", "\uff1d1+1"]
    lines = list(csv_rows(header=["a"], rows=[(h,) for h in hostile]))[1:]
    parsed = [next(csv.reader(io.StringIO(line))) for line in lines]
    assert [row[0] for row in parsed] == ["'" + h for h in hostile]


def test_csv_for_excel_indonesia_uses_semicolons_and_decimal_commas():
    request = RequestFactory().get("/x/", {"format": "csv-id"})
    rows = [("198503122010011001", "Nama; Koma, Titik", decimal.Decimal("72.5"), 33.3, 7, "=1")]
    response = export_response(
        request=request, filename="jp", header=["NIP", "Nama", "JPM", "P", "N", "F"], rows=rows
    )
    text = b"".join(response.streaming_content).decode("utf-8")
    assert text.startswith("\ufeff")
    assert text.splitlines()[1] == '"198503122010011001";"Nama; Koma, Titik";"72,5";"33,3";7;"\'=1"'


def test_xlsx_writes_strings_as_strings_without_apostrophe():
    request = RequestFactory().get("/x/", {"format": "xlsx"})
    rows = [("198503122010011001", "=HYPERLINK(1)", "{=1+1}", "@x", 12.5)]
    response = export_response(request=request, filename="x", header=["NIP", "a", "b", "c", "d"], rows=rows)
    body = b"".join(response.streaming_content)
    with zipfile.ZipFile(io.BytesIO(body)) as book:
        assert "<f>" not in book.read("xl/worksheets/sheet1.xml").decode()
    sheet = openpyxl.load_workbook(io.BytesIO(body)).active
    cells = list(sheet.iter_rows(min_row=2))[0]
    assert [c.value for c in cells] == ["198503122010011001", "=HYPERLINK(1)", "{=1+1}", "@x", 12.5]
    assert cells[0].data_type == "s" and cells[0].number_format == "@"
