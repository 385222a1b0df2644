"""Gap figures, JPM weighting, the set-based unit report and its flat query count."""

import pytest

from competencies.selectors import below_standard, jpm_of, profile_for, unit_gap_summary
from tests.factories.competencies import set_levels
from tests.factories.people import ASNFactory

pytestmark = pytest.mark.django_db


def test_jpm_weighting_every_cell():
    """JPM = 100 × Σ min(level, standard) / Σ standard, rounded half up to one decimal."""
    assert jpm_of([]) is None
    assert jpm_of([(0, 3)]) == 0.0
    assert jpm_of([(3, 3)]) == 100.0
    assert jpm_of([(5, 3)]) == 100.0  # above the standard adds nothing
    assert jpm_of([(1, 2), (2, 2)]) == 75.0
    assert jpm_of([(1, 3), (2, 2), (0, 4)]) == 33.3  # 3 / 9, not the mean of the ratios (44.4)
    assert jpm_of([(1, 3), (2, 2)]) == 60.0  # a higher standard weighs more (the mean would be 66.7)
    assert jpm_of([(1, 5), (1, 3)]) == 25.0
    assert jpm_of([(2, 3)]) == 66.7  # 66.66… rounds up
    assert jpm_of([(1, 3)]) == 33.3  # 33.33… rounds down


def test_profile_gap_and_set_based_report_agree(standards):
    world = standards
    profile = profile_for(asn=world.staff_a)
    assert {r.competency.code: (r.required, r.current, r.gap) for r in profile.rows} == {
        "M.1": (2, 2, 0),
        "M.4": (3, 1, 2),
        "M.5": (2, 0, 2),
    }
    rows = {r.asn.pk: r for r in below_standard(user=world.bkpsdm.user)}
    assert rows[world.staff_a.pk].jpm == profile.jpm
    assert (
        rows[world.staff_a.pk].met,
        rows[world.staff_a.pk].required,
        rows[world.staff_a.pk].gap_total,
    ) == (1, 3, 4)
    # staff_a2 shares the position and was never assessed: JPM 0.
    assert rows[world.staff_a2.pk].jpm == 0.0
    set_levels(world.staff_a2, {"M.1": 2, "M.4": 3, "M.5": 3})
    assert world.staff_a2.pk not in {r.asn.pk for r in below_standard(user=world.bkpsdm.user)}


def test_report_scope(standards):
    world = standards
    assert {r.asn.pk for r in below_standard(user=world.hr_b.user)} == {world.staff_b.pk}
    assert {r.asn.pk for r in below_standard(user=world.atasan_a.user)} == {
        world.staff_a.pk,
        world.staff_a2.pk,
    }
    assert below_standard(user=world.humas_editor) == []
    summary = {row.unit.pk: row for row in unit_gap_summary(user=world.hr_a.user)}
    assert list(summary) == [world.staff_a.unit_id]
    assert (summary[world.staff_a.unit_id].assessed, summary[world.staff_a.unit_id].below) == (2, 2)


@pytest.mark.parametrize("size", [4, 40])
def test_gap_report_query_count_flat(standards, client_for, django_assert_max_num_queries, size):
    world = standards
    for i in range(size):
        asn = ASNFactory(jabatan=world.staff_a.jabatan, atasan=world.atasan_a)
        set_levels(asn, {"M.1": 1 + i % 3, "M.4": 1 + i % 2})
    client = client_for(world.hr_a.user)
    # Wagtail's admin frame, the scope, the filter form, then two per report (aggregate + rows).
    with django_assert_max_num_queries(17):
        response = client.get("/admin/kompetensi/kesenjangan/")
    assert response.status_code == 200
    assert len(response.context["below"]) >= size
    with django_assert_max_num_queries(10):
        csv_response = client.get("/admin/kompetensi/kesenjangan/", {"format": "csv"})
    assert b"".join(csv_response.streaming_content).decode().count("\n") >= size + 1


@pytest.mark.parametrize("size", [2, 20])
def test_profile_page_query_count_flat(standards, client_for, django_assert_max_num_queries, size):
    from competencies.services import level_set
    from tests.factories.competencies import managerial

    for i in range(size):
        level_set(asn=standards.staff_a, competency=managerial("M.4"), level=1 + i % 3, source="assessment")
    client = client_for(standards.staff_a.user)
    with django_assert_max_num_queries(16):
        assert client.get("/kompetensi/").status_code == 200
