"""The ASN list (/pegawai/) as instansi HR and BKPSDM: search by name or NIP prefix, the instansi
filter, order by name, pages that keep the filter, the bounded count, and a flat query budget."""

import pytest
from django.core.cache import cache
from django.urls import reverse

from pamong import pagination
from pamong.people.models import ASN
from tests.factories.people import ASNFactory, JabatanFactory

pytestmark = pytest.mark.django_db

URL = reverse("people:asn_list")
BUDGET = 8  # measured 6 (SQLite) for hr_same and bkpsdm at both sizes


def _names(html: str, names) -> list[str]:
    return sorted((n for n in names if n in html), key=html.index)


def test_search_by_name_and_nip_prefix(world, client_for):
    client = client_for(world.bkpsdm.user)
    html = client.get(URL, {"q": "staf a"}).content.decode()  # case-insensitive, inside the name
    assert "Staf A" in html and "Staf B" not in html
    html = client.get(URL, {"q": world.staff_b.nip[:12]}).content.decode()
    assert world.staff_b.nip in html
    html = client.get(URL, {"q": world.staff_b.nip[2:12]}).content.decode()  # NIP: prefix only
    assert world.staff_b.nip not in html


def test_instansi_filter_for_bkpsdm_and_hr_scope(world, client_for):
    html = client_for(world.bkpsdm.user).get(URL, {"instansi": world.instansi_b.pk}).content.decode()
    assert "Staf B" in html and "Staf A" not in html
    # HR of A cannot widen their scope with the filter: B's staff stay out of reach
    html = client_for(world.hr_a.user).get(URL, {"instansi": world.instansi_b.pk}).content.decode()
    assert "Staf B" not in html and "Staf A" not in html
    assert f'<option value="{world.instansi_b.pk}"' not in html  # and it is not offered


def test_rows_are_ordered_by_name(world, client_for):
    job = JabatanFactory(unit=world.staff_a.unit)
    for name in ("Zaenal", "Abdul", "Maryam"):
        ASNFactory(jabatan=job, name=name)
    html = client_for(world.hr_a.user).get(URL).content.decode()
    assert _names(html, ["Zaenal", "Abdul", "Maryam"]) == ["Abdul", "Maryam", "Zaenal"]


def test_pages_keep_the_filters(world, client_for):
    job = JabatanFactory(unit=world.staff_a.unit)
    ASNFactory.create_batch(55, jabatan=job, name="Pegawai Halaman")
    client = client_for(world.bkpsdm.user)
    html = client.get(URL, {"q": "halaman", "instansi": world.instansi_a.pk}).content.decode()
    assert "55 pegawai" in html and "Halaman 1 dari 2" in html
    assert f"?q=halaman&amp;instansi={world.instansi_a.pk}&amp;page=2" in html
    html = client.get(URL, {"q": "halaman", "instansi": world.instansi_a.pk, "page": 2}).content.decode()
    assert html.count("Pegawai Halaman") == 5 and "page=1" in html


def test_a_list_longer_than_the_bound_says_more_than(world, client_for, monkeypatch):
    monkeypatch.setattr(pagination, "MAX_COUNT", 3)
    monkeypatch.setattr(pagination.BoundedPaginator.__init__, "__kwdefaults__", {"max_count": 3})
    html = client_for(world.bkpsdm.user).get(URL).content.decode()
    assert ASN.objects.count() > 3
    assert "Lebih dari 3 pegawai" in html
    html = client_for(world.bkpsdm.user).get(URL, {"q": "Staf B"}).content.decode()
    assert "1 pegawai" in html and "Lebih dari" not in html


def test_bounded_paginator_counts_at_most_the_bound(world):
    paginator = pagination.BoundedPaginator(ASN.objects.order_by("pk"), 2, max_count=3)
    assert paginator.count == 3 and paginator.capped and paginator.num_pages == 2
    paginator = pagination.BoundedPaginator(ASN.objects.filter(pk=world.staff_a.pk), 2, max_count=3)
    assert paginator.count == 1 and not paginator.capped


@pytest.mark.parametrize("role", ["hr_same", "bkpsdm"])
@pytest.mark.parametrize("params", [{}, {"q": "pegawai"}, {"page": "2"}, {"instansi": "A"}])
def test_query_budget_is_flat(world, client_for, django_assert_max_num_queries, role, params):
    params = {k: world.instansi_a.pk if v == "A" else v for k, v in params.items()}
    client = client_for(world.users()[role])
    counts = []
    for extra in (3, 60):
        ASNFactory.create_batch(extra, jabatan=JabatanFactory(unit=world.staff_a.unit))
        cache.clear()  # each size measured cold: the bell and the scope are cached per person
        with django_assert_max_num_queries(BUDGET) as captured:
            response = client.get(URL, params)
        assert response.status_code == 200
        counts.append(len(captured))
    assert counts[0] == counts[1]


@pytest.mark.parametrize("role", ["hr_same", "bkpsdm"])
def test_asn_detail_budget(world, client_for, django_assert_max_num_queries, role):
    client = client_for(world.users()[role])
    url = reverse("people:asn_detail", args=[world.staff_a.pk])
    client.get(url)  # the session's first request
    for extra in (0, 30):
        ASNFactory.create_batch(extra, jabatan=JabatanFactory(unit=world.staff_a.unit), atasan=world.staff_a)
        with django_assert_max_num_queries(BUDGET):
            response = client.get(url)
        assert response.status_code == 200
