"""Issue 15.10: the one certificate module (learning/certificates.py) behind the course certificate
and the piagam: PDF/A-2b structure (embedded fonts, output intent, XMP), metadata, QR code of the
verification page from PAMONG_BASE_URL, Indonesian long dates, names with diacritics.

veraPDF is not reachable from the test machine, so the PDF/A structure is checked with pikepdf."""

import datetime as dt
import io

import pikepdf
import pytest
import segno
from pypdf import PdfReader

from learning.certificates import CertificateDocument, certificate_document_pdf

pytestmark = pytest.mark.django_db

NAME = "Nur'aini Ṣāliḥ"


def assert_pdfa_2b(data: bytes, *, title: str, author: str) -> None:
    """What PDF/A-2b asks of these documents, checked on the file's structure."""
    with pikepdf.open(io.BytesIO(data)) as pdf:
        intents = pdf.Root.OutputIntents
        assert len(intents) == 1
        intent = intents[0]
        assert intent.S == pikepdf.Name.GTS_PDFA1
        profile = intent.DestOutputProfile
        assert int(profile.N) == 3 and profile.read_bytes()[36:40] == b"acsp"  # an RGB ICC profile
        # every font is embedded (no standard-14 Helvetica), as a TrueType font program
        fonts = []
        for page in pdf.pages:
            for _name, font in page.Resources.Font.items():
                fonts.append(font)
                descriptor = font.get("/FontDescriptor")
                assert descriptor is not None, f"{font.BaseFont} has no descriptor: not embedded"
                assert "/FontFile2" in descriptor, f"{font.BaseFont} is not embedded"
        assert fonts and not any("Helvetica" in str(f.BaseFont) for f in fonts)
        assert "/Encrypt" not in pdf.trailer
        meta = pdf.open_metadata()
        assert meta["pdfaid:part"] == "2" and meta["pdfaid:conformance"] == "B"
        assert meta["dc:title"] == title and meta["dc:creator"] == [author]
        assert meta["dc:description"]
        assert "/Filter" not in pdf.Root.Metadata  # the XMP stream is readable without decoding
        assert str(pdf.docinfo.Title) == title and str(pdf.docinfo.Author) == author
        assert "anonymous" not in str(pdf.docinfo.Author).lower()
        assert pdf.trailer.ID


def qr_payload_matches(data: bytes, url: str) -> bool:
    """The QR image on the page is the QR code of ``url`` (pixel by pixel, module by module)."""
    page = PdfReader(io.BytesIO(data)).pages[0]
    [image] = page.images
    picture = image.image.convert("L")
    matrix = segno.make(url, error="m").matrix
    scale, border = 6, 2
    assert picture.size == ((len(matrix) + 2 * border) * scale,) * 2
    for y, row in enumerate(matrix):
        for x, dark in enumerate(row):
            pixel = picture.getpixel(((x + border) * scale + scale // 2, (y + border) * scale + scale // 2))
            if bool(dark) != (pixel < 128):
                return False
    return True


def _document(**overrides) -> CertificateDocument:
    fields = {
        "heading": "Sertifikat",
        "issuer": "BKPSDM Provinsi Jambi",
        "holder_name": NAME,
        "holder_nip": "199001012020012001",
        "reason": "telah menyelesaikan pelatihan",
        "subject": "Pengelolaan Kinerja ASN",
        "detail": "sebanyak 6 JP",
        "date": dt.date(2026, 10, 3),
        "code": "ABC123",
        "verify_url": "https://pamong.jambiprov.go.id/sertifikat/ABC123/",
        "pdf_title": f"Sertifikat Pengelolaan Kinerja ASN — {NAME}",
        "pdf_subject": "Sertifikat pelatihan",
        "verify_label": "Verifikasi keaslian sertifikat ini di:",
    }
    return CertificateDocument(**(fields | overrides))


def test_document_is_pdfa_with_every_name_rendered():
    document = _document()
    data = certificate_document_pdf(document)
    assert_pdfa_2b(data, title=document.pdf_title, author="BKPSDM Provinsi Jambi")
    text = PdfReader(io.BytesIO(data)).pages[0].extract_text()
    assert NAME in text
    assert "Jambi, 3 Oktober 2026" in text
    assert qr_payload_matches(data, document.verify_url)


@pytest.mark.parametrize(
    "name",
    ["Ni Luh Putu Ayu Ḍewi", "Muhammad Ba'asyir", "Siti Nurhaliza binti Abdul Ghaffār", "Œdipus Ŋgaju-Ĳssel"],
)
def test_names_with_diacritics_and_apostrophes_render(name):
    text = (
        PdfReader(io.BytesIO(certificate_document_pdf(_document(holder_name=name)))).pages[0].extract_text()
    )
    assert name in text


def test_a_very_long_name_is_shrunk_to_fit_not_cut():
    name = "Raden Mas Muhammad Abdurrahman Ṣalāḥuddin Wicaksono Kusumadiningrat Hadiningrat Putra"
    text = (
        PdfReader(io.BytesIO(certificate_document_pdf(_document(holder_name=name)))).pages[0].extract_text()
    )
    assert name in text


# --- the course certificate through its view ----------------------------------------------------


def test_course_certificate_pdf_is_pdfa_with_qr_from_the_base_url(world, client_for, course, settings):
    from learning.models import Certificate
    from tests.factories.learning import complete_lessons, lessons_of

    settings.PAMONG_BASE_URL = "https://pamong.jambiprov.go.id"
    asn = world.staff_a
    asn.name = NAME
    asn.save(update_fields=["name"])
    user = asn.user
    complete_lessons(user, lessons_of(course))
    certificate = Certificate.objects.get(enrolment__asn=asn)
    certificate.completed_at = dt.datetime(2026, 10, 3, 2, 0, tzinfo=dt.UTC)
    certificate.save(update_fields=["completed_at"])
    response = client_for(user).get(certificate.get_pdf_url(), HTTP_HOST="testserver")
    assert response.status_code == 200
    url = f"https://pamong.jambiprov.go.id/sertifikat/{certificate.code}/"  # never the request's host
    assert_pdfa_2b(
        response.content,
        title=f"Sertifikat {certificate.course_title} — {NAME}",
        author=certificate.issuer,
    )
    text = PdfReader(io.BytesIO(response.content)).pages[0].extract_text()
    assert NAME in text and url in text and "3 Oktober 2026" in text
    assert qr_payload_matches(response.content, url)
    page = client_for(None).get(certificate.get_absolute_url()).content.decode()
    assert url in page
