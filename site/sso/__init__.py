"""Single sign-on with OpenID Connect (optional).

Pamong can let civil servants sign in with an account they already have at a provincial Keycloak,
the national SIASN / ASN Digital realm, or any standard OpenID Connect provider. It is off unless
``OIDC_ISSUER``, ``OIDC_CLIENT_ID`` and ``OIDC_CLIENT_SECRET`` are set (see the README, "SSO").

The protocol (authorization-code flow with PKCE, state and nonce, the token, user-info and JWKS
calls, the ID-token signature) is mozilla-django-oidc's. Pamong adds three things:

* :mod:`pamong.sso.provider` — the provider's endpoints, read from its discovery document
  (``<issuer>/.well-known/openid-configuration``) when first needed and cached;
* :mod:`pamong.sso.backends` — the returning person is matched **by NIP** (the claim named by
  ``OIDC_NIP_CLAIM``) to an ASN the import created; SSO never creates an account, and an unknown
  NIP or an inactive ASN is refused;
* :mod:`pamong.sso.views` — ``/sso/masuk/`` and ``/sso/kembali/`` (404 while SSO is off), and a
  clear Indonesian page whenever signing in through SSO fails.
"""
