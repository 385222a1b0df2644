"""Certificate PDF (reportlab) with a QR code (segno) of the public verification URL."""

from __future__ import annotations

import io

import segno
from django.conf import settings
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from reportlab.lib.colors import HexColor
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.units import cm
from reportlab.lib.utils import ImageReader
from reportlab.pdfgen import canvas

from .models import Certificate

GREEN = HexColor("#0b5c4a")


def verification_url(certificate: Certificate, request=None) -> str:
    """Absolute URL of the public verification page (request host, else ``WAGTAILADMIN_BASE_URL``)."""
    path = certificate.get_absolute_url()
    if request is not None:
        return request.build_absolute_uri(path)
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + path


def certificate_pdf(certificate: Certificate, *, url: str) -> bytes:
    """The certificate as a one-page A4 landscape PDF."""
    buffer = io.BytesIO()
    width, height = landscape(A4)
    pdf = canvas.Canvas(buffer, pagesize=(width, height))
    pdf.setTitle(f"{_('Sertifikat')} {certificate.course_title} — {certificate.holder_name}")
    pdf.setAuthor(certificate.issuer)

    pdf.setStrokeColor(GREEN)
    pdf.setLineWidth(4)
    pdf.rect(1 * cm, 1 * cm, width - 2 * cm, height - 2 * cm)
    pdf.setLineWidth(1)
    pdf.rect(1.3 * cm, 1.3 * cm, width - 2.6 * cm, height - 2.6 * cm)

    centre = width / 2
    pdf.setFillColor(GREEN)
    pdf.setFont("Helvetica-Bold", 12)
    pdf.drawCentredString(centre, height - 2.6 * cm, _("PEMERINTAH PROVINSI JAMBI").upper())
    pdf.setFont("Helvetica", 11)
    pdf.drawCentredString(centre, height - 3.2 * cm, certificate.issuer)
    pdf.setFont("Helvetica-Bold", 30)
    pdf.drawCentredString(centre, height - 5 * cm, _("SERTIFIKAT").upper())
    pdf.setFillColor(HexColor("#1b1f23"))
    pdf.setFont("Helvetica", 12)
    pdf.drawCentredString(centre, height - 6.2 * cm, _("diberikan kepada"))
    pdf.setFont("Helvetica-Bold", 22)
    pdf.drawCentredString(centre, height - 7.4 * cm, certificate.holder_name)
    pdf.setFont("Helvetica", 12)
    pdf.drawCentredString(centre, height - 8.2 * cm, f"NIP {certificate.holder_nip}")
    pdf.drawCentredString(centre, height - 9.4 * cm, _("telah menyelesaikan pelatihan"))
    pdf.setFont("Helvetica-Bold", 16)
    _centred_wrapped(
        pdf, certificate.course_title, centre, height - 10.5 * cm, width - 8 * cm, "Helvetica-Bold", 16
    )
    completed = timezone.localtime(certificate.completed_at).date()
    pdf.setFont("Helvetica", 12)
    pdf.drawCentredString(
        centre,
        height - 12.3 * cm,
        _("sebanyak %(jp)s JP (jam pelajaran), selesai pada %(date)s")
        % {"jp": certificate.jp, "date": formats.date_format(completed, "j F Y")},
    )

    qr = segno.make(url, error="m")
    png = io.BytesIO()
    qr.save(png, kind="png", scale=6, border=2)
    png.seek(0)
    size = 3.6 * cm
    pdf.drawImage(ImageReader(png), 2 * cm, 1.8 * cm, width=size, height=size)
    pdf.setFont("Helvetica", 8)
    pdf.drawString(2 * cm + size + 0.3 * cm, 3.6 * cm, _("Verifikasi keaslian sertifikat ini di:"))
    pdf.setFont("Helvetica", 9)
    pdf.drawString(2 * cm + size + 0.3 * cm, 3.1 * cm, url)
    pdf.setFont("Helvetica", 8)
    pdf.drawString(
        2 * cm + size + 0.3 * cm, 2.6 * cm, _("Kode sertifikat: %(code)s") % {"code": certificate.code}
    )

    pdf.setFont("Helvetica", 11)
    pdf.drawCentredString(
        width - 7 * cm, 4.2 * cm, _("Jambi, %(date)s") % {"date": formats.date_format(completed, "j F Y")}
    )
    pdf.drawCentredString(width - 7 * cm, 3.6 * cm, certificate.issuer)
    if certificate.revoked_at is not None:
        pdf.setFillColor(HexColor("#a4161a"))
        pdf.setFont("Helvetica-Bold", 18)
        pdf.drawCentredString(centre, height - 13.5 * cm, _("SERTIFIKAT INI TELAH DICABUT"))
    pdf.showPage()
    pdf.save()
    return buffer.getvalue()


def _centred_wrapped(pdf, text: str, x: float, y: float, max_width: float, font: str, size: int) -> None:
    from reportlab.lib.utils import simpleSplit

    for i, line in enumerate(simpleSplit(text, font, size, max_width)):
        pdf.drawCentredString(x, y - i * (size + 4), line)
