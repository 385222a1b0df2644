"""Query budgets for the performance list views and admin listings, each at two data sizes.

The budget is the count measured at the larger size plus a little slack; the same budget must
hold at the small size, so a query per row (N+1) fails the larger case.
"""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.urls import reverse

from performance.models import DistributionRule, EvaluationSettings, FollowUpRule
from tests.factories.people import InstansiFactory
from tests.factories.performance import (
    IndicatorFactory,
    PeriodFactory,
    PlanFactory,
    channel_for,
    peers_for,
    public_feedback,
)

pytestmark = pytest.mark.django_db

# Measured at the larger size (SQLite; PostgreSQL passes the same budgets), plus two of slack.
RATERS = 8  # measured 6
CHANNEL_PRINT = 7  # measured 5
PUBLIC_FORM = 4  # measured 2
MATRIX = 11  # measured 9
ADMIN_BUDGETS = {  # Wagtail admin index views, measured 9-10 at both sizes
    "kinerja_periode": 11,
    "kinerja_indikator": 12,
    "kinerja_aturan": 12,
    "kinerja_pengaturan": 11,
    "kinerja_distribusi": 11,
    "kinerja_umpan_balik": 11,
}


@pytest.mark.parametrize("extra", [2, 12])
def test_raters_page_budget(world, client_for, django_assert_max_num_queries, extra):
    plan = PlanFactory(asn=world.staff_a, period=PeriodFactory(instansi=world.staff_a.instansi))
    peers_for(world.staff_a, extra)
    client = client_for(world.atasan_a.user)
    url = reverse("performance:raters", args=[plan.pk])
    with django_assert_max_num_queries(RATERS):
        response = client.get(url)
        assert response.status_code == 200
    assert response.content.decode().count('name="peers"') >= extra


@pytest.mark.parametrize("extra", [2, 30])
def test_channel_print_budget(world, client_for, django_assert_max_num_queries, extra):
    # The page shows one unit's link and QR code; staff count must not change its cost.
    channel = channel_for(world.staff_a.unit)
    peers_for(world.staff_a, extra)
    client = client_for(world.hr_a.user)
    with django_assert_max_num_queries(CHANNEL_PRINT):
        response = client.get(reverse("performance:channel_print", args=[channel.unit_id]))
        assert response.status_code == 200


@pytest.mark.parametrize("extra", [2, 30])
def test_public_feedback_form_budget(world, client, django_assert_max_num_queries, extra):
    channel = channel_for(world.staff_a.unit)
    peers = peers_for(world.staff_a, extra)
    with django_assert_max_num_queries(PUBLIC_FORM):
        response = client.get(reverse("performance:public_feedback", args=[channel.token]))
        assert response.status_code == 200
    assert peers[-1].name in response.content.decode()


def _periods(world, n):
    for i in range(n):
        PeriodFactory(year=2000 + i, instansi=world.staff_a.instansi if i % 2 else world.staff_b.instansi)


def _indicators(world, n):
    for i in range(n):
        IndicatorFactory(instansi=world.staff_a.instansi if i % 2 else None)


def _followup_rules(world, n):
    for i in range(n):
        FollowUpRule.objects.create(
            name=f"Aturan uji {i}",
            kind=FollowUpRule.Kind.REWARD,
            instansi=world.staff_a.instansi,
            trigger_indicator=IndicatorFactory(instansi=world.staff_a.instansi),
        )


def _settings(world, n):
    for _ in range(n):
        EvaluationSettings.objects.create(instansi=InstansiFactory())


def _distribution(world, n):
    for i in range(n):
        DistributionRule.objects.create(
            org_predikat=DistributionRule._meta.get_field("org_predikat").choices[0][0],
            predikat_codes="baik",
            min_pct=Decimal("10"),
            description=f"Aturan distribusi uji {i}",
        )


def _feedback(world, n):
    channel = channel_for(world.staff_a.unit)
    for i in range(n):
        public_feedback(channel, asn=world.staff_a if i % 2 else None, rating=1 + i % 5, approved=bool(i % 2))


ADMIN_LISTS = [
    ("kinerja_periode", _periods),
    ("kinerja_indikator", _indicators),
    ("kinerja_aturan", _followup_rules),
    ("kinerja_pengaturan", _settings),
    ("kinerja_distribusi", _distribution),
    ("kinerja_umpan_balik", _feedback),
]


@pytest.mark.parametrize("extra", [2, 12])
@pytest.mark.parametrize("viewset,grow", ADMIN_LISTS, ids=[v for v, _ in ADMIN_LISTS])
def test_admin_list_budget(world, client_for, django_assert_max_num_queries, viewset, grow, extra):
    grow(world, extra)
    client = client_for(world.admin)
    url = reverse(f"{viewset}:index")
    with django_assert_max_num_queries(ADMIN_BUDGETS[viewset]):
        response = client.get(url)
        assert response.status_code == 200


def test_admin_predikat_matrix_budget(world, client_for, django_assert_max_num_queries):
    # The matrix is the fixed regulatory 3×3 table loaded by migration: one size only.
    client = client_for(world.admin)
    with django_assert_max_num_queries(MATRIX):
        response = client.get(reverse("kinerja_matriks:index"))
        assert response.status_code == 200
