"""The SSO tests' world: Pamong and a real OpenID Connect provider (tests/sso/idp.py) on one live
server, and a person's browser (a ``requests`` session: real HTTP, cookies per host, redirects)."""

from __future__ import annotations

import html
import re
from dataclasses import dataclass

import pytest
import requests
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from oauth2_provider.models import Application

from pamong.sso.provider import BACKEND_PATH
from tests.factories.people import UserFactory
from tests.sso import idp

CLIENT_ID = "pamong-uji"
CLIENT_SECRET = "rahasia-klien-uji-123"
IDP_PASSWORD = "sandi-idp-uji-123"


@dataclass
class SSOWorld:
    pamong: str  # http://127.0.0.1:<port>
    idp: str  # http://localhost:<port>
    issuer: str

    def idp_account(self, username: str, **claims) -> str:
        """An account at the provider with these extra claims (e.g. ``nip=...``)."""
        UserFactory(username=username, password=IDP_PASSWORD)
        idp.CLAIMS[username] = claims
        return username


@pytest.fixture(scope="session")
def idp_signing_key() -> str:
    """The provider's RSA key, made for this test run."""
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    return key.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    ).decode()


@pytest.fixture
def sso(settings, live_server, idp_signing_key) -> SSOWorld:
    """SSO switched on against the test provider, which knows Pamong as a confidential client."""
    host, port = live_server.thread.host, live_server.thread.port
    assert host == "localhost", "the provider is reached as localhost, Pamong as 127.0.0.1"
    world = SSOWorld(pamong=f"http://127.0.0.1:{port}", idp=f"http://localhost:{port}", issuer="")
    world.issuer = world.idp + idp.IDP_PREFIX
    settings.ROOT_URLCONF = "tests.sso.idp"
    settings.OAUTH2_PROVIDER = {
        "OIDC_ENABLED": True,
        "OIDC_RSA_PRIVATE_KEY": idp_signing_key,
        "OAUTH2_VALIDATOR_CLASS": "tests.sso.idp.NipClaimValidator",
        "SCOPES": {"openid": "OpenID Connect", "profile": "Profil"},
        "PKCE_REQUIRED": True,
    }
    settings.PAMONG_OIDC_ISSUER = world.issuer
    settings.OIDC_RP_CLIENT_ID = CLIENT_ID
    settings.OIDC_RP_CLIENT_SECRET = CLIENT_SECRET
    settings.AUTHENTICATION_BACKENDS = [*settings.AUTHENTICATION_BACKENDS, BACKEND_PATH]
    settings.LOGIN_REDIRECT_URL = "/akun/"
    Application.objects.create(
        name="Pamong",
        client_id=CLIENT_ID,
        client_secret=CLIENT_SECRET,
        client_type=Application.CLIENT_CONFIDENTIAL,
        authorization_grant_type=Application.GRANT_AUTHORIZATION_CODE,
        redirect_uris=world.pamong + "/sso/kembali/",
        algorithm=Application.RS256_ALGORITHM,
        skip_authorization=True,
    )
    yield world
    idp.CLAIMS.clear()
    idp.DISCOVERY_HITS.clear()


@pytest.fixture
def browser():
    with requests.Session() as session:
        yield session


def sso_button_href(page: requests.Response) -> str:
    """The "Masuk dengan SSO" link of Pamong's login page."""
    match = re.search(r'<a [^>]*href="(/sso/masuk/[^"]*)"[^>]*>\s*Masuk dengan SSO', page.text)
    assert match, "no 'Masuk dengan SSO' button on the login page"
    return html.unescape(match.group(1))


def sso_start(
    browser: requests.Session, world: SSOWorld, *, login_path: str = "/masuk/"
) -> requests.Response:
    """Open Pamong's login page and press "Masuk dengan SSO": ends on the provider's sign-in page."""
    page = browser.get(world.pamong + login_path)
    assert page.status_code == 200
    response = browser.get(world.pamong + sso_button_href(page))
    assert response.url.startswith(world.idp + idp.IDP_LOGIN), response.url
    return response


def idp_sign_in(
    browser: requests.Session, login_page: requests.Response, username: str, *, follow: bool = True
) -> requests.Response:
    """Sign in at the provider; with ``follow`` the browser goes on wherever it is sent."""
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', login_page.text).group(1)
    data = {"csrfmiddlewaretoken": token, "username": username, "password": IDP_PASSWORD}
    return browser.post(login_page.url, data=data, allow_redirects=follow)


def sso_sign_in(browser: requests.Session, world: SSOWorld, username: str, **kwargs) -> requests.Response:
    """The whole round trip: Pamong's login page → provider → back to Pamong."""
    return idp_sign_in(browser, sso_start(browser, world, **kwargs), username)


def callback_url(browser: requests.Session, world: SSOWorld, username: str) -> str:
    """Sign in at the provider but stop at the redirect back to Pamong: that URL (code, state)."""
    response = idp_sign_in(browser, sso_start(browser, world), username, follow=False)
    while response.is_redirect:
        location = response.headers["Location"]
        if location.startswith(world.pamong + "/sso/kembali/"):
            return location
        response = browser.get(requests.compat.urljoin(response.url, location), allow_redirects=False)
    raise AssertionError(f"the provider did not send the browser back to Pamong: {response.status_code}")


def signed_in_as(browser: requests.Session, world: SSOWorld):
    """The name on Pamong's account page, or None when the browser is not signed in to Pamong."""
    response = browser.get(world.pamong + "/akun/", allow_redirects=False)
    if response.status_code == 302:
        return None
    assert response.status_code == 200
    return response.text
