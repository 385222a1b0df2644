"""A periodic assessment (penilaian kinerja periodik) reaches SIASN's ``/kinerjaperiodik/save``
exactly once with the documented fields, through the outbox: written in the assessing
transaction, backfilled when lost, reconciled afterwards; the stand-in refuses a missing or
mistyped field as it does for the other riwayat."""

import datetime

import pytest
from django.utils import timezone

from pamong.siasn.client import SiasnClient, SiasnRejected
from pamong.siasn.models import ReferenceMapping, SiasnOutbox
from pamong.siasn.outbox import (
    LEASE,
    outbox_backfill,
    outbox_record_periodic_assessment,
    outbox_send_due,
    siasn_payload,
)
from pamong.siasn.reconcile import reconcile_instansi, reconciliation_summary
from performance import services as performance_services
from performance.models import CheckIn, PeriodicAssessment
from tests.factories.performance import PeriodFactory, PlanFactory

from .conftest import orang
from .standin import SAVE_FIELDS

Status = SiasnOutbox.Status


def assess(world, *, number=2) -> PeriodicAssessment:
    """atasan_a gives staff_a's periodic assessment of 2025's second quarter (April–June)."""
    plan = PlanFactory(asn=world.staff_a, period=PeriodFactory(year=2025), atasan=world.atasan_a)
    return performance_services.periodic_assess(
        plan=plan,
        checkin=CheckIn.objects.select_related("period").get(period=plan.period, number=number),
        hasil_kerja="di_atas",
        perilaku_kerja="sesuai",
        actor=world.atasan_a.user,
        today=datetime.date(2025, 12, 31),
    )


@pytest.fixture
def koefisien(mapped):
    """staff_a's jabatan mapped to a koefisien of SIASN (an instansi's own mapping)."""
    return ReferenceMapping.objects.create(
        kind="koefisien", pamong_value=mapped.staff_a.jabatan.code, siasn_id="62", siasn_name="Terampil"
    )


@pytest.fixture
def assessed(mapped, koefisien):
    return assess(mapped)


def test_periodic_assessment_arrives_once_with_the_documented_fields(assessed, standin, client):
    row = SiasnOutbox.objects.get()
    assert (row.kind, row.key, row.status) == (
        "kinerjaperiodik",
        f"kinerjaperiodik:assessment:{assessed.pk}",
        Status.PENDING,
    )
    assert outbox_send_due(client=client).sent == 1
    (record,) = standin.riwayat["kinerjaperiodik"]
    assert set(SAVE_FIELDS["kinerjaperiodik"]) <= set(record)
    atasan = assessed.plan.atasan
    assert {
        k: record[k]
        for k in (
            "tahun", "tahunMulaiPenilaian", "bulanMulaiPenilaian", "tahunSelesaiPenilaian", "bulanSelesaiPenilaian",
            "periodikId", "koefisienId", "hasilKinerjaNilai", "perilakuKerjaNilai", "kuadranKinerjaNilai",
            "penilaiNipNrp", "penilaiNama", "penilaiGolongan", "penilaiJabatanNama", "penilaiUnorNama",
            "statusPenilai", "pnsDinilaiId",
        )
    } == {
        "tahun": 2025, "tahunMulaiPenilaian": 2025, "bulanMulaiPenilaian": 4, "tahunSelesaiPenilaian": 2025,
        "bulanSelesaiPenilaian": 6, "periodikId": "2", "koefisienId": "62", "hasilKinerjaNilai": 1,
        "perilakuKerjaNilai": 2, "kuadranKinerjaNilai": 2, "penilaiNipNrp": atasan.nip, "penilaiNama": atasan.name,
        "penilaiGolongan": "31", "penilaiJabatanNama": atasan.jabatan.name, "penilaiUnorNama": atasan.unit.name,
        "statusPenilai": "ASN", "pnsDinilaiId": orang(assessed.plan.asn),
    }  # fmt: skip
    assert not {"periodik", "koefisien", "jenisJabatan", "predikat", "hasilKerja"} & set(record)
    row.refresh_from_db()
    assert (row.status, row.riwayat_id) == (Status.SENT, record["id"])
    assert outbox_send_due(client=client).sent == 0
    assert len(standin.saves("kinerjaperiodik")) == 1


