"""``manage.py import_asn``: validate every row, then import all or nothing, idempotently."""

from __future__ import annotations

import csv
import datetime as dt
import io
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.core.management.base import CommandError

from pamong.people.importer import COLUMNS, MAX_LAYERS, asn_import_apply, asn_import_parse
from pamong.people.models import ASN
from tests.factories.people import ASNFactory, InstansiFactory, JabatanFactory, UnitKerjaFactory

User = get_user_model()
SAMPLE = Path(__file__).resolve().parents[2] / "site" / "people" / "fixtures" / "contoh_import_asn.csv"


@dataclass
class Org:
    dinkes: object
    dlh: object
    yankes: object
    jabatan: object
    sampah: object
    jabatan_dlh: object


@pytest.fixture
def org(db) -> Org:
    """The codes seed_demo creates and the sample file uses (DINKES / YANKES-PRIMER / YANKES-PRIMER-PLK
    and -FUNG), plus a second instansi."""
    dinkes = InstansiFactory(code="DINKES", name="Dinas Kesehatan")
    dlh = InstansiFactory(code="DLH", name="Dinas Lingkungan Hidup")
    yankes = UnitKerjaFactory(instansi=dinkes, code="YANKES-PRIMER", name="Seksi Pelayanan Kesehatan Primer")
    jabatan = JabatanFactory(unit=yankes, code="YANKES-PRIMER-PLK", name="Pengadministrasi Pelayanan")
    JabatanFactory(unit=yankes, code="YANKES-PRIMER-FUNG", name="Perawat Ahli Pertama", kind="fungsional")
    sampah = UnitKerjaFactory(instansi=dlh, code="SAMPAH", name="Bidang Pengelolaan Sampah")
    jabatan_dlh = JabatanFactory(unit=sampah, code="DLH-PLK", name="Pengelola Sampah")
    return Org(dinkes, dlh, yankes, jabatan, sampah, jabatan_dlh)


def nip_for(i: int, *, sex: str = "1") -> str:
    """A valid, unique PNS NIP for every ``i`` below 9,990,000."""
    birth = dt.date(1965, 1, 1) + dt.timedelta(days=i % 10_000)
    return f"{birth:%Y%m%d}{birth.year + 24}{birth.month:02d}{sex}{i // 10_000 + 1:03d}"


def row(nip: str, *, nama: str = "", jenis: str = "PNS", golongan: str = "III/a", instansi: str = "DINKES",
        unit: str = "YANKES-PRIMER", jabatan: str = "YANKES-PRIMER-PLK", atasan: str = "",
        email: str | None = None) -> list[str]:  # fmt: skip
    email = f"{nip}@dinkes.jambiprov.go.id" if email is None else email
    return [nip, nama or f"Pegawai {nip[-6:]}", jenis, golongan, instansi, unit, jabatan, atasan, email]


def csv_text(rows: list[list[str]], *, delimiter: str = ",", header: tuple[str, ...] = COLUMNS) -> str:
    out = io.StringIO()
    writer = csv.writer(out, delimiter=delimiter, lineterminator="\n")
    writer.writerow(header)
    writer.writerows(rows)
    return out.getvalue()


@pytest.fixture
def run(tmp_path):
    """``run(text_or_bytes, *args)`` imports a file and returns ``(stdout, stderr)``."""

    def _run(content: str | bytes, *args: str) -> tuple[str, str]:
        path = tmp_path / "asn.csv"
        path.write_bytes(content.encode() if isinstance(content, str) else content)
        out, err = io.StringIO(), io.StringIO()
        call_command("import_asn", str(path), *args, "--no-progress", stdout=out, stderr=err)
        return out.getvalue(), err.getvalue()

    return _run


