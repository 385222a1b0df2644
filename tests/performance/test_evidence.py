"""Realisations with evidence: size and type checked, served only as an attachment."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings
from django.urls import reverse

from performance.models import Evidence, Realisation
from tests.factories.performance import PeriodFactory, PlanFactory, add_indicator

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.fixture
def plan(world, tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path
    p = PlanFactory(asn=world.staff_a, period=PeriodFactory(year=2026))
    add_indicator(p, target="100")
    return p


def _post(client, plan, upload, value="50"):
    pi = plan.plan_indicators.first()
    return client.post(
        reverse("performance:realisation_record", args=[plan.pk]),
        {
            "plan_indicator": pi.pk,
            "checkin": plan.period.checkins.first().pk,
            "value": value,
            "notes": "",
            "files": [upload],
        },
    )


def test_pdf_evidence_is_stored_and_served_as_attachment(plan, world, client_for):
    c = client_for(world.staff_a.user)
    assert (
        _post(c, plan, SimpleUploadedFile("laporan.pdf", PDF, content_type="application/pdf")).status_code
        == 302
    )
    ev = Evidence.objects.get()
    assert ev.content_type == "application/pdf" and ev.size == len(PDF)
    r = c.get(reverse("performance:evidence_download", args=[ev.pk]))
    assert r.status_code == 200
    assert r["Content-Disposition"].startswith("attachment")
    assert r["X-Content-Type-Options"] == "nosniff"
    assert r["Content-Type"] == "application/pdf"
    # the atasan may download; someone of another instansi gets 404
    assert (
        client_for(world.atasan_a.user)
        .get(reverse("performance:evidence_download", args=[ev.pk]))
        .status_code
        == 200
    )
    assert (
        client_for(world.staff_b.user).get(reverse("performance:evidence_download", args=[ev.pk])).status_code
        == 404
    )
    assert (
        client_for(world.hr_b.user).get(reverse("performance:evidence_download", args=[ev.pk])).status_code
        == 404
    )


def test_html_disguised_as_pdf_is_refused(plan, world, client_for):
    c = client_for(world.staff_a.user)
    html = SimpleUploadedFile(
        "x.pdf", b"<html><script>alert(1)</script></html>", content_type="application/pdf"
    )
    _post(c, plan, html)
    assert not Evidence.objects.exists() and not Realisation.objects.exists()  # nothing half-saved


def test_html_extension_is_refused(plan, world, client_for):
    _post(
        client_for(world.staff_a.user),
        plan,
        SimpleUploadedFile("x.html", b"<html></html>", content_type="text/html"),
    )
    assert not Evidence.objects.exists() and not Realisation.objects.exists()


@override_settings(PERFORMANCE_EVIDENCE_MAX_BYTES=10)
def test_too_large_is_refused(plan, world, client_for):
    _post(
        client_for(world.staff_a.user),
        plan,
        SimpleUploadedFile("laporan.pdf", PDF, content_type="application/pdf"),
    )
    assert not Evidence.objects.exists() and not Realisation.objects.exists()


def test_other_asn_cannot_record(plan, world, client_for):
    r = _post(client_for(world.staff_a2.user), plan, SimpleUploadedFile("laporan.pdf", PDF))
    assert r.status_code == 404
    assert not Realisation.objects.exists()


def test_comment_by_atasan_only(plan, world, client_for):
    url = reverse("performance:comment_add", args=[plan.pk])
    assert client_for(world.staff_a.user).post(url, {"text": "x"}).status_code == 403
    assert client_for(world.atasan_a.user).post(url, {"text": "Bagus, pertahankan."}).status_code == 302
    assert plan.comments.get().text == "Bagus, pertahankan."
