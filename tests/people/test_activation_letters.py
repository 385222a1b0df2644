"""HR activation letters: a unit (with sub-units) or a NIP list → a ZIP with the PDF and the CSV;
codes hashed, single use, expiring, replaced by a re-issue; HR only for their own instansi."""

import csv
import datetime as dt
import io
import re
import zipfile

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from pamong.people import services
from pamong.people.models import AccountAuditEntry, ActivationCode
from tests.factories.people import ASNFactory, JabatanFactory, UnitKerjaFactory

pytestmark = pytest.mark.django_db

PASSWORD = "Sandi-Baru-2026"


def _imported(jabatan, name):
    """As ``import_asn`` leaves a new ASN without email: no address, an unusable password."""
    asn = ASNFactory(jabatan=jabatan, name=name)
    asn.user.set_unusable_password()
    asn.user.email = ""
    asn.user.save()
    return asn


@pytest.fixture
def unit_tree(world):
    """Bidang YANKES (staff_a's unit) with a sub-unit; two imported ASN, one in each."""
    top = world.staff_a.unit
    sub = UnitKerjaFactory(instansi=world.instansi_a, parent=top, code="YANKES-1", name="Seksi Primer")
    elsewhere = UnitKerjaFactory(instansi=world.instansi_a, code="UMUM", name="Sekretariat")
    new_top = _imported(world.staff_a.jabatan, "Budi Santoso")
    new_sub = _imported(JabatanFactory(unit=sub, name="Perawat"), "Citra Ayu")
    new_elsewhere = _imported(JabatanFactory(unit=elsewhere, name="Pengadministrasi"), "Dedi Umum")
    return {"top": top, "sub": sub, "new_top": new_top, "new_sub": new_sub, "elsewhere": new_elsewhere}


def _hr(world, who="hr_a"):
    client = Client()
    client.force_login(getattr(world, who).user)
    return client


def _issue(client, instansi, **data):
    return client.post(reverse("people:activation_letters", args=[instansi.pk]), data)


def _unzip(response) -> tuple[bytes, list[list[str]]]:
    assert response["Content-Type"] == "application/zip"
    assert re.match(
        r'attachment; filename="surat-aktivasi-dinkes-\d{8}\.zip"', response["Content-Disposition"]
    )
    archive = zipfile.ZipFile(io.BytesIO(response.content))
    names = sorted(archive.namelist())
    assert [n.rsplit(".", 1)[1] for n in names] == ["csv", "pdf"]
    pdf = archive.read(names[1])
    rows = list(csv.reader(io.StringIO(archive.read(names[0]).decode("utf-8-sig"))))
    return pdf, rows


def _page_count(pdf: bytes) -> int:
    return len(re.findall(rb"/Type /Page\b(?!s)", pdf))


def test_a_unit_with_its_sub_units_gets_one_page_per_asn_and_a_csv(world, unit_tree):
    response = _issue(_hr(world), world.instansi_a, unit=unit_tree["top"].pk)
    assert response.status_code == 200
    pdf, rows = _unzip(response)
    assert rows[0] == [
        "NIP",
        "Nama",
        "Unit kerja",
        "Jabatan",
        "Kode aktivasi",
        "Berlaku sampai",
        "Tautan aktivasi",
    ]
    # only the two who never activated, in the unit and its sub-unit (not the Sekretariat)
    assert sorted(r[1] for r in rows[1:]) == ["Budi Santoso", "Citra Ayu"]
    assert _page_count(pdf) == 2
    for row in rows[1:]:
        assert re.fullmatch(r"[A-Z2-9]{5}-[A-Z2-9]{5}", row[4])
        assert row[6] == f"http://testserver/akun/aktivasi/kode/?nip={row[0]}&kode={row[4]}"
    entry = AccountAuditEntry.objects.get(action="letters.issue")
    assert entry.actor == world.hr_a.user and entry.instansi == world.instansi_a and entry.asn_count == 2
    assert sorted(entry.details["nip"]) == sorted([unit_tree["new_top"].nip, unit_tree["new_sub"].nip])
    # stored hashed: the clear code is nowhere in the table
    for code in ActivationCode.objects.all():
        assert all(row[4].replace("-", "") not in code.code_hash for row in rows[1:])


def test_a_pasted_nip_list(world, unit_tree):
    nips = f"{unit_tree['elsewhere'].nip}\n\n  {unit_tree['new_sub'].nip}  \n"
    pdf, rows = _unzip(_issue(_hr(world), world.instansi_a, nips=nips))
    assert [r[0] for r in rows[1:]] == [unit_tree["elsewhere"].nip, unit_tree["new_sub"].nip]
    assert _page_count(pdf) == 2


def test_bad_nip_lines_are_named_and_nothing_is_issued(world, unit_tree):
    nips = "\n".join([unit_tree["new_top"].nip, world.staff_b.nip, "123", world.staff_a.nip])
    response = _issue(_hr(world), world.instansi_a, nips=nips)
    html = response.content.decode()
    assert response.status_code == 200
    assert f"Baris 2: NIP {world.staff_b.nip} tidak ditemukan" in html  # another instansi: not found
    assert "Baris 3: NIP 123 tidak ditemukan" in html
    assert f"Baris 4: Staf A (NIP {world.staff_a.nip}) sudah mengaktifkan akunnya." in html
    assert not ActivationCode.objects.exists() and not AccountAuditEntry.objects.exists()


def test_unit_and_list_together_or_neither_is_refused(world, unit_tree):
    for data in ({}, {"unit": unit_tree["top"].pk, "nips": unit_tree["new_top"].nip}):
        response = _issue(_hr(world), world.instansi_a, **data)
        assert "Pilih satu unit kerja atau tempel daftar NIP" in response.content.decode()
    assert not ActivationCode.objects.exists()


