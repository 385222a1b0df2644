"""Rolling out to an instansi, in Chromium: ``import_asn`` loads two new ASN; one activates through
the emailed link, the other through the code on the letter HR prints; both land on the start page.
Then an active user resets a forgotten password.

The landing page is ``settings.LOGIN_REDIRECT_URL`` (the personal start page ``/saya/``)."""

import csv
import io
import re
import zipfile
from pathlib import Path

import pytest
from django.core import mail
from django.core.management import call_command
from django.shortcuts import resolve_url

from tests.browser.conftest import sign_in

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

PASSWORD = "Jambi2026!"
NEW_BY_EMAIL = "Kinerja-Dewi-2026"
NEW_BY_CODE = "Kinerja-Rudi-2026"
DEWI = "198703152011012001"
RUDI = "199002202015031002"


def expect(locator):
    from playwright.sync_api import expect as playwright_expect

    return playwright_expect(locator)


@pytest.fixture
def imported(world, tmp_path, settings, live_server):
    """Two ASN imported with ``import_asn`` into Dinas Kesehatan: Dewi with an email, Rudi without."""
    settings.PAMONG_BASE_URL = live_server.url  # links in emails and letters point at this server
    unit, job = world.staff_a.unit, world.staff_a.jabatan
    path = tmp_path / "pegawai.csv"
    path.write_text(
        "nip,nama,jenis,golongan,instansi,unit,jabatan,atasan_nip,email\n"
        f"{DEWI},Dewi Lestari,PNS,III/b,DINKES,{unit.code},{job.code},{world.atasan_a.nip},dewi@dinkes.jambiprov.go.id\n"
        f"{RUDI},Rudi Hartono,PNS,II/c,DINKES,{unit.code},{job.code},{world.atasan_a.nip},\n",
        encoding="utf-8",
    )
    out = io.StringIO()
    call_command("import_asn", str(path), stdout=out)
    assert "2 created" in out.getvalue(), out.getvalue()
    hr = world.hr_a.user
    hr.set_password(PASSWORD)
    hr.save()
    return world


def _landing(journey) -> str:
    from django.conf import settings

    return journey.base_url + resolve_url(settings.LOGIN_REDIRECT_URL)


def _sign_out(journey):
    journey.page.context.clear_cookies()


def test_new_asn_activate_by_email_and_by_letter_then_reset(journey, imported):
    page = journey.page

    # --- Dewi: the activation email ----------------------------------------------------------------
    journey.goto("/masuk/")
    page.get_by_role("link", name="Pertama kali masuk? Aktifkan akun Anda").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Aktivasi akun")
    page.get_by_label("NIP").fill(DEWI)
    page.get_by_label("Email yang terdaftar").fill("dewi@dinkes.jambiprov.go.id")
    journey.key_page("aktivasi minta tautan")
    page.get_by_role("button", name="Kirim tautan aktivasi").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Periksa email Anda")
    assert len(mail.outbox) == 1 and mail.outbox[0].to == ["dewi@dinkes.jambiprov.go.id"]
    link = re.search(r"https?://\S+", mail.outbox[0].body).group(0)
    assert link.startswith(journey.base_url + "/akun/aktivasi/")

    page.goto(link)
    expect(page.get_by_role("heading", level=1)).to_have_text("Pilih kata sandi")
    page.locator("#id_new_password1").fill(NEW_BY_EMAIL)
    page.locator("#id_new_password2").fill(NEW_BY_EMAIL)
    journey.key_page("aktivasi pilih kata sandi")
    page.get_by_role("button", name="Simpan kata sandi").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Akun Anda sudah aktif")
    sign_in(journey, DEWI, NEW_BY_EMAIL)
    assert page.url == _landing(journey)

    # The same link a second time: clearly refused.
    _sign_out(journey)
    page.goto(link)
    expect(page.get_by_role("heading", level=1)).to_have_text("Tautan sudah dipakai")
    journey.key_page("tautan sudah dipakai")

    # --- HR prints Rudi's letter ----------------------------------------------------------------------
    sign_in(journey, imported.hr_a.user.username, PASSWORD)
    journey.goto("/hr/surat-aktivasi/")
    page.get_by_role("link", name="Dinas Kesehatan").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Surat aktivasi: Dinas Kesehatan")
    page.get_by_label("Unit kerja (beserta sub-unitnya)").select_option(label=imported.staff_a.unit.name)
    journey.key_page("surat aktivasi")
    with page.expect_download() as info:
        page.get_by_role("button", name="Terbitkan dan unduh surat (ZIP)").click()
    download = info.value
    assert re.fullmatch(r"surat-aktivasi-dinkes-\d{8}\.zip", download.suggested_filename)
    archive = zipfile.ZipFile(io.BytesIO(Path(download.path()).read_bytes()))
    csv_name = next(n for n in archive.namelist() if n.endswith(".csv"))
    rows = list(csv.reader(io.StringIO(archive.read(csv_name).decode("utf-8-sig"))))
    assert [r[0] for r in rows[1:]] == [RUDI]  # Dewi is active already; the world's staff have passwords
    letter_link = rows[1][6]
    assert letter_link.startswith(journey.base_url + "/akun/aktivasi/kode/?nip=")

    # --- Rudi: the code from the letter (the QR opens the page with NIP and code filled in) ---------
    _sign_out(journey)
    page.goto(letter_link)
    expect(page.get_by_label("NIP")).to_have_value(RUDI)
    expect(page.get_by_label("Kode aktivasi")).to_have_value(rows[1][4])
    page.locator("#id_new_password1").fill(NEW_BY_CODE)
    page.locator("#id_new_password2").fill(NEW_BY_CODE)
    journey.key_page("aktivasi dengan kode")
    page.get_by_role("button", name="Aktifkan akun").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Akun Anda sudah aktif")
    sign_in(journey, RUDI, NEW_BY_CODE)
    assert page.url == _landing(journey)

    # The code again: clearly refused.
    _sign_out(journey)
    page.goto(letter_link)
    page.locator("#id_new_password1").fill("Kinerja-Lain-2026")
    page.locator("#id_new_password2").fill("Kinerja-Lain-2026")
    page.get_by_role("button", name="Aktifkan akun").click()
    expect(page.get_by_role("alert").filter(has_text="Kode aktivasi ini sudah dipakai")).to_be_visible()

    # --- Dewi forgot her password ---------------------------------------------------------------------
    mail.outbox.clear()
    journey.goto("/masuk/")
    page.get_by_role("link", name="Lupa kata sandi?").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Lupa kata sandi")
    page.get_by_label("Alamat email akun").fill("dewi@dinkes.jambiprov.go.id")
    journey.key_page("lupa kata sandi")
    page.get_by_role("button", name="Kirim tautan").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Periksa email Anda")
    assert len(mail.outbox) == 1
    reset_link = re.search(r"https?://\S+/akun/lupa-sandi/\S+", mail.outbox[0].body).group(0)
    assert reset_link.startswith(journey.base_url)
    page.goto(reset_link)
    page.locator("#id_new_password1").fill("Kinerja-Baru-2027")
    page.locator("#id_new_password2").fill("Kinerja-Baru-2027")
    page.get_by_role("button", name="Simpan kata sandi").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Kata sandi tersimpan")
    sign_in(journey, DEWI, "Kinerja-Baru-2027")
    assert page.url == _landing(journey)
    journey.assert_no_csp_violation()
