"""Security pieces that Django does not ship: the Content-Security-Policy header and the login backend
that counts failed attempts (django-axes).

Content-Security-Policy
    Every response gets ``settings.PAMONG_CSP`` (no inline scripts, no plugins, no framing, forms post
    only to this site). Paths under ``settings.PAMONG_CSP_RELAXED_PREFIXES`` (the Wagtail admin, which
    still carries a few inline scripts and inline event handlers) get ``settings.PAMONG_CSP_ADMIN``
    instead: inline scripts allowed there, everything else as strict. A view may set its own header
    first; the middleware then leaves it alone.

Login attempts
    :class:`LoginAttemptBackend` is django-axes' standalone backend, except that an ``authenticate()``
    call without a request (a management command, the shell, a script) is not a web login attempt:
    it is neither counted nor refused, and the next backend decides.

    Failures are counted per username and client address (:func:`pamong.clientip.client_ip`, which
    believes ``X-Forwarded-For`` only as far as ``PAMONG_TRUSTED_PROXIES`` go): someone guessing
    elsewhere never locks the real user out of their own address. :class:`LoginAttemptHandler` adds
    a second, higher limit on the username alone (``PAMONG_LOGIN_USERNAME_FAILURE_LIMIT`` failures
    from all addresses within the cool-off), against guessing spread over many addresses.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping

from axes.attempts import get_cool_off_threshold
from axes.backends import AxesStandaloneBackend
from axes.handlers.database import AxesDatabaseHandler
from axes.helpers import get_client_username, get_cool_off, get_failure_limit
from axes.models import AccessAttempt
from django.conf import settings
from django.db.models import Sum
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

CSP_HEADER = "Content-Security-Policy"


def csp_header_value(policy: Mapping[str, list[str] | tuple[str, ...]]) -> str:
    """``{"default-src": ["'self'"], …}`` → ``"default-src 'self'; …"`` (directive order kept)."""
    return "; ".join(" ".join([directive, *sources]).strip() for directive, sources in policy.items())


def with_embed_hosts(policy: Mapping[str, list[str] | tuple[str, ...]]) -> dict:
    """``policy`` whose ``frame-src`` also allows the external video hosts of
    ``settings.PAMONG_EMBED_HOSTS`` (as ``https://host``): the CSP follows the embed allow-list."""
    hosts = [f"https://{host}" for host in getattr(settings, "PAMONG_EMBED_HOSTS", [])]
    policy = dict(policy)
    if hosts and "frame-src" in policy:
        policy["frame-src"] = [*policy["frame-src"], *hosts]
    return policy


def csp_for_path(path: str) -> str:
    """The policy text for a request path (the relaxed admin policy under the admin prefixes)."""
    prefixes = getattr(settings, "PAMONG_CSP_RELAXED_PREFIXES", ())
    if any(path.startswith(prefix) for prefix in prefixes):
        return csp_header_value(with_embed_hosts(settings.PAMONG_CSP_ADMIN))
    return csp_header_value(with_embed_hosts(settings.PAMONG_CSP))


class ContentSecurityPolicyMiddleware:
    """Adds ``Content-Security-Policy`` to every response that has none yet."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if CSP_HEADER not in response:
            response[CSP_HEADER] = csp_for_path(request.path)
        return response


class LoginAttemptBackend(AxesStandaloneBackend):
    """django-axes' lockout check, for web logins only (see the module docstring)."""

    def authenticate(self, request: HttpRequest | None, username: str | None = None, password=None, **kwargs):
        if request is None:
            return None
        return super().authenticate(request, username=username, password=password, **kwargs)


class LoginAttemptHandler(AxesDatabaseHandler):
    """django-axes' database handler plus the username-wide limit (see the module docstring)."""

    def get_failures(self, request, credentials: dict | None = None) -> int:
        failures = super().get_failures(request, credentials)
        username = get_client_username(request, credentials)
        if not username:
            return failures
        everywhere = (
            AccessAttempt.objects.filter(
                username=username, attempt_time__gte=get_cool_off_threshold(request)
            ).aggregate(total=Sum("failures_since_start"))["total"]
            or 0
        )
        if everywhere >= settings.PAMONG_LOGIN_USERNAME_FAILURE_LIMIT:
            return max(failures, get_failure_limit(request, credentials))
        return failures


def lockout_response(request: HttpRequest, original_response=None, credentials=None) -> HttpResponse:
    """The Indonesian lockout page (``templates/security/lockout.html``), status 429."""
    cool_off = get_cool_off(request)
    minutes = max(1, math.ceil(cool_off.total_seconds() / 60)) if cool_off else 0
    context = {
        "failure_limit": get_failure_limit(request, credentials),
        "cooloff_minutes": minutes,
    }
    return render(request, settings.AXES_LOCKOUT_TEMPLATE, context, status=settings.AXES_HTTP_RESPONSE_CODE)
