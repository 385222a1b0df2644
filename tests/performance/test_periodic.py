"""The periodic assessment (penilaian kinerja periodik, PermenPANRB 6/2022): the months of a
check-in, the predikat from the matrix, who may give it, a second submission, bad input, the
notification and the audit entry, and the page for every role."""

from __future__ import annotations

import datetime as dt
import itertools
from types import SimpleNamespace

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from pamong.notifications.models import Notification
from performance import selectors, services
from performance.models import AuditEntry, CheckIn, Period, PeriodicAssessment, Plan, Rating
from performance.scoring import predikat_matrix
from performance.services import periodic as periodic_module
from tests.factories.performance import PeriodFactory, PlanFactory, add_indicator

#: 2025: every check-in of the period is due by the time the tests run, whatever the clock says.
END_OF_YEAR = dt.date(2025, 12, 31)


@pytest.fixture
def plan(world):
    """staff_a's agreed 2025 SKP (quarterly check-ins), atasan_a its pejabat penilai."""
    return PlanFactory(asn=world.staff_a, period=PeriodFactory(year=2025), atasan=world.atasan_a)


def checkin(plan, number: int) -> CheckIn:
    return CheckIn.objects.select_related("period").get(period=plan.period, number=number)


def give(plan, number=1, *, actor, hasil="sesuai", perilaku="sesuai", today=END_OF_YEAR, **kwargs):
    return services.periodic_assess(
        plan=plan,
        checkin=checkin(plan, number),
        hasil_kerja=hasil,
        perilaku_kerja=perilaku,
        actor=actor,
        today=today,
        **kwargs,
    )


# --- the months of a check-in ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("per_year", "windows"),
    [
        (4, [(1, 3), (4, 6), (7, 9), (10, 12)]),
        (12, [(m, m) for m in range(1, 13)]),
        (2, [(1, 6), (7, 12)]),
    ],
)
def test_checkin_window_splits_the_period_months_evenly(db, per_year, windows):
    period = Period.objects.create(
        name="Uji", year=2030, starts_on=dt.date(2030, 1, 1), ends_on=dt.date(2030, 12, 31),
        checkins_per_year=per_year,
    )  # fmt: skip
    services.checkin_create_for(period=period)
    got = [
        (w.month_start, w.month_end, w.year_start, w.year_end)
        for w in (selectors.checkin_window(checkin=c) for c in CheckIn.objects.filter(period=period))
    ]
    assert got == [(a, b, 2030, 2030) for a, b in windows]


def test_checkin_window_of_a_period_across_years(db):
    period = Period.objects.create(
        name="Uji",
        year=2031,
        starts_on=dt.date(2030, 7, 1),
        ends_on=dt.date(2031, 6, 30),
        checkins_per_year=4,
    )
    services.checkin_create_for(period=period)
    second = selectors.checkin_window(checkin=CheckIn.objects.get(period=period, number=2))
    assert (second.year_start, second.month_start, second.year_end, second.month_end) == (2030, 10, 2030, 12)
    third = selectors.checkin_window(checkin=CheckIn.objects.get(period=period, number=3))
    assert (third.year_start, third.month_start, third.year_end, third.month_end) == (2031, 1, 2031, 3)


# --- the service ---------------------------------------------------------------------------------


@pytest.mark.parametrize(("hasil", "perilaku"), list(itertools.product(Rating.values, Rating.values)))
def test_every_matrix_cell_gives_its_predikat(world, hasil, perilaku):
    plan = PlanFactory(asn=world.staff_a, period=PeriodFactory(year=2025), atasan=world.atasan_a)
    assessment = give(plan, 2, actor=world.atasan_a.user, hasil=hasil, perilaku=perilaku)
    assert assessment.predikat == predikat_matrix()[(hasil, perilaku)]
    assert (assessment.month_start, assessment.month_end, assessment.year_start) == (4, 6, 2025)


def test_known_cells_of_the_national_matrix(world, plan):
    assert (
        give(plan, 1, actor=world.atasan_a.user, hasil="di_atas", perilaku="di_atas").predikat
        == "sangat_baik"
    )
    assert give(plan, 2, actor=world.atasan_a.user, hasil="sesuai", perilaku="sesuai").predikat == "baik"
    assert give(plan, 3, actor=world.atasan_a.user, hasil="di_bawah", perilaku="di_bawah").predikat == (
        "sangat_kurang"
    )