@pytest.fixture
def fail(tmp_path):
    """``fail(text_or_bytes, *args)`` imports a file that must be rejected; returns the error lines."""

    def _fail(content: str | bytes, *args: str) -> list[str]:
        path = tmp_path / "asn.csv"
        path.write_bytes(content.encode() if isinstance(content, str) else content)
        counts = (ASN.objects.count(), User.objects.count())
        out, err = io.StringIO(), io.StringIO()
        with pytest.raises(CommandError) as excinfo:
            call_command("import_asn", str(path), *args, "--no-progress", stdout=out, stderr=err)
        assert excinfo.value.returncode == 1  # manage.py exits with status 1
        assert "tidak ada data yang diimpor" in str(excinfo.value)
        assert (ASN.objects.count(), User.objects.count()) == counts, "a rejected file saved something"
        lines = err.getvalue().splitlines()
        assert str(excinfo.value).startswith(f"{len(lines)} kesalahan")
        return lines

    return _fail


def good_rows(n: int, *, start: int = 0) -> list[list[str]]:
    return [row(nip_for(start + i)) for i in range(n)]


# --- the "done when" of issue 2 -----------------------------------------------------------------


def test_bad_nip_on_line_7_imports_nothing_and_names_line_and_reason(org, fail):
    rows = good_rows(5)  # lines 2–6
    rows.append(row("198513322010011001"))  # line 7: 32nd of the 13th month
    rows.append(row(nip_for(99)))  # line 8, fine
    errors = fail(csv_text(rows))
    assert errors == [
        "line 7, column nip: Digit 1–8 NIP (19851332) bukan tanggal lahir yang valid (YYYYMMDD)."
    ]
    assert not ASN.objects.exists()


def test_sample_file_imports_then_second_run_changes_nothing(org, run):
    out, err = run(SAMPLE.read_bytes())
    assert "8 created, 0 updated, 0 unchanged" in out
    assert err == ""
    assert ASN.objects.count() == 8
    yusuf = ASN.objects.get(nip="197904212005011003")
    assert yusuf.atasan is None
    assert yusuf.bawahan.count() == 7  # every other row names him, on lines before his own
    ayu = ASN.objects.select_related("user", "instansi", "unit", "jabatan").get(nip="198406172009022006")
    assert ayu.name == "dr. Ayu Lestari, M.Kes."  # a quoted cell with a comma
    assert (ayu.instansi.code, ayu.unit.code, ayu.jabatan.code) == (
        "DINKES",
        "YANKES-PRIMER",
        "YANKES-PRIMER-FUNG",
    )
    assert (ayu.employment_type, ayu.golongan) == ("PNS", "III/c")
    assert ayu.user.username == ayu.nip
    assert ayu.user.email == "ayu.lestari@dinkes.jambiprov.go.id"
    assert (ayu.user.first_name, ayu.user.last_name) == ("dr.", "Ayu Lestari, M.Kes.")
    assert not ayu.user.has_usable_password()
    nurul = ASN.objects.get(nip="199507192022212015")
    assert (nurul.employment_type, nurul.golongan) == ("PPPK", "IX")
    stamps = dict(ASN.objects.values_list("nip", "updated_at"))

    out, _err = run(SAMPLE.read_bytes())
    assert "0 created, 0 updated, 8 unchanged" in out
    assert ASN.objects.count() == 8 and User.objects.count() == 8
    assert dict(ASN.objects.values_list("nip", "updated_at")) == stamps


# --- file format ----------------------------------------------------------------------------------


def test_utf8_bom_is_accepted(org, run):
    text = csv_text([row(nip_for(1), nama="Siti Nurjanah")])
    out, _err = run(text.encode("utf-8-sig"))
    assert "1 created" in out
    assert ASN.objects.get().name == "Siti Nurjanah"


def test_semicolon_delimiter_is_detected(org, run):
    rows = [row(nip_for(1), nama="Ir. Bambang, M.Si."), row(nip_for(2), atasan=nip_for(1))]
    out, _err = run(csv_text(rows, delimiter=";").encode("utf-8-sig"))  # as Excel (id-ID) saves it
    assert "2 created" in out
    assert ASN.objects.get(nip=nip_for(2)).atasan.name == "Ir. Bambang, M.Si."


