"""Issue 15.10: the piagam penghargaan is drawn by the one certificate module (learning's): PDF/A,
a QR code of its own verification page from PAMONG_BASE_URL, the predikat written once, the date
in Indonesian long form, author and title set; the ASN finds it on /kinerja/ and on the result page."""

import datetime as dt
import io

import pytest
from django.urls import reverse
from django.utils.html import escape
from pypdf import PdfReader

from performance import services
from performance.models import FollowUpProposal, FollowUpRule
from tests.factories.performance import PeriodFactory, PlanFactory, final_evaluation
from tests.learning.test_certificate_document import NAME, assert_pdfa_2b, qr_payload_matches

pytestmark = pytest.mark.django_db


@pytest.fixture
def piagam(world):
    world.staff_a.name = NAME
    world.staff_a.save(update_fields=["name"])
    period = PeriodFactory(year=2026, status="evaluation")
    plan = PlanFactory(asn=world.staff_a, period=period)
    evaluation = final_evaluation(plan, hasil="di_atas", perilaku="di_atas", predikat="sangat_baik")
    rule = FollowUpRule.objects.filter(consequence=FollowUpRule.Consequence.CERTIFICATE).first()
    proposal = FollowUpProposal.objects.create(
        period=period,
        asn=world.staff_a,
        rule=rule,
        evaluation=evaluation,
        basis="Predikat Sangat Baik",
        status=FollowUpProposal.Status.APPROVED,
        certificate_code=services.certificate_new_code(),
        decided_at=dt.datetime(2026, 12, 2, 3, 0, tzinfo=dt.UTC),
    )
    return proposal, plan


def test_piagam_pdf(world, client_for, piagam, settings):
    settings.PAMONG_BASE_URL = "https://pamong.jambiprov.go.id"
    proposal, _plan = piagam
    response = client_for(world.staff_a.user).get(
        reverse("performance:certificate_download", args=[proposal.pk])
    )
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert_pdfa_2b(
        response.content,
        title=f"Piagam Penghargaan {proposal.period.name} — {NAME}",
        author=world.instansi_a.name,
    )
    text = PdfReader(io.BytesIO(response.content)).pages[0].extract_text()
    url = f"https://pamong.jambiprov.go.id/kinerja/verifikasi/{proposal.certificate_code}/"
    assert NAME in text and world.staff_a.nip in text and "PIAGAM PENGHARGAAN" in text
    assert text.count("Sangat Baik") == 1  # the predikat once (it used to repeat as "(Predikat …)")
    assert "Jambi, 2 Desember 2026" in text and "02-12-2026" not in text
    assert url in text and qr_payload_matches(response.content, url)


def test_piagam_of_an_indicator_rule_states_its_basis_once(world, client_for, piagam):
    proposal, _plan = piagam
    FollowUpProposal.objects.filter(pk=proposal.pk).update(
        evaluation=None, basis="Sampah plastik: capaian 120 %"
    )
    response = client_for(world.hr_a.user).get(
        reverse("performance:certificate_download", args=[proposal.pk])
    )
    text = PdfReader(io.BytesIO(response.content)).pages[0].extract_text()
    assert text.count("Sampah plastik: capaian 120 %") == 1 and "predikat" not in text


def test_piagam_verification_page(world, client_for, piagam):
    proposal, _plan = piagam
    url = reverse("performance:verify_code", args=[proposal.certificate_code])
    html = client_for(None).get(url).content.decode()
    assert "Piagam sah." in html and escape(NAME) in html and "Sangat Baik" in html
    assert world.staff_a.nip not in html  # masked, as on the course certificate's page
    assert f"http://testserver{url}" in html
    typed = client_for(None).get(reverse("performance:verify"), {"kode": proposal.certificate_code.lower()})
    assert typed.status_code == 200 and "Piagam sah." in typed.content.decode()
    unknown = client_for(None).get(reverse("performance:verify_code", args=["PMG-XXXX-XXXX"]))
    assert unknown.status_code == 404 and "Kode tidak ditemukan" in unknown.content.decode()
    proposal.status = FollowUpProposal.Status.REJECTED
    proposal.save(update_fields=["status"])
    assert client_for(None).get(url).status_code == 404


def test_asn_finds_the_piagam_on_kinerja_and_on_the_result_page(world, client_for, piagam):
    proposal, plan = piagam
    download = reverse("performance:certificate_download", args=[proposal.pk])
    verify = reverse("performance:verify_code", args=[proposal.certificate_code])
    owner = client_for(world.staff_a.user)
    for page in (reverse("performance:dashboard"), reverse("performance:result", args=[plan.pk])):
        html = owner.get(page).content.decode()
        assert f'href="{download}"' in html and f'href="{verify}"' in html, page
    # HR of the instansi sees it on the result page; a colleague's /kinerja/ does not show it
    assert (
        f'href="{download}"'
        in client_for(world.hr_a.user).get(reverse("performance:result", args=[plan.pk])).content.decode()
    )
    assert (
        download not in client_for(world.staff_a2.user).get(reverse("performance:dashboard")).content.decode()
    )


def test_piagam_download_for_its_holder_and_hr_of_the_instansi_only(world, client_for, piagam):
    """Every role against the download: the holder and HR over the holder's instansi get the PDF;
    the atasan, a colleague, HR of another instansi and humas get 404, as if it did not exist."""
    proposal, _plan = piagam
    url = reverse("performance:certificate_download", args=[proposal.pk])
    expected = {
        "anonymous": 302,
        "asn": 200,
        "atasan": 404,
        "hr_same": 200,
        "hr_other": 404,
        "bkpsdm": 200,
        "humas": 404,
        "admin": 200,
    }
    answered = {role: client_for(user).get(url).status_code for role, user in world.users().items()}
    assert answered == expected
    assert client_for(world.staff_a2.user).get(url).status_code == 404
