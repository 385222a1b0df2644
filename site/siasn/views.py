"""HR's pages of the SIASN link: the reconciliation of an instansi, sending a rejected record again."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from pamong.people.access import can_manage_instansi, role_required
from pamong.people.models import Instansi

from . import selectors
from .client import siasn_enabled
from .models import SiasnOutbox
from .outbox import outbox_resend
from .tasks import siasn_reconcile


def _managed_instansi(user, code: str) -> Instansi:
    instansi = get_object_or_404(Instansi, code=code)
    if not can_manage_instansi(user, instansi.pk):
        raise Http404
    return instansi


@role_required("hr")
def reconciliation(request, code: str):
    instansi = _managed_instansi(request.user, code)
    context = {
        "instansi": instansi,
        "enabled": siasn_enabled(),
        "last_run": selectors.last_pull_run(instansi=instansi),
        "summary": selectors.reconciliation(instansi=instansi),
        "page_title": _("Rekonsiliasi SIASN %(instansi)s") % {"instansi": instansi.name},
    }
    return render(request, "siasn/reconciliation.html", context)


@role_required("hr")
@require_POST
def reconcile_now(request, code: str):
    instansi = _managed_instansi(request.user, code)
    if siasn_enabled():
        siasn_reconcile.enqueue(instansi_id=instansi.pk)
        messages.success(
            request, _("Pemeriksaan ke SIASN dijadwalkan; muat ulang halaman ini sebentar lagi.")
        )
    else:
        messages.error(request, _("Sambungan ke SIASN belum dikonfigurasi."))
    return redirect("siasn:reconciliation", code=instansi.code)


@role_required("hr")
@require_POST
def outbox_resend_view(request, pk: int):
    row = get_object_or_404(SiasnOutbox.objects.select_related("instansi"), pk=pk)
    if not can_manage_instansi(request.user, row.instansi_id):
        raise Http404
    try:
        outbox_resend(row=row, actor=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Catatan akan dikirim ulang ke SIASN."))
    return redirect("siasn:reconciliation", code=row.instansi.code)
