"""HR lists of the performance app as instansi HR and as BKPSDM: flat query budgets at two sizes,
filters kept across pages, and the moderation page's service units listed per chosen instansi."""

import pytest
from django.urls import reverse

from performance.models import FollowUpProposal, FollowUpRule, Period
from tests.factories.people import ASNFactory
from tests.factories.performance import PeriodFactory, PlanFactory, channel_for
from tests.performance.test_access import _grow

pytestmark = pytest.mark.django_db

# as in tests/performance/test_access.py for hr_same; BKPSDM pays the same
BUDGET = {"objection_list": 14, "proposal_list": 14, "audit_log": 14, "moderation": 14, "period_detail": 16}


@pytest.fixture
def period(world):
    p = PeriodFactory(year=2026, status=Period.Status.EVALUATION)
    PlanFactory(asn=world.staff_b, period=p)
    return p


@pytest.mark.parametrize("role", ["hr_same", "bkpsdm"])
@pytest.mark.parametrize(
    "name", ["objection_list", "proposal_list", "audit_log", "moderation", "period_detail"]
)
def test_hr_list_budget_is_flat(world, client_for, django_assert_max_num_queries, period, role, name):
    client = client_for(world.users()[role])
    url = reverse(
        f"performance:{name}", args=[period.pk] if name in ("proposal_list", "period_detail") else []
    )
    client.get(url)  # the first request computes the period tallies, one count per instansi
    counts = []
    for n in (3, 25):
        _grow(world, period, n)
        with django_assert_max_num_queries(BUDGET[name]) as captured:
            assert client.get(url).status_code == 200
        counts.append(len(captured))
    assert counts[1] <= counts[0] + 1  # a stale tally is recounted once, never per row


def test_proposal_pages_keep_the_status_filter(world, client_for, period):
    rule = FollowUpRule.objects.create(
        name="Piagam uji", kind=FollowUpRule.Kind.REWARD, trigger_predikat="sangat_baik"
    )
    staff = ASNFactory.create_batch(55, jabatan=world.staff_a.jabatan)
    FollowUpProposal.objects.bulk_create(
        [FollowUpProposal(period=period, asn=asn, rule=rule, basis="uji") for asn in staff]
    )
    client = client_for(world.bkpsdm.user)
    url = reverse("performance:proposal_list", args=[period.pk])
    html = client.get(url, {"status": "proposed"}).content.decode()
    assert "?status=proposed&amp;page=2" in html and "Halaman 1 dari 2" in html
    html = client.get(url, {"status": "proposed", "page": 2}).content.decode()
    assert html.count("Piagam uji") == 5
    assert "Tidak ada usulan." in client.get(url, {"status": "approved"}).content.decode()


def test_bkpsdm_sees_service_units_of_the_chosen_instansi(world, client_for):
    channel_for(world.staff_a.unit)
    channel_for(world.staff_b.unit)
    client = client_for(world.bkpsdm.user)
    url = reverse("performance:moderation")
    html = client.get(url).content.decode()
    assert "Pilih instansi di atas" in html
    assert reverse("performance:channel_print", args=[world.staff_a.unit_id]) not in html
    html = client.get(url, {"instansi": world.instansi_b.pk}).content.decode()
    assert reverse("performance:channel_print", args=[world.staff_b.unit_id]) in html
    assert reverse("performance:channel_print", args=[world.staff_a.unit_id]) not in html
    # instansi HR sees their own units at once, no choice offered
    html = client_for(world.hr_a.user).get(url).content.decode()
    assert reverse("performance:channel_print", args=[world.staff_a.unit_id]) in html
    assert 'name="instansi"' not in html
