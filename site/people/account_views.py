"""Getting into Pamong: sign-in, activation (emailed link or HR letter code), password reset and
change. Anyone may open these pages; every form that could reveal who exists answers the same way
whether or not the data matched, and is limited per client and per NIP.

The emails' links are built from ``settings.PAMONG_BASE_URL`` (never the request's host).
"""

from __future__ import annotations

from urllib.parse import urlsplit

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.forms import PasswordChangeForm, SetPasswordForm
from django.shortcuts import redirect, render
from django.urls import reverse_lazy
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView

from pamong.clientip import client_ip

from . import services
from .forms import ActivationCodeForm, ActivationRequestForm, LoginForm, PasswordResetRequestForm
from .models import ASN
from .tokens import activation_token_generator

THROTTLED = 429


def _throttled(request, *, form: str, nip: str = "") -> bool:
    """Per client (the one ``client_ip`` the login lockout and the other rate limits use, honouring
    ``PAMONG_TRUSTED_PROXIES``) and per NIP."""
    return services.account_attempt_throttled(form=form, client=client_ip(request), nip=nip)


def _throttled_message(request) -> None:
    minutes = max(1, settings.PAMONG_ACCOUNT_RATE_LIMITS["client"][1] // 60)
    messages.error(
        request,
        _("Terlalu banyak percobaan. Silakan coba lagi dalam %(minutes)s menit.") % {"minutes": minutes},
    )


# --- sign-in ------------------------------------------------------------------------------------


class LoginView(auth_views.LoginView):
    """Django's login, except that it never lands on the public home page nor on itself.

    Without ``next`` — or with a ``next`` that is the home page, as the "Masuk" button of the home
    page sends — the person goes to ``LOGIN_REDIRECT_URL``, their start page (``/saya/``), where they
    can act. A signed-in user sent back to the login page itself goes on to the start page too
    (``/masuk/?next=/masuk/`` used to be a redirect loop, answered with a 500). Any other safe
    ``next`` is honoured.
    """

    form_class = LoginForm
    redirect_authenticated_user = True

    def get_redirect_url(self) -> str:
        url = super().get_redirect_url()
        if url and urlsplit(url).path in ("", "/", self.request.path):
            return ""
        return url


# --- activation by email ------------------------------------------------------------------------


def activation_request(request):
    """NIP + email on record → one email with a link, if they match (the same answer either way)."""
    form = ActivationRequestForm(request.POST if request.method == "POST" else None)
    if request.method == "POST":
        if _throttled(request, form="activation", nip=request.POST.get("nip", "")):
            _throttled_message(request)
            return render(request, "people/activation_request.html", {"form": form}, status=THROTTLED)
        if form.is_valid():
            services.activation_email_send(nip=form.cleaned_data["nip"], email=form.cleaned_data["email"])
            return redirect("people:activation_sent")
    return render(request, "people/activation_request.html", {"form": form})


class ActivationSentView(TemplateView):
    template_name = "people/activation_sent.html"


class ActivationConfirmView(auth_views.PasswordResetConfirmView):
    """The emailed link: choose a password (Django's single-use token, activation salt)."""

    token_generator = activation_token_generator
    form_class = SetPasswordForm
    reset_url_token = "atur-sandi"
    template_name = "people/activation_confirm.html"
    success_url = reverse_lazy("people:activation_complete")
    title = gettext_lazy("Aktivasi akun")

    def get_user(self, uidb64):
        """Only the login of an active ASN (a link sent before the ASN left no longer works)."""
        user = super().get_user(uidb64)
        if user is None or not user.is_active or not ASN.objects.filter(user=user, is_active=True).exists():
            return None
        return user

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.user
        context["already_active"] = bool(user is not None and user.password and user.has_usable_password())
        return context

    def form_valid(self, form):
        response = super().form_valid(form)
        services.activation_email_completed(user=form.user)
        return response


class ActivationCompleteView(TemplateView):
    template_name = "people/activation_complete.html"


# --- activation by an HR letter's code ----------------------------------------------------------


def activation_code(request):
    """NIP + the letter's code + a new password. Wrong, used or expired codes say so."""
    if request.method == "POST":
        form = ActivationCodeForm(request.POST)
        if _throttled(request, form="activation-code", nip=request.POST.get("nip", "")):
            _throttled_message(request)
            return render(request, "people/activation_code.html", {"form": form}, status=THROTTLED)
        if form.is_valid():
            try:
                services.activation_code_redeem(
                    record=form.record, password=form.cleaned_data["new_password1"]
                )
            except services.CodeRefused as refused:
                form.add_error("kode", refused)
            else:
                return redirect("people:activation_complete")
    else:
        initial = {key: request.GET.get(key, "")[:20] for key in ("nip", "kode")}
        form = ActivationCodeForm(initial=initial)
    return render(request, "people/activation_code.html", {"form": form})


# --- password reset and change ------------------------------------------------------------------


class PasswordResetView(auth_views.PasswordResetView):
    """Django's reset: a link to every active account with that email and a usable password;
    the same "sent" page whether or not one exists."""

    form_class = PasswordResetRequestForm
    template_name = "people/password_reset.html"
    email_template_name = "people/email/password_reset_body.txt"
    subject_template_name = "people/email/password_reset_subject.txt"
    success_url = reverse_lazy("people:password_reset_done")
    title = gettext_lazy("Lupa kata sandi")

    @property
    def extra_email_context(self):
        return {
            "base_url": settings.PAMONG_BASE_URL.rstrip("/"),
            "days": max(1, settings.PASSWORD_RESET_TIMEOUT // 86400),
        }

    def post(self, request, *args, **kwargs):
        if _throttled(request, form="password-reset"):
            _throttled_message(request)
            form = self.get_form()
            return self.render_to_response(self.get_context_data(form=form), status=THROTTLED)
        return super().post(request, *args, **kwargs)


class PasswordResetDoneView(auth_views.PasswordResetDoneView):
    template_name = "people/password_reset_done.html"
    title = gettext_lazy("Periksa email Anda")


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    template_name = "people/password_reset_confirm.html"
    success_url = reverse_lazy("people:password_reset_complete")
    title = gettext_lazy("Kata sandi baru")


class PasswordResetCompleteView(auth_views.PasswordResetCompleteView):
    template_name = "people/password_reset_complete.html"
    title = gettext_lazy("Kata sandi tersimpan")


class PasswordChangeView(auth_views.PasswordChangeView):
    """ "Akun saya" → change the password (set one, without the old, if there never was one)."""

    template_name = "people/password_change.html"
    success_url = reverse_lazy("people:account")
    title = gettext_lazy("Ubah kata sandi")

    def get_form_class(self):
        user = self.request.user
        return PasswordChangeForm if user.password and user.has_usable_password() else SetPasswordForm

    def form_valid(self, form):
        response = super().form_valid(form)
        messages.success(self.request, _("Kata sandi Anda sudah diubah."))
        return response
