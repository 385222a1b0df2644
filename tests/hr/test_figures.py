"""The stored HR figures (pamong.hr.figures) equal a recomputation from scratch after every kind of
write that moves them — through services, conditional bulk UPDATEs (no signal), deletes and
page publishing — and the pages read from them agree with the set-based reference selectors."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import timezone

from competencies.models import Activity, DevelopmentPlan, Goal
from competencies.selectors import jp_below_minimum
from learning.models import Enrolment, JpCredit, OutsideRecord, PppkJpTarget
from pamong.hr import figures, figures_read, reports, selectors, services
from pamong.hr.models import InstansiFigure, JpShortfall, TalentSettings, UnitChange, UnitFigure
from pamong.people.access import scope_for
from pamong.people.models import ASN, Jabatan
from pamong.socialization.models import PolicyPage
from pamong.socialization.selectors import coverage_report
from pamong.socialization.services import acknowledgement_record
from performance.models import Evaluation
from tests.factories.competencies import managerial, set_levels, set_standard
from tests.factories.people import UnitKerjaFactory
from tests.factories.socialization import chapter

from .conftest import YEAR, at

pytestmark = pytest.mark.django_db


def _dashboard_facts(d) -> dict:
    return {
        "asn": d.asn_total,
        "predikat": [(r.key, r.count, r.total) for r in d.predikat],
        "trend": [(t.year, [(r.key, r.count) for r in t.rows]) for t in d.trend],
        "jp": (d.jp.total, d.jp.met, d.jp.untargeted, [(r.key, r.count, r.total) for r in d.jp.buckets]),
        "gaps": [(g.competency.pk, g.assessed, g.below, g.gap_total) for g in d.gaps],
        "coverage": (d.coverage.total, d.coverage.complete, [(r.key, r.count) for r in d.coverage.chapters]),
        "training": (
            d.training.total,
            d.training.completed,
            d.training.overdue,
            [(r.key, r.count, r.total) for r in d.training.courses],
        ),
    }


def _grid_facts(g) -> tuple:
    return (g.counts, g.unplaced, g.no_predikat, g.no_potential)


def _coverage_facts(report) -> list[tuple]:
    return [
        (
            r.instansi.pk if r.instansi else None,
            r.unit.pk if r.unit else None,
            r.active,
            r.per_chapter,
            r.all_chapters,
        )
        for r in [*report.rows, *([report.total] if report.total else [])]
    ]


def assert_reports_agree_with_reference(user, *, instansi_id=None, unit_id=None) -> None:
    """The coverage report (per unit, and per instansi only) and the JP compliance list from the
    figures equal their set-based references."""
    instansi_ids = scope_for(user).hr_instansi_ids()
    ref = coverage_report(instansi_ids=instansi_ids, instansi_id=instansi_id, unit_id=unit_id)
    got = reports.coverage(instansi_ids=instansi_ids, instansi_id=instansi_id, unit_id=unit_id, per_unit=True)
    assert _coverage_facts(got.report) == _coverage_facts(ref), (user, instansi_id, unit_id)
    if unit_id is None:
        summary = reports.coverage(
            instansi_ids=instansi_ids, instansi_id=instansi_id, unit_id=None, per_unit=False
        ).report
        subtotals = [f for f in _coverage_facts(ref) if f[1] is None]
        assert _coverage_facts(summary) == subtotals, (user, instansi_id)
    for year in figures.jp_years():
        expected = {
            (a.pk, a.jp_courses, a.jp_activities, a.jp_minimum)
            for a in jp_below_minimum(user=user, year=year, instansi_id=instansi_id, unit_id=unit_id)
        }
        rows = reports.jp_shortfalls(
            instansi_ids=instansi_ids, instansi_id=instansi_id, unit_id=unit_id, year=year
        )
        assert {(r.asn_id, r.jp_courses, r.jp_activities, r.jp_minimum) for r in rows.rows} == expected, (
            user,
            instansi_id,
            unit_id,
            year,
        )


def assert_pages_agree_with_reference(w) -> None:
    """Dashboard, 9-box (counts and the people in each cell), coverage and JP reports from the
    figures equal the set-based reference, for BKPSDM and each instansi's HR, with and without filters."""
    unit_a = w.staff_a.unit_id
    settings = TalentSettings.current()
    cases = [
        (w.bkpsdm.user, {}),
        (w.bkpsdm.user, {"instansi_id": w.instansi_a.pk}),
        (w.hr_a.user, {"instansi_id": w.instansi_a.pk}),
        (w.hr_a.user, {"instansi_id": w.instansi_a.pk, "unit_id": unit_a}),
        (w.hr_a.user, {"instansi_id": w.instansi_a.pk, "jabatan_kind": Jabatan.Kind.PELAKSANA}),
        (w.hr_b.user, {"instansi_id": w.instansi_b.pk}),
    ]
    for user, extra in cases:
        if "jabatan_kind" not in extra:
            assert_reports_agree_with_reference(
                user, instansi_id=extra.get("instansi_id"), unit_id=extra.get("unit_id")
            )
        for year in (YEAR, YEAR + 1):
            filters = selectors.Filters(year=year, **extra)
            reference = selectors.dashboard_for(user=user, filters=filters)
            stored = figures_read.dashboard_from_figures(user=user, filters=filters)
            assert _dashboard_facts(stored) == _dashboard_facts(reference), (user, extra, year)
            asn_qs = selectors.scoped_asn(user=user, filters=filters)
            ref_grid = selectors.talent_grid(asn_qs=asn_qs, year=year, settings=settings)
            grid = figures_read.talent_grid_from(
                figures_read.scope_figures(user=user, filters=filters), year=year
            )
            assert _grid_facts(grid) == _grid_facts(ref_grid), (user, extra, year)
            for box in (None, *sorted(ref_grid.counts)):
                ref_rows = selectors.TalentList(asn_qs=asn_qs, year=year, settings=settings, box=box)
                count = ref_grid.placed if box is None else ref_grid.counts[box]
                rows = figures_read.PlacedList(
                    user=user, filters=filters, settings=settings, box=box, count=count
                )
                assert [r.id for r in rows[0:1000]] == [r.id for r in ref_rows[0:1000]], (
                    user,
                    extra,
                    year,
                    box,
                )


