"""The 9-box: the table as data (every cell), placement of a known fixture, thresholds, the
recorded potential overriding JPM, the one-click recommendation landing in the plan, access."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from competencies.models import DevelopmentPlan, Goal
from competencies.selectors import profile_for
from pamong.hr import selectors, services, talent
from pamong.hr.models import PotentialAssessment, TalentSettings
from pamong.people.models import ASN
from performance.models import Predikat

from .conftest import YEAR

pytestmark = pytest.mark.django_db


def test_nine_box_table_every_cell():
    expected = {
        ("tinggi", "di_bawah"): 6,
        ("tinggi", "sesuai"): 8,
        ("tinggi", "di_atas"): 9,
        ("menengah", "di_bawah"): 3,
        ("menengah", "sesuai"): 5,
        ("menengah", "di_atas"): 7,
        ("rendah", "di_bawah"): 1,
        ("rendah", "sesuai"): 2,
        ("rendah", "di_atas"): 4,
    }
    assert expected == talent.NINE_BOX
    for (pot, kin), number in expected.items():
        assert talent.box_for(potensial=pot, kinerja=kin) == number
        box = talent.BOXES[number]
        assert (box.potensial, box.kinerja) == (pot, kin)
        assert box.action and box.development
    assert sorted(talent.BOXES) == list(range(1, 10))
    assert [[b.number for b in row] for row in talent.grid_rows()] == [[6, 8, 9], [3, 5, 7], [1, 2, 4]]
    assert talent.box_for(potensial=None, kinerja="sesuai") is None


def test_kinerja_from_every_predikat():
    assert talent.KINERJA_BY_PREDIKAT == {
        "sangat_baik": "di_atas",
        "baik": "sesuai",
        "butuh_perbaikan": "di_bawah",
        "kurang": "di_bawah",
        "sangat_kurang": "di_bawah",
    }
    assert set(talent.KINERJA_BY_PREDIKAT) == set(Predikat.values)


def test_placement_of_known_fixture(hr_world):
    w = hr_world.world
    settings = TalentSettings.current()
    rows = {
        r.id: r
        for r in selectors.TalentList(
            asn_qs=ASN.objects.filter(is_active=True), year=YEAR, settings=settings, box=None
        )[:100]
    }
    assert rows[w.staff_a.pk].box == 9
    assert rows[w.staff_a.pk].jpm == 100.0
    assert rows[w.staff_a2.pk].box == 5
    assert rows[w.staff_a2.pk].jpm == 71.4  # 100 × (2 + 2 + 1) / (2 + 3 + 2)
    # the JPM is competencies' own figure
    assert rows[w.staff_a2.pk].jpm == profile_for(asn=w.staff_a2).jpm
    assert rows[w.staff_b.pk].box == 1
    assert rows[w.staff_b.pk].kinerja == "di_bawah" and rows[w.staff_b.pk].potensial == "rendah"
    assert w.atasan_a.pk not in rows  # predikat but no standard: not placed
    grid = selectors.talent_grid(asn_qs=ASN.objects.filter(is_active=True), year=YEAR, settings=settings)
    assert grid.counts == {1: 1, 2: 0, 3: 0, 4: 0, 5: 1, 6: 0, 7: 0, 8: 0, 9: 1}
    assert grid.no_potential >= 1 and grid.no_predikat >= 1


def test_placement_reads_the_stored_fit(hr_world):
    """The 9-box reads competencies' stored JPM (CompetencyFit), kept current by level_set."""
    from competencies.models import CompetencyFit
    from competencies.services import level_set
    from tests.factories.competencies import managerial

    w = hr_world.world
    assert CompetencyFit.objects.get(asn=w.staff_a2).jpm == Decimal("71.4")
    CompetencyFit.objects.filter(asn=w.staff_a2).update(jpm=Decimal("90.0"))  # stored, not recomputed
    assert selectors.talent_row_for(asn=w.staff_a2, year=YEAR).potensial == "tinggi"
    level_set(asn=w.staff_a2, competency=managerial("M.5"), level=2, source="assessment")
    row = selectors.talent_row_for(asn=w.staff_a2, year=YEAR)
    assert row.jpm == profile_for(asn=w.staff_a2).jpm == 85.7  # 100 × 6 / 7
    assert (row.potensial, row.box) == ("tinggi", 8)


