"""``/sso/masuk/`` starts signing in at the provider, ``/sso/kembali/`` is where it sends the person
back. Both answer 404 while SSO is off. Every failure is a page that says what happened and what to
do, never a bare error (see :class:`pamong.sso.backends.Failure`)."""

from __future__ import annotations

import logging
from urllib.parse import urlsplit

import requests
from django.conf import settings
from django.core.exceptions import SuspiciousOperation
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render, resolve_url
from django.utils.translation import gettext_lazy as _
from django.views.generic import View
from mozilla_django_oidc.views import OIDCAuthenticationCallbackView, OIDCAuthenticationRequestView

from .backends import Failure, sso_failure_note
from .provider import ProviderUnavailable, provider_endpoint, sso_enabled

logger = logging.getLogger("pamong.sso")

#: What the person reads for each failure, and the status of the page.
FAILURE_PAGES: dict[Failure, tuple[object, int]] = {
    Failure.NO_NIP: (
        _(
            "Layanan SSO tidak mengirimkan NIP Anda, sehingga Pamong tidak dapat mengenali akun Anda. "
            "Hubungi pengelola SSO atau pengelola kepegawaian instansi Anda."
        ),
        403,
    ),
    Failure.UNKNOWN_NIP: (
        _(
            "NIP Anda belum terdaftar di Pamong. Akun Pamong dibuat dari data kepegawaian yang diimpor "
            "oleh BKPSDM; hubungi pengelola kepegawaian instansi Anda agar data Anda ditambahkan."
        ),
        403,
    ),
    Failure.INACTIVE: (
        _(
            "Akun Pamong untuk NIP ini tidak aktif. Hubungi pengelola kepegawaian instansi Anda bila "
            "menurut Anda akun ini seharusnya aktif."
        ),
        403,
    ),
    Failure.DENIED: (_("Masuk melalui SSO dibatalkan atau ditolak oleh layanan SSO."), 403),
    Failure.SESSION: (
        _(
            "Sesi masuk SSO ini tidak dikenal atau sudah kedaluwarsa (misalnya karena tautan lama atau "
            "tab lain). Silakan mulai masuk lagi."
        ),
        400,
    ),
    Failure.TOKEN: (_("Tanda masuk dari layanan SSO tidak dapat diverifikasi. Silakan coba lagi."), 400),
    Failure.PROVIDER: (
        _("Layanan SSO sedang tidak dapat dihubungi. Silakan coba lagi nanti atau masuk dengan kata sandi."),
        502,
    ),
}


def sso_failure_response(request: HttpRequest) -> HttpResponse:
    """The page for the failure noted on the request (``Failure.SESSION`` when none was noted)."""
    failure = getattr(request, "pamong_sso_failure", None) or Failure.SESSION
    details = getattr(request, "pamong_sso_details", {})
    message, status = FAILURE_PAGES[failure]
    logger.warning("SSO sign-in refused: %s %s", failure.value, details)
    context = {"failure": failure.value, "message": message, "nip": details.get("nip", "")}
    return render(request, "sso/failure.html", context, status=status)


class SSOStartView(OIDCAuthenticationRequestView):
    """Send the person to the provider (state, nonce and PKCE are mozilla-django-oidc's)."""

    def __init__(self, **kwargs):
        # The parent reads the authorization endpoint from settings here; it comes from the
        # provider's discovery document instead, in dispatch().
        View.__init__(self, **kwargs)
        self.OIDC_RP_CLIENT_ID = settings.OIDC_RP_CLIENT_ID

    def dispatch(self, request, *args, **kwargs):
        if not sso_enabled():
            raise Http404
        try:
            self.OIDC_OP_AUTH_ENDPOINT = provider_endpoint("OIDC_OP_AUTHORIZATION_ENDPOINT")
        except ProviderUnavailable as exc:
            sso_failure_note(request, Failure.PROVIDER, error=str(exc))
            return sso_failure_response(request)
        return super().dispatch(request, *args, **kwargs)


class SSOCallbackView(OIDCAuthenticationCallbackView):
    """Where the provider sends the person back: sign in, or a page that says why not."""

    def dispatch(self, request, *args, **kwargs):
        if not sso_enabled():
            raise Http404
        return super().dispatch(request, *args, **kwargs)

    def get(self, request):
        if request.GET.get("error"):
            sso_failure_note(request, Failure.DENIED, error=request.GET["error"][:100])
        elif request.GET.get("state") not in (request.session.get("oidc_states") or {}):
            # No state, or one this browser did not start: refused before any token is fetched.
            sso_failure_note(request, Failure.SESSION)
            return self.login_failure()
        try:
            return super().get(request)
        except SuspiciousOperation as exc:
            sso_failure_note(request, Failure.TOKEN, error=str(exc))
        except (ProviderUnavailable, requests.RequestException, ValueError) as exc:
            sso_failure_note(request, Failure.PROVIDER, error=str(exc)[:300])
        return self.login_failure()

    @property
    def success_url(self):
        """Like the password login: a ``next`` of the public home page (what its "Masuk" button
        sends) or of the login page lands on the start page instead."""
        next_url = self.request.session.get("oidc_login_next") or ""
        if urlsplit(next_url).path in ("", "/", resolve_url("login")):
            return resolve_url(settings.LOGIN_REDIRECT_URL)
        return next_url

    def login_failure(self):
        return sso_failure_response(self.request)
