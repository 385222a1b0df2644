"""Uploads are checked for size and type and are never served inline as HTML: performance evidence
(extension + magic bytes + size, always an attachment) and Wagtail documents (allowed extensions,
size limit, served through Django with ``nosniff``, ``default-src 'none'`` and, except for PDF, as
an attachment)."""

import pytest
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from wagtail.documents import get_document_model
from wagtail.documents.forms import get_document_form

from performance import services
from performance.models import Evidence

pytestmark = pytest.mark.django_db

HTML = b"<!DOCTYPE html><html><body><script>alert(document.cookie)</script></body></html>"
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\n%%EOF\n"


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("halaman.html", HTML),
        ("halaman.htm", HTML),
        ("gambar.svg", b"<svg xmlns='http://www.w3.org/2000/svg'><script>alert(1)</script></svg>"),
        ("laporan.pdf", HTML),  # HTML dressed as PDF: the magic bytes give it away
        ("laporan.exe", b"MZ\x90\x00"),
    ],
)
def test_evidence_refuses_html_and_disguised_files(name, content):
    with pytest.raises(ValidationError):
        services.evidence_validate(upload=SimpleUploadedFile(name, content, content_type="application/pdf"))


def test_evidence_refuses_oversized_files(settings):
    settings.PERFORMANCE_EVIDENCE_MAX_BYTES = 1024
    big = SimpleUploadedFile("laporan.pdf", PDF + b"0" * 2048, content_type="application/pdf")
    with pytest.raises(ValidationError):
        services.evidence_validate(upload=big)
    assert services.evidence_validate(upload=SimpleUploadedFile("kecil.pdf", PDF)) == "application/pdf"


def test_evidence_stored_as_html_is_still_an_attachment(world, tmp_path, settings):
    """Even a file that got in with an HTML type is downloaded, never rendered."""
    from tests.security.targets import build_objects

    settings.MEDIA_ROOT = tmp_path
    objects = build_objects(world)
    evidence = objects["evidence"]
    evidence.content_type = "text/html"
    evidence.file.save("x.html", ContentFile(HTML), save=False)
    evidence.save()
    client = Client()
    client.force_login(world.staff_a.user)
    response = client.get(f"/kinerja/bukti/{evidence.pk}/")
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "sandbox" in response["Content-Security-Policy"]
    assert Evidence.objects.count() == 1


def _document_form(name, content):
    Document = get_document_model()
    form_class = get_document_form(Document)
    return form_class(
        data={"title": name},
        files={"file": SimpleUploadedFile(name, content)},
        user=None,
    )


@pytest.mark.parametrize("name", ["halaman.html", "halaman.htm", "gambar.svg", "skrip.js", "program.exe"])
def test_wagtail_documents_refuse_html_and_scripts(name):
    form = _document_form(name, HTML)
    assert not form.is_valid()
    assert "file" in form.errors


def test_wagtail_document_settings():
    assert not {"html", "htm", "svg", "js", "xhtml", "xml"} & set(settings.WAGTAILDOCS_EXTENSIONS)
    assert settings.WAGTAILDOCS_MAX_UPLOAD_SIZE <= 10 * 1024 * 1024
    assert settings.WAGTAILDOCS_SERVE_METHOD == "serve_view"  # through Django, with the headers below
    assert getattr(settings, "WAGTAILDOCS_BLOCK_EMBEDDED_CONTENT", True) is True


def test_wagtail_documents_refuse_oversized_files(settings):
    settings.WAGTAILDOCS_MAX_UPLOAD_SIZE = 1024
    form = _document_form("laporan.pdf", PDF + b"0" * 4096)
    assert not form.is_valid()


@pytest.mark.parametrize(
    ("name", "inline"), [("tabel.csv", False), ("catatan.txt", False), ("laporan.pdf", True)]
)
def test_wagtail_documents_are_served_safely(name, inline, tmp_path, settings):
    """A document holding HTML is served with its own type, ``nosniff`` and no script allowed."""
    settings.MEDIA_ROOT = tmp_path
    Document = get_document_model()
    doc = Document(title=name)
    doc.file.save(name, ContentFile(HTML), save=False)
    doc.save()
    response = Client().get(doc.url)
    assert response.status_code == 200
    assert "text/html" not in response["Content-Type"]
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Security-Policy"] == "default-src 'none'"
    disposition = response["Content-Disposition"]
    assert disposition.startswith("inline" if inline else "attachment"), disposition
