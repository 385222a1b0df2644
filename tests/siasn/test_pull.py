"""Master data in: differences listed with their reasons, applied all or nothing, idempotent."""

import pytest
from django.core.management import CommandError, call_command

from pamong.people.models import ASN
from pamong.siasn.models import JabatanMapping, SiasnIdentity, SiasnPullDifference, SiasnPullRun
from pamong.siasn.pull import siasn_pull
from tests.factories.people import JabatanFactory

from .conftest import orang

Status = SiasnPullRun.Status


def test_agreeing_data_changes_nothing(mapped, client):
    run = siasn_pull(instansi=mapped.instansi_a, client=client)
    assert run.status == Status.UNCHANGED, list(run.differences.values_list("nip", "field", "reason"))
    assert run.asn_count == ASN.objects.filter(instansi=mapped.instansi_a).count()
    assert SiasnIdentity.objects.get(asn=mapped.staff_a).pns_orang_id == orang(mapped.staff_a)


def _siasn_differs(world, standin):
    """SIASN says: staff_a was promoted to III/b into a new position under kepala_a; staff_a2 retired."""
    new_job = JabatanFactory(unit=world.staff_a.unit, name="Analis Kebijakan")
    JabatanMapping.objects.create(siasn_jabatan_id="JAB-ANALIS", jabatan=new_job)
    standin.pns[world.staff_a.nip].update(
        golRuangAkhir="III/b", jabatanFungsionalUmumId="JAB-ANALIS", unorId="UNOR-DINKES"
    )
    standin.pns[world.staff_a2.nip]["kedudukanPnsNama"] = "Pensiun"
    return new_job


def test_differences_are_listed_with_reasons_and_applied(mapped, standin, client):
    new_job = _siasn_differs(mapped, standin)
    dry = siasn_pull(instansi=mapped.instansi_a, client=client, dry_run=True)
    assert dry.status == Status.DRY_RUN
    found = {(d.nip, d.field): d for d in dry.differences.all()}
    staff_a, staff_a2 = mapped.staff_a, mapped.staff_a2
    assert set(found) == {
        (staff_a.nip, "golongan"),
        (staff_a.nip, "jabatan"),
        (staff_a.nip, "atasan"),
        (staff_a2.nip, "status"),
    }
    assert (found[(staff_a.nip, "golongan")].pamong_value, found[(staff_a.nip, "golongan")].siasn_value) == (
        "III/a",
        "III/b",
    )
    assert found[(staff_a.nip, "atasan")].siasn_value == mapped.kepala_a.nip
    assert "Pensiun" in found[(staff_a2.nip, "status")].reason
    staff_a.refresh_from_db()
    assert staff_a.golongan == "III/a"  # a dry run changes nothing

    run = siasn_pull(instansi=mapped.instansi_a, client=client)
    assert run.status == Status.APPLIED and run.changed_count == 2
    staff_a.refresh_from_db()
    staff_a2.refresh_from_db()
    assert (staff_a.golongan, staff_a.jabatan_id, staff_a.atasan_id) == (
        "III/b",
        new_job.pk,
        mapped.kepala_a.pk,
    )
    assert staff_a2.is_active is False

    again = siasn_pull(instansi=mapped.instansi_a, client=client)
    assert again.status == Status.UNCHANGED and again.differences.count() == 0


def test_one_error_applies_nothing(mapped, standin, client):
    _siasn_differs(mapped, standin)
    standin.pns[mapped.atasan_a.nip]["unorId"] = "UNOR-UNKNOWN"
    standin.pns[mapped.hr_a.nip]["golRuangAkhir"] = "V/z"
    run = siasn_pull(instansi=mapped.instansi_a, client=client)
    assert run.status == Status.REJECTED
    errors = {(d.nip, d.field): d for d in run.differences.filter(is_error=True)}
    assert errors[(mapped.atasan_a.nip, "unit")].siasn_value == "UNOR-UNKNOWN"
    assert "belum dipetakan" in errors[(mapped.atasan_a.nip, "unit")].reason
    assert "golongan" in errors[(mapped.hr_a.nip, "record")].reason  # the importer's own rule
    mapped.staff_a.refresh_from_db()
    mapped.staff_a2.refresh_from_db()
    assert mapped.staff_a.golongan == "III/a" and mapped.staff_a2.is_active is True


def test_unknown_nip_is_an_error(mapped, standin, client):
    del standin.pns[mapped.staff_a.nip]
    run = siasn_pull(instansi=mapped.instansi_a, client=client)
    assert run.status == Status.REJECTED
    assert run.differences.get(is_error=True).nip == mapped.staff_a.nip


def test_siasn_down_is_a_failed_run(mapped, standin, client):
    standin.fail("/api/referensi", 500)
    run = siasn_pull(instansi=mapped.instansi_a, client=client)
    assert run.status == Status.FAILED and "500" in run.message


def test_command_dry_run_prints_the_differences(mapped, standin, capsys):
    _siasn_differs(mapped, standin)
    call_command("siasn_pull", "--instansi", "DINKES", "--dry-run")
    out = capsys.readouterr().out
    assert f"{mapped.staff_a.nip}\tgolongan" in out and "Pensiun" in out
    assert SiasnPullRun.objects.get().status == Status.DRY_RUN
    with pytest.raises(CommandError):
        call_command("siasn_pull", "--instansi", "NOPE")


def test_differences_table_keeps_every_row(mapped, standin, client):
    _siasn_differs(mapped, standin)
    run = siasn_pull(instansi=mapped.instansi_a, client=client)
    assert SiasnPullDifference.objects.filter(run=run).count() == 4
