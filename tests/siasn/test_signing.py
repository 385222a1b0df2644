"""Signed certificates: local PAdES (pyHanko, a test CA made here with cryptography), the BSrE
adapter against a stand-in, and the verification pages."""

import datetime
import io
import json
import threading

import pytest
from asn1crypto import pem
from asn1crypto import x509 as asn1_x509
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.hazmat.primitives.serialization import pkcs12
from cryptography.x509.oid import NameOID
from django.test import Client
from django.urls import reverse
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign.validation import validate_pdf_signature
from pyhanko_certvalidator import ValidationContext
from werkzeug.serving import make_server
from werkzeug.wrappers import Request, Response

from learning import services as learning_services
from learning.certificates import certificate_pdf
from learning.models import Certificate
from pamong.signing.models import DocumentSignature
from pamong.signing.services import document_sign
from pamong.signing.signers import BsreSigner, LocalPadesSigner, SigningError, signer_from_settings
from performance import services as performance_services
from performance.models import FollowUpProposal, FollowUpRule
from tests.factories.learning import complete_lessons, lessons_of, make_course
from tests.factories.performance import PeriodFactory, PlanFactory, final_evaluation


def _name(cn: str) -> x509.Name:
    return x509.Name(
        [x509.NameAttribute(NameOID.COMMON_NAME, cn), x509.NameAttribute(NameOID.COUNTRY_NAME, "ID")]
    )


def _certificate(subject, issuer, key, signing_key, *, ca: bool) -> x509.Certificate:
    now = datetime.datetime.now(datetime.UTC)
    builder = (
        x509.CertificateBuilder()
        .subject_name(subject)
        .issuer_name(issuer)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - datetime.timedelta(days=1))
        .not_valid_after(now + datetime.timedelta(days=30))
        .add_extension(x509.BasicConstraints(ca=ca, path_length=None), critical=True)
        .add_extension(
            x509.KeyUsage(
                digital_signature=not ca, content_commitment=not ca, key_encipherment=False, data_encipherment=False,
                key_agreement=False, key_cert_sign=ca, crl_sign=ca, encipher_only=False, decipher_only=False,
            ),
            critical=True,
        )
    )  # fmt: skip
    return builder.sign(signing_key, hashes.SHA256())


@pytest.fixture(scope="module")
def test_ca():
    """A certificate authority and a signer certificate it issued, as a PKCS#12 file."""
    ca_key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    ca_cert = _certificate(_name("CA Uji Pamong"), _name("CA Uji Pamong"), ca_key, ca_key, ca=True)
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    cert = _certificate(_name("Kepala BKPSDM Uji"), ca_cert.subject, key, ca_key, ca=False)
    p12 = pkcs12.serialize_key_and_certificates(
        b"penanda", key, cert, [ca_cert], serialization.BestAvailableEncryption(b"rahasia")
    )
    return {"p12": p12, "ca_pem": ca_cert.public_bytes(serialization.Encoding.PEM)}


@pytest.fixture
def local_signer(test_ca, settings, tmp_path):
    path = tmp_path / "penanda.p12"
    path.write_bytes(test_ca["p12"])
    settings.PAMONG_SIGNER = {**settings.PAMONG_SIGNER, "BACKEND": "local", "LOCAL_PKCS12": str(path),
                              "LOCAL_PASSPHRASE": "rahasia"}  # fmt: skip
    return signer_from_settings()


@pytest.fixture
def certificate(world):
    course = make_course(modules=1, lessons=1, jp=3)
    learning_services.enrolment_self_create(user=world.staff_a.user, course=course)
    complete_lessons(world.staff_a.user, lessons_of(course))
    return Certificate.objects.get(enrolment__asn=world.staff_a)


def test_signed_certificate_validates_with_pyhanko_and_the_page_says_so(local_signer, test_ca, certificate):
    assert isinstance(local_signer, LocalPadesSigner)
    pdf = certificate_pdf(certificate)

    _type, _headers, der = pem.unarmor(test_ca["ca_pem"])
    context = ValidationContext(trust_roots=[asn1_x509.Certificate.load(der)], allow_fetching=False)
    (signature,) = PdfFileReader(io.BytesIO(pdf)).embedded_signatures
    status = validate_pdf_signature(signature, context)
    assert status.intact and status.valid and status.trusted and status.bottom_line
    assert status.coverage.name == "ENTIRE_FILE"
    assert signature.sig_object["/SubFilter"] == "/ETSI.CAdES.detached"  # PAdES

    record = DocumentSignature.objects.get(code=certificate.code)
    assert record.valid and record.backend == "local" and record.signer_name == "Kepala BKPSDM Uji"
    page = Client().get(reverse("learning:certificate_verify", args=[certificate.code])).content.decode()
    assert "Tanda tangan elektronik sah." in page and "Kepala BKPSDM Uji" in page


