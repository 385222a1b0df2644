"""One JPM formula everywhere: 100 × Σ min(level, standard) / Σ standard, rounded half up.

Python (the profile), the set-based SQL (the gap report) and the stored fit (the 9-box, the HR
exports) give the same figure on the same data, on SQLite and PostgreSQL alike; the bands are
data, and each edge falls on the right side.
"""

from decimal import Decimal

import pytest
from django.urls import reverse

from competencies import rules, services
from competencies.models import CompetencyFit, JpmBand
from competencies.permissions import grant_competency_permissions
from competencies.selectors import (
    below_standard,
    jpm_band_for,
    jpm_bands,
    jpm_from_totals,
    jpm_of,
    profile_for,
    unit_gap_summary,
)
from pamong.people.regulation import RuleKind
from tests.factories.competencies import set_levels, set_standard
from tests.factories.people import ASNFactory, JabatanFactory

pytestmark = pytest.mark.django_db

#: (standard, levels, expected JPM). The expected figure is the formula worked by hand.
CASES = [
    ({"M.1": 2, "M.4": 3, "M.5": 2}, {"M.1": 2, "M.4": 1}, 42.9),  # 3 / 7
    ({"M.1": 3, "M.2": 2}, {"M.1": 1, "M.2": 2}, 60.0),  # 3 / 5 (the mean of ratios would be 66.7)
    ({"M.1": 4, "M.2": 4, "M.3": 4, "M.4": 4}, {"M.1": 1}, 6.3),  # 6.25 rounds half up
    ({"M.1": 3}, {"M.1": 2}, 66.7),  # 66.66…
    ({"M.1": 3, "M.2": 3, "M.3": 3}, {"M.1": 3, "M.2": 3, "M.3": 2}, 88.9),  # 8 / 9
    ({"M.1": 2, "M.2": 5}, {"M.1": 5, "M.2": 5}, 100.0),  # above the standard adds nothing
    ({"M.1": 2, "M.2": 2}, {}, 0.0),
]


@pytest.fixture
def people(world):
    out = []
    for i, (standard, levels, expected) in enumerate(CASES):
        jabatan = JabatanFactory(unit=world.staff_a.unit, name=f"Jabatan uji {i}")
        set_standard(jabatan, standard)
        asn = ASNFactory(jabatan=jabatan, atasan=world.atasan_a, name=f"Uji JPM {i}")
        set_levels(asn, levels)
        out.append((asn, expected))
    services.fit_refresh()
    return out


def test_python_sql_and_stored_fit_agree(world, people):
    report = {r.asn.pk: r for r in below_standard(user=world.bkpsdm.user, limit=1000)}
    for asn, expected in people:
        assert profile_for(asn=asn).jpm == expected, asn.name
        assert float(CompetencyFit.objects.get(asn=asn).jpm) == expected, asn.name
        if expected < 100:
            assert report[asn.pk].jpm == expected, asn.name
        else:
            assert asn.pk not in report  # meets every standard


def test_unit_average_is_the_mean_of_the_same_figures(world, people):
    unit = world.staff_a.unit
    row = next(r for r in unit_gap_summary(user=world.bkpsdm.user, unit_id=unit.pk))
    figures = [
        float(f)
        for f in CompetencyFit.objects.filter(asn__unit=unit, jpm__isnull=False).values_list("jpm", flat=True)
    ]
    assert row.avg_jpm == round(sum(figures) / len(figures), 1)


def test_integer_rounding_is_half_up():
    assert jpm_from_totals(fit=1, required=16) == 6.3  # Python's round(6.25, 1) would say 6.2
    assert jpm_from_totals(fit=1, required=80) == 1.3
    assert jpm_from_totals(fit=0, required=0) is None
    assert jpm_of([(1, 4), (0, 4), (0, 4), (0, 4)]) == 6.3


def test_every_description_states_the_one_formula():
    text = str(rules.JPM_HELP)
    assert "100 × jumlah min(level saat ini, level standar) ÷ jumlah level standar" in text
    assert "rata-rata" not in text
    assert "bukan angka yang ditetapkan peraturan" in text


@pytest.mark.parametrize(
    ("jpm", "code"),
    [
        (100.0, "memenuhi"),
        (80.0, "memenuhi"),
        (79.9, "masih-memenuhi"),
        (68.0, "masih-memenuhi"),
        (67.9, "kurang-memenuhi"),
        (0.0, "kurang-memenuhi"),
    ],
)
def test_band_edges(jpm, code):
    assert jpm_band_for(jpm=jpm).code == code


def test_no_jpm_no_band():
    assert jpm_band_for(jpm=None) is None


def test_bands_are_data_with_a_local_source():
    bands = jpm_bands()
    assert [(b.label, b.min_pct) for b in bands] == [
        ("Memenuhi syarat", Decimal("80.0")),
        ("Masih memenuhi syarat", Decimal("68.0")),
        ("Kurang memenuhi syarat", Decimal("0.0")),
    ]
    assert {b.source_kind for b in bands} == {RuleKind.LOCAL}
    JpmBand.objects.filter(code="memenuhi").update(min_pct=Decimal("85"))
    assert jpm_band_for(jpm=84.9).code == "masih-memenuhi"


def test_profile_and_gap_report_show_the_band(world, people, client_for):
    asn, _expected = people[0]  # 42.9
    html = client_for(asn.user).get("/kompetensi/").content.decode()
    assert "42,9 % — Kurang memenuhi syarat" in html  # Indonesian decimal comma
    report = client_for(world.bkpsdm.user).get(reverse("competencies_gap_report")).content.decode()
    assert "Kategori JPM" in report
    assert "Kurang memenuhi syarat" in report  # Uji JPM 0, 42.9 %
    assert "<td>88,9 %</td><td>Memenuhi syarat</td>" in report  # Uji JPM 4: below one standard, yet ≥ 80 %


def test_admin_lists_the_bands_with_their_source(world, client_for):
    grant_competency_permissions()
    html = client_for(world.bkpsdm.user).get(reverse("kategori_jpm:index")).content.decode()
    assert "Masih memenuhi syarat" in html
    assert "Praktik umum penilaian kompetensi ASN" in html and "Kebijakan lokal (dapat diubah)" in html