def test_crlf_line_ends_and_blank_lines_keep_physical_line_numbers(org, fail):
    text = csv_text([row(nip_for(1)), row(nip_for(2))]).replace("\n", "\r\n")
    text += "\r\n" + ",".join(row("19850312201001100X")) + "\r\n"  # blank line 4, bad line 5
    assert fail(text) == ["line 5, column nip: NIP hanya boleh berisi angka."]


def test_header_columns_in_any_order_and_case(org, run):
    header = tuple(reversed([c.upper() for c in COLUMNS]))
    out, _err = run(csv_text([list(reversed(row(nip_for(1))))], header=header))
    assert "1 created" in out


def test_missing_header_column_is_reported_on_line_1(org, fail):
    header = tuple(c for c in COLUMNS if c != "email")
    errors = fail(csv_text([row(nip_for(1))[:-1]], header=header))
    assert len(errors) == 1
    assert errors[0].startswith("line 1, column email: Kolom wajib email tidak ada di baris judul")


def test_empty_file_is_an_error(org, fail):
    assert fail("")[0].startswith("line 1, column nip: Berkas kosong")


def test_header_only_file_imports_nothing_and_succeeds(org, run):
    out, _err = run(csv_text([]))
    assert "0 created, 0 updated, 0 unchanged" in out


def test_nip_mangled_by_excel_gets_a_hint(org, fail):
    rows = [row(nip_for(1)), row(nip_for(2))]
    rows[1][0] = "1.98503E+17"
    assert fail(csv_text(rows, delimiter=";")) == [
        "line 3, column nip: NIP 1.98503E+17 tertulis dalam notasi ilmiah (diubah oleh Excel); "
        "format kolom nip sebagai Teks lalu ekspor ulang."
    ]


def test_wrong_number_of_fields(org, fail):
    short = row(nip_for(1))[:7]
    long = [*row(nip_for(2)), "sisa"]
    errors = fail(csv_text([short, long]))
    assert errors == [
        "line 2, column atasan_nip: Baris ini berisi 7 kolom, seharusnya 9.",
        "line 3, column 10: Baris ini berisi 10 kolom, seharusnya 9; periksa pemisah dan tanda kutip.",
    ]


def test_not_utf8_is_rejected_with_its_line(org, tmp_path):
    text = csv_text([row(nip_for(1)), row(nip_for(2), nama="Ratna Sari")])
    path = tmp_path / "latin1.csv"
    path.write_bytes(text.replace("Ratna Sari", "Ratna Säri").encode("latin-1"))
    with pytest.raises(CommandError, match=r"line 3: berkas bukan UTF-8"):
        call_command("import_asn", str(path), stdout=io.StringIO(), stderr=io.StringIO())
    assert not ASN.objects.exists()


def test_stdin_dash(org, monkeypatch):
    data = csv_text([row(nip_for(1))]).encode()
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data)))
    out = io.StringIO()
    call_command("import_asn", "-", "--no-progress", stdout=out, stderr=io.StringIO())
    assert "1 created" in out.getvalue()


def test_nip_with_spaces_is_normalised(org, run):
    spaced = "19850312 201001 1 004"
    run(csv_text([row(spaced, email="a@b.id"), row(nip_for(1), atasan=spaced)]))
    assert ASN.objects.get(nip=nip_for(1)).atasan.nip == "198503122010011004"


# --- row validation -------------------------------------------------------------------------------


