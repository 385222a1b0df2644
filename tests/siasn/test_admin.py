"""The SIASN admin: HR sees its own instansi's runs and outbox only; nobody edits them."""

from django.urls import reverse
from django.utils import timezone

from pamong.siasn.models import SiasnOutbox, SiasnPullDifference, SiasnPullRun


def _run(instansi, nip: str) -> SiasnPullRun:
    run = SiasnPullRun.objects.create(
        instansi=instansi, started_at=timezone.now(), status=SiasnPullRun.Status.REJECTED
    )
    SiasnPullDifference.objects.create(
        run=run, nip=nip, field="unit", siasn_value="UNOR-X", reason="Unor belum dipetakan.", is_error=True
    )
    return run


def test_hr_sees_only_their_instansi(world, client_for):
    mine, other = _run(world.instansi_a, world.staff_a.nip), _run(world.instansi_b, world.staff_b.nip)
    hr = client_for(world.hr_a.user)
    listing = hr.get(reverse("siasnpullrun:index")).content.decode()
    assert reverse("siasnpullrun:inspect", args=[mine.pk]) in listing
    assert reverse("siasnpullrun:inspect", args=[other.pk]) not in listing
    detail = hr.get(reverse("siasnpullrun:inspect", args=[mine.pk]))
    assert detail.status_code == 200 and "Unor belum dipetakan." in detail.content.decode()
    assert hr.get(reverse("siasnpullrun:inspect", args=[other.pk])).status_code == 404


def test_records_are_read_only_even_for_the_administrator(world, client_for):
    row = SiasnOutbox.objects.create(
        key="uji:1", kind="skp22", asn=world.staff_a, instansi=world.instansi_a, summary="SKP 2026",
        next_attempt_at=timezone.now(),
    )  # fmt: skip
    admin = client_for(world.admin)
    assert admin.get(reverse("siasnoutbox:index")).status_code == 200
    assert admin.get(reverse("siasnoutbox:edit", args=[row.pk])).status_code in (302, 403)
    assert admin.post(reverse("siasnoutbox:edit", args=[row.pk]), {"summary": "x"}).status_code in (
        302,
        403,
    )
    row.refresh_from_db()
    assert row.summary == "SKP 2026"


def test_bkpsdm_edits_mappings_and_hr_reads_them(world, client_for):
    assert client_for(world.bkpsdm.user).get(reverse("unormapping:add")).status_code == 200
    hr = client_for(world.hr_a.user)
    assert hr.get(reverse("unormapping:index")).status_code == 200
    assert hr.get(reverse("unormapping:add")).status_code in (302, 403)
