"""The personal start page. Everything on it is read by :mod:`pamong.start.selectors`."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _

from . import selectors


@login_required
def home(request):
    """``/saya/``: what needs the signed-in person now, most urgent first, for each of their roles."""
    start = selectors.start_page_for(
        user=request.user,
        root_url_path=selectors.site_root_url_path(request),
        today=timezone.localdate(),
    )
    return render(request, "start/home.html", {"start": start, "page_title": _("Beranda saya")})