def test_atasan_later_in_file_and_atasan_in_database(org, run):
    kepala = ASNFactory(jabatan=org.jabatan, name="Kepala Seksi")
    rows = [
        row(nip_for(1), atasan=nip_for(2)),  # line 2, atasan on line 3
        row(nip_for(2), atasan=kepala.nip),  # line 3, atasan already stored
    ]
    out, _err = run(csv_text(rows))
    assert "2 created" in out
    staff = ASN.objects.select_related("atasan__atasan").get(nip=nip_for(1))
    assert staff.atasan.nip == nip_for(2)
    assert staff.atasan.atasan == kepala


def test_cycle_in_file_names_every_line_on_it(org, fail):
    rows = [
        row(nip_for(1), atasan=nip_for(2)),
        row(nip_for(2), atasan=nip_for(3)),
        row(nip_for(3), atasan=nip_for(1)),
        row(nip_for(4), atasan=nip_for(1)),  # leads into the cycle but is not on it
    ]
    errors = fail(csv_text(rows))
    assert [e.split(":")[0] for e in errors] == [
        "line 2, column atasan_nip",
        "line 3, column atasan_nip",
        "line 4, column atasan_nip",
    ]
    assert "Rantai atasan membentuk siklus" in errors[0]
    assert f"{nip_for(1)} → {nip_for(2)} → {nip_for(3)} → {nip_for(1)}" in errors[0]


def test_cycle_through_database_rows(org, fail, run):
    kepala = ASNFactory(jabatan=org.jabatan, name="Kepala")
    staf = ASNFactory(jabatan=org.jabatan, atasan=kepala, name="Staf")
    # The file makes the kepala report to his own staf, whose stored atasan is the kepala.
    errors = fail(csv_text([row(kepala.nip, nama="Kepala", atasan=staf.nip)]))
    assert len(errors) == 1
    assert errors[0].startswith("line 2, column atasan_nip: Rantai atasan membentuk siklus")
    # Listing the staf too, with a new atasan, breaks the chain: the file decides for its rows.
    out, _err = run(csv_text([row(kepala.nip, nama="Kepala", atasan=staf.nip), row(staf.nip, nama="Staf")]))
    assert "0 created, 2 updated" in out
    kepala.refresh_from_db()
    staf.refresh_from_db()
    assert (kepala.atasan, staf.atasan) == (staf, None)


def test_own_atasan_and_unknown_atasan(org, fail):
    errors = fail(csv_text([row(nip_for(1), atasan=nip_for(1)), row(nip_for(2), atasan=nip_for(3))]))
    assert errors == [
        "line 2, column atasan_nip: ASN tidak dapat menjadi atasannya sendiri.",
        f"line 3, column atasan_nip: NIP atasan {nip_for(3)} tidak ada di berkas ini maupun di basis data.",
    ]


def test_duplicate_nip_in_file(org, fail):
    errors = fail(csv_text([row(nip_for(1)), row(nip_for(2)), row(nip_for(1))]))
    assert errors == [f"line 4, column nip: NIP {nip_for(1)} sudah muncul di baris 2."]


def test_unknown_codes_name_line_and_column(org, fail):
    rows = [
        row(nip_for(1), instansi="DINKESS"),
        row(nip_for(2), unit="SAMPAH"),  # a unit of DLH, not of DINKES
        row(nip_for(3), jabatan="DLH-PLK"),  # a jabatan of DLH
        row(nip_for(4), instansi="DLH", unit="SAMPAH", jabatan="DLH-PLK"),  # fine
    ]
    assert fail(csv_text(rows)) == [
        "line 2, column instansi: Kode instansi DINKESS tidak dikenal.",
        "line 3, column unit: Kode unit SAMPAH tidak ada di instansi DINKES.",
        "line 4, column jabatan: Kode jabatan DLH-PLK tidak ada di instansi DINKES.",
    ]


def test_jabatan_whose_unit_lies_in_another_instansi(org, fail):
    JabatanFactory(instansi=org.dinkes, unit=org.sampah, code="SALAH")
    assert fail(csv_text([row(nip_for(1), jabatan="SALAH")])) == [
        "line 2, column jabatan: Jabatan SALAH terdaftar pada unit di luar instansi DINKES."
    ]


