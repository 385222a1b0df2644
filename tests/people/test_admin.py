"""The organisation admin (Wagtail viewsets): who may use it, and creating an ASN with a login."""

import pytest
from django.urls import reverse

from pamong.people.models import ASN
from tests.helpers import assert_admin_refused

pytestmark = pytest.mark.django_db

INDEX_URLS = ["instansi:index", "unit_kerja:index", "jabatan:index", "asn:index"]
# Wagtail redirects users without admin access to the dashboard/login and answers 302;
# users with admin access but without the model permission are redirected with a message too.
ALLOWED = {"bkpsdm", "admin"}


@pytest.mark.parametrize("url_name", INDEX_URLS)
@pytest.mark.parametrize("role", ["anonymous", "asn", "atasan", "hr_same", "humas", "bkpsdm", "admin"])
def test_organisation_admin_by_role(world, client_for, role, url_name):
    response = client_for(world.users()[role]).get(reverse(url_name))
    if role in ALLOWED:
        assert response.status_code == 200
    else:
        assert_admin_refused(response, role)


@pytest.mark.parametrize("url_name", INDEX_URLS)
@pytest.mark.parametrize("extra", [0, 30])
def test_admin_index_query_count_is_flat(world, client_for, django_assert_max_num_queries, extra, url_name):
    from tests.factories.people import ASNFactory

    ASNFactory.create_batch(extra)  # each with its own instansi, unit and jabatan
    client = client_for(world.admin)
    with django_assert_max_num_queries(25):
        assert client.get(reverse(url_name)).status_code == 200


def test_admin_creates_an_asn_with_a_login(world, client_for):
    client = client_for(world.bkpsdm.user)
    job = world.staff_a.jabatan
    data = {
        "nip": "199001012015031001",
        "name": "Muhammad Rizki Siregar, S.Kom.",
        "employment_type": "PNS",
        "golongan": "III/b",
        "instansi": job.instansi_id,
        "unit": job.unit_id,
        "jabatan": job.pk,
        "atasan": world.atasan_a.pk,
        "is_active": "on",
        "email": "rizki@jambiprov.go.id",
    }
    response = client.post(reverse("asn:add"), data)
    assert response.status_code == 302, response.content.decode()[:2000]
    asn = ASN.objects.get(nip="199001012015031001")
    assert asn.user.username == "199001012015031001" and asn.user.email == "rizki@jambiprov.go.id"
    assert not asn.user.has_usable_password()


def test_admin_rejects_a_bad_nip_and_saves_nothing(world, client_for):
    client = client_for(world.bkpsdm.user)
    job = world.staff_a.jabatan
    before = ASN.objects.count()
    response = client.post(
        reverse("asn:add"),
        {
            "nip": "199013012015031001",
            "name": "Salah Tanggal",
            "employment_type": "PNS",
            "instansi": job.instansi_id,
            "unit": job.unit_id,
            "jabatan": job.pk,
        },
    )
    assert response.status_code == 200
    assert "Digit 1–8 NIP" in response.content.decode()
    assert ASN.objects.count() == before
