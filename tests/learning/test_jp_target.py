"""The JP target: 20 JP a year is the national minimum for PNS only. A PPPK is measured against a
target only when their instansi set one (data, a local rule) — never against 20 JP by default:
not on the learner's meter, not in the HR JP compliance figures, not in the JP report."""

import pytest
from django.urls import reverse
from django.utils import timezone

from learning import services
from learning.models import PppkJpTarget
from learning.selectors import PNS_JP_TARGET, jp_target_for
from pamong.hr.selectors import jp_compliance_summary
from pamong.people.models import ASN
from pamong.people.regulation import RuleKind
from tests.factories.learning import lessons_of, make_course

pytestmark = pytest.mark.django_db


def _pppk(asn):
    asn.employment_type = ASN.EmploymentType.PPPK
    asn.save()
    return asn


def _complete(user, jp):
    course = make_course(modules=1, lessons=1, jp=jp)
    services.enrolment_self_create(user=user, course=course)
    for lesson in lessons_of(course):
        services.lesson_mark_complete(user=user, lesson=lesson)


def test_pns_target_is_national_20_jp(world):
    target = jp_target_for(asn=world.staff_a)
    assert target == PNS_JP_TARGET
    assert (target.jp, target.source_kind) == (20, RuleKind.NATIONAL)
    assert "PP 17/2020" in target.source and "Peraturan LAN" in target.source


def test_pppk_has_no_target_unless_the_instansi_sets_one(world):
    pppk = _pppk(world.staff_a2)
    assert jp_target_for(asn=pppk) is None
    PppkJpTarget.objects.create(instansi=world.instansi_b, jp=10)  # another instansi
    assert jp_target_for(asn=pppk) is None
    PppkJpTarget.objects.create(instansi=world.instansi_a, jp=12, source="Keputusan Kepala Dinas Kesehatan")
    target = jp_target_for(asn=pppk)
    assert (target.jp, target.source_kind, target.source) == (
        12,
        RuleKind.LOCAL,
        "Keputusan Kepala Dinas Kesehatan",
    )
    assert target.basis_label == "Kebijakan lokal (dapat diubah): Keputusan Kepala Dinas Kesehatan"


def test_dashboard_meter_of_a_pppk_without_target(world, client_for):
    pppk = _pppk(world.staff_a2)
    _complete(pppk.user, 8)
    html = client_for(pppk.user).get(reverse("learning:dashboard")).content.decode()
    assert "dari minimal 20 JP" not in html and "Kurang 12 JP" not in html
    assert "8 JP pengembangan kompetensi tahun ini." in html
    assert "untuk PPPK tidak ada minimal nasional" in html


def test_dashboard_meter_of_a_pppk_with_the_instansi_target(world, client_for):
    pppk = _pppk(world.staff_a2)
    PppkJpTarget.objects.create(instansi=world.instansi_a, jp=12)
    _complete(pppk.user, 8)
    html = client_for(pppk.user).get(reverse("learning:dashboard")).content.decode()
    assert "8 dari minimal 12 JP" in html and "Kurang 4 JP" in html
    assert "Kebijakan lokal (dapat diubah): Kebijakan instansi" in html


def test_dashboard_meter_of_a_pns_names_the_regulation(world, client_for):
    _complete(world.staff_a.user, 8)
    html = client_for(world.staff_a.user).get(reverse("learning:dashboard")).content.decode()
    assert "8 dari minimal 20 JP" in html and "Peraturan nasional: PP 11/2017" in html


def test_hr_jp_compliance_does_not_measure_pppk_against_20(world):
    year = timezone.localdate().year
    _complete(world.staff_a.user, 20)  # a PNS who met the 20 JP
    pppk = _pppk(world.staff_a2)  # a PPPK with 0 JP
    qs = ASN.objects.filter(pk__in=[world.staff_a.pk, pppk.pk])
    summary = jp_compliance_summary(asn_qs=qs, year=year)
    assert (summary.total, summary.met, summary.untargeted) == (1, 1, 0 + 1)
    assert summary.percent == 100.0
    assert sum(b.count for b in summary.buckets) == 2  # the distribution still counts everyone
    PppkJpTarget.objects.create(instansi=world.instansi_a, jp=5)
    summary = jp_compliance_summary(asn_qs=qs, year=year)
    assert (summary.total, summary.met, summary.untargeted) == (2, 1, 0)


def test_jp_report_lists_a_pppk_only_against_an_instansi_target(world, client_for):
    pppk = _pppk(world.staff_a2)
    client = client_for(world.hr_a.user)
    year = timezone.localdate().year
    listed = client.get("/admin/kompetensi/kepatuhan-jp/", {"tahun": year}).context["page_obj"]
    assert pppk.pk not in {a.asn_id for a in listed}
    assert world.staff_a.pk in {a.asn_id for a in listed}  # a PNS with 0 JP
    PppkJpTarget.objects.create(instansi=world.instansi_a, jp=12)
    listed = client.get("/admin/kompetensi/kepatuhan-jp/", {"tahun": year}).context["page_obj"]
    assert {a.asn_id: a.jp_minimum for a in listed}[pppk.pk] == 12


def test_admin_lists_pppk_targets_with_their_source(world, client_for):
    PppkJpTarget.objects.create(instansi=world.instansi_a, jp=12, source="Keputusan Kepala Dinas Kesehatan")
    html = client_for(world.bkpsdm.user).get(reverse("target_jp_pppk:index")).content.decode()
    assert "Keputusan Kepala Dinas Kesehatan" in html and "Kebijakan lokal (dapat diubah)" in html
