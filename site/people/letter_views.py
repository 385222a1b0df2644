"""HR prints activation letters for the ASN of their instansi who have no email (or never used it).

``/hr/surat-aktivasi/`` lists the instansi the user manages; ``/hr/surat-aktivasi/<instansi>/``
takes a unit (with its sub-units) or a list of NIPs and answers with a ZIP holding the PDF (one page
per ASN) and the CSV of the same codes. Scope from ``pamong.people.access``: an instansi the user
does not manage is a 404, a user without the HR role gets 403.
"""

from __future__ import annotations

from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from . import services
from .access import can_manage_instansi, role_required, scope_for
from .forms import ActivationLettersForm
from .letters import letters_zip
from .models import AccountAuditEntry, Instansi


@role_required("hr")
def activation_letters_index(request):
    hr = scope_for(request.user).hr_instansi_ids()
    instansi = Instansi.objects.all() if hr is None else Instansi.objects.filter(pk__in=hr)
    return render(
        request,
        "people/activation_letters_index.html",
        {"instansi_list": instansi.order_by("name"), "page_title": _("Surat aktivasi akun")},
    )


@role_required("hr")
def activation_letters(request, instansi_id: int):
    instansi = get_object_or_404(Instansi, pk=instansi_id)
    if not can_manage_instansi(request.user, instansi.pk):
        raise Http404
    form = ActivationLettersForm(request.POST if request.method == "POST" else None, instansi=instansi)
    if request.method == "POST" and form.is_valid():
        letters = services.activation_letters_issue(
            actor=request.user, instansi=instansi, asns=form.asns, unit=form.cleaned_data.get("unit")
        )
        stem = slugify(f"surat-aktivasi-{instansi.code}-{timezone.localdate():%Y%m%d}")
        content = letters_zip(
            letters,
            activation_url=services.absolute_url(reverse("people:activation_code")),
            login_url=services.absolute_url(reverse("login")),
            stem=stem,
        )
        response = HttpResponse(content, content_type="application/zip")
        response["Content-Disposition"] = f'attachment; filename="{stem}.zip"'
        return response
    history = (
        AccountAuditEntry.objects.filter(instansi=instansi, action=AccountAuditEntry.Action.LETTERS_ISSUED)
        .select_related("actor")
        .order_by("-created_at", "-pk")[:10]
    )
    return render(
        request,
        "people/activation_letters.html",
        {
            "form": form,
            "instansi": instansi,
            "history": history,
            "page_title": _("Surat aktivasi: %(name)s") % {"name": instansi.name},
        },
    )
