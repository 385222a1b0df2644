"""Every protected view tried with every role; objects of another scope are 404; query budgets."""

import pytest
from django.urls import reverse

from performance import services
from performance.models import AuditEntry, Period, RaterGroup
from tests.factories.people import ASNFactory, JabatanFactory, UnitKerjaFactory
from tests.factories.performance import (
    PeriodFactory,
    PlanFactory,
    add_indicator,
    channel_for,
    final_evaluation,
    peers_for,
    public_feedback,
    rate,
)

pytestmark = pytest.mark.django_db

OK, DENIED, HIDDEN, LOGIN = 200, 403, 404, 302


@pytest.fixture
def setup(world):
    period = PeriodFactory(year=2026)
    plan_a = PlanFactory(asn=world.staff_a, period=period)
    add_indicator(plan_a, target="100", value="95")
    services.evaluation_save(
        plan=plan_a, hasil_kerja="sesuai", perilaku_kerja="sesuai", actor=world.atasan_a.user
    )
    plan_b = PlanFactory(asn=world.staff_b, period=period)
    channel = channel_for(world.staff_a.unit)
    return {"period": period, "plan_a": plan_a, "plan_b": plan_b, "channel": channel}


SCOPED_A = {
    "asn": OK,
    "atasan": OK,
    "hr_same": OK,
    "hr_other": HIDDEN,
    "bkpsdm": OK,
    "humas": HIDDEN,
    "admin": OK,
}
SCOPED_B = {
    "asn": HIDDEN,
    "atasan": HIDDEN,
    "hr_same": HIDDEN,
    "hr_other": OK,
    "bkpsdm": OK,
    "humas": HIDDEN,
    "admin": OK,
}
HR_ONLY = {
    "asn": DENIED,
    "atasan": DENIED,
    "hr_same": OK,
    "hr_other": OK,
    "bkpsdm": OK,
    "humas": DENIED,
    "admin": OK,
}
ANY_LOGIN = {"asn": OK, "atasan": OK, "hr_same": OK, "hr_other": OK, "bkpsdm": OK, "humas": OK, "admin": OK}
ASN_ONLY = {
    "asn": OK,
    "atasan": OK,
    "hr_same": OK,
    "hr_other": OK,
    "bkpsdm": OK,
    "humas": DENIED,
    "admin": DENIED,
}
RATERS = {
    "asn": DENIED,
    "atasan": OK,
    "hr_same": OK,
    "hr_other": HIDDEN,
    "bkpsdm": OK,
    "humas": HIDDEN,
    "admin": OK,
}
PRINT = {
    "asn": DENIED,
    "atasan": DENIED,
    "hr_same": OK,
    "hr_other": HIDDEN,
    "bkpsdm": OK,
    "humas": DENIED,
    "admin": OK,
}


def _cases(s):
    a, b, period = s["plan_a"].pk, s["plan_b"].pk, s["period"].pk
    return [
        (reverse("performance:dashboard"), ANY_LOGIN),
        (reverse("performance:plan_detail", args=[a]), SCOPED_A),
        (reverse("performance:plan_detail", args=[b]), SCOPED_B),
        (reverse("performance:result", args=[a]), SCOPED_A),
        (reverse("performance:result", args=[b]), SCOPED_B),
        (reverse("performance:result_json", args=[a]), SCOPED_A),
        (reverse("performance:raters", args=[a]), RATERS),
        (reverse("performance:rating_tasks"), ASN_ONLY),
        (reverse("performance:objection_list"), ANY_LOGIN),
        (reverse("performance:period_list"), HR_ONLY),
        (reverse("performance:period_detail", args=[period]), HR_ONLY),
        (reverse("performance:period_results_csv", args=[period]), HR_ONLY),
        (reverse("performance:proposal_list", args=[period]), HR_ONLY),
        (reverse("performance:audit_log"), HR_ONLY),
        (reverse("performance:moderation"), HR_ONLY),
        (reverse("performance:channel_print", args=[s["channel"].unit_id]), PRINT),
    ]


def test_every_role_on_every_protected_view(world, setup, client_for):
    failures = []
    for url, expected in _cases(setup):
        for role, user in world.users().items():
            status = client_for(user).get(url).status_code
            want = LOGIN if user is None else expected[role]
            if status != want:
                failures.append(f"{role} {url}: {status} != {want}")
    assert not failures, "\n".join(failures)


def test_anonymous_goes_to_login(setup, client_for):
    r = client_for(None).get(reverse("performance:plan_detail", args=[setup["plan_a"].pk]))
    assert r.status_code == 302 and "/masuk/" in r["Location"]


