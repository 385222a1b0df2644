"""Learning done outside Pamong: recorded with proof (checked by content), verified or rejected by
HR of the ASN's instansi with an audit trail; only verified records move the 20 JP meter, once.
Bulk import from CSV is all or nothing with ``line N, column C: reason``."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.http import Http404
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from competencies.selectors import jp_compliance, jp_ledger
from learning.models import JpCredit, OutsideRecord, OutsideRecordEvent
from learning.outside import outside_import, outside_record_create, outside_record_decide
from learning.selectors import dashboard_for
from learning.services import LearningError
from pamong.notifications.models import Notification

PDF = b"%PDF-1.4\n1 0 obj <<>> endobj\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32


@pytest.fixture(autouse=True)
def private_media(settings, tmp_path):
    settings.PRIVATE_MEDIA_ROOT = tmp_path


def _record(user, *, title="Pelatihan Kepemimpinan LAN", jp=12, proof=None, **extra):
    today = timezone.localdate()
    fields = {
        "provider": "LAN RI",
        "title": title,
        "started_on": today - datetime.timedelta(days=3),
        "ended_on": today - datetime.timedelta(days=1),
        "jp": jp,
        "proof": proof if proof is not None else SimpleUploadedFile("sertifikat.pdf", PDF),
    }
    fields.update(extra)
    return outside_record_create(user=user, **fields)


def _meter(asn) -> int:
    return dashboard_for(asn_id=asn.pk, root_url_path="/")["jp_year"]


def test_verified_record_moves_the_meter_once_and_a_rejected_one_does_not(world):
    year = timezone.localdate().year
    verified = _record(world.staff_a.user)
    rejected = _record(world.staff_a.user, title="Webinar tanpa sertifikat resmi", jp=3)
    assert _meter(world.staff_a) == 0  # pending counts nothing

    outside_record_decide(user=world.hr_a.user, record=verified, verify=True)
    outside_record_decide(
        user=world.hr_a.user, record=rejected, verify=False, reason="Sertifikat tidak terbaca."
    )

    assert _meter(world.staff_a) == 12
    assert jp_ledger(asn=world.staff_a, year=year).total == 12
    assert jp_compliance(user=world.hr_a.user, year=year).get(pk=world.staff_a.pk).jp_total == 12
    assert JpCredit.objects.filter(asn=world.staff_a).count() == 1
    # deciding again is refused, and counts nothing twice
    with pytest.raises(LearningError, match="sudah diputuskan"):
        outside_record_decide(user=world.bkpsdm.user, record=verified, verify=True)
    assert _meter(world.staff_a) == 12
    # the audit trail: who, when, what, why
    trail = list(
        OutsideRecordEvent.objects.filter(record=rejected).values_list("action", "actor_id", "reason")
    )
    assert trail == [
        ("submitted", world.staff_a.user.pk, ""),
        ("rejected", world.hr_a.user.pk, "Sertifikat tidak terbaca."),
    ]
    # the ASN is told both decisions
    assert Notification.objects.filter(recipient=world.staff_a.user, kind="outside_decided").count() == 2


def test_rejection_needs_a_reason_and_hr_of_another_instansi_sees_nothing(world):
    record = _record(world.staff_a.user)
    with pytest.raises(LearningError, match="alasan"):
        outside_record_decide(user=world.hr_a.user, record=record, verify=False, reason="  ")
    for outsider in (world.hr_b.user, world.atasan_a.user, world.staff_a.user):
        with pytest.raises(Http404):
            outside_record_decide(user=outsider, record=record, verify=True)
    record.refresh_from_db()
    assert record.status == OutsideRecord.Status.PENDING


@pytest.mark.parametrize(
    ("name", "content", "reason"),
    [
        ("sertifikat.pdf", b"MZ\x90\x00 not a pdf", "tidak sesuai"),
        ("sertifikat.exe", PDF, "tidak diizinkan"),
        ("sertifikat.png", PDF, "tidak sesuai"),
    ],
)
def test_proof_is_checked_by_content(world, name, content, reason):
    with pytest.raises(ValidationError) as error:
        _record(world.staff_a.user, proof=SimpleUploadedFile(name, content))
    assert reason in error.value.message_dict["proof"][0]
    assert not OutsideRecord.objects.exists()


def test_proof_size_limit_and_field_errors(world, settings):
    settings.LEARNING_OUTSIDE_PROOF_MAX_BYTES = 1024 * 1024
    with pytest.raises(ValidationError) as error:
        _record(world.staff_a.user, proof=SimpleUploadedFile("besar.pdf", PDF + b"0" * (1024 * 1024)))
    assert "terlalu besar" in error.value.message_dict["proof"][0]
    today = timezone.localdate()
    with pytest.raises(ValidationError) as error:
        _record(world.staff_a.user, jp=0, ended_on=today + datetime.timedelta(days=2), provider="")
    assert set(error.value.message_dict) == {"jp", "ended_on", "provider"}
    assert _record(world.staff_a.user, proof=SimpleUploadedFile("foto.png", PNG)).proof_type == "image/png"


def test_the_same_training_twice_is_refused_clearly(world):
    _record(world.staff_a.user)
    with pytest.raises(LearningError, match="sudah tercatat"):
        _record(world.staff_a.user)
    assert OutsideRecord.objects.count() == 1


def test_asn_form_queue_and_proof_download(world):
    learner, hr, other_hr = Client(), Client(), Client()
    learner.force_login(world.staff_a.user)
    hr.force_login(world.hr_a.user)
    other_hr.force_login(world.hr_b.user)
    today = timezone.localdate()
    response = learner.post(
        reverse("learning:outside_list"),
        {
            "provider": "Kemenkes",
            "title": "Pelatihan Gizi",
            "started_on": (today - datetime.timedelta(days=2)).isoformat(),
            "ended_on": today.isoformat(),
            "jp": "6",
            "proof": SimpleUploadedFile("gizi.pdf", PDF),
        },
    )
    assert response.status_code == 302
    bad = learner.post(
        reverse("learning:outside_list"),
        {
            "provider": "Kemenkes",
            "title": "Pelatihan Lain",
            "started_on": today.isoformat(),
            "ended_on": today.isoformat(),
            "jp": "2",
            "proof": SimpleUploadedFile("lain.pdf", b"bukan pdf"),
        },
    )
    assert bad.status_code == 200 and "tidak sesuai" in bad.content.decode()
    record = OutsideRecord.objects.get()
    assert "Pelatihan Gizi" in hr.get(reverse("learning:outside_queue")).content.decode()
    assert "Pelatihan Gizi" not in other_hr.get(reverse("learning:outside_queue")).content.decode()
    download = hr.get(reverse("learning:outside_proof", args=[record.pk]))
    assert download.status_code == 200 and download["Content-Disposition"].startswith("attachment")
    assert b"".join(download.streaming_content) == PDF
    assert other_hr.get(reverse("learning:outside_proof", args=[record.pk])).status_code == 404
    hr.post(reverse("learning:outside_decide", args=[record.pk]), {"decision": "verify"})
    record.refresh_from_db()
    assert record.status == OutsideRecord.Status.VERIFIED
    assert "Terverifikasi" in learner.get(reverse("learning:outside_list")).content.decode()


# --------------------------------------------------------------------------------------------------
# CSV import
# --------------------------------------------------------------------------------------------------

HEADER = "nip,penyelenggara,judul,tanggal_mulai,tanggal_selesai,jp\n"


def test_import_writes_verified_records_for_asn_in_scope(world):
    year = timezone.localdate().year
    day = timezone.localdate().replace(day=1).isoformat()
    text = (
        HEADER
        + f"{world.staff_a.nip},LAN RI,Latsar CPNS,{day},{day},40\n{world.staff_a2.nip},BPSDM,Webinar SPBE,{day},{day},2\n"
    )
    result = outside_import(user=world.hr_a.user, text=text)
    assert result.errors == []
    assert set(OutsideRecord.objects.values_list("status", flat=True)) == {OutsideRecord.Status.VERIFIED}
    assert jp_ledger(asn=world.staff_a, year=year).total == 40
    assert jp_ledger(asn=world.staff_a2, year=year).total == 2
    assert set(OutsideRecordEvent.objects.values_list("action", flat=True)) == {"imported"}


def test_import_is_all_or_nothing_with_line_and_column(world):
    day = timezone.localdate().isoformat()
    future = (timezone.localdate() + datetime.timedelta(days=10)).isoformat()
    text = (
        HEADER
        + f"{world.staff_a.nip},LAN RI,Latsar CPNS,{day},{day},40\n"  # line 2: good
        + f"{world.staff_b.nip},LAN RI,Latsar,{day},{day},4\n"  # line 3: another instansi
        + f"{world.staff_a2.nip},LAN RI,Webinar,{day},{future},2\n"  # line 4: in the future
        + f"{world.staff_a2.nip},LAN RI,Webinar 2,{day},{day},dua\n"  # line 5: JP not a number
        + f"{world.staff_a.nip},LAN RI,Latsar CPNS,{day},{day},40\n"  # line 6: same as line 2
        + f"{world.staff_a2.nip},LAN RI,Webinar 3,2026-02-30,{day},2\n"  # line 7: no such date
    )
    result = outside_import(user=world.hr_a.user, text=text)
    assert [str(e) for e in result.errors] == [
        f"line 3, column nip: NIP “{world.staff_b.nip}” tidak dikenal atau di luar lingkup Anda.",
        "line 4, column tanggal_selesai: Tanggal selesai tidak boleh di masa depan.",
        "line 5, column jp: JP harus bilangan bulat 1–200.",
        "line 6, column judul: Sama dengan baris 2.",
        "line 7, column tanggal_mulai: Isi tanggal mulai (TTTT-BB-HH).",
    ]
    assert not OutsideRecord.objects.exists() and not JpCredit.objects.exists()


def test_import_header_and_empty_file(world):
    # one error per missing column, from the one CSV reader (pamong.csvfile)
    assert [str(e) for e in outside_import(user=world.hr_a.user, text="nip,judul\n1,2\n").errors] == [
        f"line 1, column {c}: Kolom wajib {c} tidak ada di baris judul (pemisah terbaca: ,)."
        for c in ("penyelenggara", "tanggal_mulai", "tanggal_selesai", "jp")
    ]
    assert [str(e) for e in outside_import(user=world.hr_a.user, text=HEADER).errors] == [
        "line 2, column -: Berkas tidak berisi baris data."
    ]
    with pytest.raises(Http404):
        outside_import(user=world.staff_a.user, text=HEADER)


def test_import_view_shows_errors_and_saves_nothing(world):
    hr = Client()
    hr.force_login(world.hr_a.user)
    day = timezone.localdate().isoformat()
    upload = SimpleUploadedFile(
        "luar.csv", (HEADER + f"{world.staff_b.nip},LAN,Latsar,{day},{day},4\n").encode()
    )
    response = hr.post(reverse("learning:outside_import"), {"file": upload})
    assert response.status_code == 200 and "line 2, column nip" in response.content.decode()
    assert not OutsideRecord.objects.exists()
