"""Who is asking: the client's address, the same everywhere it is used.

Pamong runs behind ``PAMONG_TRUSTED_PROXIES`` reverse proxies (``0``: none, the default; the
production set-up in the README has one, nginx in front of gunicorn on 127.0.0.1). Each proxy
appends the address it received the request from to ``X-Forwarded-For``, so with *n* trusted
proxies the client is the *n*-th address from the right of that header; anything further left was
written by the client and can be forged. Without trusted proxies the header is ignored and the
address is ``REMOTE_ADDR``.

:func:`client_ip` is what the login lockout (django-axes, ``AXES_CLIENT_IP_CALLABLE``), the API
token throttle and the public feedback form's rate limit key on; new rate limits use it too.
"""

from __future__ import annotations

import ipaddress

from django.conf import settings
from django.http import HttpRequest


def trusted_proxies() -> int:
    """The number of reverse proxies in front of Pamong whose ``X-Forwarded-For`` is believed."""
    return max(0, int(getattr(settings, "PAMONG_TRUSTED_PROXIES", 0) or 0))


def _valid(address: str) -> str | None:
    try:
        return str(ipaddress.ip_address(address.strip()))
    except ValueError:
        return None


def client_ip(request: HttpRequest) -> str:
    """The client's IP address as far as the trusted proxies vouch for it (see the module text).

    A header with fewer entries than trusted proxies gives its leftmost entry (the closest to the
    client any proxy wrote); a malformed entry falls back to ``REMOTE_ADDR``.
    """
    remote = request.META.get("REMOTE_ADDR", "") or ""
    proxies = trusted_proxies()
    if proxies == 0:
        return remote
    forwarded = [part for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if part.strip()]
    if not forwarded:
        return remote
    return _valid(forwarded[-min(proxies, len(forwarded))]) or remote
