from django.db import models
from django.utils.translation import gettext_lazy as _


class DocumentSignature(models.Model):
    """The last signature put on a document (a certificate, a piagam), checked right after signing
    by the signer's own validation; the public verification page shows it."""

    code = models.CharField(_("kode dokumen"), max_length=40, unique=True)
    backend = models.CharField(_("penanda tangan"), max_length=20)
    signer_name = models.CharField(_("ditandatangani oleh"), max_length=255, blank=True)
    signed_at = models.DateTimeField(_("ditandatangani"))
    valid = models.BooleanField(_("sah"), default=False)
    detail = models.TextField(_("keterangan"), blank=True)
    sha256 = models.CharField(_("sidik SHA-256"), max_length=64)

    class Meta:
        verbose_name = _("tanda tangan dokumen")
        verbose_name_plural = _("tanda tangan dokumen")

    def __str__(self) -> str:
        return f"{self.code} ({self.backend})"