def test_thresholds_are_data(hr_world):
    w = hr_world.world
    services.talent_settings_update(medium_from=Decimal("60"), high_from=Decimal("71.4"), user=None)
    row = selectors.talent_row_for(asn=w.staff_a2, year=YEAR)
    assert row.potensial == "tinggi" and row.box == 8


def test_recorded_potential_overrides_jpm(hr_world):
    w = hr_world.world
    services.potential_assessment_record(
        asn=w.staff_b, year=YEAR, level="tinggi", note="Assessment center", user=None
    )
    row = selectors.talent_row_for(asn=w.staff_b, year=YEAR)
    assert (row.potensial, row.kinerja, row.box) == ("tinggi", "di_bawah", 6)
    assert row.potensial_source == "Hasil penilaian potensial"
    # without a standard, a recorded potential is enough to place atasan_a
    services.potential_assessment_record(asn=w.atasan_a, year=YEAR, level="rendah", user=None)
    assert selectors.talent_row_for(asn=w.atasan_a, year=YEAR).box == 2


def test_recommendation_lands_in_plan(hr_world, client_for):
    w = hr_world.world
    client = client_for(w.hr_a.user)
    url = reverse("hr:talent_apply", args=[w.staff_a.pk])
    response = client.post(url, {"tahun": YEAR})
    assert response.status_code == 302
    plan = DevelopmentPlan.objects.get(asn=w.staff_a, year=timezone.localdate().year)
    goal = Goal.objects.get(plan=plan, source=f"hr.talent:{YEAR}")
    assert goal.mandatory
    assert goal.title == str(talent.BOXES[9].development)
    assert "kotak 9" in goal.reason
    client.post(url, {"tahun": YEAR})  # idempotent
    assert Goal.objects.filter(plan=plan, source=f"hr.talent:{YEAR}").count() == 1


def test_recommendation_refused_without_box(hr_world, client_for):
    w = hr_world.world
    response = client_for(w.hr_a.user).post(reverse("hr:talent_apply", args=[w.atasan_a.pk]), {"tahun": YEAR})
    assert response.status_code == 302
    assert not Goal.objects.filter(source__startswith="hr.talent").exists()


APPLY_STATUS = {
    "anonymous": 302,
    "asn": 403,
    "atasan": 403,
    "hr_same": 302,
    "hr_other": 404,
    "bkpsdm": 302,
    "humas": 403,
    "admin": 302,
}


@pytest.mark.parametrize("role", list(APPLY_STATUS))
def test_apply_access(hr_world, client_for, role):
    w = hr_world.world
    response = client_for(w.users()[role]).post(
        reverse("hr:talent_apply", args=[w.staff_a.pk]), {"tahun": YEAR}
    )
    assert response.status_code == APPLY_STATUS[role]
    if role == "anonymous":
        assert "/masuk/" in response["Location"]
    landed = Goal.objects.filter(source=f"hr.talent:{YEAR}").exists()
    assert landed == (APPLY_STATUS[role] == 302 and role != "anonymous")


def test_apply_needs_post(hr_world, client_for):
    w = hr_world.world
    response = client_for(w.hr_a.user).get(reverse("hr:talent_apply", args=[w.staff_a.pk]))
    assert response.status_code == 405


GRID_STATUS = {
    "anonymous": 302,
    "asn": 403,
    "atasan": 403,
    "hr_same": 200,
    "hr_other": 200,
    "bkpsdm": 200,
    "humas": 403,
    "admin": 200,
}


@pytest.mark.parametrize("role", list(GRID_STATUS))
def test_grid_access_and_scope(hr_world, client_for, role):
    w = hr_world.world
    response = client_for(w.users()[role]).get(reverse("hr:talent"), {"tahun": YEAR})
    assert response.status_code == GRID_STATUS[role]
    if response.status_code != 200:
        return
    body = response.content.decode()
    assert body.count("<h1") == 1
    a, b = _link(w.staff_a), _link(w.staff_b)
    if role == "hr_same":
        assert a in body and b not in body
    if role == "hr_other":
        assert b in body and a not in body
    if role in ("bkpsdm", "admin"):
        assert a in body and b in body