def test_giving_audits_and_notifies_the_asn(world, plan, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        assessment = give(plan, 1, actor=world.atasan_a.user, hasil="di_atas", notes=" Kerja bagus. ")
    assert (assessment.assessed_by, assessment.notes, assessment.finalised_at is not None) == (
        world.atasan_a,
        "Kerja bagus.",
        True,
    )
    entry = AuditEntry.objects.get(action="periodic.finalise")
    assert (entry.object_id, entry.asn, entry.actor) == (assessment.pk, world.staff_a, world.atasan_a.user)
    assert entry.after["predikat"] == "baik"
    note = Notification.objects.get(kind="periodic_assessed")
    assert note.recipient == world.staff_a.user
    assert note.link == reverse("performance:plan_periodic", args=[plan.pk])
    assert "Triwulan 1" in note.title and "Baik" in note.title


@pytest.mark.parametrize("who", ["staff_a", "hr_a", "kepala_a", "bkpsdm", "admin"])
def test_only_the_plans_atasan_may_give_it(world, plan, who):
    person = getattr(world, who)
    user = getattr(person, "user", person)
    with pytest.raises(ValidationError, match="Hanya pejabat penilai"):
        give(plan, 1, actor=user)
    assert not PeriodicAssessment.objects.exists() and not AuditEntry.objects.exists()


def test_a_second_submission_is_refused_with_a_message(world, plan):
    give(plan, 1, actor=world.atasan_a.user)
    with pytest.raises(ValidationError, match="sudah diberikan dan final"):
        give(plan, 1, actor=world.atasan_a.user, hasil="di_atas")
    assessment = PeriodicAssessment.objects.get()
    assert assessment.hasil_kerja == "sesuai"
    assert AuditEntry.objects.filter(action="periodic.finalise").count() == 1
    assert Notification.objects.filter(kind="periodic_assessed").count() == 1


def test_a_concurrent_submission_that_loses_the_insert_gets_the_message(world, plan, monkeypatch):
    """The request read "not given yet" before the other committed: the unique row refuses it."""
    give(plan, 1, actor=world.atasan_a.user)
    stale = SimpleNamespace(
        objects=SimpleNamespace(
            filter=lambda **kw: SimpleNamespace(exists=lambda: False),
            create=PeriodicAssessment.objects.create,
        )
    )
    monkeypatch.setattr(periodic_module, "PeriodicAssessment", stale)
    with pytest.raises(ValidationError, match="sudah diberikan dan final"):
        give(plan, 1, actor=world.atasan_a.user, hasil="di_bawah")
    assert PeriodicAssessment.objects.count() == 1
    assert AuditEntry.objects.filter(action="periodic.finalise").count() == 1


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"hasil": "luar_biasa"}, "Pilih rating hasil kerja."),
        ({"perilaku": ""}, "Pilih rating perilaku kerja."),
        ({"notes": "x" * 2001}, "Catatan paling banyak"),
        ({"today": dt.date(2025, 3, 1)}, "baru dapat diberikan mulai"),
    ],
)
def test_bad_input_is_refused_and_nothing_is_written(world, plan, changes, message):
    kwargs = {"hasil": "sesuai", "perilaku": "sesuai", "today": END_OF_YEAR, **changes}
    with pytest.raises(ValidationError) as exc:
        give(plan, 1, actor=world.atasan_a.user, **kwargs)
    assert any(message in m for m in exc.value.messages), exc.value.messages
    assert not PeriodicAssessment.objects.exists() and not Notification.objects.exists()


def test_a_checkin_of_another_period_a_draft_plan_or_a_closed_period_is_refused(world, plan):
    other = PeriodFactory(year=2026)
    with pytest.raises(ValidationError, match="bukan bagian dari periode"):
        services.periodic_assess(
            plan=plan, checkin=CheckIn.objects.get(period=other, number=1), hasil_kerja="sesuai",
            perilaku_kerja="sesuai", actor=world.atasan_a.user, today=END_OF_YEAR,
        )  # fmt: skip
    Plan.objects.filter(pk=plan.pk).update(status=Plan.Status.DRAFT)
    plan.refresh_from_db()
    with pytest.raises(ValidationError, match="SKP belum disepakati"):
        give(plan, 1, actor=world.atasan_a.user)
    Plan.objects.filter(pk=plan.pk).update(status=Plan.Status.AGREED)
    Period.objects.filter(pk=plan.period_id).update(status=Period.Status.CLOSED)
    plan = Plan.objects.select_related("period").get(pk=plan.pk)
    with pytest.raises(ValidationError, match="periode berjalan atau evaluasi"):
        give(plan, 1, actor=world.atasan_a.user)
    assert not PeriodicAssessment.objects.exists()


def test_opens_on_the_checkin_due_date(world, plan):
    first = checkin(plan, 1)
    with pytest.raises(ValidationError):
        give(plan, 1, actor=world.atasan_a.user, today=first.due_on - dt.timedelta(days=1))
    assert give(plan, 1, actor=world.atasan_a.user, today=first.due_on).pk


