"""Records out: a course completion and a finalised result each reach SIASN exactly once, through
retries, token renewal, validation answers and a worker killed mid-send."""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from learning import services as learning_services
from learning.models import Enrolment, OutsideRecord
from learning.outside import outside_import, outside_record_create, outside_record_decide
from pamong.siasn.client import SiasnClient
from pamong.siasn.models import ReferenceMapping, SiasnOutbox
from pamong.siasn.outbox import JENIS_KURSUS_OUTSIDE, LEASE, outbox_backfill, outbox_resend, outbox_send_due
from pamong.siasn.reconcile import reconcile_instansi, reconciliation_summary
from performance.models import Evaluation
from performance.services import evaluation_finalise
from tests.factories.learning import complete_lessons, lessons_of, make_course
from tests.factories.performance import PeriodFactory, PlanFactory

from .conftest import orang

Status = SiasnOutbox.Status


@pytest.fixture
def completed_course(mapped, django_capture_on_commit_callbacks):
    """staff_a completes a 6 JP course; learning's event (after commit) writes the outbox row."""
    course = make_course(modules=1, lessons=1, jp=6)
    with django_capture_on_commit_callbacks(execute=True):
        learning_services.enrolment_self_create(user=mapped.staff_a.user, course=course)
        complete_lessons(mapped.staff_a.user, lessons_of(course))
    return Enrolment.objects.get(asn=mapped.staff_a, course=course)


def finalise_result(world) -> Evaluation:
    """atasan_a's rating of staff_a for 2026 made final through the performance service."""
    plan = PlanFactory(asn=world.staff_a, period=PeriodFactory(year=2026), atasan=world.atasan_a)
    evaluation = Evaluation.objects.create(
        plan=plan, hasil_kerja="di_atas", perilaku_kerja="sesuai", predikat="baik", explanation={}
    )
    evaluation_finalise(evaluation=evaluation, actor=world.hr_a.user, override_reason="Uji pengiriman SIASN.")
    return evaluation


@pytest.fixture
def finalised_result(mapped):
    return finalise_result(mapped)


def test_course_completion_becomes_one_riwayat_kursus_with_its_certificate(completed_course, standin, client):
    row = SiasnOutbox.objects.get()
    assert (row.kind, row.status, row.key) == (
        "kursus",
        Status.PENDING,
        f"kursus:enrolment:{completed_course.pk}",
    )
    counts = outbox_send_due(client=client)
    assert counts.sent == 1
    (record,) = standin.riwayat["kursus"]
    certificate = completed_course.certificate
    assert record["jumlahJam"] == 6 and record["nomorSertipikat"] == certificate.code
    assert record["pnsOrangId"] == orang(completed_course.asn) and record["jenisKursusId"] == "KURSUS-DARING"
    assert record["tanggalSelesaiKursus"] == timezone.localtime(certificate.completed_at).strftime("%d-%m-%Y")
    (document,) = standin.documents
    assert document["id_riwayat"] == record["id"] and document["id_ref_dokumen"] == "881"
    assert document["content"].startswith(b"%PDF")
    row.refresh_from_db()
    assert (row.status, row.riwayat_id, row.document_uploaded) == (Status.SENT, record["id"], True)
    assert outbox_send_due(client=client).sent == 0  # nothing is due any more
    assert len(standin.saves("kursus")) == 1


def test_finalised_result_is_written_in_the_finalising_transaction_and_sent_once(
    finalised_result, standin, client
):
    row = SiasnOutbox.objects.get(kind="skp22")
    assert row.key == f"skp22:evaluation:{finalised_result.pk}"
    outbox_send_due(client=client)
    (record,) = standin.riwayat["skp22"]
    assert (record["hasilKinerjaNilai"], record["perilakuKerjaNilai"], record["kuadranKinerjaNilai"]) == (
        1,
        2,
        2,
    )
    assert record["penilaiNipNrp"] == finalised_result.plan.atasan.nip and record["penilaiGolongan"] == "31"
    assert record["tahun"] == 2026 and record["pnsDinilaiOrang"] == orang(finalised_result.plan.asn)
    assert len(standin.saves("skp22")) == 1


