"""Exports: every HR table as CSV and XLSX, streamed, scoped."""

from __future__ import annotations

import csv
import io

import pytest
from django.http import FileResponse, StreamingHttpResponse
from django.urls import reverse

from pamong.hr.views import DASHBOARD_TABLES

from .conftest import YEAR

pytestmark = pytest.mark.django_db


def _csv(response) -> list[list[str]]:
    assert isinstance(response, StreamingHttpResponse)
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    return list(csv.reader(io.StringIO(text)))


@pytest.mark.parametrize("table", DASHBOARD_TABLES)
def test_every_dashboard_table_exports_csv_and_xlsx(hr_world, client_for, table):
    client = client_for(hr_world.world.bkpsdm.user)
    url = reverse("hr:dashboard_export", args=[table])
    response = client.get(url, {"tahun": YEAR})
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert "attachment" in response["Content-Disposition"]
    rows = _csv(response)
    assert len(rows[0]) >= 3 and len(rows) >= 2
    xlsx = client.get(url, {"tahun": YEAR, "format": "xlsx"})
    assert xlsx.status_code == 200
    assert isinstance(xlsx, FileResponse) and xlsx.streaming
    assert b"".join(xlsx.streaming_content)[:2] == b"PK"


def test_predikat_export_content(hr_world, client_for):
    rows = _csv(
        client_for(hr_world.world.hr_a.user).get(
            reverse("hr:dashboard_export", args=["predikat"]), {"tahun": YEAR}
        )
    )
    assert rows[0] == ["Predikat", "Jumlah ASN", "Persentase"]
    assert ["Sangat Baik", "1", "33.3"] in rows
    assert ["Baik", "2", "66.7"] in rows


def test_below_standard_export_content(hr_world, client_for):
    w = hr_world.world
    rows = _csv(client_for(w.hr_a.user).get(reverse("hr:dashboard_export", args=["di-bawah-standar"])))
    nips = [r[0] for r in rows[1:]]
    assert w.staff_a2.nip in nips and w.staff_b.nip not in nips and w.staff_a.nip not in nips


def test_talent_export_content_and_scope(hr_world, client_for):
    w = hr_world.world
    response = client_for(w.hr_a.user).get(reverse("hr:talent_export"), {"tahun": YEAR})
    rows = _csv(response)
    assert rows[0][:3] == ["Kotak", "NIP", "Nama"]
    by_nip = {r[1]: r for r in rows[1:]}
    assert set(by_nip) == {w.staff_a.nip, w.staff_a2.nip}  # DINKES only, placed only
    assert by_nip[w.staff_a.nip][0] == "9"
    assert by_nip[w.staff_a2.nip][8] == "71.4"
    one_box = _csv(client_for(w.bkpsdm.user).get(reverse("hr:talent_export"), {"tahun": YEAR, "kotak": 1}))
    assert [r[1] for r in one_box[1:]] == [w.staff_b.nip]
    xlsx = client_for(w.bkpsdm.user).get(reverse("hr:talent_export"), {"tahun": YEAR, "format": "xlsx"})
    assert xlsx.streaming and b"".join(xlsx.streaming_content)[:2] == b"PK"


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
def test_export_access(hr_world, client_for, role):
    w = hr_world.world
    for url in (reverse("hr:dashboard_export", args=["predikat"]), reverse("hr:talent_export")):
        response = client_for(w.users()[role]).get(url, {"tahun": YEAR})
        assert response.status_code == STATUS[role]
        if role == "hr_other" and url.endswith("/talenta/unduh/"):
            nips = [r[1] for r in _csv(response)[1:]]
            assert nips == [w.staff_b.nip]


def test_unknown_table_is_404(world, client_for):
    assert client_for(world.admin).get(reverse("hr:dashboard_export", args=["rahasia"])).status_code == 404