# --- the page ------------------------------------------------------------------------------------


def _url(plan, name="plan_periodic"):
    return reverse(f"performance:{name}", args=[plan.pk])


def test_the_atasan_sees_the_realisations_and_gives_it(world, plan, client_for):
    realised = add_indicator(plan, target="100", value="80")  # realised at the last check-in (Triwulan 4)
    atasan = client_for(world.atasan_a.user)
    page = atasan.get(_url(plan)).content.decode()
    assert "Tetapkan penilaian periodik" in page and realised.indicator.name in page
    last = checkin(plan, 4)
    response = atasan.post(
        _url(plan, "plan_periodic_assess"),
        {
            "checkin": last.pk,
            "hasil_kerja": "di_bawah",
            "perilaku_kerja": "sesuai",
            "notes": "Perlu ditingkatkan.",
        },
        follow=True,
    )
    text = response.content.decode()
    assert response.status_code == 200 and "ditetapkan: Butuh Perbaikan" in text
    assert PeriodicAssessment.objects.get().predikat == "butuh_perbaikan"
    again = atasan.post(
        _url(plan, "plan_periodic_assess"),
        {"checkin": last.pk, "hasil_kerja": "di_atas", "perilaku_kerja": "di_atas"},
        follow=True,
    )
    assert again.status_code == 200 and "sudah diberikan dan final" in again.content.decode()
    assert PeriodicAssessment.objects.get().predikat == "butuh_perbaikan"


def test_bad_posts_get_a_message_and_save_nothing(world, plan, client_for):
    atasan = client_for(world.atasan_a.user)
    url = _url(plan, "plan_periodic_assess")
    other = CheckIn.objects.get(period=PeriodFactory(year=2026), number=1)
    for data, message in (
        ({}, "Pilih check-in yang dinilai."),
        (
            {"checkin": checkin(plan, 1).pk, "hasil_kerja": "x", "perilaku_kerja": "sesuai"},
            "Pilih rating hasil kerja.",
        ),
        (
            {"checkin": other.pk, "hasil_kerja": "sesuai", "perilaku_kerja": "sesuai"},
            "bukan bagian dari periode",
        ),
        (
            {"checkin": "abc", "hasil_kerja": "sesuai", "perilaku_kerja": "sesuai"},
            "Pilih check-in yang dinilai.",
        ),
    ):
        response = atasan.post(url, data, follow=True)
        assert response.status_code == 200
        assert message in response.content.decode(), (data, message)
    assert not PeriodicAssessment.objects.exists()


@pytest.mark.parametrize("who", ["staff_a", "hr_a", "bkpsdm"])
def test_asn_and_hr_see_it_read_only(world, plan, client_for, who):
    give(plan, 1, actor=world.atasan_a.user, hasil="di_atas", perilaku="di_atas")
    viewer = client_for(getattr(world, who).user)
    page = viewer.get(_url(plan))
    text = page.content.decode()
    assert page.status_code == 200 and "Sangat Baik" in text and "Tetapkan penilaian periodik" not in text
    response = viewer.post(
        _url(plan, "plan_periodic_assess"),
        {"checkin": checkin(plan, 2).pk, "hasil_kerja": "sesuai", "perilaku_kerja": "sesuai"},
    )
    assert response.status_code == 403
    assert PeriodicAssessment.objects.count() == 1


@pytest.mark.parametrize("who", ["hr_b", "staff_b"])
def test_outside_the_scope_is_404(world, plan, client_for, who):
    viewer = client_for(getattr(world, who).user)
    assert viewer.get(_url(plan)).status_code == 404
    assert viewer.post(_url(plan, "plan_periodic_assess"), {}).status_code == 404


def test_the_plan_page_links_to_it(world, plan, client_for):
    page = client_for(world.staff_a.user).get(reverse("performance:plan_detail", args=[plan.pk]))
    assert _url(plan) in page.content.decode()


@pytest.mark.parametrize("per_year", [4, 12])
def test_page_queries_are_bounded(world, client_for, django_assert_max_num_queries, per_year):
    period = PeriodFactory(year=2029, checkins_per_year=per_year)
    plan = PlanFactory(asn=world.staff_a, period=period, atasan=world.atasan_a)
    for _ in range(3):
        add_indicator(plan, target="100", value="90")
    for number in range(1, per_year + 1, 2):
        give(plan, number, actor=world.atasan_a.user, today=dt.date(2029, 12, 31))
    atasan = client_for(world.atasan_a.user)
    with django_assert_max_num_queries(25):
        assert atasan.get(_url(plan)).status_code == 200
