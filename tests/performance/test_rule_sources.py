"""Every performance rule says where it comes from: national regulation or a local choice.

The predikat matrix, BerAKHLAK and the distribution pattern are national; the thresholds, the 360°
weights and every reward/sanction rule (TPP ±, piagam, calon promosi, development goal) are local.
A written warning is never an automatic consequence: the rule refers the case to PP 94/2021.
"""

from decimal import Decimal

import pytest
from django.urls import reverse

from pamong.people.regulation import RuleKind
from performance.apps import grant_performance_permissions
from performance.models import (
    BerakhlakValue,
    DistributionRule,
    FollowUpRule,
    PredikatMatrixCell,
)
from performance.scoring import settings_for
from performance.selectors import evaluation_proposal, proposal_explanation, rule_bases_for
from tests.factories.performance import PeriodFactory, PlanFactory, final_evaluation

pytestmark = pytest.mark.django_db

TPP = "Kebijakan Provinsi Jambi (TPP ditetapkan dengan Peraturan Gubernur)"


def test_every_matrix_cell_is_national_permenpanrb_6_2022():
    cells = list(PredikatMatrixCell.objects.all())
    assert len(cells) == 9
    assert {(c.source, c.source_kind) for c in cells} == {("PermenPANRB 6/2022", RuleKind.NATIONAL)}


def test_berakhlak_and_distribution_are_national():
    assert {(v.source, v.source_kind) for v in BerakhlakValue.objects.all()} == {
        ("SE MenPANRB 20/2021", RuleKind.NATIONAL)
    }
    assert {(r.source, r.source_kind) for r in DistributionRule.objects.all()} == {
        ("SE MenPANRB 3/2023", RuleKind.NATIONAL)
    }


def test_thresholds_and_weights_are_a_local_choice():
    s = settings_for(instansi_id=None)
    assert (s.source, s.source_kind) == ("Kebijakan Provinsi Jambi", RuleKind.LOCAL)
    assert s.basis_label == "Kebijakan lokal (dapat diubah): Kebijakan Provinsi Jambi"


@pytest.mark.parametrize(
    ("predikat", "consequence", "source"),
    [
        ("sangat_baik", "certificate", "Kebijakan Provinsi Jambi"),
        ("sangat_baik", "tpp_increase", TPP),
        ("sangat_baik", "promotion_candidate", "Kebijakan Provinsi Jambi"),
        ("butuh_perbaikan", "development_goal", "Default Pamong (dapat diubah)"),
        ("kurang", "warning", "Kebijakan Provinsi Jambi; hukuman disiplin diproses sesuai PP 94/2021"),
        ("kurang", "tpp_reduction", TPP),
        ("kurang", "development_goal", "Default Pamong (dapat diubah)"),
        ("sangat_kurang", "tpp_reduction", TPP),
        ("sangat_kurang", "development_goal", "Default Pamong (dapat diubah)"),
    ],
)
def test_each_default_follow_up_rule_is_local_with_its_source(predikat, consequence, source):
    rule = FollowUpRule.objects.get(instansi=None, trigger_predikat=predikat, consequence=consequence)
    assert (rule.source, rule.source_kind) == (source, RuleKind.LOCAL)


def test_written_warning_is_referred_to_pp_94_2021_not_imposed():
    rule = FollowUpRule.objects.get(instansi=None, consequence="warning")
    assert rule.name == "Pemeriksaan disiplin, diproses sesuai PP 94/2021 (Kurang/Misconduct)"
    label = rule.get_consequence_display()
    assert "PP 94/2021" in label and not label.startswith("Teguran")
    assert not FollowUpRule.objects.filter(name__istartswith="Teguran").exists()


def test_rule_bases_list_national_before_local(world):
    rows = rule_bases_for(instansi_id=world.instansi_a.pk)
    kinds = [r.source_kind for r in rows]
    assert kinds[:3] == [RuleKind.NATIONAL] * 3
    assert set(kinds[3:]) == {RuleKind.LOCAL}
    by_title = {r.title: r for r in rows}
    assert by_title["Matriks predikat kinerja"].source == "PermenPANRB 6/2022"
    thresholds = by_title["Ambang usulan rating dan bobot 360°"]
    assert "110" in thresholds.detail and "atasan 60 %" in thresholds.detail
    assert thresholds.source == "Kebijakan Provinsi Jambi"
    assert by_title["Tambahan TPP 10% untuk kinerja Sangat Baik"].source == TPP


def test_an_instansi_rule_is_listed_only_for_that_instansi(world):
    FollowUpRule.objects.create(
        instansi=world.instansi_b,
        name="Aturan DLH",
        kind="reward",
        trigger_predikat="baik",
        consequence="certificate",
        source="Kebijakan instansi",
    )
    assert "Aturan DLH" in {r.title for r in rule_bases_for(instansi_id=world.instansi_b.pk)}
    assert "Aturan DLH" not in {r.title for r in rule_bases_for(instansi_id=world.instansi_a.pk)}


def test_explanation_snapshot_records_the_threshold_source(world):
    plan = PlanFactory(asn=world.staff_a, period=PeriodFactory(year=2026))
    explanation = proposal_explanation(evaluation_proposal(plan=plan))
    assert explanation["thresholds"]["source"] == "Kebijakan Provinsi Jambi"
    assert explanation["thresholds"]["source_kind"] == RuleKind.LOCAL


def test_transparency_page_labels_each_rule(world, client_for):
    plan = PlanFactory(asn=world.staff_a, period=PeriodFactory(year=2026))
    final_evaluation(plan, predikat="baik")
    body = client_for(world.staff_a.user).get(reverse("performance:result", args=[plan.pk])).content.decode()
    assert "Dasar aturan" in body
    assert "Peraturan nasional" in body and "PermenPANRB 6/2022" in body
    assert "Kebijakan lokal (dapat diubah)" in body and TPP in body
    assert "PP 94/2021" in body


def test_admin_rule_lists_show_kind_and_source(world, client_for):
    grant_performance_permissions()
    c = client_for(world.bkpsdm.user)
    rules = c.get(reverse("kinerja_aturan:index")).content.decode()
    assert TPP in rules and "Kebijakan lokal (dapat diubah)" in rules
    matrix = c.get(reverse("kinerja_matriks:index")).content.decode()
    assert "PermenPANRB 6/2022" in matrix and "Peraturan nasional" in matrix
    settings_page = c.get(reverse("kinerja_pengaturan:index")).content.decode()
    assert "Kebijakan Provinsi Jambi" in settings_page


def test_tpp_percentages_stay_as_configured():
    rule = FollowUpRule.objects.get(instansi=None, consequence="tpp_increase")
    assert rule.tpp_percent == Decimal("10")


def test_a_rule_without_a_source_still_says_it_is_local():
    assert FollowUpRule(name="x", source="").basis_label == "Kebijakan lokal (dapat diubah)"