def test_hr_of_another_instansi_gets_404_and_cannot_use_a_foreign_unit(world, unit_tree):
    other = _hr(world, "hr_b")
    assert other.get(reverse("people:activation_letters", args=[world.instansi_a.pk])).status_code == 404
    assert _issue(other, world.instansi_a, unit=unit_tree["top"].pk).status_code == 404
    # their own page does not accept a unit of instansi A either
    response = _issue(other, world.instansi_b, unit=unit_tree["top"].pk)
    assert response.status_code == 200 and response["Content-Type"].startswith("text/html")
    assert not ActivationCode.objects.exists()
    index = other.get(reverse("people:activation_letters_index")).content.decode()
    assert world.instansi_b.name in index and world.instansi_a.name not in index


def _codes(world, unit) -> dict[str, str]:
    _pdf, rows = _unzip(_issue(_hr(world), world.instansi_a, unit=unit.pk))
    return {row[0]: row[4] for row in rows[1:]}


def _redeem(client, nip, code, password=PASSWORD):
    return client.post(
        reverse("people:activation_code"),
        {"nip": nip, "kode": code, "new_password1": password, "new_password2": password},
    )


def test_the_code_activates_once(world, unit_tree):
    asn = unit_tree["new_top"]
    code = _codes(world, unit_tree["top"])[asn.nip]
    prefilled = Client().get(reverse("people:activation_code") + f"?nip={asn.nip}&kode={code}")
    assert f'value="{code}"' in prefilled.content.decode()
    response = _redeem(Client(), asn.nip, code.lower().replace("-", " "))  # typed loosely
    assert response.status_code == 302 and response["Location"] == reverse("people:activation_complete")
    asn.user.refresh_from_db()
    assert asn.user.check_password(PASSWORD)
    assert Client().post(reverse("login"), {"username": asn.nip, "password": PASSWORD}).status_code == 302
    assert AccountAuditEntry.objects.filter(action="activation.code", details__nip=asn.nip).exists()

    again = _redeem(Client(), asn.nip, code, "Lain-Lagi-2026")
    assert again.status_code == 200
    assert "Kode aktivasi ini sudah dipakai." in again.content.decode()
    asn.user.refresh_from_db()
    assert asn.user.check_password(PASSWORD)


def test_expired_code_says_so(world, unit_tree):
    asn = unit_tree["new_top"]
    code = _codes(world, unit_tree["top"])[asn.nip]
    ActivationCode.objects.filter(asn=asn).update(expires_at=timezone.now() - dt.timedelta(minutes=1))
    response = _redeem(Client(), asn.nip, code)
    assert "Kode aktivasi ini sudah kedaluwarsa" in response.content.decode()
    asn.user.refresh_from_db()
    assert not asn.user.has_usable_password()


def test_reissue_invalidates_the_previous_code(world, unit_tree):
    asn = unit_tree["new_top"]
    first = _codes(world, unit_tree["top"])[asn.nip]
    second = _codes(world, unit_tree["top"])[asn.nip]
    assert first != second
    refused = _redeem(Client(), asn.nip, first)
    assert "NIP dan kode aktivasi tidak cocok" in refused.content.decode()
    assert _redeem(Client(), asn.nip, second).status_code == 302


def test_a_code_belongs_to_its_nip(world, unit_tree):
    codes = _codes(world, unit_tree["top"])
    response = _redeem(Client(), unit_tree["new_sub"].nip, codes[unit_tree["new_top"].nip])
    assert "NIP dan kode aktivasi tidak cocok" in response.content.decode()


def test_weak_password_keeps_the_code(world, unit_tree):
    asn = unit_tree["new_top"]
    code = _codes(world, unit_tree["top"])[asn.nip]
    weak = _redeem(Client(), asn.nip, code, "12345678")
    assert "Kata sandi ini seluruhnya terdiri dari angka." in weak.content.decode()
    assert ActivationCode.objects.get(asn=asn).used_at is None
    assert _redeem(Client(), asn.nip, code).status_code == 302


def test_code_tries_are_throttled(world, unit_tree):
    asn = unit_tree["new_top"]
    code = _codes(world, unit_tree["top"])[asn.nip]
    client = Client()
    statuses = [_redeem(client, f"19900101201501100{i}", "AAAAA-AAAAA").status_code for i in range(10)]
    assert statuses == [200] * 10
    assert _redeem(client, asn.nip, code).status_code == 429
    asn.user.refresh_from_db()
    assert not asn.user.has_usable_password()


def test_issue_service_refuses_asn_of_another_instansi(world, unit_tree):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        services.activation_letters_issue(
            actor=world.hr_a.user, instansi=world.instansi_a, asns=[world.staff_b]
        )
    assert not ActivationCode.objects.exists()


@pytest.mark.parametrize("size", [1, 15])
def test_letters_page_query_budget(world, unit_tree, size, django_assert_max_num_queries):
    for i in range(size):
        UnitKerjaFactory(instansi=world.instansi_a, code=f"EXTRA-{i}")
        AccountAuditEntry.objects.create(
            actor=world.hr_a.user,
            action=AccountAuditEntry.Action.LETTERS_ISSUED,
            instansi=world.instansi_a,
            asn_count=i,
        )
    client = _hr(world)
    url = reverse("people:activation_letters", args=[world.instansi_a.pk])
    with django_assert_max_num_queries(8):
        response = client.get(url)
    assert response.status_code == 200
    assert response.content.decode().count("<tr>") == 1 + min(size, 10)
