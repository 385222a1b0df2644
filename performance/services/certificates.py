"""The piagam penghargaan of an approved reward: its verification code, URL and PDF (drawn by
learning's certificate module)."""

from __future__ import annotations

import secrets

from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from learning.certificates import CertificateDocument, absolute_url, certificate_document_pdf

from ..models import FollowUpProposal


def certificate_new_code() -> str:
    """A verification code like ``PMG-7KQ2-M9XD`` (no 0/O/1/I)."""
    alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"
    raw = "".join(secrets.choice(alphabet) for _ in range(8))
    return f"PMG-{raw[:4]}-{raw[4:]}"


def certificate_verify_url(code: str) -> str:
    """Absolute URL of a piagam's public verification page (from ``PAMONG_BASE_URL``)."""
    return absolute_url(reverse("performance:verify_code", args=[code]))


def certificate_document(*, proposal: FollowUpProposal) -> CertificateDocument:
    """What the piagam penghargaan of an approved reward says.

    The reason is written once: the predikat of the evaluation when the rule was triggered by one,
    otherwise the recorded basis (an indicator's achievement).
    """
    if proposal.status != FollowUpProposal.Status.APPROVED or not proposal.certificate_code:
        raise ValidationError(_("Piagam hanya untuk penghargaan yang disetujui."))
    asn = proposal.asn
    if proposal.evaluation_id and proposal.evaluation.predikat:
        detail = _("dengan predikat %(predikat)s") % {"predikat": proposal.evaluation.get_predikat_display()}
    else:
        detail = proposal.basis
    title = _("Piagam Penghargaan %(period)s — %(name)s") % {"period": proposal.period.name, "name": asn.name}
    return CertificateDocument(
        heading=_("Piagam Penghargaan"),
        issuer=asn.instansi.name,
        holder_name=asn.name,
        holder_nip=asn.nip,
        reason=_("atas capaian kinerja"),
        subject=proposal.period.name,
        detail=detail,
        date=proposal.decided_at or timezone.now(),
        code=proposal.certificate_code,
        verify_url=certificate_verify_url(proposal.certificate_code),
        pdf_title=title,
        pdf_subject=_("Piagam penghargaan kinerja %(period)s, kode %(code)s")
        % {"period": proposal.period.name, "code": proposal.certificate_code},
        verify_label=_("Verifikasi keaslian piagam ini di:"),
    )


def certificate_pdf(*, proposal: FollowUpProposal) -> bytes:
    """The piagam penghargaan as a one-page A4 landscape PDF/A-2b (learning's certificate module)."""
    return certificate_document_pdf(certificate_document(proposal=proposal))