def test_announcing_twice_records_once(completed_course, finalised_result):
    from pamong.siasn.outbox import outbox_record_course, outbox_record_result

    outbox_record_course(enrolment=completed_course)
    outbox_record_result(evaluation=finalised_result)
    assert outbox_backfill(since=timezone.now() - datetime.timedelta(days=1)) == 0
    assert SiasnOutbox.objects.count() == 2


def test_backfill_records_a_completion_whose_announcement_was_lost(completed_course):
    SiasnOutbox.objects.all().delete()  # the process died between learning's commit and the receiver
    assert outbox_backfill(since=timezone.now() - datetime.timedelta(days=1)) == 1
    assert SiasnOutbox.objects.get().key == f"kursus:enrolment:{completed_course.pk}"


@pytest.mark.parametrize("failure", [500, 429, "timeout"])
def test_retryable_failures_back_off_then_send_once(completed_course, standin, client, failure):
    standin.fail("/api/kursus/save", failure)
    now = timezone.now()
    counts = outbox_send_due(client=client, now=now)
    assert counts.retry == 1
    row = SiasnOutbox.objects.get()
    assert row.status == Status.PENDING and row.last_error
    wait = row.next_attempt_at - now
    assert wait == (datetime.timedelta(seconds=7) if failure == 429 else datetime.timedelta(minutes=1))
    assert outbox_send_due(client=client, now=now).sent == 0  # not yet due
    assert outbox_send_due(client=client, now=row.next_attempt_at).sent == 1
    assert len(standin.riwayat["kursus"]) == 1


def test_backoff_doubles(completed_course, standin, client):
    standin.fail("/api/kursus/save", 500, 500, 500)
    now = timezone.now()
    waits = []
    for _ in range(3):
        outbox_send_due(client=client, now=now)
        row = SiasnOutbox.objects.get()
        waits.append(row.next_attempt_at - now)
        now = row.next_attempt_at
    assert waits == [datetime.timedelta(minutes=m) for m in (1, 2, 4)]


def test_expired_tokens_are_renewed_without_losing_the_record(completed_course, standin, client):
    client.ref_unor()
    standin.expire_tokens()
    assert outbox_send_due(client=client).sent == 1
    assert standin.token_requests == ["apim", "sso", "apim", "sso"]


def test_timeout_after_siasn_stored_it_is_reconciled_not_duplicated(completed_course, standin, client):
    standin.fail("/api/kursus/save", "store_then_timeout")
    now = timezone.now()
    assert outbox_send_due(client=client, now=now).retry == 1
    assert len(standin.riwayat["kursus"]) == 1  # it did arrive; Pamong could not know
    counts = outbox_send_due(client=client, now=now + datetime.timedelta(hours=1))
    assert (counts.sent, counts.reconciled) == (1, 1)
    assert len(standin.saves("kursus")) == 1 and len(standin.riwayat["kursus"]) == 1
    row = SiasnOutbox.objects.get()
    assert row.riwayat_id == standin.riwayat["kursus"][0]["id"] and row.document_uploaded


class WorkerKilled(BaseException):
    """Stands for the process dying: nothing after it runs, not even ``except Exception``."""


def test_worker_killed_after_siasn_received_it_never_duplicates(
    finalised_result, standin, client, monkeypatch
):
    real_save = SiasnClient.save

    def save_then_die(self, kind, payload):
        real_save(self, kind, payload)
        raise WorkerKilled

    monkeypatch.setattr(SiasnClient, "save", save_then_die)
    now = timezone.now()
    with pytest.raises(WorkerKilled):
        outbox_send_due(client=client, now=now)
    row = SiasnOutbox.objects.get()
    assert row.status == Status.SENDING and row.attempt_id and not row.riwayat_id
    monkeypatch.setattr(SiasnClient, "save", real_save)

    assert outbox_send_due(client=client, now=now).sent == 0  # still leased to the dead attempt
    counts = outbox_send_due(client=client, now=now + LEASE)
    assert (counts.sent, counts.reconciled) == (1, 1)
    assert len(standin.saves("skp22")) == 1 and len(standin.riwayat["skp22"]) == 1
    row.refresh_from_db()
    assert row.status == Status.SENT and row.riwayat_id == standin.riwayat["skp22"][0]["id"]


