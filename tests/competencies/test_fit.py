"""The stored competency fit (CompetencyFit) equals the JPM computed on the fly, and stays current."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone

from competencies import services
from competencies.importer import standard_import_apply, standard_import_parse
from competencies.models import CompetencyFit, PositionStandard
from competencies.selectors import jpm_of, profile_for
from tests.factories.competencies import link_course, managerial, set_levels, set_standard
from tests.factories.learning import make_course
from tests.factories.people import ASNFactory

pytestmark = pytest.mark.django_db


def _stored(asn) -> tuple[float | None, int]:
    fit = CompetencyFit.objects.get(asn=asn)
    return (float(fit.jpm) if fit.jpm is not None else None), fit.below_standard_count


def _on_the_fly(asn) -> tuple[float | None, int]:
    rows = profile_for(asn=asn).required_rows
    return jpm_of([(r.current, r.required) for r in rows]), sum(1 for r in rows if r.gap > 0)


@pytest.fixture
def fitted(world):
    """Several ASN, standards and levels: staff_a and staff_a2 share a position (DINKES), staff_b
    has another (DLH), atasan_a a third; kepala_a's position has no standard."""
    set_standard(world.staff_a.jabatan, {"M.1": 2, "M.4": 3, "M.5": 2})
    set_standard(world.staff_b.jabatan, {"M.1": 2, "M.7": 2, "SK.1": 3})
    set_standard(world.atasan_a.jabatan, {"M.2": 4, "M.3": 3})
    set_levels(world.staff_a, {"M.1": 2, "M.4": 1})
    set_levels(world.staff_b, {"M.1": 1, "M.7": 4, "SK.1": 2})
    set_levels(world.atasan_a, {"M.2": 5, "M.3": 3, "M.8": 2})
    return world


def _people(world):
    return [world.staff_a, world.staff_a2, world.staff_b, world.atasan_a, world.kepala_a]


def test_stored_fit_equals_jpm_on_the_fly(fitted):
    services.fit_refresh()
    world = fitted
    for asn in _people(world):
        stored, expected = _stored(asn), _on_the_fly(asn)
        assert stored == expected  # the same figure, not an approximation of it
    # the figures themselves, by hand
    assert _stored(world.staff_a) == (42.9, 2)  # 100 × (2 + 1 + 0) / (2 + 3 + 2)
    assert _stored(world.staff_a2) == (0.0, 3)  # same position, never assessed
    assert _stored(world.staff_b) == (71.4, 2)  # 100 × (1 + 2 + 2) / (2 + 2 + 3)
    assert _stored(world.atasan_a) == (100.0, 0)  # above standard adds nothing
    assert _stored(world.kepala_a) == (None, 0)  # no standard, no JPM


def test_every_asn_gets_a_row_and_refresh_is_idempotent(fitted):
    from pamong.people.models import ASN

    services.fit_refresh()
    assert CompetencyFit.objects.count() == ASN.objects.count()
    before = dict(CompetencyFit.objects.values_list("asn_id", "updated_at"))
    services.fit_refresh()
    assert dict(CompetencyFit.objects.values_list("asn_id", "updated_at")) == before  # nothing changed


def test_level_set_updates_the_fit(fitted):
    world = fitted
    assert _stored(world.staff_a)[1] == 2  # level_set itself keeps the row, no refresh needed
    services.level_set(asn=world.staff_a, competency=managerial("M.4"), level=3, source="assessment")
    services.level_set(asn=world.staff_a, competency=managerial("M.5"), level=2, source="assessment")
    assert _stored(world.staff_a) == (100.0, 0)
    assert _stored(world.staff_a) == (_on_the_fly(world.staff_a)[0], 0)


def test_completion_updates_the_fit(fitted):
    world = fitted
    course = make_course(jp=2)
    link_course(course, "M.5", level=2, rule="raise")
    before = _stored(world.staff_a)
    services.training_completion_record(asn=world.staff_a, course=course, completed_at=timezone.now(), jp=2)
    after = _stored(world.staff_a)
    assert after[1] == before[1] - 1
    assert after[0] == _on_the_fly(world.staff_a)[0]
    assert after[0] > before[0]


def test_standard_import_updates_the_fit_of_the_position(fitted):
    world = fitted
    jabatan = world.staff_a.jabatan
    text = (
        "instansi,jabatan,kompetensi,level\n"
        f"{jabatan.instansi.code},{jabatan.code},M.4,1\n"
        f"{jabatan.instansi.code},{jabatan.code},M.6,2\n"
    )
    plan = standard_import_parse(text=text)
    assert not plan.errors
    standard_import_apply(plan=plan)
    for asn in (world.staff_a, world.staff_a2):
        assert _stored(asn) == _on_the_fly(asn)
    assert _stored(world.staff_a) == (42.9, 2)  # 100 × (2 + 1 + 0 + 0) / (2 + 1 + 2 + 2)


def test_standard_edit_and_delete_in_admin_update_the_fit(fitted):
    world = fitted
    standard = PositionStandard.objects.get(jabatan=world.staff_a.jabatan, competency=managerial("M.4"))
    standard.required_level = 1
    standard.save()  # what the Wagtail viewset does
    assert _stored(world.staff_a) == (60.0, 1)  # 100 × (2 + 1 + 0) / (2 + 1 + 2)
    PositionStandard.objects.filter(
        jabatan=world.staff_a.jabatan, competency=managerial("M.5")
    ).get().delete()
    assert _stored(world.staff_a) == (100.0, 0)
    assert _stored(world.staff_a2)[1] == 2


def test_refresh_is_one_write_statement(fitted, django_assert_max_num_queries):
    for _ in range(5):
        ASNFactory(jabatan=fitted.staff_a.jabatan)
    with django_assert_max_num_queries(1):
        services.fit_refresh()
    with django_assert_max_num_queries(1):
        services.fit_refresh(asn_ids=[fitted.staff_a.pk, fitted.staff_b.pk])
    with django_assert_max_num_queries(1):
        services.fit_refresh(jabatan_ids=[fitted.staff_a.jabatan_id])
    with django_assert_max_num_queries(0):
        services.fit_refresh(asn_ids=[])


def test_long_id_lists_are_chunked(fitted, monkeypatch, django_assert_num_queries):
    monkeypatch.setattr(services.fit, "FIT_REFRESH_MAX_IDS", 2)  # read where fit_refresh lives
    CompetencyFit.objects.all().delete()
    people = _people(fitted)
    with django_assert_num_queries(3):
        services.fit_refresh(asn_ids=[p.pk for p in people])
    assert CompetencyFit.objects.filter(asn__in=people).count() == 5
    assert _stored(fitted.staff_b) == (71.4, 2)


def test_command_refreshes_everyone(fitted):
    CompetencyFit.objects.all().delete()
    out = StringIO()
    call_command("refresh_competency_fit", stdout=out)
    assert _stored(fitted.staff_b) == (71.4, 2)
    assert "diperbarui" in out.getvalue()
