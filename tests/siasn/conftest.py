"""The SIASN stand-in, started per test, and Pamong configured against it."""

from __future__ import annotations

import pytest

from pamong.people.models import ASN
from pamong.siasn.client import SiasnClient
from pamong.siasn.models import JabatanMapping, ReferenceMapping, UnorMapping
from pamong.siasn.outbox import JENIS_KURSUS_PAMONG

from .standin import SiasnStandIn


@pytest.fixture
def standin(settings, monkeypatch):
    service = SiasnStandIn(client_timeout=0.5)
    base = service.start()
    settings.PAMONG_SIASN = {
        "API_URL": f"{base}/api",
        "APIM_TOKEN_URL": f"{base}/oauth2/token",
        "APIM_KEY": "key",
        "APIM_SECRET": "secret",
        "SSO_TOKEN_URL": f"{base}/sso/token",
        "SSO_CLIENT_ID": "pamong",
        "SSO_USERNAME": "operator",
        "SSO_PASSWORD": "sandi",
        "INSTANSI_ID": "JAMBI-PROV",
        "TIMEOUT": service.client_timeout,
    }
    # the tests send explicitly (outbox_send_due), so they can put failures between the steps
    monkeypatch.setattr("pamong.siasn.receivers._send_soon", lambda: None)
    yield service
    service.stop()


@pytest.fixture
def client(standin, settings) -> SiasnClient:
    return SiasnClient(settings.PAMONG_SIASN)


@pytest.fixture
def mapped(world, standin):
    """Instansi A as SIASN knows it, agreeing with Pamong: two unor (the dinas, headed by kepala_a,
    and the bidang under it, headed by atasan_a, both Pamong's unit YANKES), one unor without a head
    (HR's), every position of A mapped, every ASN of A in SIASN with Pamong's values."""
    unit = world.staff_a.unit
    for unor, name in (
        ("UNOR-DINKES", "Dinas Kesehatan"),
        ("UNOR-YANKES", "Bidang Yankes"),
        ("UNOR-SDM", "Subbag SDM"),
    ):
        UnorMapping.objects.create(siasn_unor_id=unor, siasn_name=name, unit=unit)
    standin.unors = [
        {"Id": "UNOR-DINKES", "NamaUnor": "Dinas Kesehatan", "DiatasanId": "", "PemimpinPnsId": orang(world.kepala_a)},
        {"Id": "UNOR-YANKES", "NamaUnor": "Bidang Yankes", "DiatasanId": "UNOR-DINKES",
         "PemimpinPnsId": orang(world.atasan_a)},
        {"Id": "UNOR-SDM", "NamaUnor": "Subbag SDM", "DiatasanId": "UNOR-DINKES", "PemimpinPnsId": ""},
    ]  # fmt: skip
    unor_of = {world.kepala_a.pk: "UNOR-DINKES", world.hr_a.pk: "UNOR-SDM"}
    for asn in ASN.objects.filter(instansi=world.instansi_a).select_related("jabatan"):
        JabatanMapping.objects.get_or_create(
            siasn_jabatan_id=f"JAB-{asn.jabatan.code}", defaults={"jabatan": asn.jabatan}
        )
        standin.add_person(
            nip=asn.nip,
            orang_id=orang(asn),
            nama=asn.name,
            unorId=unor_of.get(asn.pk, "UNOR-YANKES"),
            jabatanFungsionalUmumId=f"JAB-{asn.jabatan.code}",
            jabatanNama=asn.jabatan.name,
            golRuangAkhir=asn.golongan,
        )
    ReferenceMapping.objects.create(
        kind="jenis_kursus", pamong_value=JENIS_KURSUS_PAMONG, siasn_id="KURSUS-DARING"
    )
    return world


def orang(asn) -> str:
    return f"orang-{asn.nip}"