def test_announcing_twice_and_the_backfill_record_once(assessed):
    outbox_record_periodic_assessment(assessment=assessed)
    assert outbox_backfill(since=timezone.now() - datetime.timedelta(days=1)) == 0
    assert SiasnOutbox.objects.filter(kind="kinerjaperiodik").count() == 1


def test_a_lost_row_is_backfilled_and_reconciled(assessed, standin, client):
    SiasnOutbox.objects.all().delete()
    summary = reconciliation_summary(instansi=assessed.plan.asn.instansi)
    assert [(i.state, i.nip) for i in summary["items"]] == [("missing", assessed.plan.asn.nip)]
    assert "Triwulan 2" in summary["items"][0].summary
    assert outbox_backfill(since=timezone.now() - datetime.timedelta(days=1)) == 1
    outbox_send_due(client=client)
    assert len(standin.riwayat["kinerjaperiodik"]) == 1


def test_reconciliation_agrees_after_the_run(assessed, standin, client, client_for):
    instansi = assessed.plan.asn.instansi
    outbox_send_due(client=client)
    assert reconcile_instansi(instansi=instansi, client=client) == {"confirmed": 1, "missing": 0}
    summary = reconciliation_summary(instansi=instansi)
    assert summary["in_agreement"] and summary["total"] == 1
    standin.riwayat["kinerjaperiodik"].clear()
    assert reconcile_instansi(instansi=instansi, client=client) == {"confirmed": 0, "missing": 1}
    assert not reconciliation_summary(instansi=instansi)["in_agreement"]


def test_worker_killed_after_siasn_received_it_never_duplicates(assessed, standin, client, monkeypatch):
    real_save = SiasnClient.save

    class Killed(BaseException):
        pass

    def save_then_die(self, kind, payload):
        real_save(self, kind, payload)
        raise Killed

    monkeypatch.setattr(SiasnClient, "save", save_then_die)
    now = timezone.now()
    with pytest.raises(Killed):
        outbox_send_due(client=client, now=now)
    monkeypatch.setattr(SiasnClient, "save", real_save)
    counts = outbox_send_due(client=client, now=now + LEASE)
    assert (counts.sent, counts.reconciled) == (1, 1)
    assert len(standin.saves("kinerjaperiodik")) == 1 and len(standin.riwayat["kinerjaperiodik"]) == 1


def test_without_a_koefisien_mapping_the_record_is_rejected_naming_the_field(mapped, client):
    assess(mapped)
    outbox_send_due(client=client)
    row = SiasnOutbox.objects.get()
    assert (row.status, row.error_field) == (Status.REJECTED, "koefisienId")
    assert "Koefisien jabatan" in row.last_error


def test_a_koefisien_for_every_jabatan_of_a_kind_is_the_fallback(mapped, standin, client):
    ReferenceMapping.objects.create(
        kind="koefisien", pamong_value=f"jenis:{mapped.staff_a.jabatan.kind}", siasn_id="12"
    )
    assess(mapped)
    outbox_send_due(client=client)
    assert standin.riwayat["kinerjaperiodik"][0]["koefisienId"] == "12"


def test_a_window_siasn_has_no_periodicity_for_is_rejected(mapped, koefisien, client):
    assessment = assess(mapped)
    PeriodicAssessment.objects.filter(pk=assessment.pk).update(month_start=1)
    SiasnOutbox.objects.all().delete()
    outbox_backfill(since=timezone.now() - datetime.timedelta(days=1))  # recorded again: 6 months
    outbox_send_due(client=client)
    row = SiasnOutbox.objects.get()
    assert (row.status, row.error_field, row.payload["periodik"]) == (
        Status.REJECTED,
        "periodikId",
        "6_bulan",
    )


@pytest.mark.parametrize(
    ("field", "value"), [("koefisienId", None), ("bulanMulaiPenilaian", "4"), ("tahun", "2025")]
)
def test_the_standin_refuses_a_missing_or_mistyped_field(assessed, client, field, value):
    payload = siasn_payload(row=SiasnOutbox.objects.get(), client=client)
    if value is None:
        payload.pop(field)
    else:
        payload[field] = value
    with pytest.raises(SiasnRejected) as exc:
        client.save("kinerjaperiodik", payload)
    assert exc.value.field == field


def test_nothing_is_recorded_when_siasn_is_off(world, settings):
    settings.PAMONG_SIASN = {**settings.PAMONG_SIASN, "API_URL": ""}
    assess(world)
    assert not SiasnOutbox.objects.exists()
