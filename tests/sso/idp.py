"""A real OpenID Connect provider for the SSO tests: django-oauth-toolkit with OIDC switched on.

It stands in for the provincial Keycloak. The live server serves it next to Pamong (the same
process, under ``/test-idp/``); the tests reach it as ``http://localhost:<port>/test-idp/o`` while
Pamong is ``http://127.0.0.1:<port>``, so the two keep separate cookies, as two sites would.

Its accounts are ordinary Django users (the toolkit's grants point at ``AUTH_USER_MODEL``) whose
claims the test sets in :data:`CLAIMS`, keyed by username — like user attributes in a Keycloak
realm, mapped into the tokens and the user-info answer by :class:`NipClaimValidator`.
"""

from __future__ import annotations

from django.contrib.auth import views as auth_views
from django.http import JsonResponse
from django.urls import include, path
from oauth2_provider import urls as dot_urls
from oauth2_provider.oauth2_validators import OAuth2Validator
from oauth2_provider.views import AuthorizationView, ConnectDiscoveryInfoView

from pamong.urls import urlpatterns as pamong_urlpatterns

IDP_PREFIX = "/test-idp/o"
IDP_LOGIN = "/test-idp/masuk/"

#: Extra claims of each provider account, by username (set by the tests, cleared after each).
CLAIMS: dict[str, dict[str, object]] = {}
#: How often the provider's own discovery document was served (the discovery cache's witness).
DISCOVERY_HITS: list[str] = []


class NipClaimValidator(OAuth2Validator):
    """Adds the account's claims (the NIP among them) under the ``profile`` scope."""

    oidc_claim_scope = {**OAuth2Validator.oidc_claim_scope, "nip": "profile", "nip_pegawai": "profile"}

    def get_additional_claims(self, request):
        return dict(CLAIMS.get(request.user.username, {}))


class IdPLoginView(auth_views.LoginView):
    """The provider's sign-in page (Pamong's template will do). Its own Content-Security-Policy,
    like a real provider's: after signing in, the browser is redirected on to the client (Pamong at
    127.0.0.1), which Pamong's ``form-action 'self'`` would block."""

    template_name = "registration/login.html"

    def dispatch(self, request, *args, **kwargs):
        response = super().dispatch(request, *args, **kwargs)
        response["Content-Security-Policy"] = (
            "default-src 'self'; style-src 'self' 'unsafe-inline'; form-action 'self' http://127.0.0.1:*"
        )
        return response


class IdPAuthorizationView(AuthorizationView):
    login_url = IDP_LOGIN  # the provider's own sign-in page, not Pamong's


def counted_discovery(request):
    """The toolkit's discovery document, counting each time it is fetched."""
    DISCOVERY_HITS.append(request.path)
    return ConnectDiscoveryInfoView.as_view()(request)


def forged_discovery(request):
    """A discovery document that claims the issuer ``/test-idp/palsu`` but lists the real provider's
    endpoints: its ID tokens then name an issuer Pamong was not configured with."""
    base = request.build_absolute_uri(IDP_PREFIX)
    return JsonResponse(
        {
            "issuer": request.build_absolute_uri("/test-idp/palsu"),
            "authorization_endpoint": base + "/authorize/",
            "token_endpoint": base + "/token/",
            "userinfo_endpoint": base + "/userinfo/",
            "jwks_uri": base + "/.well-known/jwks.json",
        }
    )


def incomplete_discovery(request):
    """A discovery document without a token endpoint."""
    issuer = request.build_absolute_uri("/test-idp/rusak")
    return JsonResponse({"issuer": issuer, "authorization_endpoint": issuer + "/authorize/"})


provider_patterns = [
    path("authorize/", IdPAuthorizationView.as_view(), name="authorize"),
    path(".well-known/openid-configuration", counted_discovery, name="oidc-connect-discovery-info"),
    *[p for p in dot_urls.base_urlpatterns if p.name != "authorize"],
    *[p for p in dot_urls.oidc_urlpatterns if p.name != "oidc-connect-discovery-info"],
]

urlpatterns = [
    path("test-idp/o/", include((provider_patterns, "oauth2_provider"))),
    path("test-idp/masuk/", IdPLoginView.as_view(), name="idp_login"),
    path("test-idp/palsu/.well-known/openid-configuration", forged_discovery),
    path("test-idp/rusak/.well-known/openid-configuration", incomplete_discovery),
    *pamong_urlpatterns,
]
