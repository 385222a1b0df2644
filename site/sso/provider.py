"""The OpenID Connect provider Pamong trusts: its settings and its discovery document.

Settings (read from the environment in ``pamong.settings.base``):

``PAMONG_OIDC_ISSUER``
    the issuer URL, e.g. ``https://sso.jambiprov.go.id/realms/asn`` (Keycloak: the realm URL);
``OIDC_RP_CLIENT_ID`` / ``OIDC_RP_CLIENT_SECRET``
    the client Pamong is registered as at the provider;
``PAMONG_OIDC_NIP_CLAIM``
    the user-info claim that carries the NIP (``nip`` unless told otherwise).

The endpoints (authorization, token, user info, JWKS) are not configured one by one: they come from
``<issuer>/.well-known/openid-configuration``, fetched the first time they are needed (never at
start-up, so Pamong starts while the provider is down) and kept in the cache for
``PAMONG_OIDC_DISCOVERY_SECONDS``. A document whose ``issuer`` is not the configured issuer is
refused, as OpenID Connect Discovery 1.0 (§4.3) requires.
"""

from __future__ import annotations

import hashlib

import requests
from django.conf import settings
from django.core.cache import cache

DISCOVERY_PATH = "/.well-known/openid-configuration"
#: The discovery fields Pamong uses, by the name mozilla-django-oidc gives each endpoint.
ENDPOINT_FIELDS = {
    "OIDC_OP_AUTHORIZATION_ENDPOINT": "authorization_endpoint",
    "OIDC_OP_TOKEN_ENDPOINT": "token_endpoint",
    "OIDC_OP_USER_ENDPOINT": "userinfo_endpoint",
    "OIDC_OP_JWKS_ENDPOINT": "jwks_uri",
}
BACKEND_PATH = "pamong.sso.backends.NipOIDCBackend"


class ProviderUnavailable(Exception):
    """The provider's discovery document could not be fetched or is not usable."""


def sso_enabled() -> bool:
    """True when single sign-on is configured: issuer, client id and secret, and the backend."""
    return bool(
        sso_issuer()
        and getattr(settings, "OIDC_RP_CLIENT_ID", "")
        and getattr(settings, "OIDC_RP_CLIENT_SECRET", "")
        and BACKEND_PATH in settings.AUTHENTICATION_BACKENDS
    )


def sso_issuer() -> str:
    """The configured issuer URL without a trailing slash ('' when SSO is off)."""
    return (getattr(settings, "PAMONG_OIDC_ISSUER", "") or "").rstrip("/")


def sso_nip_claim() -> str:
    return getattr(settings, "PAMONG_OIDC_NIP_CLAIM", "") or "nip"


def _cache_key(issuer: str) -> str:
    return "pamong:sso:discovery:" + hashlib.sha256(issuer.encode()).hexdigest()[:32]


def provider_metadata() -> dict[str, str]:
    """The provider's discovery document (cached). Raises :class:`ProviderUnavailable`."""
    issuer = sso_issuer()
    if not issuer:
        raise ProviderUnavailable("PAMONG_OIDC_ISSUER is not set")
    key = _cache_key(issuer)
    metadata = cache.get(key)
    if metadata is None:
        metadata = provider_metadata_fetch(issuer=issuer)
        cache.set(key, metadata, getattr(settings, "PAMONG_OIDC_DISCOVERY_SECONDS", 3600))
    return metadata


def provider_metadata_fetch(*, issuer: str) -> dict[str, str]:
    """Fetch and check ``<issuer>/.well-known/openid-configuration`` (no cache)."""
    url = issuer.rstrip("/") + DISCOVERY_PATH
    try:
        response = requests.get(
            url,
            timeout=getattr(settings, "OIDC_TIMEOUT", None),
            verify=getattr(settings, "OIDC_VERIFY_SSL", True),
            proxies=getattr(settings, "OIDC_PROXY", None),
        )
        response.raise_for_status()
        document = response.json()
    except (requests.RequestException, ValueError) as exc:
        raise ProviderUnavailable(f"{url}: {exc}") from exc
    if not isinstance(document, dict):
        raise ProviderUnavailable(f"{url}: not a JSON object")
    if str(document.get("issuer", "")).rstrip("/") != issuer.rstrip("/"):
        raise ProviderUnavailable(f"{url}: issuer {document.get('issuer')!r} is not {issuer!r}")
    missing = [field for field in ENDPOINT_FIELDS.values() if not document.get(field)]
    if missing:
        raise ProviderUnavailable(f"{url}: missing {', '.join(missing)}")
    return {"issuer": document["issuer"], **{field: document[field] for field in ENDPOINT_FIELDS.values()}}


def provider_endpoint(setting_name: str) -> str:
    """One endpoint by mozilla-django-oidc's setting name, e.g. ``OIDC_OP_TOKEN_ENDPOINT``."""
    return provider_metadata()[ENDPOINT_FIELDS[setting_name]]