def test_codes_match_case_insensitively(org, run):
    out, _err = run(
        csv_text([row(nip_for(1), instansi="dinkes", unit="yankes-primer", jabatan="Yankes-Primer-Plk")])
    )
    assert "1 created" in out


def test_jenis_golongan_email_and_required_cells(org, fail):
    rows = [
        row(nip_for(1), jenis="CPNS"),
        row(nip_for(2), golongan="IX"),  # a PPPK grade on a PNS
        row("199507192022212015", jenis="PPPK", golongan="III/a"),  # a PNS rank on a PPPK
        row(nip_for(4), email="bukan-email"),
        row(nip_for(5), nama="", jabatan=""),
        row(nip_for(6), golongan="IV/e"),  # fine
        row("199507192022212016", jenis="pppk", golongan="xvii"),  # fine, normalised
    ]
    rows[4][1] = ""
    assert fail(csv_text(rows)) == [
        "line 2, column jenis: Jenis CPNS tidak dikenal; pilih PNS atau PPPK.",
        "line 3, column golongan: Golongan IX tidak berlaku untuk PNS (contoh: III/b).",
        "line 4, column golongan: Golongan III/a tidak berlaku untuk PPPK (contoh: IX).",
        "line 5, column email: Alamat email bukan-email tidak valid.",
        "line 6, column nama: Kolom nama wajib diisi.",
        "line 6, column jabatan: Kolom jabatan wajib diisi.",
    ]


def test_pppk_number_gets_only_length_and_digit_checks(org, run, fail):
    out, _err = run(csv_text([row("199513322099990000", jenis="PPPK", golongan="V")]))
    assert "1 created" in out
    assert fail(csv_text([row("1995133220999900", jenis="PPPK", golongan="V")])) == [
        "line 2, column nip: NIP harus tepat 18 digit (saat ini 16 digit)."
    ]


def test_multiple_errors_are_all_reported_in_line_order(org, fail):
    rows = good_rows(3)
    rows[0][0] = "12345"
    rows[1][4] = "NOPE"
    rows[2][2] = "TKK"
    rows.append(row("198503122010013000"))  # two NIP problems on one line
    errors = fail(csv_text(rows))
    assert [e.split(":")[0] for e in errors] == [
        "line 2, column nip",
        "line 3, column instansi",
        "line 4, column jenis",
        "line 5, column nip",
        "line 5, column nip",
    ]
    assert "Digit 15 NIP (3)" in errors[3] and "Digit 16–18 NIP (000)" in errors[4]


def test_mixed_good_and_bad_file_saves_nothing(org, fail):
    existing = ASNFactory(jabatan=org.jabatan, name="Lama")
    rows = [*good_rows(50), row(existing.nip, nama="Lama Diganti"), row(nip_for(999), instansi="X")]
    fail(csv_text(rows))  # fail() asserts the ASN and User counts did not move
    existing.refresh_from_db()
    assert existing.name == "Lama"
    assert not User.objects.filter(username=nip_for(0)).exists()


def test_username_taken_by_another_asn(org, fail):
    other = ASNFactory(jabatan=org.jabatan, user__username=nip_for(1))
    assert other.nip != nip_for(1)
    assert fail(csv_text([row(nip_for(1))])) == [
        f"line 2, column nip: Nama pengguna {nip_for(1)} sudah dipakai akun ASN lain (NIP {other.nip})."
    ]


# --- writing --------------------------------------------------------------------------------------


