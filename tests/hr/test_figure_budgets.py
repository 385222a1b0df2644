"""Query budgets of the pages that read the stored HR figures, as an instansi's HR and as BKPSDM,
at two data sizes: with nothing marked (the usual case) and right after writes marked units (the
page recomputes them first: a fixed number of queries, whatever the number of ASN)."""

from __future__ import annotations

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from pamong.hr.figures import figures_refresh
from pamong.hr.models import TalentSettings, UnitChange

from .conftest import YEAR

pytestmark = pytest.mark.django_db

PAGES = {  # measured 12, 11, ?, ? (SQLite), 13, 12, ?, ? (PostgreSQL)
    "hr:dashboard": 16,
    "hr:talent": 15,
    "socialization_coverage": 30,
    "competencies_jp_report": 30,
}
REFRESH = 30  # recomputing the marked units of the scope: measured 24


def _count(client, name) -> int:
    cache.clear()  # each size measured cold: the bell and the scope are cached per person
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(reverse(name), {"tahun": YEAR}).status_code == 200
    return len(ctx.captured_queries)


@pytest.mark.parametrize("who", ["hr_a", "bkpsdm"])
@pytest.mark.parametrize("name", sorted(PAGES))
def test_budget_does_not_grow_with_the_asn(hr_world, client_for, django_assert_max_num_queries, who, name):
    client = client_for(getattr(hr_world.world, who).user)
    figures_refresh(limit=10_000)
    small = _count(client, name)
    hr_world.grow(12)
    assert UnitChange.objects.exists()
    refreshing = _count(client, name)  # recomputes the marked units first
    assert not UnitChange.objects.exists()
    large = _count(client, name)
    assert small == large
    assert refreshing <= large + REFRESH
    with django_assert_max_num_queries(PAGES[name]):
        response = client.get(reverse(name), {"tahun": YEAR})
    assert response.status_code == 200


HR_READS = ["hr:dashboard", "hr:talent", "socialization_coverage", "competencies_jp_report"]


@pytest.mark.parametrize("who", ["hr_a", "bkpsdm"])
def test_reading_hr_pages_marks_nothing(hr_world, client_for, who):
    """A GET writes nothing that marks units: the thresholds' row was once created on first read, and
    its trigger marked every unit, so the province's next HR pages recomputed the whole province."""
    client = client_for(getattr(hr_world.world, who).user)
    figures_refresh(limit=10_000)
    profile = reverse("hr:profile", args=[hr_world.world.staff_a.pk])
    for url in [reverse(name) for name in HR_READS] + [profile]:
        assert client.get(url, {"tahun": YEAR}).status_code == 200
        assert not UnitChange.objects.exists(), url
    assert not TalentSettings.objects.exists()