def test_worker_killed_before_the_call_sends_after_the_lease(finalised_result, standin, client, monkeypatch):
    def die(self, kind, payload):
        raise WorkerKilled

    monkeypatch.setattr(SiasnClient, "save", die)
    now = timezone.now()
    with pytest.raises(WorkerKilled):
        outbox_send_due(client=client, now=now)
    monkeypatch.undo()
    counts = outbox_send_due(client=client, now=now + LEASE)
    assert (counts.sent, counts.reconciled) == (1, 0)
    assert len(standin.riwayat["skp22"]) == 1


def test_validation_answer_is_kept_for_hr_and_can_be_sent_again(finalised_result, standin, client):
    standin.fail("/api/skp22/save", ("reject", "penilaiNipNrp", "penilaiNipNrp tidak terdaftar sebagai ASN"))
    counts = outbox_send_due(client=client)
    assert counts.rejected == 1
    row = SiasnOutbox.objects.get()
    assert (row.status, row.error_field) == (Status.REJECTED, "penilaiNipNrp")
    assert "tidak terdaftar" in row.last_error
    assert outbox_send_due(client=client).sent == 0  # a rejected record waits for HR
    outbox_resend(row=row, actor=finalised_result.plan.asn.user)
    assert outbox_send_due(client=client).sent == 1


def test_a_missing_mapping_is_a_validation_error_naming_the_field(finalised_result, client):
    ReferenceMapping.objects.filter(kind="kuadran", pamong_value="baik").delete()
    outbox_send_due(client=client)
    row = SiasnOutbox.objects.get()
    assert (row.status, row.error_field) == (Status.REJECTED, "kuadranKinerjaNilai")


def test_mistyped_payload_is_rejected_by_the_standin(completed_course, standin, client):
    row = SiasnOutbox.objects.get()
    row.payload["jumlahJam"] = "6"
    row.save(update_fields=["payload"])
    outbox_send_due(client=client)
    row.refresh_from_db()
    assert (row.status, row.error_field) == (Status.REJECTED, "jumlahJam")
    assert standin.riwayat["kursus"] == []


def test_nothing_is_recorded_when_siasn_is_off(world, settings):
    settings.PAMONG_SIASN = {**settings.PAMONG_SIASN, "API_URL": ""}
    plan = PlanFactory(asn=world.staff_a, period=PeriodFactory(year=2026), atasan=world.atasan_a)
    evaluation = Evaluation.objects.create(
        plan=plan, hasil_kerja="sesuai", perilaku_kerja="sesuai", predikat="baik", explanation={}
    )
    evaluation_finalise(evaluation=evaluation, actor=world.hr_a.user, override_reason="Uji.")
    assert not SiasnOutbox.objects.exists()


PROOF_PDF = b"%PDF-1.4\n% bukti pelatihan di luar Pamong\n%%EOF\n"
PROOF_PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32


@pytest.fixture
def outside_mapped(mapped):
    ReferenceMapping.objects.create(
        kind="jenis_kursus", pamong_value=JENIS_KURSUS_OUTSIDE, siasn_id="KURSUS-LUAR"
    )
    return mapped


def outside_verified(world, *, proof=("sertifikat.pdf", PROOF_PDF), title="Bimtek Arsip") -> OutsideRecord:
    """staff_a records outside learning with ``proof``; HR of the instansi verifies it."""
    record = outside_record_create(
        user=world.staff_a.user,
        provider="ANRI",
        title=title,
        started_on=datetime.date(2026, 3, 2),
        ended_on=datetime.date(2026, 3, 4),
        jp=12,
        proof=SimpleUploadedFile(*proof),
    )
    return outside_record_decide(user=world.hr_a.user, record=record, verify=True)


