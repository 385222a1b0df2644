"""No rater identity anywhere in the performance endpoints: only group counts and shown averages."""

from __future__ import annotations

import json


def _texts(client, api_data) -> list[str]:
    urls = [
        "/api/v1/hasil-kinerja/",
        f"/api/v1/hasil-kinerja/{api_data.evaluation_a.pk}/",
        f"/api/v1/hasil-kinerja/?asn={api_data.plan_a.asn_id}",
        "/api/v1/penghargaan-sanksi/",
    ]
    out = []
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, url
        out.append(response.content.decode())
    return out


def test_no_rater_names_or_nips(world, api_data, api_for):
    assert len(api_data.raters) >= 3
    secrets = [r.name for r in api_data.raters] + [r.nip for r in api_data.raters]
    secrets += [r.user.username for r in api_data.raters]
    secrets += [world.atasan_a.name, world.atasan_a.nip]  # the atasan rated too (group "atasan")
    for role in ("asn", "atasan", "hr_same", "bkpsdm", "admin"):
        client = api_for(world.users()[role])
        for text in _texts(client, api_data):
            for secret in secrets:
                assert secret not in text, (role, secret)
            assert "rater" not in json.loads(text).__repr__().replace("rater_groups", "")


def test_detail_shows_group_summary_only(world, api_data, api_for):
    data = api_for(world.staff_a.user).get(f"/api/v1/hasil-kinerja/{api_data.evaluation_a.pk}/").json()
    groups = {g["group"]: g for g in data["rater_groups"]}
    assert groups["peer"]["answered"] == 4 and groups["peer"]["shown"] is True
    assert groups["peer"]["average"] == "4.00"
    assert groups["subordinate"]["shown"] is False and groups["subordinate"]["average"] is None
    assert set(groups["peer"]) == {"group", "label", "answered", "shown", "average", "by_value", "weight"}
    assert data["predikat"] == "baik" and data["achievement_pct"] == "104.00"
    assert data["asn"]["id"] == world.staff_a.pk
