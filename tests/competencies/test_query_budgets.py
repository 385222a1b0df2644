"""Query budgets for the competency list views and admin listings, each at two data sizes.

The budget is the count measured at the larger size plus a little slack; the same budget must
hold at the small size, so a query per row (N+1) fails the larger case.
"""

from __future__ import annotations

import pytest
from django.urls import reverse
from django.utils import timezone

from competencies import services
from competencies.models import LevelProposal, TrainingEvidence
from tests.factories.competencies import link_course, make_technical, managerial, set_standard
from tests.factories.learning import make_course
from tests.factories.people import ASNFactory, JabatanFactory

pytestmark = pytest.mark.django_db

# Measured at the larger size (SQLite; PostgreSQL passes the same budgets), plus two of slack.
TEAM = 8  # measured 6
ADMIN_BUDGETS = {  # Wagtail admin index views, measured 9-10 at both sizes
    "kamus_kompetensi": 11,
    "standar_kompetensi": 12,
    "kompetensi_pelatihan": 12,
}


@pytest.mark.parametrize("extra", [2, 12])
def test_team_page_budget(standards, client_for, django_assert_max_num_queries, extra):
    world = standards
    year = timezone.localdate().year
    course = make_course(modules=1, lessons=1)
    for i in range(extra):
        asn = ASNFactory(jabatan=world.staff_a.jabatan, atasan=world.atasan_a, name=f"Bawahan {i:02d}")
        if i % 2:  # a submitted plan to review
            plan = services.plan_create(asn=asn, year=year)
            services.plan_submit(user=asn.user, plan=plan)
        else:  # a pending level proposal to decide
            evidence = TrainingEvidence.objects.create(
                asn=asn,
                page_id=course.pk,
                course_id=course.pk,
                title=course.title,
                completed_at="2026-03-01T10:00+07:00",
            )
            LevelProposal.objects.create(asn=asn, competency=managerial("M.4"), level=3, evidence=evidence)
    client = client_for(world.atasan_a.user)
    with django_assert_max_num_queries(TEAM):
        response = client.get(reverse("competencies:team"))
        assert response.status_code == 200
    body = response.content.decode()
    assert f"Bawahan {extra - 1:02d}" in body and f"Bawahan {extra - 2:02d}" in body


def _dictionary(world, n):
    for i in range(n):
        make_technical(instansi=world.staff_a.instansi if i % 2 else world.staff_b.instansi)


def _standards(world, n):
    for _ in range(n):
        set_standard(JabatanFactory(unit=world.staff_a.unit), {"M.1": 2, "M.4": 3})


def _course_links(world, n):
    for i in range(n):
        link_course(make_course(modules=1, lessons=1), ("M.1", "M.4", "M.5")[i % 3], level=2)


ADMIN_LISTS = [
    ("kamus_kompetensi", _dictionary),
    ("standar_kompetensi", _standards),
    ("kompetensi_pelatihan", _course_links),
]


@pytest.mark.parametrize("extra", [2, 12])
@pytest.mark.parametrize("viewset,grow", ADMIN_LISTS, ids=[v for v, _ in ADMIN_LISTS])
def test_admin_list_budget(world, client_for, django_assert_max_num_queries, viewset, grow, extra):
    grow(world, extra)
    client = client_for(world.admin)
    with django_assert_max_num_queries(ADMIN_BUDGETS[viewset]):
        response = client.get(reverse(f"{viewset}:index"))
        assert response.status_code == 200