def test_verified_outside_learning_becomes_one_riwayat_kursus_with_its_pdf_proof(
    outside_mapped, standin, client
):
    record = outside_verified(outside_mapped)
    row = SiasnOutbox.objects.get()  # written by the verification itself (learning's outside_verified)
    assert (row.kind, row.key, row.status) == ("kursus", f"kursus:outside:{record.pk}", Status.PENDING)
    assert outbox_send_due(client=client).sent == 1
    (saved,) = standin.riwayat["kursus"]
    assert (saved["jumlahJam"], saved["jenisKursusId"], saved["institusiPenyelenggara"]) == (
        12,
        "KURSUS-LUAR",
        "ANRI",
    )
    assert (saved["tanggalKursus"], saved["tanggalSelesaiKursus"]) == ("02-03-2026", "04-03-2026")
    assert saved["nomorSertipikat"] == f"PAMONG-LUAR-{record.pk}" and saved["pnsOrangId"] == orang(record.asn)
    (document,) = standin.documents
    assert (document["id_riwayat"], document["id_ref_dokumen"], document["content"]) == (
        saved["id"],
        "881",
        PROOF_PDF,
    )
    row.refresh_from_db()
    assert (row.status, row.riwayat_id, row.document_uploaded) == (Status.SENT, saved["id"], True)
    assert outbox_send_due(client=client).sent == 0 and len(standin.saves("kursus")) == 1


def test_outside_learning_with_an_image_proof_is_sent_without_a_document(outside_mapped, standin, client):
    outside_verified(outside_mapped, proof=("foto.png", PROOF_PNG))
    assert outbox_send_due(client=client).sent == 1
    assert len(standin.riwayat["kursus"]) == 1 and standin.documents == []


def test_rejected_or_pending_outside_learning_is_not_recorded(outside_mapped):
    record = outside_record_create(
        user=outside_mapped.staff_a.user, provider="ANRI", title="Bimtek", started_on=datetime.date(2026, 3, 2),
        ended_on=datetime.date(2026, 3, 4), jp=4, proof=SimpleUploadedFile("s.pdf", PROOF_PDF),
    )  # fmt: skip
    assert not SiasnOutbox.objects.exists()
    outside_record_decide(
        user=outside_mapped.hr_a.user, record=record, verify=False, reason="Bukti tidak terbaca."
    )
    assert not SiasnOutbox.objects.exists()


def test_imported_outside_learning_is_recorded_and_sent_once(outside_mapped, standin, client):
    day = datetime.date(2026, 3, 2).isoformat()
    text = f"nip,penyelenggara,judul,tanggal_mulai,tanggal_selesai,jp\n{outside_mapped.staff_a.nip},LAN RI,Latsar,{day},{day},40\n"
    assert outside_import(user=outside_mapped.hr_a.user, text=text).errors == []
    assert SiasnOutbox.objects.get().key.startswith("kursus:outside:")
    assert outbox_send_due(client=client).sent == 1
    assert [r["jumlahJam"] for r in standin.riwayat["kursus"]] == [40] and standin.documents == []


def test_outside_learning_whose_row_was_lost_is_backfilled_and_reconciled(outside_mapped, standin, client):
    record = outside_verified(outside_mapped)
    SiasnOutbox.objects.all().delete()  # as if the row had been lost
    assert not reconciliation_summary(instansi=outside_mapped.instansi_a)[
        "in_agreement"
    ]  # listed: not queued
    assert outbox_backfill(since=timezone.now() - datetime.timedelta(days=1)) == 1
    assert outbox_backfill(since=timezone.now() - datetime.timedelta(days=1)) == 0
    assert SiasnOutbox.objects.get().key == f"kursus:outside:{record.pk}"
    outbox_send_due(client=client)
    reconcile_instansi(instansi=outside_mapped.instansi_a, client=client)
    assert reconciliation_summary(instansi=outside_mapped.instansi_a)["in_agreement"]


def test_outside_learning_killed_after_siasn_received_it_never_duplicates(
    outside_mapped, standin, client, monkeypatch
):
    outside_verified(outside_mapped)
    real_save = SiasnClient.save

    def save_then_die(self, kind, payload):
        real_save(self, kind, payload)
        raise WorkerKilled

    monkeypatch.setattr(SiasnClient, "save", save_then_die)
    now = timezone.now()
    with pytest.raises(WorkerKilled):
        outbox_send_due(client=client, now=now)
    monkeypatch.undo()
    counts = outbox_send_due(client=client, now=now + LEASE)
    assert (counts.sent, counts.reconciled) == (1, 1)
    assert len(standin.saves("kursus")) == 1 and len(standin.documents) == 1
