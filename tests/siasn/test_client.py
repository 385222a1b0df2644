"""The SIASN client against the stand-in: both tokens, shared and renewed; errors sorted."""

import time

import pytest
from django.core.cache import cache

from pamong.siasn.client import (
    APIM_CACHE_KEY,
    SSO_CACHE_KEY,
    TOKEN_MARGIN,
    SiasnRejected,
    SiasnUnavailable,
    siasn_enabled,
)


def test_off_unless_configured(settings):
    settings.PAMONG_SIASN = {**settings.PAMONG_SIASN, "API_URL": ""}
    assert siasn_enabled() is False


def test_tokens_are_fetched_once_and_shared_through_the_cache(client, standin):
    standin.add_person(nip="198503122010011001", orang_id="o-1")
    client.data_utama("198503122010011001")
    client.data_utama("198503122010011001")
    assert standin.token_requests == ["apim", "sso"]
    assert cache.get(APIM_CACHE_KEY) and cache.get(SSO_CACHE_KEY)


def test_token_renewed_before_expiry(client, standin):
    """A token is kept until TOKEN_MARGIN seconds before it expires: one valid for 61 s is kept for
    one second, then fetched again before the next call."""
    standin.token_lifetime = TOKEN_MARGIN + 1
    client.ref_unor()
    client.ref_unor()
    assert standin.token_requests == ["apim", "sso"]
    time.sleep(1.1)
    client.ref_unor()
    assert standin.token_requests == ["apim", "sso", "apim", "sso"]


def test_401_renews_both_tokens_and_retries_once(client, standin):
    client.ref_unor()
    standin.expire_tokens()
    assert client.ref_unor() == []
    assert standin.token_requests == ["apim", "sso", "apim", "sso"]
    assert standin.received.count(("GET", "/api/referensi/ref-unor")) == 3


@pytest.mark.parametrize("failure", [429, 500, "timeout"])
def test_retryable_failures_raise_unavailable(client, standin, failure):
    standin.fail("/api/referensi", failure)
    with pytest.raises(SiasnUnavailable) as caught:
        client.ref_unor()
    if failure == 429:
        assert caught.value.retry_after == 7


def test_validation_answer_names_the_field(client, standin):
    standin.add_person(nip="198503122010011001", orang_id="o-1")
    with pytest.raises(SiasnRejected) as caught:
        client.save("kursus", {"pnsOrangId": "o-1", "jumlahJam": "6"})
    assert caught.value.field == "instansiId"
    assert "wajib" in caught.value.message


def test_every_riwayat_endpoint_of_the_issue_answers_with_its_documented_fields(client, standin):
    """``/diklat/save`` and ``/pns/rw-diklat`` too (Pamong sends courses as riwayat kursus, but the
    client and the stand-in carry every endpoint the issue lists, with the documented field names)."""
    standin.add_person(nip="198503122010011001", orang_id="o-1")
    diklat = {"institusiPenyelenggara": "BPSDM Jambi", "jumlahJam": 40, "latihanStrukturalId": "1",
              "nomor": "PIM/2026/7", "pnsOrangId": "o-1", "tahun": 2026, "tanggal": "02-03-2026",
              "tanggalSelesai": "06-03-2026"}  # fmt: skip
    with pytest.raises(SiasnRejected) as caught:
        client.save("diklat", {**diklat, "jumlahJam": "40"})
    assert caught.value.field == "jumlahJam"
    riwayat_id = client.save("diklat", diklat)
    assert [row["id"] for row in client.riwayat("diklat", "198503122010011001")] == [riwayat_id]
    for kind in ("kursus", "skp22", "kinerjaperiodik"):
        assert client.riwayat(kind, "198503122010011001") == []
