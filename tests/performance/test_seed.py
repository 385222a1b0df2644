"""The demo data: the policy's story, idempotent, set-based."""

import pytest
from django.apps import apps
from django.core.management import call_command
from django.urls import reverse

from performance.demo import seed_performance
from performance.models import Evaluation, FollowUpProposal, Indicator, Period, Plan, PublicFeedback

pytestmark = [pytest.mark.django_db, pytest.mark.slow]


def _counts():
    return {m.__name__: m.objects.count() for m in apps.get_app_config("performance").get_models()}


def test_seed_on_the_world_is_idempotent(world):
    world.staff_b.unit.serves_public = True
    world.staff_b.unit.save()
    seed_performance(seed=7)
    first = _counts()
    seed_performance(seed=7)
    assert _counts() == first
    closed = Period.objects.get(status=Period.Status.CLOSED)
    running = Period.objects.get(status=Period.Status.RUNNING)
    assert running.year == closed.year + 1
    # every active ASN has a plan in both periods, and a final result in the closed one
    from pamong.people.models import ASN

    everyone = ASN.objects.filter(is_active=True).count()
    assert (
        Plan.objects.filter(period=running).count() == Plan.objects.filter(period=closed).count() == everyone
    )
    assert Evaluation.objects.filter(plan__period=closed, status="final").count() == everyone
    assert not Evaluation.objects.filter(plan__period=closed).exclude(status="final").exists()
    assert Indicator.objects.get(code="waktu-respons-aduan").direction == "lower"
    assert Indicator.objects.filter(code="pengurangan-sampah-plastik", instansi=world.instansi_b).exists()
    assert Indicator.objects.filter(code="kehadiran", instansi__isnull=True).exists()
    assert PublicFeedback.objects.filter(status="approved").exists()
    assert PublicFeedback.objects.filter(status="pending").exists()
    assert FollowUpProposal.objects.filter(period=closed).exists()


def test_command_runs(world):
    call_command("seed_performance", seed=3)
    assert Period.objects.count() == 2


def test_demo_atasan_rates_the_demo_asn(db, client_for):
    """On a fresh demo, atasan.dinkes rates asn.dinkes in the running period and sees the predikat explained."""
    from django.contrib.auth import get_user_model

    call_command("seed_demo", asn=100, force=True, no_progress=True, verbosity=0)
    users = get_user_model().objects
    plan = Plan.objects.get(asn__user__username="asn.dinkes", period__status=Period.Status.RUNNING)
    c = client_for(users.get(username="atasan.dinkes"))
    page = c.get(reverse("performance:result", args=[plan.pk]))
    assert page.status_code == 200
    body = page.content.decode()
    assert "Rata-rata waktu merespons aduan masyarakat" in body and "Simpan penilaian" in body
    from performance import services
    from performance.models import BerakhlakValue, RaterAssignment
    from performance.selectors import evaluation_proposal

    # the period is still running: the anonymous 360° groups are not published yet, so (as in the
    # browser journey) the atasan first gives his own 360° rating, the proposal's perilaku input
    atasan_task = RaterAssignment.objects.get(plan=plan, group="atasan")
    services.rating_submit(
        assignment=atasan_task, scores={v.pk: 4 for v in BerakhlakValue.objects.all()}, actor=None
    )
    proposal = evaluation_proposal(plan=plan)
    r = c.post(
        reverse("performance:result", args=[plan.pk]),
        {"hasil_kerja": proposal.hasil_kerja, "perilaku_kerja": proposal.perilaku_kerja},
    )
    assert r.status_code == 302
    ev = Evaluation.objects.get(plan=plan)
    body = c.get(reverse("performance:result", args=[plan.pk])).content.decode()
    assert f"▶ {ev.get_predikat_display()}" in body
    # last year's piagam is approved and verifiable
    award = FollowUpProposal.objects.get(asn__user__username="asn.dinkes", rule__consequence="certificate")
    assert award.status == "approved"
    assert (
        "Piagam sah"
        in client_for(None)
        .get(reverse("performance:verify"), {"kode": award.certificate_code})
        .content.decode()
    )