def test_dry_run_writes_nothing_and_says_what_would_happen(org, run):
    existing = ASNFactory(jabatan=org.jabatan, name="Nama Lama")
    rows = [row(nip_for(1)), row(existing.nip, nama="Nama Baru", email=existing.user.email)]
    out, _err = run(csv_text(rows), "--dry-run")
    assert f"baris 2: buat {nip_for(1)}" in out
    assert f"baris 3: perbarui {existing.nip} (name, user.first_name, user.last_name)" in out
    assert "Uji coba (--dry-run), tidak ada yang disimpan: 1 created, 1 updated, 0 unchanged." in out
    assert ASN.objects.count() == 1
    assert not User.objects.filter(username=nip_for(1)).exists()
    existing.refresh_from_db()
    assert existing.name == "Nama Lama"


def test_changed_row_counts_one_updated(org, run):
    rows = [row(nip_for(1), nama="Ani"), row(nip_for(2), nama="Budi", atasan=nip_for(1)), row(nip_for(3))]
    run(csv_text(rows))
    before = dict(ASN.objects.values_list("nip", "updated_at"))
    rows[1] = row(nip_for(2), nama="Budi", golongan="III/b", atasan="", email="")
    out, _err = run(csv_text(rows))
    assert "0 created, 1 updated, 2 unchanged" in out
    budi = ASN.objects.select_related("user").get(nip=nip_for(2))
    assert (budi.golongan, budi.atasan) == ("III/b", None)
    assert budi.user.email == f"{nip_for(2)}@dinkes.jambiprov.go.id"  # an empty cell keeps the address
    after = dict(ASN.objects.values_list("nip", "updated_at"))
    assert after[nip_for(2)] > before[nip_for(2)]
    assert after[nip_for(1)] == before[nip_for(1)] and after[nip_for(3)] == before[nip_for(3)]
    out, _err = run(csv_text(rows))
    assert "0 created, 0 updated, 3 unchanged" in out


def test_updates_of_different_fields_do_not_mix(org, run):
    """Rows changing different columns are written together without overwriting each other."""
    rows = [row(nip_for(1), nama="Ani Lestari"), row(nip_for(2), nama="Budi Santoso")]
    run(csv_text(rows))
    rows = [
        row(nip_for(1), nama="Ani Lestari", email="ani@baru.id"),
        row(nip_for(2), nama="Budi Santoso Putra", instansi="DLH", unit="SAMPAH", jabatan="DLH-PLK"),
    ]
    out, _err = run(csv_text(rows))
    assert "0 created, 2 updated, 0 unchanged" in out
    ani = ASN.objects.select_related("user").get(nip=nip_for(1))
    budi = ASN.objects.select_related("user").get(nip=nip_for(2))
    assert (ani.name, ani.instansi, ani.user.email, ani.user.last_name) == (
        "Ani Lestari",
        org.dinkes,
        "ani@baru.id",
        "Lestari",
    )
    assert (budi.name, budi.instansi, budi.unit, budi.jabatan) == (
        "Budi Santoso Putra",
        org.dlh,
        org.sampah,
        org.jabatan_dlh,
    )
    assert (budi.user.email, budi.user.last_name) == (f"{nip_for(2)}@dinkes.jambiprov.go.id", "Santoso Putra")


def test_existing_login_without_asn_is_linked_not_duplicated(org, run):
    user = User.objects.create_user(username=nip_for(1), password="rahasia-lama-123")
    run(csv_text([row(nip_for(1), nama="Citra Dewi")]))
    asn = ASN.objects.select_related("user").get()
    assert asn.user == user
    assert (asn.user.first_name, asn.user.last_name) == ("Citra", "Dewi")
    assert asn.user.check_password("rahasia-lama-123")
    assert User.objects.count() == 1


def test_service_functions_without_the_command(org):
    plan = asn_import_parse(text=csv_text([row(nip_for(1)), row(nip_for(2), atasan=nip_for(1))]))
    assert plan.is_valid and plan.delimiter == ","
    assert (plan.counts.created, plan.counts.updated, plan.counts.unchanged) == (2, 0, 0)
    counts = asn_import_apply(plan=plan)
    assert str(counts) == "2 created, 0 updated, 0 unchanged"
    bad = asn_import_parse(text=csv_text([row("1")]))
    with pytest.raises(ValueError):
        asn_import_apply(plan=bad)


