"""The stored competency fit follows position changes made by the people app (import, admin)."""

import pytest
from django.urls import reverse

from competencies.models import CompetencyFit
from pamong.people.importer import asn_import_apply, asn_import_parse
from pamong.people.models import ASN
from tests.factories.competencies import set_standard
from tests.factories.people import JabatanFactory

pytestmark = pytest.mark.django_db

HEADER = "nip,nama,jenis,golongan,instansi,unit,jabatan,atasan_nip,email\n"


def test_imported_asn_get_their_fit(world, django_capture_on_commit_callbacks):
    job = world.staff_a.jabatan
    set_standard(job, {"M.1": 2})
    text = HEADER + f"198001012005011001,Nur Aisyah,PNS,III/b,DINKES,{job.unit.code},{job.code},,\n"
    with django_capture_on_commit_callbacks(execute=True):
        asn_import_apply(plan=asn_import_parse(text=text))
    fit = CompetencyFit.objects.get(asn__nip="198001012005011001")
    assert fit.jpm == 0 and fit.below_standard_count == 1


def test_moving_an_asn_to_another_position_refreshes_the_fit(world, django_capture_on_commit_callbacks):
    source, target = world.staff_a.jabatan, JabatanFactory(unit=world.staff_a.unit, code="BARU")
    set_standard(target, {"M.1": 3, "M.4": 3})
    staff = world.staff_a
    row = f"{staff.nip},{staff.name},PNS,{staff.golongan},DINKES,{target.unit.code},{target.code},{staff.atasan.nip},\n"
    with django_capture_on_commit_callbacks(execute=True):
        asn_import_apply(plan=asn_import_parse(text=HEADER + row))
    assert ASN.objects.get(pk=staff.pk).jabatan_id == target.pk != source.pk
    assert CompetencyFit.objects.get(asn=staff).below_standard_count == 2


def test_admin_position_change_refreshes_the_fit(world, client_for, django_capture_on_commit_callbacks):
    target = JabatanFactory(unit=world.staff_a.unit, code="LAIN")
    set_standard(target, {"M.1": 2})
    staff = world.staff_a
    data = {
        "nip": staff.nip,
        "name": staff.name,
        "employment_type": "PNS",
        "golongan": staff.golongan,
        "instansi": staff.instansi_id,
        "unit": staff.unit_id,
        "jabatan": target.pk,
        "atasan": staff.atasan_id,
        "is_active": "on",
    }
    client = client_for(world.bkpsdm.user)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("asn:edit", args=[staff.pk]), data)
    assert response.status_code == 302
    assert CompetencyFit.objects.get(asn=staff).below_standard_count == 1
