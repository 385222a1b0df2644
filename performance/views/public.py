"""Feedback from the public: HR's moderation and printable QR page, and the anonymous form
behind the QR code (rate-limited, with a honeypot)."""

from __future__ import annotations

import hashlib

import segno
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from pamong.clientip import client_ip
from pamong.fragments import TIMEOUT as FRAGMENT_TIMEOUT
from pamong.fragments import content_key
from pamong.pagination import BoundedPaginator
from pamong.people.access import role_required, scope_for
from pamong.people.selectors import instansi_choices_for

from .. import selectors, services
from ..forms import PublicFeedbackForm
from ._common import _errors, _instansi_param


@role_required("hr")
def moderation(request):
    instansi_id = _instansi_param(request)
    queue = selectors.moderation_queue(user=request.user, instansi_id=instansi_id)
    page = BoundedPaginator(queue, 50).get_page(request.GET.get("page"))
    # province-wide HR picks an instansi before its service units are listed (2,000+ otherwise)
    province_wide = scope_for(request.user).hr_instansi_ids() is None
    units = []
    if instansi_id is not None or not province_wide:
        units = list(selectors.service_units_with_feedback(user=request.user, instansi_id=instansi_id))
    instansi_choices = instansi_choices_for(user=request.user) if province_wide else []
    # The list of service units is a pure function of what it shows: rendered once per content.
    units_key = content_key(
        "moderation-units",
        bool(instansi_choices),
        instansi_id,
        [(u.pk, u.name, u.instansi.name, u.approved, u.average) for u in units],
    )
    return render(
        request,
        "performance/moderation.html",
        {
            "page_obj": page,
            "rows_key": content_key("moderation-rows", list(page.object_list)),  # once per content
            "units": units,
            "instansi_id": instansi_id,
            "instansi_choices": instansi_choices,
            "units_key": units_key,
            "fragment_timeout": FRAGMENT_TIMEOUT,
            "page_title": _("Moderasi umpan balik masyarakat"),
        },
    )


@require_POST
@role_required("hr")
def moderate(request, pk: int):
    feedback = selectors.feedback_get_for_hr(user=request.user, pk=pk)
    try:
        services.public_feedback_moderate(
            feedback=feedback, approve=request.POST.get("decision") == "approve", actor=request.user
        )
        messages.success(request, _("Umpan balik dimoderasi."))
    except ValidationError as exc:
        _errors(request, exc)
    return redirect("performance:moderation")


@role_required("hr")
def channel_print(request, unit_pk: int):
    """A printable page with the unit's public feedback link and a QR code (inline SVG)."""
    unit = selectors.service_unit_get_for_hr(user=request.user, pk=unit_pk)
    try:
        channel = services.public_channel_for_unit(unit=unit)
    except ValidationError:
        raise Http404 from None
    url = request.build_absolute_uri(channel.get_absolute_url())
    qr = segno.make_qr(url, error="m")
    svg = qr.svg_inline(scale=6, title=_("Kode QR umpan balik %(unit)s") % {"unit": unit.name})
    return render(
        request,
        "performance/channel_print.html",
        {"unit": unit, "url": url, "qr_svg": svg, "page_title": unit.name},
    )


def _client_key(request, token: str) -> str:
    ip = client_ip(request)
    return hashlib.sha256(f"{ip}|{token}".encode()).hexdigest()[:32]


def public_feedback(request, token: str):
    """No login. Rate-limited per client and form; a honeypot field turns bots away quietly."""
    channel = selectors.public_channel_active(token=token)
    if channel is None:
        return _public_feedback_unknown(request)
    staff = selectors.public_channel_staff(channel=channel)
    form = PublicFeedbackForm(request.POST or None, staff=staff)
    status = 200
    if request.method == "POST":
        if services.public_feedback_rate_limited(channel=channel, client_key=_client_key(request, token)):
            messages.error(request, _("Terlalu banyak kiriman dari perangkat Anda. Silakan coba lagi nanti."))
            status = 429
        elif request.POST.get("website"):
            return redirect("performance:public_feedback_thanks", token=token)  # honeypot: pretend success
        elif form.is_valid():
            try:
                services.public_feedback_submit(
                    channel=channel,
                    rating=form.cleaned_data["rating"],
                    comment=form.cleaned_data["comment"],
                    asn_id=form.cleaned_data["asn"],
                )
                return redirect("performance:public_feedback_thanks", token=token)
            except ValidationError as exc:
                _errors(request, exc)
    return render(
        request,
        "performance/public_feedback.html",
        {"channel": channel, "form": form, "page_title": _("Umpan balik layanan")},
        status=status,
    )


def _public_feedback_unknown(request):
    """A mistyped, expired or withdrawn QR code: say so and what to do, as a 404."""
    return render(
        request,
        "performance/public_feedback_unknown.html",
        {"page_title": _("Kode umpan balik tidak berlaku")},
        status=404,
    )


def public_feedback_thanks(request, token: str):
    channel = selectors.public_channel_get_or_404(token=token)
    return render(
        request,
        "performance/public_feedback_thanks.html",
        {"channel": channel, "page_title": _("Terima kasih")},
    )