# --- set-based writes -----------------------------------------------------------------------------


@pytest.mark.parametrize("size", [300, 3000])
def test_import_is_set_based(org, size, django_assert_max_num_queries):
    """The same small number of queries at 300 and 3,000 rows (19 at 3,000: reads, one prepared
    INSERT per table and hierarchy level, and 900-NIP look-ups of the new keys); a per-row write
    would need thousands."""
    boss = [row(nip_for(i)) for i in range(10)]
    staff = [row(nip_for(i), atasan=nip_for(size + i % 10)) for i in range(10, size)]
    later = [row(nip_for(size + i)) for i in range(10)]  # atasan defined after their staff
    text = csv_text(boss + staff + later)
    with django_assert_max_num_queries(30):
        plan = asn_import_parse(text=text)
        counts = asn_import_apply(plan=plan)
    assert counts.created == size + 10
    assert ASN.objects.filter(atasan__isnull=False).count() == size - 10
    with django_assert_max_num_queries(10):  # the second run only reads
        assert asn_import_apply(plan=asn_import_parse(text=text)).unchanged == size + 10


def test_chain_deeper_than_the_insert_layers(org, run):
    """Past MAX_LAYERS levels the rest is inserted at once and their atasan set in a second pass."""
    depth = MAX_LAYERS * 2
    # Listed bottom-up, so every atasan comes later in the file than its staff.
    rows = [row(nip_for(i), atasan=nip_for(i + 1) if i + 1 < depth else "") for i in range(depth)]
    out, _err = run(csv_text(rows))
    assert f"{depth} created" in out
    chain = dict(ASN.objects.values_list("nip", "atasan__nip"))
    assert chain == {nip_for(i): (nip_for(i + 1) if i + 1 < depth else None) for i in range(depth)}


def test_moving_staff_under_a_new_atasan(org, run):
    """An update pointing at an ASN created in the same run gets the new primary key."""
    run(csv_text([row(nip_for(1)), row(nip_for(2), atasan=nip_for(1))]))
    out, _err = run(csv_text([row(nip_for(2), atasan=nip_for(3)), row(nip_for(3), nama="Kasi Baru")]))
    assert "1 created, 1 updated, 0 unchanged" in out
    assert ASN.objects.get(nip=nip_for(2)).atasan.name == "Kasi Baru"


# --- issue 13, defect 10: the CSV field limit and control characters ---------------------------


def test_a_field_over_the_csv_limit_is_a_line_and_column_not_a_traceback(org, fail):
    huge = "A" * (csv.field_size_limit() + 10)
    text = csv_text([row(nip_for(1)), row(nip_for(2), nama=huge)])
    lines = fail(text)
    assert len(lines) == 1 and lines[0].startswith("line 3, column nama: "), lines
    assert not ASN.objects.exists()


@pytest.mark.parametrize("bad", ["Budi\x00Santoso", "Budi\x07", "Budi\nSantoso", "Bu\x1bdi"])
def test_control_characters_are_rejected_by_the_dry_run_as_by_the_import(org, fail, bad):
    """A NUL passed validation, the dry run said "1 created", and PostgreSQL then refused it."""
    text = csv_text([row(nip_for(1), nama=bad)])
    assert [str(e).split(":")[0] for e in asn_import_parse(text=text).errors] == ["line 2, column nama"]
    dry = fail(text, "--dry-run")
    real = fail(text)
    assert dry == real and real[0].startswith("line 2, column nama: ")


def test_control_character_in_any_column_names_that_column(org):
    cells = row(nip_for(1))
    cells[COLUMNS.index("email")] = "a\x00@dinkes.jambiprov.go.id"
    plan = asn_import_parse(text=csv_text([cells]))
    assert [str(e).split(":")[0] for e in plan.errors] == ["line 2, column email"]
