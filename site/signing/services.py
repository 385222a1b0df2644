"""Signing a document and recording its signature (the verification pages read the record)."""

from __future__ import annotations

import hashlib

from django.utils import timezone

from .models import DocumentSignature
from .signers import Signer, signer_from_settings


def document_sign(*, pdf: bytes, code: str, reason: str, signer: Signer | None = None) -> bytes:
    """``pdf`` signed by the configured signer (unchanged when none is configured), its signature
    checked at once with the signer's validation and recorded under ``code``."""
    signer = signer or signer_from_settings()
    if signer is None:
        return pdf
    signed = signer.sign(pdf, reason=reason)
    check = signer.verify(signed)
    DocumentSignature.objects.update_or_create(
        code=code,
        defaults={
            "backend": signer.name,
            "signer_name": check.signer_name[:255],
            "signed_at": timezone.now(),
            "valid": check.valid,
            "detail": check.detail[:2000],
            "sha256": hashlib.sha256(signed).hexdigest(),
        },
    )
    return signed


def signature_status(*, code: str) -> DocumentSignature | None:
    return DocumentSignature.objects.filter(code=code).first()
