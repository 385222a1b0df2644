"""Certificates: PDF content and who may download it, public verification, revocation."""

import io
import re

import pytest
from django.urls import reverse
from pypdf import PdfReader

from learning import services
from learning.models import Certificate
from pamong.people.nip import nip_masked
from tests.factories.learning import complete_lessons, lessons_of


@pytest.fixture
def certificate(world, course):
    complete_lessons(world.staff_a.user, lessons_of(course))
    return Certificate.objects.get(enrolment__asn=world.staff_a)


def test_code_is_unguessable(certificate):
    # secrets.token_urlsafe(18): 144 random bits, URL-safe, no relation to the row id
    assert re.fullmatch(r"[A-Za-z0-9_-]{24}", certificate.code)
    assert certificate.code != str(certificate.pk)


def test_pdf_content(world, client_for, course, certificate):
    response = client_for(world.staff_a.user).get(certificate.get_pdf_url())
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    text = "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages)
    assert world.staff_a.name in text
    assert world.staff_a.nip in text
    assert course.title in text
    assert "6 JP" in text
    assert "BKPSDM Provinsi Jambi" in text
    assert f"http://testserver/sertifikat/{certificate.code}/" in text
    assert certificate.completed_at.astimezone().strftime("%Y") in text
    reader = PdfReader(io.BytesIO(response.content))
    assert reader.pages[0].images, "the QR code image is embedded"


PDF_ACCESS = {
    "anonymous": "login",
    "asn": 200,  # the holder
    "atasan": 200,
    "hr_same": 200,
    "hr_other": 404,
    "bkpsdm": 200,
    "humas": 404,
    "admin": 200,
}


@pytest.mark.parametrize("role", list(PDF_ACCESS))
def test_pdf_access_per_role(world, client_for, certificate, role):
    response = client_for(world.users()[role]).get(certificate.get_pdf_url())
    expected = PDF_ACCESS[role]
    if expected == "login":
        assert response.status_code == 302 and "/masuk/" in response["Location"]
    else:
        assert response.status_code == expected


def test_pdf_for_the_second_level_atasan_and_not_for_a_colleague(world, client_for, certificate):
    assert client_for(world.kepala_a.user).get(certificate.get_pdf_url()).status_code == 200
    assert client_for(world.staff_a2.user).get(certificate.get_pdf_url()).status_code == 404
    assert client_for(world.staff_b.user).get(certificate.get_pdf_url()).status_code == 404


def test_unknown_code_is_404(world, client_for):
    client = client_for(world.admin)
    assert client.get("/sertifikat/tidak-ada-kode-seperti-ini.pdf").status_code == 404
    assert client.get("/sertifikat/tidak-ada-kode-seperti-ini/").status_code == 404


@pytest.mark.parametrize("role", list(PDF_ACCESS))
def test_verification_page_is_public(world, client_for, course, certificate, role):
    response = client_for(world.users()[role]).get(certificate.get_absolute_url())
    assert response.status_code == 200
    html = response.content.decode()
    assert world.staff_a.nip not in html  # the public page masks the NIP
    for value in (
        world.staff_a.name,
        nip_masked(world.staff_a.nip),
        course.title,
        certificate.code,
        "BKPSDM Provinsi Jambi",
    ):
        assert value in html
    assert "Sertifikat SAH" in html
    assert ("Cabut sertifikat" in html) is (role in {"hr_same", "bkpsdm", "admin"})


def test_hr_revokes_with_a_reason(world, client_for, certificate):
    client = client_for(world.hr_a.user)
    url = reverse("learning:certificate_revoke", args=[certificate.code])
    client.post(url, {"reason": ""})
    certificate.refresh_from_db()
    assert certificate.is_valid
    client.post(url, {"reason": "Data kehadiran tidak sah"})
    certificate.refresh_from_db()
    assert not certificate.is_valid
    assert certificate.revoked_reason == "Data kehadiran tidak sah"
    assert certificate.revoked_by == world.hr_a.user
    html = client_for(None).get(certificate.get_absolute_url()).content.decode()
    assert "Sertifikat DICABUT" in html and "Data kehadiran tidak sah" in html
    pdf = client_for(world.staff_a.user).get(certificate.get_pdf_url()).content
    assert "DICABUT" in PdfReader(io.BytesIO(pdf)).pages[0].extract_text()


@pytest.mark.parametrize("role", ["anonymous", "asn", "atasan", "hr_other", "humas"])
def test_others_cannot_revoke(world, client_for, certificate, role):
    response = client_for(world.users()[role]).post(
        reverse("learning:certificate_revoke", args=[certificate.code]), {"reason": "coba"}
    )
    expected = {"anonymous": 302, "hr_other": 404}.get(role, 403)
    assert response.status_code == expected
    certificate.refresh_from_db()
    assert certificate.is_valid


def test_dashboard_links_the_certificate(world, client_for, certificate):
    html = client_for(world.staff_a.user).get(reverse("learning:dashboard")).content.decode()
    assert certificate.get_pdf_url() in html


def test_dashboard_marks_a_revoked_certificate(world, client_for, certificate):
    client = client_for(world.staff_a.user)
    html = client.get(reverse("learning:dashboard")).content.decode()
    assert certificate.get_absolute_url() in html and "dicabut" not in html
    services.certificate_revoke(user=world.hr_a.user, certificate=certificate, reason="Data tidak sah")
    html = client.get(reverse("learning:dashboard")).content.decode()
    assert certificate.get_pdf_url() in html and "dicabut" in html