def test_grid_other_instansi_filter_is_404(hr_world, client_for):
    w = hr_world.world
    client = client_for(w.hr_a.user)
    assert client.get(reverse("hr:talent"), {"instansi": w.instansi_b.pk}).status_code == 404
    assert client.get(reverse("hr:talent"), {"unit": w.staff_b.unit_id}).status_code == 404


def _link(asn) -> str:
    return reverse("hr:profile", args=[asn.pk]) + '"'


def test_grid_box_list_filter_and_pagination(hr_world, client_for):
    w = hr_world.world
    client = client_for(w.bkpsdm.user)
    body = client.get(reverse("hr:talent"), {"tahun": YEAR, "kotak": 5}).content.decode()
    assert _link(w.staff_a2) in body and _link(w.staff_a) not in body
    body = client.get(reverse("hr:talent"), {"tahun": YEAR, "jenis": "jpt"}).content.decode()
    assert _link(w.staff_a) not in body
    body = client.get(reverse("hr:talent"), {"tahun": YEAR, "instansi": w.instansi_b.pk}).content.decode()
    assert _link(w.staff_b) in body and _link(w.staff_a) not in body


def test_grid_paginates(hr_world, client_for, monkeypatch):
    from pamong.hr import views

    monkeypatch.setattr(views, "TALENT_PAGE_SIZE", 1)
    w = hr_world.world
    client = client_for(w.admin)
    first = client.get(reverse("hr:talent"), {"tahun": YEAR}).context["page_obj"]
    assert first.paginator.count == 3 and len(first.object_list) == 1
    second = client.get(reverse("hr:talent"), {"tahun": YEAR, "page": 2}).context["page_obj"]
    assert second.object_list[0].id != first.object_list[0].id


@pytest.mark.parametrize("extra", [0, 12])
def test_grid_query_count_independent_of_size(hr_world, client_for, django_assert_max_num_queries, extra):
    hr_world.grow(extra)
    client = client_for(hr_world.world.hr_a.user)
    client.get(reverse("hr:talent"), {"tahun": YEAR})  # warm the settings row
    with django_assert_max_num_queries(14):
        response = client.get(reverse("hr:talent"), {"tahun": YEAR})
    assert response.status_code == 200
    assert response.context["grid"].placed == 2 + extra


SETTINGS_STATUS = {
    "anonymous": 302,
    "asn": 403,
    "atasan": 403,
    "hr_same": 403,
    "hr_other": 403,
    "bkpsdm": 200,
    "humas": 403,
    "admin": 200,
}


@pytest.mark.parametrize("role", list(SETTINGS_STATUS))
def test_settings_access(world, client_for, role):
    response = client_for(world.users()[role]).get(reverse("hr:talent_settings"))
    assert response.status_code == SETTINGS_STATUS[role]


def test_settings_form_saves_and_validates(world, client_for):
    client = client_for(world.bkpsdm.user)
    bad = client.post(reverse("hr:talent_settings"), {"medium_from": "90", "high_from": "80"})
    assert bad.status_code == 200
    assert TalentSettings.current().medium_from == Decimal("70")
    ok = client.post(reverse("hr:talent_settings"), {"medium_from": "65", "high_from": "80"})
    assert ok.status_code == 302
    row = TalentSettings.current()
    assert (row.medium_from, row.high_from) == (Decimal("65"), Decimal("80"))


def test_potential_form(hr_world, client_for):
    w = hr_world.world
    url = reverse("hr:potential_record", args=[w.staff_a2.pk])
    assert client_for(w.hr_b.user).get(url).status_code == 404
    assert client_for(w.staff_a.user).get(url).status_code == 403
    client = client_for(w.hr_a.user)
    assert client.get(url).status_code == 200
    response = client.post(url, {"year": YEAR, "level": "tinggi", "note": "AC 2025"})
    assert response.status_code == 302
    assert PotentialAssessment.objects.get(asn=w.staff_a2, year=YEAR).level == "tinggi"
    assert selectors.talent_row_for(asn=w.staff_a2, year=YEAR).box == 8
