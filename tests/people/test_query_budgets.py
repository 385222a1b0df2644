"""Query budgets for the Wagtail admin choosers of ASN, unit kerja and jabatan, used by BKPSDM,
at two data sizes (the world alone, and 40 extra ASN each with their own unit and jabatan).

Budgets are the count measured at the large size plus slack; the ``flat`` test compares both
sizes directly, so a query per row fails here.
"""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from pamong.people.models import ASN
from tests.factories.people import ASNFactory

SMALL, LARGE = 0, 40
CHOOSERS = ["asn_chooser", "unit_chooser", "jabatan_chooser"]
VIEWS = ["choose", "choose_results"]
ROW_TEXT = {"asn_chooser": "Pegawai Uji", "unit_chooser": "Bidang Uji", "jabatan_chooser": "Analis Uji"}
BUDGET = dict.fromkeys(CHOOSERS, 7 + 2)  # measured 7 (SQLite), + 2 slack


def _get(client, name, view, **params):
    url = reverse(f"{name}:{view}")
    client.get(url, params)  # warm per-process caches (admin menu, site root)
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url, params)
    return response, len(ctx.captured_queries)


@pytest.mark.parametrize("view", VIEWS)
@pytest.mark.parametrize("name", CHOOSERS)
@pytest.mark.parametrize("extra", [SMALL, LARGE])
def test_chooser_query_budget(world, client_for, name, view, extra, django_assert_max_num_queries):
    ASNFactory.create_batch(extra)
    client = client_for(world.bkpsdm.user)
    url = reverse(f"{name}:{view}")
    client.get(url)
    with django_assert_max_num_queries(BUDGET[name]):
        response = client.get(url)
    assert response.status_code == 200
    if extra:
        assert ROW_TEXT[name] in response.content.decode()


@pytest.mark.parametrize("name", CHOOSERS)
def test_chooser_query_count_is_flat(world, client_for, name):
    client = client_for(world.bkpsdm.user)
    counts = {}
    for extra in (SMALL, LARGE):
        ASNFactory.create_batch(extra)
        for view in VIEWS:
            response, n = _get(client, name, view)
            assert response.status_code == 200
            counts.setdefault(view, []).append(n)
        # searching goes through the same rows
        response, n = _get(client, name, "choose_results", q="Uji")
        assert response.status_code == 200
        counts.setdefault("search", []).append(n)
    assert ASN.objects.count() >= LARGE
    for view, (small, large) in counts.items():
        assert small == large <= BUDGET[name], view
