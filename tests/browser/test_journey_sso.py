"""Single sign-on in Chromium: an ASN presses "Masuk dengan SSO", signs in at the provider (the test
OpenID Connect provider of tests/sso, on the same live server as ``localhost`` while Pamong is
``127.0.0.1``) and lands in Pamong; a person whose NIP was never imported reads why not. axe runs
on the login page with the SSO button and on the refusal page."""

import re

import pytest

from tests.browser.conftest import Journey
from tests.factories.people import ASNFactory
from tests.sso.conftest import IDP_PASSWORD, idp_signing_key, sso  # noqa: F401 (fixtures)

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@pytest.fixture
def sso_journey(request, chromium, sso):  # noqa: F811
    """A journey whose browser may reach Pamong and the provider, and nothing else."""
    context = chromium.new_context(locale="id-ID", viewport={"width": 1280, "height": 900})

    def only_live_server(route):
        if route.request.url.startswith((sso.pamong, sso.idp, "data:", "blob:")):
            route.continue_()
        else:
            route.abort()

    context.route("**/*", only_live_server)
    page = context.new_page()
    page.set_default_timeout(15_000)
    yield Journey(request.node.name.removeprefix("test_"), page, sso.pamong)
    context.close()


def sign_in_at_provider(j: Journey, username: str):
    j.page.locator("#id_username").fill(username)
    j.page.locator("#id_password").fill(IDP_PASSWORD)
    j.page.locator("form:has(#id_password) [type=submit]").first.click()
    j.page.wait_for_load_state()


def test_asn_signs_in_with_sso(sso_journey, sso):  # noqa: F811
    j, page = sso_journey, sso_journey.page
    asn = ASNFactory(name="Siti Rahmawati")
    sso.idp_account("siti.idp", nip=asn.nip)
    j.goto("/masuk/")
    j.key_page("halaman masuk dengan tombol SSO")
    page.get_by_role("link", name="Masuk dengan SSO").click()
    page.wait_for_url(re.compile(re.escape(sso.idp + "/test-idp/masuk/")))
    j.shot("halaman masuk penyedia SSO")
    sign_in_at_provider(j, "siti.idp")
    page.wait_for_url(sso.pamong + "/akun/")
    assert page.get_by_text("Siti Rahmawati").first.is_visible()
    j.shot("masuk sebagai ASN")
    j.assert_no_csp_violation()


def test_unknown_nip_reads_why_not(sso_journey, sso):  # noqa: F811
    j, page = sso_journey, sso_journey.page
    sso.idp_account("asing.idp", nip="199001012015011999")
    j.goto("/masuk/")
    page.get_by_role("link", name="Masuk dengan SSO").click()
    sign_in_at_provider(j, "asing.idp")
    assert page.get_by_role("heading", level=1).inner_text() == "Masuk dengan SSO gagal"
    assert page.get_by_text("NIP Anda belum terdaftar di Pamong").is_visible()
    j.key_page("NIP belum terdaftar")
    j.assert_no_csp_violation()