def test_atasan_of_another_unit_gets_404(world, setup, client_for):
    other_unit = UnitKerjaFactory(instansi=world.instansi_a, code="P2P", name="Bidang P2P")
    other_atasan = ASNFactory(
        jabatan=JabatanFactory(unit=other_unit, kind="administrator"), atasan=world.kepala_a
    )
    their_staff = ASNFactory(jabatan=JabatanFactory(unit=other_unit), atasan=other_atasan)
    their_plan = PlanFactory(asn=their_staff, period=setup["period"])
    c = client_for(other_atasan.user)
    for name in ("plan_detail", "result", "result_json", "raters"):
        assert c.get(reverse(f"performance:{name}", args=[setup["plan_a"].pk])).status_code == 404, name
    assert (
        c.post(
            reverse("performance:result", args=[setup["plan_a"].pk]), {"hasil_kerja": "di_atas"}
        ).status_code
        == 404
    )
    assert c.post(reverse("performance:plan_agree", args=[setup["plan_a"].pk])).status_code == 404
    assert c.get(reverse("performance:plan_detail", args=[their_plan.pk])).status_code == 200
    c = client_for(world.atasan_a.user)
    assert c.get(reverse("performance:plan_detail", args=[their_plan.pk])).status_code == 404


def test_post_actions_denied_to_other_roles(world, setup, client_for):
    a = setup["plan_a"].pk
    # HR of the instansi may finalise (with a recorded reason when the checks fail), so that pair is
    # tested with the finalisation rules; every other pair is refused.
    answered = {
        (role, name): client_for(world.users()[role])
        .post(reverse(f"performance:{name}", args=[a]))
        .status_code
        for role in ("asn", "hr_same", "humas")
        for name in ("plan_agree", "comment_add", "result_finalise")
        if (role, name) != ("hr_same", "result_finalise")
    }
    # The ASN and HR may see the plan: the action is forbidden; humas may not see it at all.
    assert answered == {key: 404 if key[0] == "humas" else 403 for key in answered}


# --- query budgets at two sizes ---------------------------------------------------------------


def _grow(world, period, n):
    """n more reports of atasan_a with final results, audit entries and public feedback."""
    job = JabatanFactory(unit=world.staff_a.unit)
    channel = channel_for(world.staff_a.unit)
    for i in range(n):
        asn = ASNFactory(jabatan=job, atasan=world.atasan_a, name=f"Tambahan {n}-{i}")
        plan = PlanFactory(asn=asn, period=period)
        add_indicator(plan, target="10", value=str(8 + i % 4))
        final_evaluation(plan, predikat=["baik", "sangat_baik", "butuh_perbaikan"][i % 3])
        if i % 2:
            rate(plan, world.staff_a, RaterGroup.PEER, 4)
        AuditEntry.objects.create(
            action="x", object_type="plan", object_id=plan.pk, asn=asn, instansi=asn.instansi
        )
        public_feedback(channel, asn=asn, approved=False)


@pytest.mark.parametrize("n", [3, 25])
def test_query_budgets(world, setup, client_for, django_assert_max_num_queries, n):
    period = setup["period"]
    _grow(world, period, n)
    pages = [
        (world.atasan_a.user, reverse("performance:dashboard"), 22),
        (world.staff_a.user, reverse("performance:rating_tasks"), 14),
        (world.hr_a.user, reverse("performance:period_list"), 12),
        (world.hr_a.user, reverse("performance:period_detail", args=[period.pk]), 16),
        (world.hr_a.user, reverse("performance:proposal_list", args=[period.pk]), 14),
        (world.hr_a.user, reverse("performance:audit_log"), 14),
        (world.hr_a.user, reverse("performance:moderation"), 14),
        (world.hr_a.user, reverse("performance:objection_list"), 14),
        (world.hr_a.user, reverse("performance:period_results_csv", args=[period.pk]), 12),
        (world.atasan_a.user, reverse("performance:plan_detail", args=[setup["plan_a"].pk]), 24),
        (world.atasan_a.user, reverse("performance:result", args=[setup["plan_a"].pk]), 26),
    ]
    for user, url, budget in pages:
        c = client_for(user)
        with django_assert_max_num_queries(budget):
            r = c.get(url)
            assert r.status_code == 200, url
            if r.streaming:
                b"".join(r.streaming_content)


def test_closed_period_proposal_list_budget(world, setup, client_for, django_assert_max_num_queries):
    period = setup["period"]
    _grow(world, period, 12)
    period.status = Period.Status.EVALUATION
    period.save()
    services.period_close(period=period, actor=world.admin)
    c = client_for(world.hr_a.user)
    with django_assert_max_num_queries(14):
        r = c.get(reverse("performance:proposal_list", args=[period.pk]))
    assert r.status_code == 200 and "Piagam" in r.content.decode()


def test_peers_helper_is_scoped(world, setup):
    peers = peers_for(world.staff_a, 1)
    assert peers[0].instansi_id == world.instansi_a.pk
