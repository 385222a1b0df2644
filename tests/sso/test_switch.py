"""SSO is off unless configured; on, the login page offers it and every failure is a clear page.
No provider is needed here (an unreachable one where it is on)."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
from pathlib import Path

import pytest
from django.contrib.auth import authenticate
from django.test import Client, RequestFactory

from pamong.sso.backends import NipOIDCBackend, nip_from_claim
from pamong.sso.provider import BACKEND_PATH, sso_enabled
from tests.factories.people import ASNFactory

REPO = Path(__file__).resolve().parents[2]


def settings_from_environment(**env) -> list[str]:
    """Import the base settings in a fresh interpreter with these OIDC_* variables; print what SSO
    reads from them."""
    code = (
        "import pamong.settings.base as s;"
        "print(s.PAMONG_OIDC_ISSUER, s.OIDC_RP_CLIENT_ID, s.PAMONG_OIDC_NIP_CLAIM, s.OIDC_RP_SCOPES,"
        " s.OIDC_RP_SIGN_ALGO, s.AUTHENTICATION_BACKENDS[-1], sep='|')"
    )
    clean = {k: v for k, v in os.environ.items() if not k.startswith("OIDC_")}
    result = subprocess.run(
        [sys.executable, "-c", code], env={**clean, **env}, capture_output=True, text=True, cwd=REPO
    )
    assert result.returncode == 0, result.stderr
    return result.stdout.strip().split("|")


def test_settings_read_the_environment():
    configured = settings_from_environment(
        OIDC_ISSUER="https://sso.jambiprov.go.id/realms/asn-jambi/",
        OIDC_CLIENT_ID="pamong",
        OIDC_CLIENT_SECRET="rahasia",
        OIDC_NIP_CLAIM="nip_asn",
    )
    assert configured == [
        "https://sso.jambiprov.go.id/realms/asn-jambi",
        "pamong",
        "nip_asn",
        "openid profile",
        "RS256",
        BACKEND_PATH,
    ]
    without_secret = settings_from_environment(
        OIDC_ISSUER="https://sso.jambiprov.go.id/realms/asn-jambi", OIDC_CLIENT_ID="pamong"
    )
    assert without_secret[-1] != BACKEND_PATH


def closed_port() -> int:
    """A local port nothing listens on (bound, then released)."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def sso_unreachable(settings):
    """SSO configured, against a provider that does not answer."""
    settings.PAMONG_OIDC_ISSUER = f"http://127.0.0.1:{closed_port()}/realms/asn"
    settings.OIDC_RP_CLIENT_ID = "pamong"
    settings.OIDC_RP_CLIENT_SECRET = "rahasia"
    settings.AUTHENTICATION_BACKENDS = [*settings.AUTHENTICATION_BACKENDS, BACKEND_PATH]
    settings.OIDC_TIMEOUT = 2


@pytest.mark.django_db
def test_off_by_default_no_button_and_no_routes(client):
    assert not sso_enabled()
    assert "Masuk dengan SSO" not in client.get("/masuk/").content.decode()
    assert client.get("/sso/masuk/").status_code == 404
    assert client.get("/sso/kembali/?code=a&state=b").status_code == 404


@pytest.mark.parametrize("missing", ["PAMONG_OIDC_ISSUER", "OIDC_RP_CLIENT_ID", "OIDC_RP_CLIENT_SECRET"])
def test_every_part_of_the_configuration_is_needed(sso_unreachable, settings, missing):
    assert sso_enabled()
    setattr(settings, missing, "")
    assert not sso_enabled()


def test_the_backend_must_be_listed_too(sso_unreachable, settings):
    settings.AUTHENTICATION_BACKENDS = [b for b in settings.AUTHENTICATION_BACKENDS if b != BACKEND_PATH]
    assert not sso_enabled()


@pytest.mark.django_db
def test_on_the_login_page_offers_sso_and_keeps_next(sso_unreachable, client):
    page = client.get("/masuk/?next=/kinerja/").content.decode()
    assert 'href="/sso/masuk/?next=/kinerja/"' in page
    assert "Masuk dengan SSO" in page


@pytest.mark.django_db
def test_an_unreachable_provider_gets_a_clear_page(sso_unreachable, client):
    response = client.get("/sso/masuk/")
    assert response.status_code == 502
    assert "Layanan SSO sedang tidak dapat dihubungi" in response.content.decode()


@pytest.mark.django_db
def test_a_callback_without_a_started_sign_in_is_refused(sso_unreachable, client):
    response = client.get("/sso/kembali/?code=abc&state=xyz")
    assert response.status_code == 400
    assert "Sesi masuk SSO ini tidak dikenal" in response.content.decode()


@pytest.mark.django_db
def test_a_provider_error_is_explained(sso_unreachable, client):
    response = client.get("/sso/kembali/?error=access_denied&state=xyz")
    assert response.status_code == 403
    assert "dibatalkan atau ditolak" in response.content.decode()


@pytest.mark.django_db
def test_the_sso_backend_stays_out_of_password_logins(sso_unreachable):
    ASNFactory(nip="198503122010011888", user__password="sandi-uji-123")
    request = RequestFactory().post("/masuk/")
    assert NipOIDCBackend().authenticate(request, username="198503122010011888", password="x") is None
    user = authenticate(request, username="198503122010011888", password="sandi-uji-123")
    assert user is not None and user.backend == "django.contrib.auth.backends.ModelBackend"


@pytest.mark.parametrize(
    ("value", "nip"),
    [
        ("198503122010011004", "198503122010011004"),
        ("19850312 201001 1 004", "198503122010011004"),
        (198503122010011004, "198503122010011004"),
        ("1985O3122010011004", ""),  # a letter O
        ("١٩٨٥", ""),  # digits, but not ASCII
        (True, ""),
        (None, ""),
        (["198503122010011004"], ""),
    ],
)
def test_nip_from_claim(value, nip):
    assert nip_from_claim(value) == nip


def test_each_role_gets_the_same_sso_answers(sso_unreachable, world):
    """Anyone may start SSO (signed in or not); the failure pages are the same for everyone."""
    for role, user in world.users().items():
        client = Client()
        if user is not None:
            client.force_login(user)
        assert client.get("/sso/masuk/").status_code == 502, role
        assert client.get("/sso/kembali/?code=a&state=b").status_code == 400, role