def _evaluation_changed_in_bulk(h):
    Evaluation.objects.filter(pk=h.eval_a.pk).update(predikat="baik")


def _evaluation_deleted(h):
    Evaluation.objects.filter(plan__asn=h.world.staff_b).delete()


def _enrolment_completed_in_bulk(h):
    Enrolment.objects.filter(asn=h.world.staff_a2).update(completed_at=at(4), jp_credited=12, progress=100)


def _enrolment_overdue(h):
    Enrolment.objects.filter(asn=h.world.staff_a2).update(due_date=dt.date(YEAR, 3, 1))


def _activity_done(h):
    plan = DevelopmentPlan.objects.create(
        asn=h.world.staff_a2, year=YEAR, status=DevelopmentPlan.Status.APPROVED
    )
    goal = Goal.objects.create(plan=plan, title="Coaching", competency=managerial("M.5"), target_level=2)
    activity = Activity.objects.create(goal=goal, kind=Activity.Kind.COACHING, title="Coaching", jp=9)
    Activity.objects.filter(pk=activity.pk).update(done_on=dt.date(YEAR, 7, 1))


def _jp_credited(h):
    """An attended session or verified outside learning: a JP credit, written in SQL or by a service."""
    record = OutsideRecord.objects.create(
        asn=h.world.staff_a2,
        provider="LAN",
        title="Webinar LAN",
        started_on=dt.date(YEAR, 5, 2),
        ended_on=dt.date(YEAR, 5, 2),
        jp=8,
        status=OutsideRecord.Status.VERIFIED,
        created_at=at(5),
    )
    JpCredit.objects.create(
        asn=h.world.staff_a2,
        kind=JpCredit.Kind.OUTSIDE,
        title="Webinar LAN",
        earned_on=dt.date(YEAR, 5, 2),
        jp=8,
        outside_record=record,
    )
    JpCredit.objects.filter(asn=h.world.staff_a2).update(jp=14)


def _acknowledged(h):
    acknowledgement_record(user=h.world.staff_a2.user, page=h.chapters[1])
    acknowledgement_record(user=h.world.staff_b.user, page=h.chapters[0])


def _reconfirmation_asked(h):
    PolicyPage.objects.filter(pk=h.chapters[0].pk).update(ack_valid_from=timezone.now())


def _chapter_unpublished(h):
    h.chapters[1].unpublish()


def _chapter_published(h):
    chapter(title="Bab Tiga Disiplin")


def _level_changed(h):
    set_levels(h.world.staff_a2, {"M.4": 3, "M.5": 2})


def _standard_changed(h):
    set_standard(h.job, {"M.5": 3})


def _potential_recorded(h):
    w = h.world
    services.potential_assessment_record(asn=w.staff_a2, year=YEAR, level="tinggi", user=w.bkpsdm.user)
    services.potential_assessment_record(asn=w.atasan_a, year=YEAR, level="rendah", user=w.bkpsdm.user)


def _thresholds_changed(h):
    services.talent_settings_update(
        medium_from=Decimal("60"), high_from=Decimal("70"), user=h.world.bkpsdm.user
    )


