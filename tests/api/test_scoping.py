"""Every endpoint × every role of ``world.users()``: allowed, denied (401 anonymous) and 404 for
objects outside the user's scope (the other instansi, a colleague, an undecided proposal)."""

from __future__ import annotations

import pytest

ROLES = ("anonymous", "asn", "atasan", "hr_same", "hr_other", "bkpsdm", "humas", "admin")
OPEN = "401 200 200 200 200 200 200 200"  # reference data: any signed-in user
SCOPED_A = "401 200 200 200 404 200 404 200"  # staff_a's own record
SCOPED_B = "401 404 404 404 200 200 404 200"  # staff_b's (instansi B)


def _row(statuses: str) -> dict[str, int]:
    return dict(zip(ROLES, (int(c) for c in statuses.split()), strict=True))


def detail_cases(world, d) -> dict[str, str]:
    return {
        f"/api/v1/asn/{world.staff_a.pk}/": SCOPED_A,
        f"/api/v1/asn/{world.staff_a.pk}/kompetensi/": SCOPED_A,
        f"/api/v1/asn/{world.staff_a2.pk}/": "401 404 200 200 404 200 404 200",  # a colleague of staff_a
        f"/api/v1/asn/{world.staff_b.pk}/": SCOPED_B,
        f"/api/v1/asn/{world.staff_b.pk}/kompetensi/": SCOPED_B,
        f"/api/v1/rencana-pengembangan/{d.dplan_a.pk}/": SCOPED_A,
        f"/api/v1/rencana-pengembangan/{d.dplan_b.pk}/": SCOPED_B,
        f"/api/v1/pelatihan/{d.enrolment_a.pk}/": SCOPED_A,
        f"/api/v1/pelatihan/{d.enrolment_b.pk}/": SCOPED_B,
        f"/api/v1/hasil-kinerja/{d.evaluation_a.pk}/": SCOPED_A,
        f"/api/v1/hasil-kinerja/{d.evaluation_b.pk}/": SCOPED_B,
        f"/api/v1/penghargaan-sanksi/{d.award_a.pk}/": SCOPED_A,
        f"/api/v1/penghargaan-sanksi/{d.award_b.pk}/": SCOPED_B,
        # an undecided sanction of staff_a2: HR's working list only, not the atasan's
        f"/api/v1/penghargaan-sanksi/{d.proposed_a.pk}/": "401 404 404 200 404 200 404 200",
        f"/api/v1/instansi/{world.instansi_b.pk}/": OPEN,
        f"/api/v1/unit/{world.staff_b.unit_id}/": OPEN,
        f"/api/v1/jabatan/{world.staff_b.jabatan_id}/": OPEN,
        f"/api/v1/kompetensi/{d.dplan_a.goals.first().competency_id}/": OPEN,
        f"/api/v1/periode/{d.period.pk}/": OPEN,
        f"/api/v1/asn/{2**40}/": "401 404 404 404 404 404 404 404",  # past the integer range
    }


LISTS = (
    "/api/v1/asn/",
    "/api/v1/rencana-pengembangan/",
    "/api/v1/pelatihan/",
    "/api/v1/hasil-kinerja/",
    "/api/v1/penghargaan-sanksi/",
)
REFERENCE_LISTS = (
    "/api/v1/instansi/",
    "/api/v1/unit/",
    "/api/v1/jabatan/",
    "/api/v1/kompetensi/",
    "/api/v1/periode/",
)
SEES_A = {"asn", "atasan", "hr_same", "bkpsdm", "admin"}
SEES_B = {"hr_other", "bkpsdm", "admin"}


def _asn_ids(path: str, rows: list[dict]) -> set[int]:
    return {row["id"] if path == "/api/v1/asn/" else row["asn"]["id"] for row in rows}


def test_detail_endpoints_for_every_role(world, api_data, api_for):
    failures = []
    for url, statuses in detail_cases(world, api_data).items():
        for role, user in world.users().items():
            got = api_for(user).get(url).status_code
            if got != _row(statuses)[role]:
                failures.append(f"{url} as {role}: {got} (expected {_row(statuses)[role]})")
    assert not failures, "\n".join(failures)


def test_lists_hold_only_what_the_role_may_see(world, api_data, api_for):
    for role, user in world.users().items():
        client = api_for(user)
        for path in LISTS + REFERENCE_LISTS:
            response = client.get(path)
            if user is None:
                assert response.status_code == 401, path
                assert "WWW-Authenticate" in response
                continue
            assert response.status_code == 200, (path, role)
            if path in REFERENCE_LISTS:
                assert response.json()["count"] > 0
                continue
            ids = _asn_ids(path, response.json()["results"])
            assert (world.staff_a.pk in ids) == (role in SEES_A), (path, role, ids)
            assert (world.staff_b.pk in ids) == (role in SEES_B), (path, role, ids)
            if role == "asn":
                assert ids == {world.staff_a.pk}, path
            if role == "humas":
                assert ids == set(), path
            if role == "hr_same":
                assert all(i in set(world.instansi_a.asn_set.values_list("pk", flat=True)) for i in ids), path


def test_awards_status_visibility(world, api_data, api_for):
    """The undecided sanction is on HR's list, never on the atasan's or the ASN's."""
    hr = api_for(world.hr_a.user).get("/api/v1/penghargaan-sanksi/").json()["results"]
    atasan = api_for(world.atasan_a.user).get("/api/v1/penghargaan-sanksi/").json()["results"]
    assert api_data.proposed_a.pk in {r["id"] for r in hr}
    assert api_data.proposed_a.pk not in {r["id"] for r in atasan}
    assert {r["status"] for r in atasan} == {"approved"}
    award = next(r for r in hr if r["id"] == api_data.award_a.pk)
    assert award["kind"] == "reward" and award["predikat"] == "baik"


def test_competency_profile_levels_and_gaps(world, api_data, api_for):
    data = api_for(world.staff_a.user).get(f"/api/v1/asn/{world.staff_a.pk}/kompetensi/").json()
    rows = {r["code"]: r for r in data["rows"]}
    assert (rows["M.1"]["required_level"], rows["M.1"]["current_level"], rows["M.1"]["gap"]) == (3, 2, 1)
    assert rows["M.3"]["met"] is True and rows["M.3"]["gap"] == 0
    assert data["gap_total"] == 1 and data["met_count"] == 1
    assert data["jpm"] == 83.3  # 100 × (2 + 3) / (3 + 3)


@pytest.mark.parametrize("method", ["post", "put", "patch", "delete"])
def test_read_only(world, api_data, api_for, method):
    client = api_for(world.admin)
    response = getattr(client, method)(f"/api/v1/asn/{world.staff_a.pk}/", {}, format="json")
    assert response.status_code == 405