def test_a_tampered_pdf_does_not_validate(local_signer, certificate):
    pdf = certificate_pdf(certificate)
    tampered = pdf.replace(certificate.holder_name.encode(), b"X" * len(certificate.holder_name), 1)
    if tampered == pdf:  # the name is compressed inside a stream: change a byte of the signed range
        tampered = pdf[:200] + bytes([pdf[200] ^ 1]) + pdf[201:]
    check = local_signer.verify(tampered)
    assert check.valid is False


def test_unsigned_without_a_signer(world, certificate):
    pdf = certificate_pdf(certificate)
    assert b"/ByteRange" not in pdf
    assert not DocumentSignature.objects.exists()
    page = Client().get(reverse("learning:certificate_verify", args=[certificate.code])).content.decode()
    assert "belum ditandatangani secara elektronik" in page


class BsreStandIn:
    """BSrE's sign / seal / verify PDF endpoints, signing with the local test CA behind them."""

    def __init__(self, signer: LocalPadesSigner):
        self.signer, self.calls = signer, []
        self.server = make_server("127.0.0.1", 0, self.app, threaded=True)
        threading.Thread(  # a short poll: shutdown() waits for it (0.5 s by default)
            target=self.server.serve_forever, kwargs={"poll_interval": 0.02}, daemon=True
        ).start()
        self.url = f"http://127.0.0.1:{self.server.server_port}"

    @Request.application
    def app(self, request):
        self.calls.append(request.path)
        auth = request.authorization
        if not auth or (auth.username, auth.password) != ("esign", "sandi"):
            return Response(json.dumps({"error": "unauthorized"}), 401, content_type="application/json")
        if request.path in ("/api/sign/pdf", "/api/seal/pdf"):
            if request.form.get("passphrase") != "pass-bsre":
                return Response(
                    json.dumps({"error": "Passphrase anda salah"}), 400, content_type="application/json"
                )
            return Response(
                self.signer.sign(request.files["file"].read(), reason="BSrE"), content_type="application/pdf"
            )
        if request.path == "/api/sign/verify":
            check = self.signer.verify(request.files["signed_file"].read())
            body = {"summary": "VALID" if check.valid else "INVALID", "notes": check.detail,
                    "details": [{"info_signer": {"signer_name": check.signer_name}}]}  # fmt: skip
            return Response(json.dumps(body), content_type="application/json")
        return Response("", 404)


@pytest.fixture
def bsre(local_signer, settings):
    service = BsreStandIn(local_signer)
    settings.PAMONG_SIGNER = {**settings.PAMONG_SIGNER, "BACKEND": "bsre", "BSRE_URL": service.url,
                              "BSRE_USERNAME": "esign", "BSRE_PASSWORD": "sandi", "BSRE_NIK": "1571000000000001",
                              "BSRE_PASSPHRASE": "pass-bsre", "TIMEOUT": 5}  # fmt: skip
    yield service
    service.server.shutdown()


def test_bsre_adapter_signs_and_verifies_through_the_api(bsre, certificate):
    signer = signer_from_settings()
    assert isinstance(signer, BsreSigner)
    pdf = certificate_pdf(certificate)
    assert b"/ByteRange" in pdf
    assert bsre.calls == ["/api/sign/pdf", "/api/sign/verify"]
    record = DocumentSignature.objects.get(code=certificate.code)
    assert (record.backend, record.valid, record.signer_name) == ("bsre", True, "Kepala BKPSDM Uji")


def test_bsre_seal(bsre, certificate):
    signer = signer_from_settings()
    sealed = signer.seal(certificate_pdf(certificate))
    assert signer.verify(sealed).valid


def test_bsre_refusal_is_a_clear_error(bsre, settings):
    settings.PAMONG_SIGNER = {**settings.PAMONG_SIGNER, "BSRE_PASSPHRASE": "salah"}
    with pytest.raises(SigningError, match="Passphrase anda salah"):
        document_sign(pdf=b"%PDF-1.4", code="X", reason="uji")


def test_signed_piagam_and_its_verification_page(local_signer, world):
    plan = PlanFactory(asn=world.staff_a, period=PeriodFactory(year=2026))
    proposal = FollowUpProposal.objects.create(
        period=plan.period,
        asn=world.staff_a,
        rule=FollowUpRule.objects.filter(consequence="certificate").first(),
        evaluation=final_evaluation(plan, predikat="sangat_baik"),
        basis="Predikat sangat baik",
        status=FollowUpProposal.Status.APPROVED,
        certificate_code=performance_services.certificate_new_code(),
        decided_at=datetime.datetime(2026, 12, 31, tzinfo=datetime.UTC),
    )
    pdf = performance_services.certificate_pdf(proposal=proposal)
    assert local_signer.verify(pdf).valid
    page = Client().get(reverse("performance:verify_code", args=[proposal.certificate_code])).content.decode()
    assert "Tanda tangan elektronik sah." in page
