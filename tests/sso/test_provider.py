"""The provider's discovery document: fetched over HTTP from the test provider, checked, cached."""

from __future__ import annotations

import pytest
import requests

from pamong.sso.provider import ProviderUnavailable, provider_metadata, provider_metadata_fetch
from tests.factories.people import ASNFactory
from tests.sso import idp
from tests.sso.conftest import signed_in_as, sso_sign_in

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def test_endpoints_come_from_the_discovery_document(sso):
    metadata = provider_metadata()

    assert metadata["issuer"] == sso.issuer
    assert metadata["authorization_endpoint"] == sso.issuer + "/authorize/"
    assert metadata["token_endpoint"] == sso.issuer + "/token/"
    assert metadata["userinfo_endpoint"] == sso.issuer + "/userinfo/"
    assert metadata["jwks_uri"] == sso.issuer + "/.well-known/jwks.json"


def test_the_discovery_document_is_fetched_once_for_many_sign_ins(sso):
    for n in range(2):
        asn = ASNFactory()
        sso.idp_account(f"orang{n}.idp", nip=asn.nip)
        with requests.Session() as browser:
            sso_sign_in(browser, sso, f"orang{n}.idp")
            assert signed_in_as(browser, sso) is not None

    assert len(idp.DISCOVERY_HITS) == 1


def test_a_document_for_another_issuer_is_refused(sso, settings):
    settings.OAUTH2_PROVIDER = {
        **settings.OAUTH2_PROVIDER,
        "OIDC_ISS_ENDPOINT": "https://sso.contoh.id/realms/x",
    }

    with pytest.raises(ProviderUnavailable, match="sso.contoh.id"):
        provider_metadata_fetch(issuer=sso.issuer)


def test_a_document_without_endpoints_is_refused(sso):
    with pytest.raises(ProviderUnavailable, match="token_endpoint"):
        provider_metadata_fetch(issuer=sso.idp + "/test-idp/rusak")


def test_a_missing_document_is_refused(sso):
    with pytest.raises(ProviderUnavailable, match="404"):
        provider_metadata_fetch(issuer=sso.idp + "/tidak-ada")
