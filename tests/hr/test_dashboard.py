"""The HR dashboard: figures of a known fixture, access and scope per role, filters, and a query
count that does not depend on the number of ASN."""

from __future__ import annotations

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from pamong.hr import selectors

from .conftest import YEAR

pytestmark = pytest.mark.django_db

STATUS = {
    "anonymous": 302,
    "asn": 403,
    "atasan": 403,
    "hr_same": 200,
    "hr_other": 200,
    "bkpsdm": 200,
    "humas": 403,
    "admin": 200,
}


@pytest.mark.parametrize("role", list(STATUS))
def test_dashboard_access(hr_world, client_for, role):
    w = hr_world.world
    response = client_for(w.users()[role]).get(reverse("hr:dashboard"), {"tahun": YEAR})
    assert response.status_code == STATUS[role]
    if response.status_code != 200:
        return
    data = response.context["data"]
    if role == "hr_same":
        assert data.filters.instansi_id == w.instansi_a.pk
        assert data.evaluated == 3  # staff_a, staff_a2, atasan_a
    if role == "hr_other":
        assert data.filters.instansi_id == w.instansi_b.pk
        assert data.evaluated == 1  # staff_b
    if role in ("bkpsdm", "admin"):
        assert data.filters.instansi_id is None
        assert data.evaluated == 4


def test_dashboard_other_instansi_or_unit_is_404(hr_world, client_for):
    w = hr_world.world
    client = client_for(w.hr_b.user)
    assert client.get(reverse("hr:dashboard"), {"instansi": w.instansi_a.pk}).status_code == 404
    assert client.get(reverse("hr:dashboard"), {"unit": w.staff_a.unit_id}).status_code == 404
    assert (
        client.get(reverse("hr:dashboard_export", args=["predikat"]), {"unit": w.staff_a.unit_id}).status_code
        == 404
    )


def test_dashboard_figures(hr_world, client_for):
    w = hr_world.world
    response = client_for(w.hr_a.user).get(reverse("hr:dashboard"), {"tahun": YEAR})
    data = response.context["data"]
    counts = {r.key: r.count for r in data.predikat}
    assert counts == {"sangat_baik": 1, "baik": 2, "butuh_perbaikan": 0, "kurang": 0, "sangat_kurang": 0}
    assert [t.year for t in data.trend] == [YEAR]
    # JP: staff_a has 20 JP in 2025; the other DINKES ASN none
    assert data.jp.met == 1 and data.jp.total == data.asn_total
    assert {b.key: b.count for b in data.jp.buckets}["20+"] == 1
    # gaps: staff_a2 is below on M.4 and M.5
    codes = {g.competency.code: g for g in data.gaps}
    assert codes["M.4"].below == 1 and codes["M.4"].assessed == 2
    # socialization: staff_a read both chapters, staff_a2 one
    assert data.coverage.complete == 1
    assert [c.count for c in data.coverage.chapters] == [2, 1]
    # training: two enrolments in 2025, one completed
    assert (data.training.total, data.training.completed) == (2, 1)
    body = response.content.decode()
    assert body.count("<h1") == 1
    assert body.count("<svg") >= 7 and "hr-pat-stripes" in body  # patterned SVG charts
    assert "https://" not in body.split("<main", 1)[-1]  # no outside service
    assert body.count("<caption") >= 6


def test_dashboard_filters(hr_world, client_for):
    w = hr_world.world
    client = client_for(w.bkpsdm.user)
    data = client.get(reverse("hr:dashboard"), {"tahun": YEAR, "jenis": "administrator"}).context["data"]
    assert data.evaluated == 1 and data.asn_total == 1  # atasan_a only
    data = client.get(reverse("hr:dashboard"), {"tahun": YEAR, "unit": w.staff_b.unit_id}).context["data"]
    assert {r.key: r.count for r in data.predikat}["kurang"] == 1 and data.evaluated == 1
    data = client.get(reverse("hr:dashboard"), {"tahun": 2019}).context["data"]
    assert data.evaluated == 0 and data.jp.met == 0


def _queries(client, params) -> int:
    cache.clear()  # each size measured cold: the bell and the scope are cached per person
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(reverse("hr:dashboard"), params).status_code == 200
    return len(ctx.captured_queries)


def test_dashboard_query_count_independent_of_asn(hr_world, client_for, django_assert_max_num_queries):
    w = hr_world.world
    client = client_for(w.hr_a.user)
    params = {"tahun": YEAR}
    small = _queries(client, params)
    hr_world.grow(15)
    large = _queries(client, params)
    assert small == large
    with django_assert_max_num_queries(20):
        response = client.get(reverse("hr:dashboard"), params)
    assert response.context["data"].evaluated == 3 + 15


def test_selectors_never_return_other_instansi(hr_world):
    w = hr_world.world
    filters = selectors.Filters(year=YEAR, instansi_id=None)
    ids = set(selectors.scoped_asn(user=w.hr_a.user, filters=filters).values_list("instansi_id", flat=True))
    assert ids == {w.instansi_a.pk}
