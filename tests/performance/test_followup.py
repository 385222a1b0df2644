"""Rewards and sanctions: proposals on closing a period, HR decisions, the piagam and its verification."""

import io
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from pypdf import PdfReader

from performance import services
from performance.models import FollowUpProposal, FollowUpRule, Period
from tests.factories.performance import (
    IndicatorFactory,
    PeriodFactory,
    PlanFactory,
    add_indicator,
    final_evaluation,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def closed_setup(world):
    period = PeriodFactory(year=2025, status=Period.Status.EVALUATION)
    good = PlanFactory(asn=world.staff_a, period=period)
    final_evaluation(good, hasil="di_atas", perilaku="di_atas", predikat="sangat_baik")
    weak = PlanFactory(asn=world.staff_a2, period=period)
    final_evaluation(weak, hasil="sesuai", perilaku="di_bawah", predikat="kurang")
    plastic = IndicatorFactory(instansi=world.instansi_b, code="plastik", name="Pengurangan sampah plastik")
    b_plan = PlanFactory(asn=world.staff_b, period=period)
    add_indicator(b_plan, target="20", value="15", indicator=plastic)  # 75 %
    final_evaluation(b_plan)  # baik: no predikat rule
    FollowUpRule.objects.create(
        instansi=world.instansi_b,
        name="Piagam pengurangan plastik",
        kind="reward",
        trigger_indicator=plastic,
        trigger_comparison="gte",
        trigger_achievement_pct=100,
        consequence="certificate",
    )
    FollowUpRule.objects.create(
        instansi=world.instansi_b,
        name="Teguran target plastik",
        kind="sanction",
        trigger_indicator=plastic,
        trigger_comparison="lt",
        trigger_achievement_pct=100,
        consequence="warning",
    )
    return period


def test_closing_proposes_rewards_and_sanctions(closed_setup, world, client_for):
    r = client_for(world.bkpsdm.user).post(reverse("performance:period_detail", args=[closed_setup.pk]))
    assert r.status_code == 302
    closed_setup.refresh_from_db()
    assert closed_setup.status == "closed"
    got = {
        (p.asn_id, p.rule.consequence, p.rule.kind) for p in FollowUpProposal.objects.select_related("rule")
    }
    assert got == {
        (world.staff_a.pk, "certificate", "reward"),
        (world.staff_a.pk, "tpp_increase", "reward"),
        (world.staff_a.pk, "promotion_candidate", "reward"),
        (world.staff_a2.pk, "warning", "sanction"),
        (world.staff_a2.pk, "tpp_reduction", "sanction"),
        (world.staff_a2.pk, "development_goal", "sanction"),
        (world.staff_b.pk, "warning", "sanction"),  # DLH: plastic target missed (75 %)
    }
    assert FollowUpProposal.objects.get(asn=world.staff_b).basis.endswith("75 %")
    # idempotent
    assert services.followup_propose_for_period(period=closed_setup) == 0


def test_hr_instansi_cannot_close_a_province_period(closed_setup, world, client_for):
    assert (
        client_for(world.hr_a.user)
        .post(reverse("performance:period_detail", args=[closed_setup.pk]))
        .status_code
        == 403
    )


def test_period_flow(world):
    period = PeriodFactory(year=2030, status="planning")
    for expected in ("running", "evaluation", "closed"):
        services.period_advance(period=period, actor=world.admin)
        assert period.status == expected
    with pytest.raises(ValidationError):
        services.period_advance(period=period, actor=world.admin)


def test_award_approved_gives_pdf_and_verification(closed_setup, world, client_for):
    services.period_close(period=closed_setup, actor=world.bkpsdm.user)
    p = FollowUpProposal.objects.get(asn=world.staff_a, rule__consequence="certificate")
    # HR of the other instansi cannot decide
    assert (
        client_for(world.hr_b.user)
        .post(reverse("performance:proposal_decide", args=[p.pk]), {"decision": "approve"})
        .status_code
        == 404
    )
    assert (
        client_for(world.hr_a.user)
        .post(reverse("performance:proposal_decide", args=[p.pk]), {"decision": "approve"})
        .status_code
        == 302
    )
    p.refresh_from_db()
    assert p.status == "approved" and p.certificate_code.startswith("PMG-")
    r = client_for(world.staff_a.user).get(reverse("performance:certificate_download", args=[p.pk]))
    assert r.status_code == 200 and r["Content-Type"] == "application/pdf"
    text = PdfReader(io.BytesIO(r.content)).pages[0].extract_text()
    assert "PIAGAM PENGHARGAAN" in text and world.staff_a.name in text and p.certificate_code in text
    assert (
        client_for(world.staff_a2.user)
        .get(reverse("performance:certificate_download", args=[p.pk]))
        .status_code
        == 404
    )
    page = client_for(None).get(reverse("performance:verify"), {"kode": p.certificate_code})
    assert "Piagam sah" in page.content.decode() and world.staff_a.name in page.content.decode()
    bad = client_for(None).get(reverse("performance:verify"), {"kode": "PMG-XXXX-XXXX"})
    assert "tidak ditemukan" in bad.content.decode()


def test_rejection_needs_a_note(closed_setup, world):
    services.period_close(period=closed_setup, actor=world.bkpsdm.user)
    p = FollowUpProposal.objects.filter(asn=world.staff_a2).first()
    with pytest.raises(ValidationError):
        services.proposal_decide(proposal=p, approve=False, note="", actor=world.hr_a.user)
    services.proposal_decide(proposal=p, approve=False, note="Sudah dibina langsung.", actor=world.hr_a.user)
    p.refresh_from_db()
    assert p.status == "rejected" and p.certificate_code is None


def test_sanction_development_consequence_is_recorded(closed_setup, world):
    services.period_close(period=closed_setup, actor=world.bkpsdm.user)
    p = FollowUpProposal.objects.get(asn=world.staff_a2, rule__consequence="development_goal")
    services.proposal_decide(proposal=p, approve=True, actor=world.hr_a.user)
    p.refresh_from_db()
    assert p.status == "approved"
    assert p.development_status == "applied"


def test_sanction_adds_the_development_goal(closed_setup, world):
    """The approved sanction adds a mandatory goal to the ASN's development plan for the year
    after the period, through competencies' public service (idempotent per proposal)."""
    from competencies.models import Goal

    services.period_close(period=closed_setup, actor=world.bkpsdm.user)
    p = FollowUpProposal.objects.get(asn=world.staff_a2, rule__consequence="development_goal")
    services.proposal_decide(proposal=p, approve=True, actor=world.hr_a.user)
    p.refresh_from_db()
    assert p.development_status == "applied"
    goal = Goal.objects.get(source=f"performance.followup:{p.pk}")
    assert goal.mandatory and goal.plan.asn == world.staff_a2 and goal.plan.year == closed_setup.year + 1
    # applying again adds nothing
    services.sanction_apply_development_consequence(proposal=p, actor=world.hr_a.user)
    assert Goal.objects.filter(source=f"performance.followup:{p.pk}").count() == 1


def test_indicator_rule_at_its_edge(world):
    period = PeriodFactory(year=2024, status="evaluation")
    plastic = IndicatorFactory(instansi=world.instansi_b, code="plastik24")
    FollowUpRule.objects.create(
        instansi=world.instansi_b,
        name="Piagam plastik",
        kind="reward",
        trigger_indicator=plastic,
        trigger_comparison="gte",
        trigger_achievement_pct=Decimal("100"),
        consequence="certificate",
    )
    plan = PlanFactory(asn=world.staff_b, period=period)
    add_indicator(plan, target="20", value="20", indicator=plastic)  # exactly 100 %
    final_evaluation(plan)
    services.period_close(period=period, actor=world.admin)
    assert FollowUpProposal.objects.filter(asn=world.staff_b, rule__name="Piagam plastik").exists()


def test_org_predikat_selects_the_pattern(world, client_for):
    period = PeriodFactory(year=2023, status="evaluation")
    for i in range(4):
        plan = PlanFactory(asn=[world.staff_a, world.staff_a2, world.atasan_a, world.hr_a][i], period=period)
        final_evaluation(plan, predikat="sangat_baik")
    c = client_for(world.hr_a.user)
    page = c.get(reverse("performance:period_detail", args=[period.pk])).content.decode()
    assert "Organisasi Baik" in page  # default pattern: nobody needs improvement → warning
    url = reverse("performance:org_predikat_set", args=[period.pk])
    assert (
        client_for(world.hr_b.user)
        .post(url, {"instansi": world.instansi_a.pk, "predikat": "istimewa"})
        .status_code
        == 404
    )
    c = client_for(world.hr_a.user)  # the same test client: log in again
    assert c.post(url, {"instansi": world.instansi_a.pk, "predikat": "istimewa"}).status_code == 302
    page = c.get(reverse("performance:period_detail", args=[period.pk])).content.decode()
    assert "Organisasi Istimewa: sebagian besar (maksimal 70%)" in page  # 100 % Sangat Baik breaks it
    from performance.models import AuditEntry

    assert AuditEntry.objects.get(action="org_predikat.set").instansi_id == world.instansi_a.pk


def test_province_wide_distribution_is_per_instansi_first(world, client_for):
    period = PeriodFactory(year=2022, status="evaluation")
    final_evaluation(PlanFactory(asn=world.staff_a, period=period), predikat="baik")
    final_evaluation(PlanFactory(asn=world.staff_b, period=period), predikat="baik")
    c = client_for(world.bkpsdm.user)
    page = c.get(reverse("performance:period_detail", args=[period.pk])).content.decode()
    assert f'href="?instansi={world.instansi_a.pk}"' in page and world.instansi_b.name in page
    page = c.get(
        reverse("performance:period_detail", args=[period.pk]), {"instansi": world.instansi_b.pk}
    ).content.decode()
    assert world.staff_b.unit.name in page and world.staff_a.unit.name not in page


def test_distribution_table_shows_the_org_predikat_label_not_its_code(world, client_for):
    period = PeriodFactory(year=2021, status="evaluation")
    final_evaluation(PlanFactory(asn=world.staff_a, period=period), predikat="baik")
    page = client_for(world.hr_a.user).get(reverse("performance:period_detail", args=[period.pk]))
    html = page.content.decode()
    assert "<td>Baik</td>" in html  # the instansi's predikat (default: Baik), as a label
    assert "<td>baik</td>" not in html
