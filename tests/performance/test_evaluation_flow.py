"""Rating by the atasan, finalisation, no edits afterwards, objections and the audit log."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from performance import services
from performance.models import AuditEntry, Evaluation, Objection, RaterGroup
from tests.factories.performance import PeriodFactory, PlanFactory, add_indicator, peers_for, rate

pytestmark = pytest.mark.django_db


@pytest.fixture
def plan(world):
    # last year's period in its evaluation stage: ended, 360° window closed
    p = PlanFactory(asn=world.staff_a, period=PeriodFactory(year=2025, status="evaluation"))
    add_indicator(p, target="24", value="20", direction="lower")  # 120 %
    add_indicator(p, target="100", value="100")  # 100 %
    rate(p, world.atasan_a, RaterGroup.ATASAN, 5)
    for peer in peers_for(p.asn, 3):
        rate(p, peer, RaterGroup.PEER, 4)
    return p


def test_proposal_and_confirmation(plan, world, client_for):
    c = client_for(world.atasan_a.user)
    page = c.get(reverse("performance:result", args=[plan.pk]))
    assert page.status_code == 200
    body = page.content.decode()
    assert "110 %" in body  # weighted achievement (120 + 100) / 2
    assert "Matriks predikat" in body
    r = c.post(
        reverse("performance:result", args=[plan.pk]),
        {"hasil_kerja": "di_atas", "perilaku_kerja": "di_atas"},
    )
    assert r.status_code == 302
    ev = Evaluation.objects.get(plan=plan)
    assert ev.proposed_hasil_kerja == "di_atas" and ev.predikat == "sangat_baik"
    assert ev.explanation["cell"] == {
        "hasil_kerja": "di_atas",
        "perilaku_kerja": "di_atas",
        "predikat": "sangat_baik",
    }
    page = c.get(reverse("performance:result", args=[plan.pk])).content.decode()
    assert "▶ Sangat Baik" in page


def test_override_needs_a_reason(plan, world):
    with pytest.raises(ValidationError) as exc:
        services.evaluation_save(
            plan=plan, hasil_kerja="sesuai", perilaku_kerja="di_atas", actor=world.atasan_a.user
        )
    assert "hasil_kerja_reason" in exc.value.message_dict
    ev = services.evaluation_save(
        plan=plan,
        hasil_kerja="sesuai",
        perilaku_kerja="di_atas",
        hasil_kerja_reason="Satu indikator diukur ulang.",
        actor=world.atasan_a.user,
    )
    assert ev.predikat == "baik" and ev.hasil_kerja_reason == "Satu indikator diukur ulang."


def test_only_the_direct_atasan_rates(plan, world, client_for):
    r = client_for(world.staff_a.user).post(
        reverse("performance:result", args=[plan.pk]), {"hasil_kerja": "di_atas", "perilaku_kerja": "di_atas"}
    )
    assert r.status_code == 403
    r = client_for(world.kepala_a.user).post(
        reverse("performance:result", args=[plan.pk]), {"hasil_kerja": "di_atas", "perilaku_kerja": "di_atas"}
    )
    assert r.status_code == 403
    assert not Evaluation.objects.exists()


def test_no_edit_after_finalisation(plan, world, client_for):
    ev = services.evaluation_save(
        plan=plan, hasil_kerja="di_atas", perilaku_kerja="di_atas", actor=world.atasan_a.user
    )
    c = client_for(world.atasan_a.user)
    assert c.post(reverse("performance:result_finalise", args=[plan.pk]), {"confirm": "1"}).status_code == 302
    ev.refresh_from_db()
    assert ev.is_final
    with pytest.raises(ValidationError):
        services.evaluation_save(
            plan=plan, hasil_kerja="di_bawah", perilaku_kerja="di_bawah", actor=world.atasan_a.user
        )
    r = c.post(
        reverse("performance:result", args=[plan.pk]),
        {"hasil_kerja": "di_bawah", "perilaku_kerja": "di_bawah"},
    )
    assert r.status_code == 403
    pi = plan.plan_indicators.first()
    with pytest.raises(ValidationError):
        services.realisation_record(
            plan_indicator=pi, checkin=plan.period.checkins.first(), value=1, actor=world.staff_a.user
        )
    with pytest.raises(ValidationError):
        services.evaluation_finalise(evaluation=ev, actor=world.atasan_a.user)
    ev.refresh_from_db()
    assert ev.predikat == "sangat_baik"


def test_objection_flow(plan, world, client_for):
    ev = services.evaluation_save(
        plan=plan,
        hasil_kerja="sesuai",
        perilaku_kerja="di_bawah",
        hasil_kerja_reason="x",
        perilaku_kerja_reason="y",
        actor=world.atasan_a.user,
    )
    assert ev.predikat == "kurang"
    services.evaluation_finalise(evaluation=ev, actor=world.atasan_a.user)
    # only the evaluated ASN files an objection
    assert (
        client_for(world.atasan_a.user)
        .post(reverse("performance:objection_file", args=[plan.pk]), {"reason": "x"})
        .status_code
        == 403
    )
    r = client_for(world.staff_a.user).post(
        reverse("performance:objection_file", args=[plan.pk]), {"reason": "Realisasi Q4 belum dihitung."}
    )
    assert r.status_code == 302
    obj = Objection.objects.get()
    assert obj.decider == world.kepala_a  # the atasan's own atasan
    url = reverse("performance:objection_detail", args=[obj.pk])
    # HR of the instansi sees it but cannot decide; the rating atasan is not a party to it (the
    # objection goes to their own atasan); someone of the other instansi cannot see it
    assert client_for(world.hr_a.user).get(url).status_code == 200
    assert client_for(world.hr_a.user).post(url, {"accept": "1", "decision_reason": "x"}).status_code == 403
    assert client_for(world.atasan_a.user).get(url).status_code == 404
    assert client_for(world.staff_b.user).get(url).status_code == 404
    # the decision needs a reason
    r = client_for(world.kepala_a.user).post(
        url, {"accept": "1", "new_perilaku_kerja": "sesuai", "decision_reason": ""}
    )
    assert r.status_code == 200
    obj.refresh_from_db()
    assert obj.status == Objection.Status.PENDING
    r = client_for(world.kepala_a.user).post(
        url, {"accept": "1", "new_perilaku_kerja": "sesuai", "decision_reason": "Bukti perilaku tercatat."}
    )
    assert r.status_code == 302
    obj.refresh_from_db()
    ev.refresh_from_db()
    assert obj.status == Objection.Status.ACCEPTED and obj.decision_reason == "Bukti perilaku tercatat."
    assert ev.perilaku_kerja == "sesuai" and ev.predikat == "baik" and ev.is_final
    with pytest.raises(ValidationError):
        services.objection_decide(objection=obj, accept=False, reason="lagi", actor=world.kepala_a.user)


def test_objection_rejected_keeps_result(plan, world):
    ev = services.evaluation_save(
        plan=plan, hasil_kerja="di_atas", perilaku_kerja="di_atas", actor=world.atasan_a.user
    )
    with pytest.raises(ValidationError):
        services.objection_file(evaluation=ev, reason="belum final", actor=world.staff_a.user)
    services.evaluation_finalise(evaluation=ev, actor=world.atasan_a.user)
    obj = services.objection_file(evaluation=ev, reason="Saya ingin", actor=world.staff_a.user)
    with pytest.raises(ValidationError):
        services.objection_file(evaluation=ev, reason="lagi", actor=world.staff_a.user)
    services.objection_decide(
        objection=obj, accept=False, reason="Tidak ada bukti baru.", actor=world.kepala_a.user
    )
    ev.refresh_from_db()
    assert ev.predikat == "sangat_baik"


def test_audit_log_content(plan, world, client_for):
    ev = services.evaluation_save(
        plan=plan, hasil_kerja="di_atas", perilaku_kerja="di_atas", actor=world.atasan_a.user
    )
    services.evaluation_finalise(evaluation=ev, actor=world.atasan_a.user)
    obj = services.objection_file(evaluation=ev, reason="r", actor=world.staff_a.user)
    services.objection_decide(
        objection=obj, accept=True, reason="ok", new_hasil_kerja="sesuai", actor=world.kepala_a.user
    )
    entries = {e.action: e for e in AuditEntry.objects.filter(asn=world.staff_a)}
    save = entries["evaluation.save"]
    assert save.actor == world.atasan_a.user and save.before is None
    assert save.after["predikat"] == "sangat_baik" and save.instansi_id == world.instansi_a.pk
    fin = entries["evaluation.finalise"]
    assert fin.before["status"] == "draft" and fin.after["status"] == "final"
    changed = entries["evaluation.objection_accepted"]
    assert changed.before["predikat"] == "sangat_baik" and changed.after["predikat"] == "baik"
    assert changed.actor == world.kepala_a.user and changed.created_at is not None
    # HR of the instansi reads it, HR of the other instansi does not see these rows, an ASN is refused
    assert (
        "Evaluasi diubah karena keberatan diterima"  # the action in words (AUDIT_ACTIONS)
        in client_for(world.hr_a.user).get(reverse("performance:audit_log")).content.decode()
    )
    assert (
        "Evaluasi diubah karena keberatan diterima"
        not in client_for(world.hr_b.user).get(reverse("performance:audit_log")).content.decode()
    )
    assert client_for(world.staff_a.user).get(reverse("performance:audit_log")).status_code == 403


def test_plan_changes_are_audited(world):
    period = PeriodFactory(year=2027, status="planning")
    from tests.factories.performance import IndicatorFactory

    plan = services.plan_create(asn=world.staff_a, period=period, actor=world.staff_a.user)
    services.plan_add_indicator(
        plan=plan,
        kind="utama",
        description="Aduan dijawab cepat",
        indicator=IndicatorFactory(),
        target=10,
        actor=world.staff_a.user,
    )
    services.plan_agree(plan=plan, actor=world.atasan_a.user)
    actions = list(AuditEntry.objects.filter(asn=world.staff_a).values_list("action", flat=True))
    assert {"plan.create", "plan.add_indicator", "plan.agree"} <= set(actions)
    agree = AuditEntry.objects.get(action="plan.agree")
    assert agree.before["status"] == "draft" and agree.after["status"] == "agreed"
    with pytest.raises(ValidationError):
        services.plan_add_indicator(
            plan=plan,
            kind="utama",
            description="x",
            indicator=IndicatorFactory(),
            target=1,
            actor=world.staff_a.user,
        )
    # atasan, self assigned automatically
    assert set(plan.rater_assignments.values_list("group", flat=True)) == {"atasan", "self"}
