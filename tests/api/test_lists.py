"""Pagination, filters (instansi, unit, period, year …) and a fixed query budget per list endpoint."""

from __future__ import annotations

import datetime as dt

from django.db import connection
from django.test.utils import CaptureQueriesContext

from competencies.models import Activity, DevelopmentPlan, Goal
from learning.models import Enrolment
from performance.models import FollowUpProposal, FollowUpRule
from tests.factories.competencies import managerial
from tests.factories.people import ASNFactory
from tests.factories.performance import PeriodFactory, PlanFactory, final_evaluation

LISTS = (
    "/api/v1/asn/",
    "/api/v1/rencana-pengembangan/",
    "/api/v1/pelatihan/",
    "/api/v1/hasil-kinerja/",
    "/api/v1/penghargaan-sanksi/",
    "/api/v1/instansi/",
    "/api/v1/unit/",
    "/api/v1/jabatan/",
    "/api/v1/kompetensi/",
    "/api/v1/periode/",
)
BUDGET = 12  # session, user, scope (groups, ASN, atasan), count, page, prefetches


def grow(world, api_data, n: int) -> None:
    """``n`` more ASN in instansi A, each with a plan (goal, activity), an enrolment, a result, an award."""
    at = dt.datetime(2026, 2, 1, tzinfo=dt.UTC)
    rule = FollowUpRule.objects.filter(kind="reward").first()
    for i in range(n):
        asn = ASNFactory(jabatan=world.staff_a.jabatan, atasan=world.atasan_a, name=f"Tambahan {i:03}")
        plan = DevelopmentPlan.objects.create(asn=asn, year=2026)
        goal = Goal.objects.create(plan=plan, competency=managerial("M.2"), title="Sasaran", target_level=3)
        Activity.objects.create(goal=goal, kind=Activity.Kind.SEMINAR, title="Seminar", jp=3)
        Enrolment.objects.create(asn=asn, course=api_data.course, enrolled_at=at, completed_at=at)
        evaluation = final_evaluation(PlanFactory(asn=asn, period=api_data.period))
        FollowUpProposal.objects.create(
            period=api_data.period, asn=asn, rule=rule, evaluation=evaluation, basis="x", status="approved"
        )


def _counts(client) -> dict[str, int]:
    out = {}
    for path in LISTS:
        with CaptureQueriesContext(connection) as ctx:
            response = client.get(path, {"page_size": 500})
        assert response.status_code == 200, path
        out[path] = len(ctx.captured_queries)
    return out


def test_query_counts_do_not_grow_with_data(world, api_data, api_for):
    client = api_for(world.bkpsdm.user)
    client.get("/api/v1/instansi/")  # warm the content-type cache and the session
    small = _counts(client)
    grow(world, api_data, 15)
    large = _counts(client)
    assert client.get("/api/v1/hasil-kinerja/").json()["count"] >= 17
    print("api list queries (small, large):", {p: (small[p], large[p]) for p in LISTS})
    assert small == large, {p: (small[p], large[p]) for p in LISTS if small[p] != large[p]}
    assert max(large.values()) <= BUDGET, large


def test_pagination(world, api_data, api_for):
    grow(world, api_data, 55)
    client = api_for(world.bkpsdm.user)
    first = client.get("/api/v1/asn/").json()
    assert first["count"] >= 60 and len(first["results"]) == 50 and first["next"]
    second = client.get(first["next"]).json()
    assert len(second["results"]) == first["count"] - 50
    assert not {r["id"] for r in first["results"]} & {r["id"] for r in second["results"]}
    assert len(client.get("/api/v1/asn/", {"page_size": 10}).json()["results"]) == 10
    assert len(client.get("/api/v1/asn/", {"page_size": 100_000}).json()["results"]) == first["count"]
    assert client.get("/api/v1/asn/", {"page": 999}).status_code == 404


def test_filters(world, api_data, api_for):
    client = api_for(world.bkpsdm.user)
    b = client.get("/api/v1/asn/", {"instansi": world.instansi_b.pk}).json()["results"]
    assert {r["instansi"]["id"] for r in b} == {world.instansi_b.pk}
    unit = client.get("/api/v1/hasil-kinerja/", {"unit": world.staff_b.unit_id}).json()["results"]
    assert [r["id"] for r in unit] == [api_data.evaluation_b.pk]
    other = PeriodFactory(year=2025)
    assert client.get("/api/v1/hasil-kinerja/", {"period": other.pk}).json()["count"] == 0
    assert client.get("/api/v1/hasil-kinerja/", {"period": api_data.period.pk}).json()["count"] == 2
    assert client.get("/api/v1/penghargaan-sanksi/", {"period": other.pk}).json()["count"] == 0
    assert client.get("/api/v1/penghargaan-sanksi/", {"kind": "sanction"}).json()["count"] == 1
    assert client.get("/api/v1/hasil-kinerja/", {"predikat": "sangat_baik"}).json()["count"] == 1
    assert client.get("/api/v1/rencana-pengembangan/", {"year": 2025}).json()["count"] == 0
    done = client.get("/api/v1/pelatihan/", {"completed": "true"}).json()["results"]
    assert [r["id"] for r in done] == [api_data.enrolment_a.pk]
    assert (
        client.get("/api/v1/pelatihan/", {"completed_year": 2026, "instansi": world.instansi_b.pk}).json()[
            "count"
        ]
        == 0
    )
    # HR of B filtering on instansi A sees nothing: filters narrow the scope, never widen it
    assert (
        api_for(world.hr_b.user).get("/api/v1/asn/", {"instansi": world.instansi_a.pk}).json()["count"] == 0
    )
    for params in (
        {"instansi": "x"},
        {"unit": -1},
        {"period": 2**40},
        {"kind": "nope"},
        {"completed": "perhaps"},
    ):
        path = "/api/v1/pelatihan/" if "completed" in params else "/api/v1/penghargaan-sanksi/"
        response = client.get(path, params)
        assert response.status_code == 400, params
        assert set(response.json()) == set(params)
