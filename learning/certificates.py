"""The one certificate module: every printed certificate of Pamong is drawn and archived here.

Two documents use it: the course certificate (:class:`learning.models.Certificate`) and the
performance piagam penghargaan (``performance.services.certificate_pdf`` builds a
:class:`CertificateDocument` and calls :func:`certificate_document_pdf`; performance may use
learning, never the reverse, so the machinery lives here).

Every document is one A4 landscape page with

* a QR code (segno) of its public verification page, an absolute URL from ``PAMONG_BASE_URL``;
* the holder's name in DejaVu Sans, embedded, so every Indonesian name renders
  ("Nur'aini Ṣāliḥ"); the font and its licence are vendored in ``pdf_assets/``;
* dates in the Indonesian long form (``3 Oktober 2026``) whatever the reader's language;
* title, author, subject and keywords set (never "anonymous");
* PDF/A-2b: embedded fonts only, an sRGB output intent (the CC0 profile in ``pdf_assets/``) and
  XMP metadata that matches the document information (written with pikepdf);
* an electronic signature (PAdES, local or BSrE) when a signer is configured
  (:mod:`pamong.signing`), checked at once and recorded for the verification pages.
"""

from __future__ import annotations

import datetime
import functools
import io
from dataclasses import dataclass
from pathlib import Path

import pikepdf
import segno
from django.conf import settings
from django.utils.translation import gettext as _
from reportlab.lib.colors import HexColor
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.units import cm
from reportlab.lib.utils import ImageReader, simpleSplit
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen import canvas

from pamong import formats
from pamong.signing.services import document_sign

from .models import Certificate

ASSETS = Path(__file__).resolve().parent / "pdf_assets"
FONT = "PamongSans"
FONT_BOLD = "PamongSans-Bold"
GREEN = HexColor("#0b5c4a")
INK = HexColor("#1b1f23")
RED = HexColor("#a4161a")
PRODUCER = "Pamong (Pemerintah Provinsi Jambi)"


def absolute_url(path: str) -> str:
    """``path`` on the public site: ``PAMONG_BASE_URL`` + path, never the request's host."""
    return settings.PAMONG_BASE_URL.rstrip("/") + path


def verification_url(certificate: Certificate) -> str:
    """Absolute URL of a course certificate's public verification page."""
    return absolute_url(certificate.get_absolute_url())


@dataclass(frozen=True)
class CertificateDocument:
    """What a certificate says, top to bottom. Texts are already translated."""

    heading: str  # "SERTIFIKAT", "PIAGAM PENGHARGAAN"
    issuer: str  # the instansi that issues it, printed under the province and as the PDF author
    holder_name: str
    holder_nip: str
    reason: str  # "telah menyelesaikan pelatihan"
    subject: str  # the course title, the performance period
    detail: str  # "sebanyak 6 JP …", "dengan predikat Sangat Baik"
    date: datetime.date | datetime.datetime
    code: str
    verify_url: str
    pdf_title: str
    pdf_subject: str
    verify_label: str
    revoked_notice: str = ""  # printed in red when the document was revoked


@functools.cache
def _register_fonts() -> None:
    pdfmetrics.registerFont(TTFont(FONT, str(ASSETS / "DejaVuSans.ttf")))
    pdfmetrics.registerFont(TTFont(FONT_BOLD, str(ASSETS / "DejaVuSans-Bold.ttf")))


def certificate_document_pdf(document: CertificateDocument) -> bytes:
    """``document`` as a one-page A4 landscape PDF/A-2b."""
    _register_fonts()
    buffer = io.BytesIO()
    width, height = landscape(A4)
    # the initial font too is ours: reportlab would otherwise list a non-embedded Helvetica
    pdf = canvas.Canvas(
        buffer, pagesize=(width, height), pageCompression=1, initialFontName=FONT, initialFontSize=12
    )
    pdf.setTitle(document.pdf_title)
    pdf.setAuthor(document.issuer)
    pdf.setSubject(document.pdf_subject)
    pdf.setCreator(PRODUCER)
    pdf.setProducer(PRODUCER)

    pdf.setStrokeColor(GREEN)
    pdf.setLineWidth(4)
    pdf.rect(1 * cm, 1 * cm, width - 2 * cm, height - 2 * cm)
    pdf.setLineWidth(1)
    pdf.rect(1.3 * cm, 1.3 * cm, width - 2.6 * cm, height - 2.6 * cm)

    centre = width / 2
    pdf.setFillColor(GREEN)
    pdf.setFont(FONT_BOLD, 12)
    pdf.drawCentredString(centre, height - 2.6 * cm, _("PEMERINTAH PROVINSI JAMBI").upper())
    pdf.setFont(FONT, 11)
    pdf.drawCentredString(centre, height - 3.2 * cm, document.issuer)
    pdf.setFont(FONT_BOLD, 30)
    pdf.drawCentredString(centre, height - 5 * cm, document.heading.upper())
    pdf.setFillColor(INK)
    pdf.setFont(FONT, 12)
    pdf.drawCentredString(centre, height - 6.2 * cm, _("diberikan kepada"))
    _centred_fitted(pdf, document.holder_name, centre, height - 7.4 * cm, width - 6 * cm, FONT_BOLD, 22)
    pdf.setFont(FONT, 12)
    pdf.drawCentredString(centre, height - 8.2 * cm, f"NIP {document.holder_nip}")
    pdf.drawCentredString(centre, height - 9.4 * cm, document.reason)
    lines = _centred_wrapped(pdf, document.subject, centre, height - 10.5 * cm, width - 8 * cm, FONT_BOLD, 16)
    pdf.setFont(FONT, 12)
    pdf.drawCentredString(centre, height - 11.7 * cm - (lines - 1) * 20, document.detail)

    qr = segno.make_qr(document.verify_url, error="m")
    png = io.BytesIO()
    qr.save(png, kind="png", scale=6, border=2, dark="#000000", light="#ffffff")
    png.seek(0)
    size = 3.6 * cm
    text_x = 2 * cm + size + 0.3 * cm
    pdf.drawImage(ImageReader(png), 2 * cm, 1.8 * cm, width=size, height=size)
    pdf.setFont(FONT, 8)
    pdf.drawString(text_x, 3.6 * cm, document.verify_label)
    pdf.setFont(FONT, 9)
    pdf.drawString(text_x, 3.1 * cm, document.verify_url)
    pdf.setFont(FONT, 8)
    pdf.drawString(text_x, 2.6 * cm, _("Kode: %(code)s") % {"code": document.code})

    pdf.setFont(FONT, 11)
    pdf.drawCentredString(
        width - 7 * cm, 4.2 * cm, _("Jambi, %(date)s") % {"date": formats.date_long(document.date)}
    )
    _centred_fitted(pdf, document.issuer, width - 7 * cm, 3.6 * cm, 9 * cm, FONT, 11)
    if document.revoked_notice:
        pdf.setFillColor(RED)
        pdf.setFont(FONT_BOLD, 18)
        pdf.drawCentredString(centre, 5.6 * cm, document.revoked_notice)
    pdf.showPage()
    pdf.save()
    return document_sign(
        pdf=_as_pdfa(buffer.getvalue(), document), code=document.code, reason=document.pdf_subject
    )


