"""The regulatory tables are data, and each cell says what the regulation says."""

from decimal import Decimal

import pytest

from performance.models import (
    BerakhlakValue,
    DistributionRule,
    EvaluationSettings,
    FollowUpRule,
    Indicator,
    PredikatMatrixCell,
)
from performance.scoring import (
    hasil_kerja_from_achievement,
    indicator_achievement_pct,
    perilaku_kerja_from_score,
    predikat_for,
    settings_for,
)

pytestmark = pytest.mark.django_db

MATRIX = [
    ("di_atas", "di_bawah", "kurang"),
    ("di_atas", "sesuai", "baik"),
    ("di_atas", "di_atas", "sangat_baik"),
    ("sesuai", "di_bawah", "kurang"),
    ("sesuai", "sesuai", "baik"),
    ("sesuai", "di_atas", "baik"),
    ("di_bawah", "di_bawah", "sangat_kurang"),
    ("di_bawah", "sesuai", "butuh_perbaikan"),
    ("di_bawah", "di_atas", "butuh_perbaikan"),
]


@pytest.mark.parametrize(("hasil", "perilaku", "predikat"), MATRIX)
def test_each_matrix_cell(hasil, perilaku, predikat):
    assert predikat_for(hasil_kerja=hasil, perilaku_kerja=perilaku) == predikat


def test_matrix_has_exactly_nine_cells():
    assert PredikatMatrixCell.objects.count() == 9


def test_kurang_is_labelled_misconduct():
    cell = PredikatMatrixCell.objects.get(hasil_kerja="sesuai", perilaku_kerja="di_bawah")
    assert cell.get_predikat_display() == "Kurang/Misconduct"


def test_berakhlak_values_with_behaviour_indicators():
    values = list(BerakhlakValue.objects.prefetch_related("indicators"))
    assert [v.name for v in values] == [
        "Berorientasi Pelayanan",
        "Akuntabel",
        "Kompeten",
        "Harmonis",
        "Loyal",
        "Adaptif",
        "Kolaboratif",
    ]
    assert all(v.indicators.count() == 3 for v in values)


def test_default_settings_and_weights():
    s = settings_for(instansi_id=None)
    assert s.is_default
    assert (s.hasil_di_atas_pct, s.hasil_sesuai_pct) == (Decimal("110"), Decimal("90"))
    assert s.weights() == {"atasan": 60, "peer": 20, "subordinate": 10, "public": 10, "self": 0}
    assert s.weight_atasan == 60 and sum(v for k, v in s.weights().items() if k != "atasan") == 40
    assert s.min_group_size == 3


def test_instansi_settings_override_the_default(world):
    EvaluationSettings.objects.create(instansi=world.instansi_a, hasil_di_atas_pct=120, hasil_sesuai_pct=100)
    assert settings_for(instansi_id=world.instansi_a.pk).hasil_di_atas_pct == 120
    assert settings_for(instansi_id=world.instansi_b.pk).is_default


@pytest.mark.parametrize(
    ("pct", "expected"),
    [
        ("110.00", "di_atas"),
        ("109.99", "sesuai"),
        ("90.00", "sesuai"),
        ("89.99", "di_bawah"),
        ("0", "di_bawah"),
        ("200", "di_atas"),
    ],
)
def test_hasil_kerja_threshold_edges(pct, expected):
    s = settings_for(instansi_id=None)
    assert hasil_kerja_from_achievement(pct=Decimal(pct), settings=s) == expected


@pytest.mark.parametrize(
    ("score", "expected"),
    [("4.00", "di_atas"), ("3.99", "sesuai"), ("3.00", "sesuai"), ("2.99", "di_bawah"), ("5", "di_atas")],
)
def test_perilaku_kerja_threshold_edges(score, expected):
    s = settings_for(instansi_id=None)
    assert perilaku_kerja_from_score(score=Decimal(score), settings=s) == expected


