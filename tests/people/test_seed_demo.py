"""seed_demo: the demo organisation, its ASN and the demo logins."""

from io import StringIO

import pytest
from django.contrib.auth import authenticate
from django.core.management import CommandError, call_command
from django.test import override_settings

from pamong.people import demo_data
from pamong.people.access import scope_for
from pamong.people.demo import MIN_STAFF_IN_DEMO_GROUP, STAFF_PER_GROUP, demo_plan
from pamong.people.models import ASN, Instansi, Jabatan, UnitKerja
from pamong.people.nip import nip_errors

pytestmark = [pytest.mark.django_db, pytest.mark.slow]


def seed(**kwargs):
    out = StringIO()
    call_command("seed_demo", force=True, no_progress=True, stdout=out, **kwargs)
    return out.getvalue()


def only_people_steps(monkeypatch):
    """Run the organisation step alone (other apps' demo steps have tests of their own)."""
    monkeypatch.setattr("pamong.people.management.commands.seed_demo.DEMO_STEPS", [])


def test_refuses_without_debug_unless_forced(db):
    with override_settings(DEBUG=False), pytest.raises(CommandError, match="DEBUG"):
        call_command("seed_demo", stdout=StringIO())


def test_creates_the_policy_agencies_and_exactly_n_asn(monkeypatch):
    only_people_steps(monkeypatch)
    out = seed(asn=200)
    assert set(Instansi.objects.values_list("code", flat=True)) == {
        "DISDIK",
        "DINKES",
        "DLH",
        "DINSOS",
        "BKPSDM",
    }
    assert ASN.objects.count() == 200
    assert "200 ASN baru" in out
    for username, *_ in demo_data.DEMO_LOGINS:
        assert username in out
    assert demo_data.DEMO_PASSWORD in out


def test_is_idempotent(monkeypatch):
    only_people_steps(monkeypatch)
    seed(asn=150)
    before = (
        Instansi.objects.count(),
        UnitKerja.objects.count(),
        Jabatan.objects.count(),
        ASN.objects.count(),
    )
    out = seed(asn=150)
    assert "0 instansi, 0 unit kerja, 0 jabatan, 0 ASN baru" in out
    assert before == (
        Instansi.objects.count(),
        UnitKerja.objects.count(),
        Jabatan.objects.count(),
        ASN.objects.count(),
    )


def test_if_empty_skips_when_data_exists(monkeypatch):
    only_people_steps(monkeypatch)
    seed(asn=120)
    assert "dilewati" in seed(asn=500, if_empty=True)
    assert ASN.objects.count() == 120


def test_every_nip_is_valid_and_unique(monkeypatch):
    only_people_steps(monkeypatch)
    seed(asn=300)
    rows = list(ASN.objects.values_list("nip", "employment_type"))
    assert len({nip for nip, _ in rows}) == 300
    assert [nip for nip, kind in rows if nip_errors(nip, employment_type=kind)] == []


def test_supervisor_chains_have_no_cycles_and_stay_in_the_instansi(monkeypatch):
    only_people_steps(monkeypatch)
    seed(asn=200)
    by_id = {a.pk: a for a in ASN.objects.all()}
    heads = [a for a in by_id.values() if a.atasan_id is None]
    assert len(heads) == 5  # one head per instansi
    for asn in by_id.values():
        seen, node = set(), asn
        while node.atasan_id:
            assert node.pk not in seen
            seen.add(node.pk)
            assert by_id[node.atasan_id].instansi_id == asn.instansi_id
            node = by_id[node.atasan_id]


def test_demo_logins_work_and_have_their_roles(monkeypatch):
    only_people_steps(monkeypatch)
    seed(asn=200)
    expected = {
        "admin": ["admin"],
        "asn.dinkes": ["asn"],
        "atasan.dinkes": ["asn", "atasan"],
        "hr.dinkes": ["asn", "hr_instansi"],
        "hr.dlh": ["asn", "hr_instansi"],
        "bkpsdm": ["asn", "hr_provinsi"],
        "humas.editor": ["asn", "humas"],
        "humas.moderator": ["asn", "humas"],
    }
    for username, roles in expected.items():
        user = authenticate(username=username, password=demo_data.DEMO_PASSWORD)
        assert user is not None, username
        assert scope_for(user).roles == roles, username
    learner = ASN.objects.get(user__username="asn.dinkes")
    assert learner.atasan.user.username == "atasan.dinkes"
    assert learner.atasan.atasan.user.username == "kabid.dinkes"
    assert learner.atasan.bawahan.count() >= 6
    assert learner.instansi.code == "DINKES" and learner.unit.code == "YANKES-PRIMER"


def test_plan_at_jambi_scale_adds_kabupaten_kota_and_service_units():
    plans = demo_plan(asn=90_000, seed=1)
    assert sum(len(p.people) for p in plans) == 90_000
    assert len(plans) == 16
    for plan in plans:
        staff_per_unit = {}
        for person in plan.people:
            staff_per_unit[person.unit] = staff_per_unit.get(person.unit, 0) + 1
        assert max(staff_per_unit.values()) <= STAFF_PER_GROUP + MIN_STAFF_IN_DEMO_GROUP + 1
    assert any(u.code.endswith("-UPTD001") and u.serves_public for p in plans for u in p.units)
