"""Query budgets for the HR exports (streamed CSV and XLSX), each at two data sizes.

The streamed body is consumed inside the budget block so the queries run while streaming count.
The budget is the count measured at the larger size plus a little slack; the same budget must
hold at the small size, so a query per row (N+1) fails the larger case.
"""

from __future__ import annotations

import pytest
from django.urls import reverse

from pamong.hr.figures import figures_refresh
from pamong.hr.views import DASHBOARD_TABLES

from .conftest import YEAR

pytestmark = pytest.mark.django_db

# Measured at the larger size, CSV and XLSX alike (SQLite; PostgreSQL passes the same budgets), plus two of slack.
# The tables read from the stored figures (pamong.hr.figures) cost the same whatever they show:
# the scope's figures (one query after the check for marked units) plus the labels they name.
# Measured at 10 on PostgreSQL at 90,000 ASN (session and user included), plus two of slack.
FIGURES = 12
DASHBOARD_BUDGETS = {
    "predikat": FIGURES,
    "tren": FIGURES,
    "jp": FIGURES,
    "kesenjangan": FIGURES,
    "sosialisasi": FIGURES,
    "pelatihan": FIGURES,
    "di-bawah-standar": 7,  # measured 5
}
TALENT = 14  # the 9-box figures, then each page of 2,000 placements and their rows


def test_every_exported_table_has_a_budget():
    assert set(DASHBOARD_BUDGETS) == set(DASHBOARD_TABLES)


@pytest.mark.parametrize("extra", [2, 12])
@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
@pytest.mark.parametrize("table", DASHBOARD_TABLES)
def test_dashboard_export_budget(hr_world, client_for, django_assert_max_num_queries, table, fmt, extra):
    hr_world.grow(extra)
    figures_refresh(limit=10_000)  # steady state; recomputing marked units has its own budget
    client = client_for(hr_world.world.bkpsdm.user)
    url = reverse("hr:dashboard_export", args=[table])
    with django_assert_max_num_queries(DASHBOARD_BUDGETS[table]):
        response = client.get(url, {"tahun": YEAR, "format": fmt})
        assert response.status_code == 200
        body = b"".join(response.streaming_content)
    assert body


@pytest.mark.parametrize("extra", [2, 12])
@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_talent_export_budget(hr_world, client_for, django_assert_max_num_queries, fmt, extra):
    hr_world.grow(extra)
    figures_refresh(limit=10_000)  # steady state; recomputing marked units has its own budget
    client = client_for(hr_world.world.bkpsdm.user)
    with django_assert_max_num_queries(TALENT):
        response = client.get(reverse("hr:talent_export"), {"tahun": YEAR, "format": fmt})
        assert response.status_code == 200
        body = b"".join(response.streaming_content)
    if fmt == "csv":
        assert body.decode("utf-8-sig").count("Tambahan") == extra
