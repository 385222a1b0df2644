"""JP ledger per calendar year (Asia/Jakarta), the minimum per PNS/PPPK and the per-unit list."""

import datetime as dt
import zoneinfo

import pytest

from competencies import services
from competencies.models import Activity, DevelopmentPlan, Goal
from competencies.selectors import jp_below_minimum, jp_compliance, jp_ledger
from learning.models import Enrolment, OutsideRecord, PppkJpTarget
from learning.outside import outside_record_decide
from pamong.hr.figures import figures_refresh
from tests.factories.learning import make_course

pytestmark = pytest.mark.django_db

WIB = zoneinfo.ZoneInfo("Asia/Jakarta")


def _completed(asn, course, when):
    return Enrolment.objects.create(
        asn=asn,
        course=course,
        enrolled_at=when - dt.timedelta(days=3),
        completed_at=when,
        progress=100,
        jp_credited=course.jp,
    )


def test_year_boundary_in_local_time(world):
    staff = world.staff_a
    late = make_course(title="Pelatihan Akhir Tahun", jp=8, modules=1, lessons=1)
    early = make_course(title="Pelatihan Awal Tahun", jp=6, modules=1, lessons=1)
    # 31 Dec 2025 23:30 WIB is 16:30 UTC: it belongs to 2025. 1 Jan 2026 00:30 WIB is 31 Dec 17:30 UTC: 2026.
    _completed(staff, late, dt.datetime(2025, 12, 31, 23, 30, tzinfo=WIB))
    _completed(staff, early, dt.datetime(2026, 1, 1, 0, 30, tzinfo=WIB))
    assert dt.datetime(2026, 1, 1, 0, 30, tzinfo=WIB).astimezone(dt.UTC).year == 2025

    assert [(e.title, e.jp) for e in jp_ledger(asn=staff, year=2025).entries] == [
        ("Pelatihan Akhir Tahun", 8)
    ]
    assert [(e.title, e.jp) for e in jp_ledger(asn=staff, year=2026).entries] == [("Pelatihan Awal Tahun", 6)]
    by_year = {
        year: jp_compliance(user=world.bkpsdm.user, year=year).get(pk=staff.pk).jp_total
        for year in (2025, 2026)
    }
    assert by_year == {2025: 8, 2026: 6}


def test_non_classical_activities_count_only_in_approved_plans(world):
    staff = world.staff_a
    plan = DevelopmentPlan.objects.create(asn=staff, year=2026, status=DevelopmentPlan.Status.DRAFT)
    goal = Goal.objects.create(plan=plan, title="Mentoring pelayanan")
    Activity.objects.create(
        goal=goal, kind="mentoring", title="Mentoring", jp=10, done_on=dt.date(2026, 3, 1)
    )
    assert jp_ledger(asn=staff, year=2026).total == 0
    plan.status = DevelopmentPlan.Status.APPROVED
    plan.save()
    ledger = jp_ledger(asn=staff, year=2026)
    assert (ledger.total, ledger.minimum, ledger.missing) == (10, 20, 10)
    assert jp_compliance(user=world.hr_a.user, year=2026).get(pk=staff.pk).jp_activities == 10


def test_activity_reported_done_by_owner_counts_in_its_year_once_verified(world):
    staff = world.staff_a
    plan = DevelopmentPlan.objects.create(asn=staff, year=2025, status=DevelopmentPlan.Status.APPROVED)
    goal = Goal.objects.create(plan=plan, title="Job shadowing")
    activity = Activity.objects.create(
        goal=goal, kind="job_shadowing", title="Job shadowing di Puskesmas", jp=20
    )
    services.activity_mark_done(user=staff.user, activity=activity, done_on=dt.date(2025, 12, 31))
    # self-declared: it waits for HR's verification like any outside learning, then counts once
    activity.refresh_from_db()
    assert activity.outside_record.status == OutsideRecord.Status.PENDING
    assert jp_ledger(asn=staff, year=2025).total == 0
    outside_record_decide(user=world.hr_a.user, record=activity.outside_record, verify=True)
    assert jp_ledger(asn=staff, year=2025).total == 20
    assert jp_compliance(user=world.hr_a.user, year=2025).get(pk=staff.pk).jp_total == 20
    assert jp_ledger(asn=staff, year=2026).total == 0
    goal.refresh_from_db()
    plan.refresh_from_db()
    assert goal.status == "done" and plan.status == "completed"


def test_pppk_target_is_the_instansi_s_own(world):
    """PNS: the national 20 JP. PPPK: no national minimum — only their instansi's target, if any."""
    pppk = world.staff_a2
    pppk.employment_type = "PPPK"
    pppk.save()
    assert jp_ledger(asn=world.staff_a, year=2026).minimum == 20
    assert jp_ledger(asn=pppk, year=2026).minimum is None
    assert jp_compliance(user=world.hr_a.user, year=2026).get(pk=pppk.pk).jp_minimum is None
    assert pppk.pk not in {a.pk for a in jp_below_minimum(user=world.hr_a.user, year=2026)}
    PppkJpTarget.objects.create(instansi=world.instansi_a, jp=12)
    assert jp_ledger(asn=pppk, year=2026).minimum == 12
    assert jp_compliance(user=world.hr_a.user, year=2026).get(pk=pppk.pk).jp_minimum == 12
    assert pppk.pk in {a.pk for a in jp_below_minimum(user=world.hr_a.user, year=2026)}
    # another instansi's target is not theirs
    assert jp_compliance(user=world.bkpsdm.user, year=2026).get(pk=world.staff_b.pk).jp_minimum == 20


def test_below_minimum_per_unit_scoped(world):
    course = make_course(jp=20, modules=1, lessons=1)
    _completed(world.staff_a, course, dt.datetime(2026, 5, 1, 10, 0, tzinfo=WIB))
    below_a = {a.pk for a in jp_below_minimum(user=world.hr_a.user, year=2026)}
    assert world.staff_a.pk not in below_a and world.staff_a2.pk in below_a
    assert world.staff_b.pk not in below_a
    unit = {a.pk for a in jp_below_minimum(user=world.bkpsdm.user, year=2026, unit_id=world.staff_b.unit_id)}
    assert unit == {world.staff_b.pk, world.hr_b.pk}


@pytest.mark.parametrize("size", [3, 25])
def test_jp_report_query_count_flat(world, client_for, django_assert_max_num_queries, size):
    from tests.factories.people import ASNFactory

    for _ in range(size):
        ASNFactory(jabatan=world.staff_a.jabatan, atasan=world.atasan_a)
    client = client_for(world.hr_a.user)
    figures_refresh(
        limit=10_000
    )  # the new ASN's units, recomputed (budgeted in tests/hr/test_figure_budgets.py)
    # Wagtail's admin frame (session, user, groups, menus) plus the scope, the count, the page.
    with django_assert_max_num_queries(15):
        response = client.get("/admin/kompetensi/kepatuhan-jp/", {"tahun": 2026})
    assert response.status_code == 200
    assert response.context["page_obj"].paginator.count >= size
