"""The SIASN client: BKN's national personnel system (Sistem Informasi ASN), over HTTP.

Off unless configured (``settings.PAMONG_SIASN``, from the ``SIASN_*`` environment variables; see
README, "SIASN"): :func:`siasn_enabled` says whether it is, :func:`siasn_client` builds a client.

**Tokens.** Every call carries two tokens, as all community clients do:

* ``Authorization: Bearer <apim>`` — an OAuth2 *client-credentials* token of BKN's API gateway
  (``POST https://apimws.bkn.go.id/oauth2/token``, HTTP basic auth with the consumer key and secret,
  ``grant_type=client_credentials``);
* ``Auth: bearer <sso>`` — a Keycloak token of the instansi's SIASN operator account (``POST
  …/auth/realms/public-siasn/protocol/openid-connect/token``, ``grant_type=password``,
  ``client_id``, ``username``, ``password``).

Both are kept in the Django cache (Redis in production), so every web and worker process shares
them, and are renewed :data:`TOKEN_MARGIN` seconds before ``expires_in`` runs out. A 401 answer
drops both and retries the call once with fresh tokens.

**Endpoints and field names** (relative to ``SIASN_API_URL``, e.g.
``https://apimws.bkn.go.id:8243/apisiasn/1.0``), as documented by the public community clients:

* ``GET /pns/data-utama/{nipBaru}`` → ``data``: ``id`` (pnsOrangId), ``nipBaru``, ``nama``,
  ``unorId``, ``jabatanStrukturalId`` / ``jabatanFungsionalId`` / ``jabatanFungsionalUmumId``,
  ``jabatanNama``, ``golRuangAkhirId``, ``golRuangAkhir``, ``kedudukanPnsNama``;
* ``GET /referensi/ref-unor`` → ``data``: ``Id``, ``NamaUnor``, ``DiatasanId``, ``PemimpinPnsId``;
* ``GET /pns/rw-kursus/{nipBaru}``, ``/pns/rw-diklat/{nipBaru}``, ``/pns/rw-skp22/{nipBaru}``,
  ``/pns/rw-kinerjaperiodik/{nipBaru}`` → ``data``: the riwayat rows with the fields of their save;
* ``POST /kursus/save``: ``instansiId``, ``institusiPenyelenggara``, ``jenisDiklatId``,
  ``jenisKursus``, ``jenisKursusSertipikat``, ``jumlahJam`` (integer), ``lokasiId``,
  ``namaKursus``, ``nomorSertipikat``, ``pnsOrangId``, ``tahunKursus`` (integer),
  ``tanggalKursus`` and ``tanggalSelesaiKursus`` (``dd-mm-yyyy``) → ``mapData.rwKursusId``;
* ``POST /diklat/save``: ``institusiPenyelenggara``, ``jumlahJam``, ``latihanStrukturalId``,
  ``nomor``, ``pnsOrangId``, ``tahun``, ``tanggal``, ``tanggalSelesai`` → ``mapData.rwDiklatId``;
* ``POST /skp22/save``: ``hasilKinerjaNilai`` and ``perilakuKerjaNilai`` (integers of the
  *perilakuDanKinerja* reference: 1 di atas, 2 sesuai, 3 di bawah ekspektasi),
  ``kuadranKinerjaNilai`` (integer of *kuadranNilai*: 1 Sangat Baik … 5 Sangat Kurang),
  ``penilaiGolongan`` (an id of *golonganPns*, e.g. ``34`` for III/d), ``penilaiJabatan``,
  ``penilaiNama``, ``penilaiNipNrp``, ``penilaiUnorNama``, ``pnsDinilaiOrang``, ``statusPenilai``
  (``ASN``/``NON ASN``), ``tahun`` (integer) → ``mapData.rwSkpId``;
* ``POST /kinerjaperiodik/save``: ``bulanMulaiPenilaian``, ``bulanSelesaiPenilaian``,
  ``hasilKinerjaNilai``, ``koefisienId``, ``kuadranKinerjaNilai``, ``penilaiGolongan``,
  ``penilaiJabatanNama``, ``penilaiNama``, ``penilaiNipNrp``, ``penilaiUnorNama``,
  ``perilakuKerjaNilai``, ``periodikId``, ``pnsDinilaiId``, ``statusPenilai``, ``tahun``,
  ``tahunMulaiPenilaian``, ``tahunSelesaiPenilaian`` → ``mapData.rwKinerjaPeriodikId``;
* ``POST /upload-dok-rw`` (multipart): ``file``, ``id_riwayat``, ``id_ref_dokumen`` (881 for a
  riwayat kursus, 891 for an SKP, 890 for kinerja periodik).

Sources: ``kanekescom/laravel-siasn-api`` (``config/siasn-api.php``: the two token URLs, grants and
lifetimes), ``kanekescom/laravel-siasn-simpeg-api`` (``src/Riwayat.php``, ``src/Pns.php``,
``src/Referensi.php``, ``src/Skp22.php``, ``src/Upload.php``: the paths),
``black-coffee04/ws-siasn-php`` (``README.md`` and ``examples/kursus.php``,
``examples/kinerja-periodik.php``: the save payloads; ``src/Services/DokumenService.php``: the
upload fields; ``src/Services/KursusService.php`` / ``SkpService.php``: the document reference ids;
``src/Data/Referensi/*.json.gz``: kuadranNilai, perilakuDanKinerja, golonganPns) and
``abedeha/siasn-client`` (``src/Url.php``: the data-utama and riwayat paths). BKN's own
specification is given to an instansi with its API client; check the fields against it when one
is issued.

**Errors.** :class:`SiasnUnavailable` (network error, timeout, 5xx, 429 — try again later, with
``retry_after`` when SIASN said so), :class:`SiasnRejected` (SIASN refused the data: its
``message`` and, when it names one, the ``field``), :class:`SiasnNotFound` (404).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

import requests
from django.conf import settings
from django.core.cache import cache

#: Seconds before a token's expiry at which it is renewed.
TOKEN_MARGIN = 60
APIM_CACHE_KEY = "siasn:token:apim"
SSO_CACHE_KEY = "siasn:token:sso"

#: ``/upload-dok-rw``'s ``id_ref_dokumen`` per riwayat kind (ws-siasn-php's services).
DOCUMENT_REFS = {"kursus": "881", "skp22": "891", "kinerjaperiodik": "890"}
#: The save endpoint and the key of the new riwayat's id in ``mapData``, per riwayat kind.
SAVE_ENDPOINTS = {
    "kursus": ("/kursus/save", "rwKursusId"),
    "diklat": ("/diklat/save", "rwDiklatId"),
    "skp22": ("/skp22/save", "rwSkpId"),
    "kinerjaperiodik": ("/kinerjaperiodik/save", "rwKinerjaPeriodikId"),
}
RIWAYAT_ENDPOINTS = {
    "kursus": "/pns/rw-kursus/{nip}",
    "diklat": "/pns/rw-diklat/{nip}",
    "skp22": "/pns/rw-skp22/{nip}",
    "kinerjaperiodik": "/pns/rw-kinerjaperiodik/{nip}",
}


class SiasnError(Exception):
    """Any failure talking to SIASN."""


class SiasnNotConfigured(SiasnError):
    pass


class SiasnUnavailable(SiasnError):
    """Worth retrying later: network error, timeout, 5xx, 429 or a token that cannot be had."""

    def __init__(self, message: str, *, status: int | None = None, retry_after: float | None = None):
        super().__init__(message)
        self.status = status
        self.retry_after = retry_after


class SiasnRejected(SiasnError):
    """SIASN refused the data (a validation answer): retrying the same payload will not help."""

    def __init__(self, message: str, *, field: str = "", status: int | None = None):
        super().__init__(message)
        self.message = message
        self.field = field
        self.status = status


class SiasnNotFound(SiasnError):
    pass


def siasn_enabled() -> bool:
    config = settings.PAMONG_SIASN
    return all(
        config.get(key)
        for key in ("API_URL", "APIM_KEY", "APIM_SECRET", "SSO_CLIENT_ID", "SSO_USERNAME", "SSO_PASSWORD")
    )


def siasn_client() -> SiasnClient:
    if not siasn_enabled():
        raise SiasnNotConfigured("SIASN is not configured (SIASN_* environment variables).")
    return SiasnClient(settings.PAMONG_SIASN)


@dataclass
class SiasnClient:
    config: dict

    # --- tokens ---------------------------------------------------------------------------------

    def _token(self, key: str, fetch) -> str:
        token = cache.get(key)
        if token:
            return token
        body = fetch()
        token = body.get("access_token")
        if not token:
            raise SiasnUnavailable("SIASN token answer without access_token.")
        lifetime = int(body.get("expires_in") or 300)
        cache.set(key, token, max(lifetime - TOKEN_MARGIN, 1))
        return token

    def _apim_token(self) -> str:
        return self._token(
            APIM_CACHE_KEY,
            lambda: self._token_request(
                self.config["APIM_TOKEN_URL"],
                data={"grant_type": "client_credentials"},
                auth=(self.config["APIM_KEY"], self.config["APIM_SECRET"]),
            ),
        )

    def _sso_token(self) -> str:
        return self._token(
            SSO_CACHE_KEY,
            lambda: self._token_request(
                self.config["SSO_TOKEN_URL"],
                data={
                    "grant_type": "password",
                    "client_id": self.config["SSO_CLIENT_ID"],
                    "username": self.config["SSO_USERNAME"],
                    "password": self.config["SSO_PASSWORD"],
                },
            ),
        )

    def _token_request(self, url: str, *, data: dict, auth=None) -> dict:
        try:
            response = requests.post(
                url,
                data=data,
                auth=auth,
                timeout=self.config["TIMEOUT"],
                headers={"Accept": "application/json"},
            )
        except requests.RequestException as exc:
            raise SiasnUnavailable(f"SIASN token request failed: {exc}") from exc
        if response.status_code != 200:
            raise SiasnUnavailable(
                f"SIASN token request answered {response.status_code}.", status=response.status_code
            )
        return _json(response)

    @staticmethod
    def tokens_forget() -> None:
        cache.delete_many([APIM_CACHE_KEY, SSO_CACHE_KEY])

    # --- one call -------------------------------------------------------------------------------

    def request(self, method: str, path: str, *, json: dict | None = None, files: dict | None = None,
                data: dict | None = None) -> dict:  # fmt: skip
        """One call with both tokens; a 401 renews them and tries once more."""
        for attempt in (1, 2):
            headers = {
                "Authorization": f"Bearer {self._apim_token()}",
                "Auth": f"bearer {self._sso_token()}",
                "Accept": "application/json",
            }
            try:
                response = requests.request(
                    method,
                    self.config["API_URL"] + path,
                    json=json,
                    files=files,
                    data=data,
                    headers=headers,
                    timeout=self.config["TIMEOUT"],
                )
            except requests.RequestException as exc:
                raise SiasnUnavailable(f"SIASN {method} {path}: {exc}") from exc
            if response.status_code == 401 and attempt == 1:
                self.tokens_forget()
                continue
            return _answer(response, method, path)
        raise SiasnUnavailable(f"SIASN {method} {path}: still 401 with fresh tokens.", status=401)

    # --- endpoints ------------------------------------------------------------------------------

    def data_utama(self, nip: str) -> dict:
        return self.request("GET", f"/pns/data-utama/{nip}").get("data") or {}

    def ref_unor(self) -> list[dict]:
        return list(self.request("GET", "/referensi/ref-unor").get("data") or [])

    def riwayat(self, kind: str, nip: str) -> list[dict]:
        try:
            return list(self.request("GET", RIWAYAT_ENDPOINTS[kind].format(nip=nip)).get("data") or [])
        except SiasnNotFound:
            return []

    def save(self, kind: str, payload: dict) -> str:
        """Save one riwayat; the new riwayat's id."""
        path, id_key = SAVE_ENDPOINTS[kind]
        body = self.request("POST", path, json=payload)
        riwayat_id = (body.get("mapData") or {}).get(id_key)
        if not riwayat_id:
            raise SiasnRejected(str(body.get("message") or "SIASN answered without a riwayat id."))
        return str(riwayat_id)

    def upload_dok_rw(self, *, riwayat_id: str, kind: str, filename: str, content: bytes) -> dict:
        return self.request(
            "POST",
            "/upload-dok-rw",
            files={"file": (filename, content, "application/pdf")},
            data={"id_riwayat": riwayat_id, "id_ref_dokumen": DOCUMENT_REFS[kind]},
        )


_FIELD_IN_MESSAGE = re.compile(r"\b([a-z]+[A-Z][A-Za-z]*)\b")


def _json(response) -> dict:
    try:
        body = response.json()
    except ValueError:
        return {}
    return body if isinstance(body, dict) else {"data": body}


def _answer(response, method: str, path: str) -> dict[str, Any]:
    status = response.status_code
    if status == 429 or status >= 500:
        retry_after = response.headers.get("Retry-After")
        raise SiasnUnavailable(
            f"SIASN {method} {path} answered {status}.",
            status=status,
            retry_after=float(retry_after) if retry_after and retry_after.isdigit() else None,
        )
    if status == 404:
        raise SiasnNotFound(f"SIASN {method} {path}: not found.")
    body = _json(response)
    if status >= 400 or body.get("success") is False:
        message = str(body.get("message") or body.get("error") or f"HTTP {status}")
        field = str(body.get("field") or "")
        if not field:
            found = _FIELD_IN_MESSAGE.search(message)
            field = found.group(1) if found else ""
        raise SiasnRejected(message, field=field, status=status)
    return body
