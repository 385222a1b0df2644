"""People views, tried with every role: allowed, denied (403) and out of scope (404)."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db

# role → expected status for /pegawai/
LIST_STATUS = {
    "anonymous": 302,
    "asn": 403,
    "atasan": 200,
    "hr_same": 200,
    "hr_other": 200,
    "bkpsdm": 200,
    "humas": 403,
    "admin": 200,
}


@pytest.mark.parametrize("role", LIST_STATUS)
def test_asn_list_by_role(world, client_for, role):
    response = client_for(world.users()[role]).get(reverse("people:asn_list"))
    assert response.status_code == LIST_STATUS[role]
    if response.status_code == 302:
        assert response["Location"].startswith(reverse("login"))


def test_asn_list_shows_only_the_scope(world, client_for):
    html = client_for(world.hr_a.user).get(reverse("people:asn_list")).content.decode()
    assert "Staf A" in html and "Staf B" not in html
    html = client_for(world.atasan_a.user).get(reverse("people:asn_list")).content.decode()
    assert "Staf A Dua" in html and "HR A" not in html


# (role, whose profile) → expected status for /pegawai/<pk>/
DETAIL_STATUS = {
    ("anonymous", "staff_a"): 302,
    ("asn", "staff_a"): 200,
    ("asn", "staff_a2"): 404,
    ("asn", "staff_b"): 404,
    ("atasan", "staff_a"): 200,
    ("atasan", "staff_b"): 404,
    ("atasan", "hr_a"): 404,
    ("hr_same", "staff_a"): 200,
    ("hr_same", "staff_b"): 404,
    ("hr_other", "staff_b"): 200,
    ("hr_other", "staff_a"): 404,
    ("bkpsdm", "staff_a"): 200,
    ("bkpsdm", "staff_b"): 200,
    ("humas", "staff_a"): 404,
    ("admin", "staff_b"): 200,
}


@pytest.mark.parametrize(("role", "whose"), DETAIL_STATUS)
def test_asn_detail_by_role(world, client_for, role, whose):
    asn = getattr(world, whose)
    response = client_for(world.users()[role]).get(reverse("people:asn_detail", args=[asn.pk]))
    assert response.status_code == DETAIL_STATUS[(role, whose)]
    if response.status_code == 200:
        assert asn.nip in response.content.decode()


def test_asn_detail_of_unknown_id_is_404_like_out_of_scope(world, client_for):
    client = client_for(world.hr_a.user)
    assert client.get(reverse("people:asn_detail", args=[999999])).status_code == 404


@pytest.mark.parametrize("role", ["asn", "atasan", "hr_same", "bkpsdm", "humas", "admin"])
def test_account_page_for_every_signed_in_role(world, client_for, role):
    response = client_for(world.users()[role]).get(reverse("people:account"))
    assert response.status_code == 200
    assert "Akun saya" in response.content.decode()


def test_account_page_shows_profile_and_subordinates(world, client_for):
    html = client_for(world.atasan_a.user).get(reverse("people:account")).content.decode()
    assert world.atasan_a.nip in html and "Kepala A" in html  # own atasan
    assert "Staf A Dua" in html  # direct report


def test_account_page_requires_login(client):
    response = client.get(reverse("people:account"))
    assert response.status_code == 302 and response["Location"].startswith(reverse("login"))


@pytest.mark.parametrize("extra", [0, 40])
def test_asn_list_query_count_is_flat(world, client_for, django_assert_max_num_queries, extra):
    from tests.factories.people import ASNFactory, JabatanFactory

    job = JabatanFactory(unit=world.staff_a.unit)
    ASNFactory.create_batch(extra, jabatan=job)
    client = client_for(world.bkpsdm.user)
    with django_assert_max_num_queries(10):
        response = client.get(reverse("people:asn_list"))
    assert response.status_code == 200


def test_account_page_names_roles_in_indonesian_not_codes(world, client_for):
    html = client_for(world.hr_a.user).get(reverse("people:account")).content.decode()
    assert '<span class="badge">ASN</span>' in html
    assert '<span class="badge">Pengelola kepegawaian instansi</span>' in html
    assert '<span class="badge">asn</span>' not in html and "hr_instansi" not in html
