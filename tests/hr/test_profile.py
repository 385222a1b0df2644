"""The ASN profile: who sees it, what it shows, and a fixed number of queries."""

from __future__ import annotations

import pytest
from django.urls import reverse

from .conftest import YEAR, at

pytestmark = pytest.mark.django_db

# Profile of staff_a (DINKES): the person, their atasan chain (two levels), HR of DINKES, BKPSDM
# and the administrator see it; HR of DLH and humas get 404 (outside their scope).
STATUS = {
    "anonymous": 302,
    "asn": 200,
    "atasan": 200,
    "hr_same": 200,
    "hr_other": 404,
    "bkpsdm": 200,
    "humas": 404,
    "admin": 200,
}


@pytest.mark.parametrize("role", list(STATUS))
def test_profile_access(hr_world, client_for, role):
    w = hr_world.world
    response = client_for(w.users()[role]).get(reverse("hr:profile", args=[w.staff_a.pk]))
    assert response.status_code == STATUS[role]
    if role == "anonymous":
        assert "/masuk/" in response["Location"]


def test_profile_second_level_atasan_and_peer(hr_world, client_for):
    w = hr_world.world
    assert client_for(w.kepala_a.user).get(reverse("hr:profile", args=[w.staff_a.pk])).status_code == 200
    assert client_for(w.staff_a2.user).get(reverse("hr:profile", args=[w.staff_a.pk])).status_code == 404
    assert client_for(w.hr_a.user).get(reverse("hr:profile", args=[w.staff_b.pk])).status_code == 404
    assert client_for(w.hr_a.user).get(reverse("hr:profile", args=[999999])).status_code == 404


def test_profile_content(hr_world, client_for):
    w = hr_world.world
    response = client_for(w.hr_a.user).get(reverse("hr:profile", args=[w.staff_a.pk]))
    body = response.content.decode()
    assert body.count("<h1") == 1
    assert w.staff_a.nip in body
    assert "JPM 100" in body  # competency fit
    assert "Sangat Baik" in body and "Di atas ekspektasi" in body  # performance history
    assert "Pelatihan Pelayanan Prima" in body  # training history
    assert "Predikat Sangat Baik" in body  # award basis
    assert "2 dari 2 bab" in body  # socialization
    assert response.context["placement"].box == 9
    assert response.context["talent_year"] == YEAR
    assert "Tambahkan rekomendasi pengembangan" in body  # HR may act
    # tables are labelled
    assert body.count("<caption") >= 5 and 'scope="col"' in body


def test_profile_person_sees_no_hr_actions(hr_world, client_for):
    w = hr_world.world
    body = client_for(w.staff_a.user).get(reverse("hr:profile", args=[w.staff_a.pk])).content.decode()
    assert "Tambahkan rekomendasi pengembangan" not in body
    assert "Catat hasil penilaian potensial" not in body


@pytest.mark.parametrize("extra", [0, 8])
def test_profile_fixed_queries(hr_world, client_for, django_assert_max_num_queries, extra):
    """The person's history grows (more periods, enrolments, chapters); the query count does not."""
    from learning.models import Enrolment
    from performance.models import Period
    from tests.factories.learning import make_course
    from tests.factories.performance import PeriodFactory, PlanFactory, final_evaluation
    from tests.factories.socialization import chapter

    w = hr_world.world
    for i in range(extra):
        period = PeriodFactory(year=2010 + i, status=Period.Status.CLOSED)
        final_evaluation(PlanFactory(asn=w.staff_a, period=period), predikat="baik")
        if i < 3:
            course = make_course(jp=2)
            Enrolment.objects.create(asn=w.staff_a, course=course, enrolled_at=at(7))
            chapter(title=f"Bab Tambahan {i}")
    client = client_for(w.hr_a.user)
    client.get(reverse("hr:profile", args=[w.staff_a.pk]))  # warm the settings row
    with django_assert_max_num_queries(25):
        response = client.get(reverse("hr:profile", args=[w.staff_a.pk]))
    assert response.status_code == 200
    assert len(response.context["performance"]) == 1 + extra