def _as_pdfa(raw: bytes, document: CertificateDocument) -> bytes:
    """Add what PDF/A-2b asks beyond embedded fonts: an output intent and matching XMP metadata."""
    with pikepdf.open(io.BytesIO(raw)) as pdf:
        icc = pdf.make_stream((ASSETS / "sRGB-v2-micro.icc").read_bytes())
        icc.N = 3
        pdf.Root.OutputIntents = pikepdf.Array(
            [
                pikepdf.Dictionary(
                    Type=pikepdf.Name.OutputIntent,
                    S=pikepdf.Name.GTS_PDFA1,
                    OutputConditionIdentifier=pikepdf.String("sRGB IEC61966-2.1"),
                    Info=pikepdf.String("sRGB IEC61966-2.1"),
                    DestOutputProfile=icc,
                )
            ]
        )
        pdf.Root.Lang = pikepdf.String("id-ID")
        if "/Trapped" in pdf.docinfo:  # reportlab's /Trapped /False has no XMP equivalent
            del pdf.docinfo["/Trapped"]
        with pdf.open_metadata(set_pikepdf_as_editor=False) as meta:
            meta.load_from_docinfo(pdf.docinfo)
            meta["dc:title"] = document.pdf_title
            meta["dc:creator"] = [document.issuer]
            meta["dc:description"] = document.pdf_subject
            meta["pdf:Producer"] = PRODUCER
            meta["xmp:CreatorTool"] = PRODUCER
            meta["pdfaid:part"] = "2"
            meta["pdfaid:conformance"] = "B"
        out = io.BytesIO()
        pdf.save(out, fix_metadata_version=True, deterministic_id=True)
    return out.getvalue()


def _centred_fitted(pdf, text: str, x: float, y: float, max_width: float, font: str, size: float) -> None:
    """One centred line, its font size reduced until it fits ``max_width`` (long names)."""
    while size > 9 and pdfmetrics.stringWidth(text, font, size) > max_width:
        size -= 1
    pdf.setFont(font, size)
    pdf.drawCentredString(x, y, text)


def _centred_wrapped(pdf, text: str, x: float, y: float, max_width: float, font: str, size: int) -> int:
    lines = simpleSplit(text, font, size, max_width) or [""]
    pdf.setFont(font, size)
    for i, line in enumerate(lines):
        pdf.drawCentredString(x, y - i * (size + 4), line)
    return len(lines)


# --------------------------------------------------------------------------------------------------
# The course certificate
# --------------------------------------------------------------------------------------------------


def course_certificate_document(certificate: Certificate) -> CertificateDocument:
    return CertificateDocument(
        heading=_("Sertifikat"),
        issuer=certificate.issuer,
        holder_name=certificate.holder_name,
        holder_nip=certificate.holder_nip,
        reason=_("telah menyelesaikan pelatihan"),
        subject=certificate.course_title,
        detail=_("sebanyak %(jp)s JP (jam pelajaran), selesai pada %(date)s")
        % {"jp": certificate.jp, "date": formats.date_long(certificate.completed_at)},
        date=certificate.completed_at,
        code=certificate.code,
        verify_url=verification_url(certificate),
        pdf_title=_("Sertifikat %(course)s — %(name)s")
        % {"course": certificate.course_title, "name": certificate.holder_name},
        pdf_subject=_("Sertifikat pelatihan %(course)s (%(jp)s JP), kode %(code)s")
        % {"course": certificate.course_title, "jp": certificate.jp, "code": certificate.code},
        verify_label=_("Verifikasi keaslian sertifikat ini di:"),
        revoked_notice="" if certificate.revoked_at is None else _("SERTIFIKAT INI TELAH DICABUT"),
    )


def certificate_pdf(certificate: Certificate) -> bytes:
    """The course certificate as a one-page A4 landscape PDF/A-2b."""
    return certificate_document_pdf(course_certificate_document(certificate))
