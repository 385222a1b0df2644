"""The authentication backend for single sign-on: the person is matched by NIP to an imported ASN.

mozilla-django-oidc's :class:`OIDCAuthenticationBackend` does the protocol (code for tokens, the
ID token's signature and nonce, the user-info call). This subclass decides who the person is:

* the user-info claim ``PAMONG_OIDC_NIP_CLAIM`` carries the NIP (spaces allowed: ``1985 0312 …``);
* the NIP must belong to an ASN the import created, whose record and login are both active;
* no account is ever created, whatever the provider says.

When it refuses, it leaves the reason on the request (``request.pamong_sso_failure``, a
:class:`Failure`) so that the callback view can say what went wrong.
"""

from __future__ import annotations

from enum import StrEnum

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend
from django.core.exceptions import SuspiciousOperation
from mozilla_django_oidc.auth import OIDCAuthenticationBackend

from .provider import provider_endpoint, sso_enabled, sso_issuer, sso_nip_claim


class Failure(StrEnum):
    """Why signing in through SSO failed (each has its own message, see ``pamong.sso.views``)."""

    NO_NIP = "no_nip"  # the provider sent no usable NIP claim
    UNKNOWN_NIP = "unknown_nip"  # no ASN with that NIP was imported
    INACTIVE = "inactive"  # the ASN (or their login) is no longer active
    DENIED = "denied"  # the provider answered with an error (e.g. the person cancelled)
    SESSION = "session"  # state missing or not ours: an old tab, a replay, another browser
    TOKEN = "token"  # the ID token did not verify (signature, nonce, issuer, audience)
    PROVIDER = "provider"  # the provider could not be reached or answered nonsense


def sso_failure_note(request, failure: Failure, **details) -> None:
    """Remember on the request why SSO failed (the first reason wins)."""
    if getattr(request, "pamong_sso_failure", None) is None:
        request.pamong_sso_failure = failure
        request.pamong_sso_details = details


def nip_from_claim(value) -> str:
    """The NIP in a claim value: spaces removed; '' unless it is digits only."""
    if not isinstance(value, str | int) or isinstance(value, bool):
        return ""
    nip = "".join(str(value).split())
    return nip if nip.isdigit() and nip.isascii() else ""


class NipOIDCBackend(OIDCAuthenticationBackend):
    """mozilla-django-oidc's backend, matching by NIP and never creating users."""

    def __init__(self, *args, **kwargs):
        # Django builds every backend on each authenticate() call and on every request of a user who
        # signed in through it, so nothing here may reach the provider: the endpoints are looked up
        # (from the cached discovery document) only when the code is exchanged. The parent's
        # __init__ would read them from settings, hence not called.
        self.OIDC_RP_CLIENT_ID = getattr(settings, "OIDC_RP_CLIENT_ID", "")
        self.OIDC_RP_CLIENT_SECRET = getattr(settings, "OIDC_RP_CLIENT_SECRET", "")
        self.OIDC_RP_SIGN_ALGO = getattr(settings, "OIDC_RP_SIGN_ALGO", "RS256")
        self.OIDC_RP_IDP_SIGN_KEY = None  # keys come from the provider's JWKS
        self.UserModel = get_user_model()

    @property
    def OIDC_OP_TOKEN_ENDPOINT(self) -> str:
        return provider_endpoint("OIDC_OP_TOKEN_ENDPOINT")

    @property
    def OIDC_OP_USER_ENDPOINT(self) -> str:
        return provider_endpoint("OIDC_OP_USER_ENDPOINT")

    @property
    def OIDC_OP_JWKS_ENDPOINT(self) -> str:
        return provider_endpoint("OIDC_OP_JWKS_ENDPOINT")

    def authenticate(self, request, **kwargs):
        # Only the SSO callback passes ``nonce``; password logins and API token requests pass
        # through here too and are none of this backend's business.
        if request is None or "nonce" not in kwargs or not sso_enabled():
            return None
        return super().authenticate(request, **kwargs)

    def verify_token(self, token, **kwargs):
        """The parent checks signature and nonce; the issuer and the audience are checked here."""
        payload = super().verify_token(token, **kwargs)
        if str(payload.get("iss", "")).rstrip("/") != sso_issuer():
            raise SuspiciousOperation("ID token issuer is not the configured issuer")
        audience = payload.get("aud")
        audiences = [audience] if isinstance(audience, str) else list(audience or [])
        if self.OIDC_RP_CLIENT_ID not in audiences:
            raise SuspiciousOperation("ID token audience does not include this client")
        return payload

    def verify_claims(self, claims) -> bool:
        if not nip_from_claim(claims.get(sso_nip_claim())):
            sso_failure_note(self.request, Failure.NO_NIP, claim=sso_nip_claim())
            return False
        return True

    def describe_user_by_claims(self, claims) -> str:
        return f"NIP {nip_from_claim(claims.get(sso_nip_claim()))}"

    def filter_users_by_claims(self, claims):
        """The login of the active ASN with the claimed NIP (a list of at most one)."""
        nip = nip_from_claim(claims.get(sso_nip_claim()))
        users = list(self.UserModel._default_manager.filter(asn__nip=nip).select_related("asn"))
        if not users:
            sso_failure_note(self.request, Failure.UNKNOWN_NIP, nip=nip)
            return []
        active = [user for user in users if user.is_active and user.asn.is_active]
        if not active:
            sso_failure_note(self.request, Failure.INACTIVE, nip=nip)
        return active

    def create_user(self, claims):
        """Never: ASN accounts come from the import only (``OIDC_CREATE_USER`` is off as well)."""
        sso_failure_note(self.request, Failure.UNKNOWN_NIP, nip=nip_from_claim(claims.get(sso_nip_claim())))
        return None

    def get_user(self, user_id):
        # Django's rule (an inactive login is not restored from the session), not the parent's.
        return ModelBackend.get_user(self, user_id)

    # Permissions are ModelBackend's business (it is listed too); asking twice would only repeat it.
    def get_user_permissions(self, user_obj, obj=None):
        return set()

    def get_group_permissions(self, user_obj, obj=None):
        return set()

    def get_all_permissions(self, user_obj, obj=None):
        return set()


def sso_callback_whitelisted(request, credentials) -> bool:
    """django-axes' ``AXES_WHITELIST_CALLABLE``: a refused SSO sign-in is not a password guess.

    The provider has already authenticated the person; counting an unknown NIP as a failed login
    (with no username, so per IP address) would lock everyone behind the same office gateway out
    of SSO after a few unregistered colleagues tried it.
    """
    match = getattr(request, "resolver_match", None)
    return bool(match and match.view_name == "sso:callback")
