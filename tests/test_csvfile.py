"""The one CSV reader of the importers (pamong.csvfile.CsvFile): header, records and every error
as ``line N, column C: reason``. No database: the reader knows nothing of what the cells mean."""

from __future__ import annotations

import csv

from pamong.csvfile import CsvError, CsvFile

COLUMNS = ("kode", "nama", "level")


def read(text: str) -> tuple[CsvFile, list[tuple[int, dict[str, str]]]]:
    file = CsvFile(text)
    records = list(file.records()) if file.header(columns=COLUMNS) else []
    return file, records


def messages(file: CsvFile) -> list[str]:
    return [str(e) for e in file.errors]


def test_error_reads_line_column_reason():
    assert str(CsvError(3, "level", "Level harus 1–5.")) == "line 3, column level: Level harus 1–5."


def test_comma_file_gives_values_by_column_name_stripped():
    file, records = read("kode,nama,level\n A1 , Satu ,2\nB2,Dua,3\n")
    assert file.errors == []
    assert file.delimiter == ","
    assert records == [
        (2, {"kode": "A1", "nama": "Satu", "level": "2"}),
        (3, {"kode": "B2", "nama": "Dua", "level": "3"}),
    ]


def test_semicolons_bom_header_case_and_order():
    file, records = read("\ufeffLEVEL;Nama;Kode\r\n4;Empat;D4\r\n")
    assert file.errors == []
    assert file.delimiter == ";"
    assert records == [(2, {"kode": "D4", "nama": "Empat", "level": "4"})]


def test_unknown_columns_are_ignored_but_counted():
    file, records = read("kode,catatan,nama,level\nA1,apa saja,Satu,2\nB2,Dua,3\n")
    assert records == [(2, {"kode": "A1", "nama": "Satu", "level": "2"})]
    assert messages(file) == ["line 3, column level: Baris ini berisi 3 kolom, seharusnya 4."]


def test_blank_lines_are_skipped_and_lines_stay_physical():
    file, records = read('kode,nama,level\n\nA1,"Satu\nbaris dua",2\nB2,Dua,3\n')
    assert [line for line, _values in records] == [5]  # the record of line 3 spans lines 3 and 4
    assert messages(file) == [
        "line 3, column nama: Sel berisi karakter kendali U+000A (mis. NUL atau ganti baris); "
        "hapus lalu simpan ulang."
    ]


def test_empty_file():
    file, records = read("\n  \n")
    assert records == []
    assert messages(file) == ["line 1, column kode: Berkas kosong: baris judul tidak ditemukan."]


def test_missing_and_repeated_header_columns():
    file, _records = read("kode,kode,nama\nA1,A1,Satu\n")
    assert messages(file) == [
        "line 1, column kode: Kolom kode muncul dua kali.",
        "line 1, column level: Kolom wajib level tidak ada di baris judul (pemisah terbaca: ,).",
    ]


def test_too_few_cells_names_the_first_missing_column_too_many_the_first_extra_position():
    file, records = read("kode,nama,level\nA1,Satu\nB2,Dua,3,x\nC3,Tiga,1\n")
    assert [line for line, _values in records] == [4]
    assert messages(file) == [
        "line 2, column level: Baris ini berisi 2 kolom, seharusnya 3.",
        "line 3, column 4: Baris ini berisi 4 kolom, seharusnya 3; periksa pemisah dan tanda kutip.",
    ]


def test_control_character_names_its_column():
    file, records = read("kode,nama,level\nA1,Sa\x00tu,2\n")
    assert records == []
    assert [(e.line, e.column) for e in file.errors] == [(2, "nama")]
    assert "U+0000" in file.errors[0].message


def test_a_field_over_the_size_limit_stops_the_reading_at_its_line():
    limit = csv.field_size_limit()
    file, records = read(f"kode,nama,level\nA1,Satu,1\nB2,{'x' * (limit + 1)},2\nC3,Tiga,3\n")
    assert records == [(2, {"kode": "A1", "nama": "Satu", "level": "1"})]
    assert len(file.errors) == 1
    error = file.errors[0]
    assert (error.line, error.column) == (3, "nama")
    assert error.message.startswith("Baris tidak terbaca (")
    assert error.message.endswith("pembacaan berkas berhenti di sini.")
