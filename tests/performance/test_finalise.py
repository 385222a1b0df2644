"""Issue 15, item 7: finalising asks for confirmation and is refused before the period ends or while
realisations are missing, unless HR of the instansi overrides with a recorded reason."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse

from performance import services
from performance.models import AuditEntry, Evaluation, Period
from tests.factories.performance import PeriodFactory, PlanFactory, add_indicator

pytestmark = pytest.mark.django_db

DURING = dt.date(2026, 6, 30)
AFTER = dt.date(2027, 1, 15)


@pytest.fixture
def evaluation(world):
    plan = PlanFactory(asn=world.staff_a, period=PeriodFactory(year=2026, status=Period.Status.EVALUATION))
    add_indicator(plan, target="100", value="100")
    add_indicator(plan, target="10")  # no realisation at the last check-in
    return services.evaluation_save(
        plan=plan,
        hasil_kerja="sesuai",
        perilaku_kerja="sesuai",
        hasil_kerja_reason="r",
        perilaku_kerja_reason="r",
        actor=world.atasan_a.user,
    )


def _client(user) -> Client:
    c = Client()
    c.force_login(user)
    return c


def test_refused_before_the_period_ends_and_with_missing_realisations(world, evaluation):
    with pytest.raises(ValidationError) as exc:
        services.evaluation_finalise(evaluation=evaluation, actor=world.atasan_a.user, today=DURING)
    text = " ".join(exc.value.messages)
    assert "belum berakhir" in text and "31 Desember 2026" in text
    assert "Realisasi Triwulan 4 belum diisi" in text
    evaluation.refresh_from_db()
    assert evaluation.status == Evaluation.Status.DRAFT
    assert not AuditEntry.objects.filter(action="evaluation.finalise").exists()


def test_missing_realisations_refuse_even_after_the_period(world, evaluation):
    with pytest.raises(ValidationError, match="belum diisi"):
        services.evaluation_finalise(evaluation=evaluation, actor=world.atasan_a.user, today=AFTER)
    pi = evaluation.plan.plan_indicators.order_by("-pk").first()
    last = evaluation.plan.period.checkins.order_by("-number").first()
    pi.realisations.create(checkin=last, value=10)
    services.evaluation_finalise(evaluation=evaluation, actor=world.atasan_a.user, today=AFTER)
    evaluation.refresh_from_db()
    assert evaluation.is_final and evaluation.finalise_override_reason == ""


def test_only_hr_overrides_and_the_reason_is_recorded(world, evaluation):
    with pytest.raises(ValidationError, match="Hanya pengelola kepegawaian"):
        services.evaluation_finalise(
            evaluation=evaluation, actor=world.atasan_a.user, override_reason="Mutasi", today=DURING
        )
    with pytest.raises(ValidationError, match="Hanya pengelola kepegawaian"):
        services.evaluation_finalise(
            evaluation=evaluation, actor=world.hr_b.user, override_reason="Mutasi", today=DURING
        )
    services.evaluation_finalise(
        evaluation=evaluation, actor=world.hr_a.user, override_reason="ASN pensiun 1 Juli.", today=DURING
    )
    evaluation.refresh_from_db()
    assert evaluation.is_final and evaluation.finalise_override_reason == "ASN pensiun 1 Juli."
    entry = AuditEntry.objects.get(action="evaluation.finalise")
    assert entry.actor == world.hr_a.user and entry.after["override_reason"] == "ASN pensiun 1 Juli."
    assert len(entry.after["overridden"]) == 2


def test_page_asks_for_confirmation(world, evaluation):
    url = reverse("performance:result_finalise", args=[evaluation.plan_id])
    page = reverse("performance:result", args=[evaluation.plan_id])
    atasan = _client(world.atasan_a.user)
    body = atasan.get(page).content.decode()
    assert "Hasil belum dapat difinalkan" in body and "belum diisi" in body
    assert 'name="override_reason"' not in body  # the atasan cannot override: no button offered
    r = atasan.post(url, follow=True)  # no confirmation ticked
    assert "Centang konfirmasi" in r.content.decode()
    r = atasan.post(url, {"confirm": "1"}, follow=True)
    assert "Hasil belum dapat difinalkan" in r.content.decode()
    evaluation.refresh_from_db()
    assert evaluation.status == Evaluation.Status.DRAFT

    hr = _client(world.hr_a.user)
    body = hr.get(page).content.decode()
    assert 'name="override_reason"' in body and 'name="confirm"' in body
    r = hr.post(url, {"confirm": "1", "override_reason": "Keputusan BKPSDM no. 7"}, follow=True)
    assert r.status_code == 200
    evaluation.refresh_from_db()
    assert evaluation.is_final and evaluation.finalise_override_reason == "Keputusan BKPSDM no. 7"
    assert "Keputusan BKPSDM no. 7" in r.content.decode()
