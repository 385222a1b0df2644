"""Signers of PDF documents: one interface, a local PAdES implementation and BSSN's BSrE.

:func:`signer_from_settings` returns the configured one (``settings.PAMONG_SIGNER["BACKEND"]``:
``""`` none, ``"local"``, ``"bsre"``):

* :class:`LocalPadesSigner` — PAdES (``ETSI.CAdES.detached``) with pyHanko, the key and certificate
  chain from a PKCS#12 file (``SIGNER_PKCS12_PATH`` / ``SIGNER_PKCS12_PASSPHRASE``); verification
  with pyHanko's validator against the chain's self-signed root in the same file.
* :class:`BsreSigner` — BSrE, the electronic-signature service of BSSN (Balai Sertifikasi
  Elektronik), over HTTP with basic auth (``BSRE_URL``, ``BSRE_USERNAME``, ``BSRE_PASSWORD``): ``POST
  /api/sign/pdf`` (multipart ``file``, ``nik``, ``passphrase``, ``tampilan=invisible``) answers the
  signed PDF; ``POST /api/seal/pdf`` (multipart ``file``, ``passphrase``) an instansi's seal;
  ``POST /api/sign/verify`` (multipart ``signed_file``) answers JSON with ``summary`` (``VALID``)
  and ``details[].info_signer.signer_name``. These follow the esign-client API that BSrE documents
  for its integrators; check them against the documentation issued with the account.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from typing import Protocol

import requests
from django.conf import settings
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign import fields, signers
from pyhanko.sign.validation import validate_pdf_signature
from pyhanko_certvalidator import ValidationContext


class SigningError(Exception):
    pass


@dataclass(frozen=True)
class SignatureCheck:
    valid: bool
    signer_name: str
    detail: str


class Signer(Protocol):
    name: str

    def sign(self, pdf: bytes, *, reason: str) -> bytes: ...

    def verify(self, pdf: bytes) -> SignatureCheck: ...


class LocalPadesSigner:
    name = "local"

    def __init__(self, *, pkcs12: bytes, passphrase: str):
        self._signer = signers.SimpleSigner.load_pkcs12_data(
            pkcs12, other_certs=None, passphrase=passphrase.encode() or None
        )
        if self._signer is None:
            raise SigningError("The PKCS#12 file could not be read.")
        # the trust anchor: the self-signed certificate of the file's chain (the CA)
        roots = [cert for cert in self._signer.cert_registry if cert.self_signed != "no"]
        self._root = roots[0] if roots else self._signer.signing_cert

    def sign(self, pdf: bytes, *, reason: str) -> bytes:
        writer = IncrementalPdfFileWriter(io.BytesIO(pdf))
        # a new field each time: a document may carry a signature and then a seal
        meta = signers.PdfSignatureMetadata(
            field_name=f"TandaTangan{len(writer.prev.embedded_signatures) + 1}",
            reason=reason,
            location="Jambi",
            subfilter=fields.SigSeedSubFilter.PADES,
        )
        out = signers.sign_pdf(writer, meta, signer=self._signer)
        return out.getvalue()

    def verify(self, pdf: bytes) -> SignatureCheck:
        reader = PdfFileReader(io.BytesIO(pdf))
        if not reader.embedded_signatures:
            return SignatureCheck(False, "", "no signature")
        context = ValidationContext(trust_roots=[self._root], allow_fetching=False)
        status = validate_pdf_signature(reader.embedded_signatures[-1], context)
        name = status.signing_cert.subject.native.get("common_name", "")
        valid = status.bottom_line and status.coverage.name == "ENTIRE_FILE"
        return SignatureCheck(bool(valid), name, status.summary())


class BsreSigner:
    name = "bsre"

    def __init__(self, *, url: str, username: str, password: str, nik: str, passphrase: str, timeout: float):
        self.url, self.auth, self.nik, self.passphrase, self.timeout = (
            url,
            (username, password),
            nik,
            passphrase,
            timeout,
        )

    def _post(self, path: str, *, files: dict, data: dict) -> requests.Response:
        try:
            response = requests.post(
                self.url + path, files=files, data=data, auth=self.auth, timeout=self.timeout
            )
        except requests.RequestException as exc:
            raise SigningError(f"BSrE {path}: {exc}") from exc
        if response.status_code != 200:
            try:
                message = response.json().get("error") or response.json().get("message")
            except ValueError:
                message = response.text[:200]
            raise SigningError(f"BSrE {path} answered {response.status_code}: {message}")
        return response

    def sign(self, pdf: bytes, *, reason: str) -> bytes:
        response = self._post(
            "/api/sign/pdf",
            files={"file": ("dokumen.pdf", pdf, "application/pdf")},
            data={"nik": self.nik, "passphrase": self.passphrase, "tampilan": "invisible", "reason": reason},
        )
        return response.content

    def seal(self, pdf: bytes) -> bytes:
        response = self._post(
            "/api/seal/pdf",
            files={"file": ("dokumen.pdf", pdf, "application/pdf")},
            data={"passphrase": self.passphrase},
        )
        return response.content

    def verify(self, pdf: bytes) -> SignatureCheck:
        body = self._post(
            "/api/sign/verify", files={"signed_file": ("dokumen.pdf", pdf, "application/pdf")}, data={}
        ).json()
        details = body.get("details") or [{}]
        name = ((details[-1] or {}).get("info_signer") or {}).get("signer_name", "")
        return SignatureCheck(
            str(body.get("summary", "")).upper() == "VALID",
            name,
            str(body.get("notes") or body.get("summary") or ""),
        )


def signer_from_settings() -> Signer | None:
    config = settings.PAMONG_SIGNER
    backend = config.get("BACKEND", "")
    if not backend:
        return None
    if backend == "local":
        with open(config["LOCAL_PKCS12"], "rb") as f:
            return LocalPadesSigner(pkcs12=f.read(), passphrase=config.get("LOCAL_PASSPHRASE", ""))
    if backend == "bsre":
        return BsreSigner(
            url=config["BSRE_URL"],
            username=config["BSRE_USERNAME"],
            password=config["BSRE_PASSWORD"],
            nik=config["BSRE_NIK"],
            passphrase=config["BSRE_PASSPHRASE"],
            timeout=config.get("TIMEOUT", 30),
        )
    raise SigningError(f"Unknown SIGNER_BACKEND {backend!r} (use local or bsre).")
