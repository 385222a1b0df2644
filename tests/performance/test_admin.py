"""The Wagtail admin viewsets for HR provinsi."""

import pytest
from django.urls import reverse

from performance.models import Period

pytestmark = pytest.mark.django_db

VIEWSETS = [
    "kinerja_periode",
    "kinerja_indikator",
    "kinerja_aturan",
    "kinerja_pengaturan",
    "kinerja_distribusi",
    "kinerja_matriks",
    "kinerja_umpan_balik",
]


@pytest.mark.parametrize("name", VIEWSETS)
def test_index_pages(world, client_for, name):
    from performance.apps import grant_performance_permissions

    grant_performance_permissions()
    assert client_for(world.admin).get(reverse(f"{name}:index")).status_code == 200
    assert client_for(world.bkpsdm.user).get(reverse(f"{name}:index")).status_code == 200
    refused = client_for(world.staff_a.user).get(reverse(f"{name}:index"))
    assert refused.status_code == 302 and refused.url.startswith("/admin/login/")


def test_period_created_in_admin_gets_checkins(world, client_for):
    r = client_for(world.admin).post(
        reverse("kinerja_periode:add"),
        {
            "name": "Kinerja 2031",
            "year": 2031,
            "instansi": "",
            "starts_on": "2031-01-01",
            "ends_on": "2031-12-31",
            "checkins_per_year": 4,
            "status": "planning",
        },
    )
    assert r.status_code == 302, r.content[:2000]
    assert Period.objects.get(year=2031).checkins.count() == 4