def _asn_moved(h):
    other = UnitKerjaFactory(instansi=h.world.instansi_a, code="PROMKES", name="Bidang Promosi Kesehatan")
    ASN.objects.filter(pk=h.world.staff_a.pk).update(unit=other)


def _asn_deactivated(h):
    ASN.objects.filter(pk=h.world.staff_a2.pk).update(is_active=False)


def _jabatan_kind_changed(h):
    Jabatan.objects.filter(pk=h.job.pk).update(kind=Jabatan.Kind.PENGAWAS)


def _pppk_target(h):
    ASN.objects.filter(pk=h.world.staff_a2.pk).update(employment_type=ASN.EmploymentType.PPPK)
    PppkJpTarget.objects.create(instansi=h.world.instansi_a, jp=10, source="Perkada")


def _more_people(h):
    h.grow(4)


WRITES = [
    _more_people,
    _evaluation_changed_in_bulk,
    _evaluation_deleted,
    _enrolment_completed_in_bulk,
    _enrolment_overdue,
    _activity_done,
    _jp_credited,
    _acknowledged,
    _reconfirmation_asked,
    _chapter_unpublished,
    _chapter_published,
    _level_changed,
    _standard_changed,
    _potential_recorded,
    _thresholds_changed,
    _asn_moved,
    _asn_deactivated,
    _jabatan_kind_changed,
    _pppk_target,
]


@pytest.mark.parametrize("write", WRITES, ids=[f.__name__.strip("_") for f in WRITES])
def test_write_marks_units_and_figures_equal_a_recomputation(hr_world, write):
    figures.figures_rebuild()
    assert figures.figures_check() == []
    assert not UnitChange.objects.exists()
    write(hr_world)
    assert UnitChange.objects.exists(), "the write marked no unit"
    assert_pages_agree_with_reference(hr_world.world)  # reading refreshes the marked units first
    assert not UnitChange.objects.exists()
    assert figures.figures_check() == []


def test_every_write_in_sequence(hr_world):
    figures.figures_rebuild()
    for write in WRITES:
        write(hr_world)
        figures.figures_refresh(limit=10_000)
        assert figures.figures_check() == [], write.__name__
    assert_pages_agree_with_reference(hr_world.world)


def test_a_page_recomputes_at_most_a_batch_and_says_how_many_units_wait(hr_world, settings):
    w = hr_world.world
    figures.figures_rebuild()
    figures.figures_mark_all()
    marked = UnitChange.objects.count()
    assert marked >= 3
    settings.PAMONG_HR_FIGURES_REFRESH_UNITS = 1
    filters = selectors.Filters(year=YEAR)
    dashboard = figures_read.dashboard_from_figures(user=w.bkpsdm.user, filters=filters)
    assert dashboard.pending == marked - 1
    assert UnitChange.objects.count() == marked - 1


def test_check_aggregates_reports_and_repairs(hr_world, capsys):
    figures.figures_rebuild()
    call_command("check_aggregates")
    assert "sama" in capsys.readouterr().out
    UnitFigure.objects.filter(metric="asn").update(value=999)
    InstansiFigure.objects.filter(metric="cov").delete()
    shortfall = JpShortfall.objects.order_by("pk").first()
    JpShortfall.objects.filter(pk=shortfall.pk).update(jp_courses=shortfall.jp_courses + 7)
    JpShortfall.objects.exclude(pk=shortfall.pk).filter(asn_id=hr_world.world.staff_b.pk).delete()
    with pytest.raises(CommandError):
        call_command("check_aggregates")
    out = capsys.readouterr().out
    assert "asn" in out and "cov" in out
    assert f"JP ASN {shortfall.asn_id} {shortfall.year}" in out  # other JP than recomputed
    assert f"JP<min ASN {hr_world.world.staff_b.pk}" in out  # below the minimum, but not listed
    call_command("check_aggregates", "--repair")
    assert figures.figures_check() == []
    call_command("check_aggregates")


def test_a_new_year_retires_the_old_year_and_recomputes_every_unit(hr_world):
    """The JP list keeps :func:`~pamong.hr.figures.jp_years`: on the first read after the year
    turns, the year that left the window goes and every unit is recomputed for the new one."""
    figures.figures_rebuild()
    w = hr_world.world
    first = figures.jp_years()[0]
    JpShortfall.objects.filter(year=first).update(year=first - 1)  # as if the calendar had moved on
    assert not UnitChange.objects.exists()
    listed = reports.jp_shortfalls(instansi_ids=None, instansi_id=None, unit_id=None, year=first)
    assert not JpShortfall.objects.filter(year__lt=first).exists()
    # the few units of this world were all recomputed before the list was read
    assert listed.pending == 0 and not UnitChange.objects.exists()
    assert w.staff_a2.pk in {r.asn_id for r in listed.rows}
    assert figures.figures_check() == []
