"""Single sign-on, end to end: Pamong's login page → the test provider (a real OpenID Connect
server, tests/sso/idp.py) → back to Pamong, over HTTP. Nothing here is mocked: the code exchange,
the JWKS and the user-info calls go from Pamong to the provider through the live server."""

from __future__ import annotations

import re

import pytest
import requests
from axes.models import AccessAttempt
from django.contrib.auth import get_user_model

from pamong.people.models import ASN
from tests.factories.people import ASNFactory
from tests.sso.conftest import callback_url, signed_in_as, sso_sign_in

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

User = get_user_model()


def counts() -> tuple[int, int]:
    return User.objects.count(), ASN.objects.count()


def test_a_known_nip_signs_in_as_that_asn(sso, browser):
    asn = ASNFactory(name="Siti Rahmawati")
    sso.idp_account("siti.idp", nip=asn.nip, name="Siti R.")
    before = counts()

    response = sso_sign_in(browser, sso, "siti.idp")

    assert response.status_code == 200
    assert response.url == sso.pamong + "/akun/"  # LOGIN_REDIRECT_URL
    assert "Siti Rahmawati" in signed_in_as(browser, sso)
    assert counts() == before  # matched, nothing created


def test_the_nip_may_arrive_with_spaces_and_under_another_claim_name(sso, browser, settings):
    settings.PAMONG_OIDC_NIP_CLAIM = "nip_pegawai"
    asn = ASNFactory(name="Budi Santoso")
    spaced = f"{asn.nip[:8]} {asn.nip[8:14]} {asn.nip[14]} {asn.nip[15:]}"
    sso.idp_account("budi.idp", nip_pegawai=spaced, nip="199001012015011999")

    sso_sign_in(browser, sso, "budi.idp")

    assert "Budi Santoso" in signed_in_as(browser, sso)


def test_next_from_the_login_page_is_kept(sso, browser):
    asn = ASNFactory()
    sso.idp_account("next.idp", nip=asn.nip)

    response = sso_sign_in(browser, sso, "next.idp", login_path="/masuk/?next=/kinerja/")

    assert response.url.startswith(sso.pamong + "/kinerja/")
    assert response.status_code == 200


def test_next_of_the_home_page_lands_on_login_redirect_url(sso, browser):
    asn = ASNFactory()
    sso.idp_account("beranda.idp", nip=asn.nip)

    response = sso_sign_in(browser, sso, "beranda.idp", login_path="/masuk/?next=/")

    assert response.url == sso.pamong + "/akun/"  # LOGIN_REDIRECT_URL, not the public home page
    assert response.status_code == 200


def test_an_unknown_nip_gets_a_clear_page_and_no_account(sso, browser):
    ASNFactory()
    sso.idp_account("asing.idp", nip="199001012015011999")
    before = counts()

    response = sso_sign_in(browser, sso, "asing.idp")

    assert response.status_code == 403
    assert response.url.startswith(sso.pamong + "/sso/kembali/")
    assert "NIP Anda belum terdaftar di Pamong" in response.text
    assert "199001012015011999" in response.text
    assert counts() == before
    assert not User.objects.filter(asn__nip="199001012015011999").exists()
    assert signed_in_as(browser, sso) is None


def test_a_refused_sso_sign_in_is_not_counted_as_a_password_guess(sso):
    """Otherwise a few unregistered colleagues behind one office gateway would lock that
    gateway's address out of SSO (django-axes counts failures with no username per address)."""
    sso.idp_account("asing.idp", nip="199001012015011999")

    for _ in range(2):
        with requests.Session() as colleague:
            assert sso_sign_in(colleague, sso, "asing.idp").status_code == 403

    assert not AccessAttempt.objects.exists()


def test_a_missing_nip_claim_is_explained(sso, browser):
    sso.idp_account("tanpa-nip.idp", name="Tanpa NIP")

    response = sso_sign_in(browser, sso, "tanpa-nip.idp")

    assert response.status_code == 403
    assert "tidak mengirimkan NIP Anda" in response.text
    assert signed_in_as(browser, sso) is None


@pytest.mark.parametrize("inactive", ["asn", "user"])
def test_an_inactive_asn_is_refused(sso, browser, inactive):
    asn = ASNFactory(name="Pensiunan")
    if inactive == "asn":
        ASN.objects.filter(pk=asn.pk).update(is_active=False)
    else:
        User.objects.filter(pk=asn.user_id).update(is_active=False)
    sso.idp_account("pensiun.idp", nip=asn.nip)

    response = sso_sign_in(browser, sso, "pensiun.idp")

    assert response.status_code == 403
    assert "tidak aktif" in response.text
    assert signed_in_as(browser, sso) is None


def test_a_tampered_state_is_refused(sso, browser):
    asn = ASNFactory()
    sso.idp_account("state.idp", nip=asn.nip)
    url = callback_url(browser, sso, "state.idp")
    assert "state=" in url

    response = browser.get(url.replace("state=", "state=x"))

    assert response.status_code == 400
    assert "Sesi masuk SSO ini tidak dikenal" in response.text
    assert signed_in_as(browser, sso) is None


def test_a_callback_opened_in_another_browser_is_refused(sso, browser):
    """Login CSRF: a victim's browser must not be signed in with the attacker's code and state."""
    asn = ASNFactory()
    sso.idp_account("penyerang.idp", nip=asn.nip)
    url = callback_url(browser, sso, "penyerang.idp")

    with requests.Session() as victim:
        response = victim.get(url)
        assert response.status_code == 400
        assert signed_in_as(victim, sso) is None


def test_an_id_token_from_another_issuer_is_refused(sso, browser, settings):
    """The discovery document names the configured issuer, but the tokens are signed by a provider
    that calls itself something else: refused, nobody signed in."""
    settings.PAMONG_OIDC_ISSUER = sso.idp + "/test-idp/palsu"
    asn = ASNFactory()
    sso.idp_account("palsu.idp", nip=asn.nip)

    response = sso_sign_in(browser, sso, "palsu.idp")

    assert response.status_code == 400
    assert "tidak dapat diverifikasi" in response.text
    assert signed_in_as(browser, sso) is None


def test_the_password_login_still_works_with_sso_on(sso, browser):
    ASNFactory(nip="198503122010011777", user__password="sandi-pamong-123")
    page = browser.get(sso.pamong + "/masuk/")
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.text).group(1)

    response = browser.post(
        page.url,
        data={"csrfmiddlewaretoken": token, "username": "198503122010011777", "password": "sandi-pamong-123"},
    )

    assert response.url == sso.pamong + "/akun/"
    assert signed_in_as(browser, sso) is not None