def test_thresholds_are_configurable():
    s = EvaluationSettings(hasil_di_atas_pct=Decimal("105"), hasil_sesuai_pct=Decimal("95"))
    assert hasil_kerja_from_achievement(pct=Decimal("105"), settings=s) == "di_atas"
    assert hasil_kerja_from_achievement(pct=Decimal("94.99"), settings=s) == "di_bawah"
    assert hasil_kerja_from_achievement(pct=None, settings=s) is None


def test_achievement_higher_and_lower_is_better():
    higher, lower = Indicator.Direction.HIGHER, Indicator.Direction.LOWER
    assert indicator_achievement_pct(target=Decimal(80), value=Decimal(88), direction=higher) == Decimal(
        "110.00"
    )
    # DINKES: 24 hours to respond is the target, 20 hours is better than planned
    assert indicator_achievement_pct(target=Decimal(24), value=Decimal(20), direction=lower) == Decimal(
        "120.00"
    )
    assert indicator_achievement_pct(target=Decimal(24), value=Decimal(48), direction=lower) == Decimal(
        "50.00"
    )
    assert indicator_achievement_pct(target=Decimal(24), value=Decimal(0), direction=lower) == Decimal("200")
    assert indicator_achievement_pct(target=Decimal(10), value=Decimal(100), direction=higher) == Decimal(
        "200"
    )
    assert indicator_achievement_pct(target=Decimal(10), value=None, direction=higher) is None


def test_distribution_pattern_rows():
    rows = {(r.org_predikat, r.predikat_codes): r for r in DistributionRule.objects.all()}
    assert rows[("istimewa", "sangat_baik")].max_pct == 70
    assert rows[("baik", "baik")].max_pct == 70
    assert rows[("baik", "butuh_perbaikan,kurang")].min_count == 1
    assert rows[("butuh_perbaikan", "butuh_perbaikan")].min_pct == 60
    assert rows[("butuh_perbaikan", "sangat_baik")].max_pct == 10
    assert rows[("kurang", "kurang")].min_pct == 60
    assert rows[("kurang", "butuh_perbaikan")].min_pct == 10
    assert rows[("sangat_kurang", "sangat_kurang")].min_pct == 60
    assert rows[("sangat_kurang", "sangat_baik")].max_pct == 0
    assert len(rows) == 11


def test_distribution_warnings():
    from performance.selectors import distribution_warnings

    rules = list(DistributionRule.objects.filter(org_predikat="baik"))
    ok = {"sangat_baik": 2, "baik": 6, "butuh_perbaikan": 2}
    assert distribution_warnings(counts=ok, rules=rules) == []
    too_many_baik = {"baik": 9, "sangat_baik": 1}
    broken = distribution_warnings(counts=too_many_baik, rules=rules)
    assert len(broken) == 2  # > 70 % Baik, and nobody needs improvement


FOLLOW_UP = [
    ("sangat_baik", "certificate", None),
    ("sangat_baik", "tpp_increase", Decimal("10")),
    ("sangat_baik", "promotion_candidate", None),
    ("butuh_perbaikan", "development_goal", None),
    ("kurang", "warning", None),
    ("kurang", "tpp_reduction", Decimal("10")),
    ("kurang", "development_goal", None),
    ("sangat_kurang", "tpp_reduction", Decimal("25")),
    ("sangat_kurang", "development_goal", None),
]


@pytest.mark.parametrize(("predikat", "consequence", "tpp"), FOLLOW_UP)
def test_default_follow_up_rules(predikat, consequence, tpp):
    rule = FollowUpRule.objects.get(instansi=None, trigger_predikat=predikat, consequence=consequence)
    assert rule.tpp_percent == tpp
    assert rule.kind == ("reward" if predikat == "sangat_baik" else "sanction")


def test_baik_has_no_consequence():
    assert not FollowUpRule.objects.filter(trigger_predikat="baik").exists()
