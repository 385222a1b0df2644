"""The period page's tallies (performance.tallies): equal to a count from scratch after every
service that changes what is counted, never kept when a change raced the computation, checked by
the management command, and read without counting plans once computed."""

import pytest
from django.core.management import CommandError, call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from performance import services, tallies
from performance.models import Objection, PeriodTally, RaterGroup
from tests.factories.performance import PeriodFactory, PlanFactory, add_indicator, final_evaluation, rate

pytestmark = pytest.mark.django_db


def _assert_equal_to_recount(period, world):
    ids = [world.instansi_a.pk, world.instansi_b.pk]
    kept = tallies.period_tallies(period=period, instansi_ids=ids)
    assert kept == {i: tallies.tally_compute(period=period, instansi_id=i) for i in ids}
    assert tallies.tally_mismatches(period=period) == []
    return kept


def _units_total(kept, key):
    return sum(u[key] for units in kept.values() for u in units.values())


def test_every_counted_service_keeps_the_tally_equal_to_a_recount(world):
    period = PeriodFactory(year=2025, status="running")
    _assert_equal_to_recount(period, world)  # computed (empty) before anything happens

    plan = services.plan_create(asn=world.staff_a, period=period, actor=world.staff_a.user)
    assert _units_total(_assert_equal_to_recount(period, world), "plans") == 1
    add_indicator(plan, target="100", value="100")
    services.plan_agree(plan=plan, actor=world.atasan_a.user)
    assert _units_total(_assert_equal_to_recount(period, world), "agreed") == 1

    period.status = "evaluation"
    period.save()
    plan.refresh_from_db()
    rate(plan, world.atasan_a, RaterGroup.ATASAN, 5)
    ev = services.evaluation_save(
        plan=plan,
        hasil_kerja="sesuai",
        perilaku_kerja="di_bawah",
        hasil_kerja_reason="x",
        perilaku_kerja_reason="y",
        actor=world.atasan_a.user,
    )
    kept = _assert_equal_to_recount(period, world)
    assert _units_total(kept, "evaluated") == 1 and _units_total(kept, "final") == 0
    services.evaluation_finalise(evaluation=ev, actor=world.atasan_a.user, override_reason="uji")
    kept = _assert_equal_to_recount(period, world)
    assert kept[world.instansi_a.pk][world.staff_a.unit_id]["predikat"] == {"kurang": 1}

    services.objection_file(evaluation=ev, reason="Realisasi belum dihitung.", actor=world.staff_a.user)
    services.objection_decide(
        objection=Objection.objects.get(),
        accept=True,
        reason="Diterima.",
        new_hasil_kerja="di_atas",
        new_perilaku_kerja="di_atas",
        actor=world.kepala_a.user,
    )
    kept = _assert_equal_to_recount(period, world)
    assert kept[world.instansi_a.pk][world.staff_a.unit_id]["predikat"] == {"sangat_baik": 1}
    assert kept[world.instansi_b.pk] == {}


def test_a_change_during_the_computation_is_not_hidden(world, monkeypatch):
    period = PeriodFactory(year=2025, status="evaluation")
    ids = [world.instansi_a.pk]
    compute = tallies.tally_compute

    def compute_then_change(**kwargs):
        units = compute(**kwargs)  # read before the change commits ...
        final_evaluation(PlanFactory(asn=world.staff_a, period=period))
        tallies.tally_invalidate(instansi_id=world.instansi_a.pk)  # ... which the writer announces
        return units

    monkeypatch.setattr(tallies, "tally_compute", compute_then_change)
    assert tallies.period_tallies(period=period, instansi_ids=ids) == {world.instansi_a.pk: {}}
    monkeypatch.setattr(tallies, "tally_compute", compute)
    tally = PeriodTally.objects.get(period=period, instansi=world.instansi_a)
    assert not tally.is_current  # the stale result was not kept
    kept = tallies.period_tallies(period=period, instansi_ids=ids)
    assert _units_total(kept, "final") == 1


def test_check_command_finds_a_wrong_tally_and_rebuild_repairs_it(world):
    period = PeriodFactory(year=2025, status="evaluation")
    final_evaluation(PlanFactory(asn=world.staff_a, period=period))
    tallies.period_tallies(period=period, instansi_ids=[world.instansi_a.pk])
    call_command("performance_tally_check")  # equal: no error

    PeriodTally.objects.filter(period=period).update(units={"999": {"plans": 5}})
    with pytest.raises(CommandError, match="1 rekap berbeda"):
        call_command("performance_tally_check", period=period.pk)
    call_command("performance_tally_check", rebuild=True)
    _assert_equal_to_recount(period, world)
    call_command("performance_tally_check")
    with pytest.raises(CommandError, match="tidak ditemukan"):
        call_command("performance_tally_check", period=period.pk + 1000)


@pytest.mark.parametrize("role", ["hr_same", "bkpsdm"])
def test_period_page_reads_the_tally_not_the_plans(world, client_for, role):
    period = PeriodFactory(year=2025, status="evaluation")
    for asn in (world.staff_a, world.staff_a2, world.staff_b):
        final_evaluation(PlanFactory(asn=asn, period=period), predikat="baik")
    client = client_for(world.users()[role])
    url = reverse("performance:period_detail", args=[period.pk])
    assert client.get(url).status_code == 200  # computes the tallies
    with CaptureQueriesContext(connection) as ctx:
        again = client.get(url).content.decode()
    assert not [q["sql"] for q in ctx.captured_queries if "performance_plan" in q["sql"]]
    expected = "3" if role == "bkpsdm" else "2"
    assert f"<dt>SKP</dt><dd>{expected} (" in again
