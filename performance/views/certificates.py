"""The piagam penghargaan: download for its holder and HR, public verification."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from pamong.signing.services import signature_status

from .. import selectors, services


@login_required
def certificate_download(request, pk: int):
    proposal = selectors.certificate_get_for_user(user=request.user, pk=pk)
    pdf = services.certificate_pdf(proposal=proposal)
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="piagam-{proposal.certificate_code}.pdf"'
    return response


def verify(request, code: str = ""):
    """Public: check a piagam's verification code, typed in (``?kode=``) or from its QR code
    (``/kinerja/verifikasi/<kode>/``)."""
    code = (code or request.GET.get("kode", "")).strip().upper()[:24]
    proposal = selectors.certificate_public(code=code) if code else None
    return render(
        request,
        "performance/verify.html",
        {
            "code": code,
            "proposal": proposal,
            "url": services.certificate_verify_url(code) if proposal else "",
            "signature": signature_status(code=code) if proposal else None,
            "page_title": _("Verifikasi piagam penghargaan"),
        },
        status=404 if code and proposal is None else 200,
    )
