"""Activation letters for ASN without email: a PDF with one A4 page per ASN and a CSV of the same,
delivered together as one ZIP (the codes exist in clear only in this download).

Drawn like the learning certificates (reportlab, a segno QR code of the activation link).
"""

from __future__ import annotations

import io
import zipfile

import segno
from django.utils.translation import gettext as _
from reportlab.lib.colors import HexColor
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import cm
from reportlab.lib.utils import ImageReader, simpleSplit
from reportlab.pdfgen import canvas

from pamong import formats
from pamong.exports import csv_rows

from .services import IssuedLetter, code_display

GREEN = HexColor("#0b5c4a")
INK = HexColor("#1b1f23")


def _date(value) -> str:
    return formats.date_long(value)


def letters_csv(letters: list[IssuedLetter]) -> str:
    header = [
        _("NIP"),
        _("Nama"),
        _("Unit kerja"),
        _("Jabatan"),
        _("Kode aktivasi"),
        _("Berlaku sampai"),
        _("Tautan aktivasi"),
    ]
    rows = (
        [
            letter.asn.nip,
            letter.asn.name,
            letter.asn.unit.name,
            letter.asn.jabatan.name,
            code_display(letter.code),
            _date(letter.expires_at),
            letter.link,
        ]
        for letter in letters
    )
    return "".join(csv_rows(header=header, rows=rows))


def letters_pdf(letters: list[IssuedLetter], *, activation_url: str, login_url: str) -> bytes:
    """One page per letter: name, NIP, code with its QR, expiry date and the steps."""
    buffer = io.BytesIO()
    width, height = A4
    pdf = canvas.Canvas(buffer, pagesize=A4)
    pdf.setTitle(_("Surat aktivasi akun Pamong"))
    left = 2.2 * cm
    for letter in letters:
        asn = letter.asn
        pdf.setFillColor(GREEN)
        pdf.setFont("Helvetica-Bold", 11)
        pdf.drawString(left, height - 2.2 * cm, _("PEMERINTAH PROVINSI JAMBI").upper())
        pdf.setFont("Helvetica", 10)
        pdf.drawString(left, height - 2.8 * cm, asn.instansi.name)
        pdf.setStrokeColor(GREEN)
        pdf.line(left, height - 3.1 * cm, width - left, height - 3.1 * cm)
        pdf.setFont("Helvetica-Bold", 16)
        pdf.drawString(left, height - 4.3 * cm, _("Aktivasi akun Pamong"))

        pdf.setFillColor(INK)
        y = height - 5.6 * cm
        for label, value in (
            (_("Nama"), asn.name),
            (_("NIP"), asn.nip),
            (_("Unit kerja"), asn.unit.name),
            (_("Jabatan"), asn.jabatan.name),
        ):
            pdf.setFont("Helvetica", 10)
            pdf.drawString(left, y, label)
            pdf.setFont("Helvetica-Bold", 11)
            pdf.drawString(left + 3.2 * cm, y, value[:80])
            y -= 0.7 * cm

        y -= 0.5 * cm
        pdf.setFont("Helvetica", 10)
        pdf.drawString(left, y, _("Kode aktivasi"))
        pdf.setFont("Courier-Bold", 24)
        pdf.drawString(left, y - 1.0 * cm, code_display(letter.code))
        pdf.setFont("Helvetica", 10)
        pdf.drawString(
            left,
            y - 1.8 * cm,
            _("Berlaku sampai %(date)s, hanya satu kali.") % {"date": _date(letter.expires_at)},
        )
        qr = segno.make_qr(letter.link, error="m")
        png = io.BytesIO()
        qr.save(png, kind="png", scale=5, border=2)
        png.seek(0)
        size = 4.2 * cm
        pdf.drawImage(ImageReader(png), width - left - size, y - 2.6 * cm, width=size, height=size)

        y -= 3.6 * cm
        pdf.setFont("Helvetica-Bold", 12)
        pdf.drawString(left, y, _("Langkah aktivasi"))
        steps = [
            _("Buka %(url)s, atau pindai kode QR di samping kode aktivasi dengan kamera ponsel.")
            % {"url": activation_url},
            _("Isi NIP dan kode aktivasi di atas."),
            _("Pilih kata sandi baru (minimal 8 karakter, jangan hanya angka, jangan mirip nama atau NIP)."),
            _("Masuk di %(url)s dengan NIP dan kata sandi tersebut.") % {"url": login_url},
        ]
        pdf.setFont("Helvetica", 10)
        y -= 0.8 * cm
        for number, step in enumerate(steps, start=1):
            for i, line in enumerate(simpleSplit(step, "Helvetica", 10, width - 2 * left - 0.8 * cm)):
                if i == 0:
                    pdf.drawString(left, y, f"{number}.")
                pdf.drawString(left + 0.6 * cm, y, line)
                y -= 0.55 * cm
            y -= 0.15 * cm
        y -= 0.6 * cm
        pdf.setFont("Helvetica-Oblique", 9)
        for line in simpleSplit(
            _(
                "Surat ini rahasia: jangan berikan kode kepada siapa pun. Kode ini tidak berlaku lagi bila "
                "sudah dipakai, sudah lewat tanggalnya, atau bila surat baru diterbitkan untuk Anda."
            ),
            "Helvetica-Oblique",
            9,
            width - 2 * left,
        ):
            pdf.drawString(left, y, line)
            y -= 0.5 * cm
        pdf.showPage()
    pdf.save()
    return buffer.getvalue()


def letters_zip(letters: list[IssuedLetter], *, activation_url: str, login_url: str, stem: str) -> bytes:
    """``<stem>.pdf`` and ``<stem>.csv`` in one ZIP."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(
            f"{stem}.pdf", letters_pdf(letters, activation_url=activation_url, login_url=login_url)
        )
        archive.writestr(f"{stem}.csv", letters_csv(letters).encode("utf-8"))
    return buffer.getvalue()
