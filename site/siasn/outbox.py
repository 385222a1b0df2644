"""Records out: the SIASN outbox, and the worker that sends it exactly once.

**Writing.** :func:`outbox_record_course` (a completed course → a riwayat kursus),
:func:`outbox_record_outside` (learning outside Pamong verified by HR → a riwayat kursus, with its
proof when that is a PDF) and :func:`outbox_record_result` (a final yearly result → an skp22
record) and :func:`outbox_record_periodic_assessment` (a periodic assessment, final when given → a
kinerja periodik record) write one :class:`~pamong.siasn.models.SiasnOutbox` row with a unique
idempotency key; they run inside the transaction of their event when there is one (performance's
``result_finalised`` and ``periodic_assessment_finalised``, learning's ``outside_verified``) and are
safe to call twice. Learning announces completions after its commit, so :func:`outbox_backfill`
(nightly) records any completion, verified outside learning, final result or periodic assessment
of the last days that has no row yet: none is lost if a process dies between the two.

**Sending** (:func:`outbox_send_due`, run by the worker):

1. *Claim*: one short transaction takes the due rows with ``SELECT … FOR UPDATE SKIP LOCKED``
   (two workers never take the same row), marks each ``sending`` with a fresh ``attempt_id`` and a
   lease, and commits before any network call.
2. *Send*: for a row that was tried before (``attempts > 1``: the previous attempt may have reached
   SIASN and died before it could record the answer), first look for the record in SIASN's
   riwayat (:func:`_find_in_siasn`); only when it is not there is it saved. Then the certificate PDF
   is uploaded (``/upload-dok-rw``). Each step is recorded with an ``UPDATE … WHERE attempt_id =
   mine``, so a late, superseded attempt writes nothing.
3. *Outcome*: ``sent``; or ``rejected`` with SIASN's message and field (HR sees it and can send
   again after correcting the data or a mapping); or back to ``pending`` with exponential backoff
   (network error, timeout, 5xx, 429 — ``Retry-After`` when given; a 401 has already been retried
   with fresh tokens by the client). A worker killed mid-send leaves the row ``sending``; when its
   lease runs out the next run takes it and reconciles first.

One module, a little longer than most: writing a record and sending it exactly once share the state
machine of :class:`~pamong.siasn.models.SiasnOutbox`, which reads best in one place.
"""

from __future__ import annotations

import datetime
import uuid
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import CharField, Exists, OuterRef, Q, QuerySet, Value
from django.db.models.functions import Cast, Concat
from django.utils import timezone
from django.utils.translation import gettext as _

from learning.certificates import certificate_pdf
from learning.models import Certificate, Enrolment, OutsideRecord
from pamong.people.models import ASN
from performance.models import Evaluation, PeriodicAssessment
from performance.selectors import CheckInWindow

from .client import SiasnClient, SiasnNotFound, SiasnRejected, SiasnUnavailable, siasn_client, siasn_enabled
from .models import ReferenceMapping, SiasnIdentity, SiasnOutbox
from .references import DATE_FORMAT, GOLONGAN_PNS_ID

#: The default lease (``PAMONG_SIASN_LEASE_SECONDS`` in the settings; :func:`lease`).
LEASE = datetime.timedelta(minutes=10)
BACKOFF_BASE = datetime.timedelta(minutes=1)
BACKOFF_MAX = datetime.timedelta(hours=6)
#: The kind of learning Pamong's own courses are, for the ``jenis_kursus`` mapping.
JENIS_KURSUS_PAMONG = "pelatihan_daring"
#: ... and learning outside Pamong verified by HR.
JENIS_KURSUS_OUTSIDE = "pelatihan_luar"


# --- writing ---------------------------------------------------------------------------------------


def _record(
    *, key: str, kind: str, asn: ASN, summary: str, payload: dict, document_code: str = ""
) -> SiasnOutbox:
    row, _created = SiasnOutbox.objects.get_or_create(
        key=key,
        defaults={
            "kind": kind,
            "asn": asn,
            "instansi_id": asn.instansi_id,
            "summary": summary[:255],
            "payload": payload,
            "document_code": document_code,
            "next_attempt_at": timezone.now(),
        },
    )
    return row


COURSE_KEY_PREFIX = "kursus:enrolment:"
OUTSIDE_KEY_PREFIX = "kursus:outside:"
RESULT_KEY_PREFIX = "skp22:evaluation:"
PERIODIC_KEY_PREFIX = "kinerjaperiodik:assessment:"


def course_key(enrolment_id: int) -> str:
    return f"{COURSE_KEY_PREFIX}{enrolment_id}"


def outside_key(record_id: int) -> str:
    return f"{OUTSIDE_KEY_PREFIX}{record_id}"


def result_key(evaluation_id: int) -> str:
    return f"{RESULT_KEY_PREFIX}{evaluation_id}"


def periodic_key(assessment_id: int) -> str:
    return f"{PERIODIC_KEY_PREFIX}{assessment_id}"


def outbox_record_course(*, enrolment: Enrolment) -> SiasnOutbox | None:
    """A completed course → a riwayat kursus (hours = JP, certificate number, organiser, dates)."""
    certificate = Certificate.objects.filter(enrolment=enrolment).first()
    if enrolment.completed_at is None or certificate is None:
        return None
    course = enrolment.course
    payload = {
        "namaKursus": certificate.course_title,
        "institusiPenyelenggara": certificate.issuer,
        "jumlahJam": certificate.jp,
        "nomorSertipikat": certificate.code,
        "tahunKursus": certificate.completed_at.year,
        "tanggalKursus": timezone.localtime(enrolment.enrolled_at).strftime(DATE_FORMAT),
        "tanggalSelesaiKursus": timezone.localtime(certificate.completed_at).strftime(DATE_FORMAT),
        "jenisKursus": JENIS_KURSUS_PAMONG,
    }
    return _record(
        key=course_key(enrolment.pk),
        kind=SiasnOutbox.Kind.KURSUS,
        asn=enrolment.asn,
        summary=_("Kursus: %(course)s (%(jp)s JP)") % {"course": course.title, "jp": certificate.jp},
        payload=payload,
        document_code=certificate.code,
    )


def outbox_record_outside_learning(
    *,
    asn: ASN,
    key: str,
    title: str,
    organiser: str,
    jp: int,
    certificate_number: str,
    started_on: datetime.date,
    finished_on: datetime.date,
) -> SiasnOutbox:
    """Verified learning outside Pamong → a riwayat kursus (:func:`outbox_record_outside` calls it
    for an :class:`~learning.models.OutsideRecord`, ``key`` = ``kursus:outside:<id>``)."""
    payload = {
        "namaKursus": title,
        "institusiPenyelenggara": organiser,
        "jumlahJam": jp,
        "nomorSertipikat": certificate_number,
        "tahunKursus": finished_on.year,
        "tanggalKursus": started_on.strftime(DATE_FORMAT),
        "tanggalSelesaiKursus": finished_on.strftime(DATE_FORMAT),
        "jenisKursus": JENIS_KURSUS_OUTSIDE,
    }
    return _record(
        key=key,
        kind=SiasnOutbox.Kind.KURSUS,
        asn=asn,
        summary=_("Kursus: %(course)s (%(jp)s JP)") % {"course": title, "jp": jp},
        payload=payload,
    )


def outside_certificate_number(record: OutsideRecord) -> str:
    """``nomorSertipikat`` of verified outside learning: Pamong does not ask for the organiser's
    certificate number, so its own reference of the record (unique, and the natural key by which
    the exactly-once check and the reconciliation find it in SIASN's riwayat)."""
    return f"PAMONG-LUAR-{record.pk}"


def outbox_record_outside(*, record: OutsideRecord) -> SiasnOutbox | None:
    """Learning outside Pamong verified by HR → a riwayat kursus (hours = JP, organiser, dates);
    its proof is uploaded with it when it is a PDF (an image of a certificate is not)."""
    if record.status != OutsideRecord.Status.VERIFIED:
        return None
    return outbox_record_outside_learning(
        asn=record.asn,
        key=outside_key(record.pk),
        title=record.title,
        organiser=record.provider,
        jp=record.jp,
        certificate_number=outside_certificate_number(record),
        started_on=record.started_on,
        finished_on=record.ended_on,
    )


def _outside_proof(row: SiasnOutbox) -> tuple[str, bytes] | None:
    """The PDF proof of the outside learning of ``row``, if it has one."""
    record = OutsideRecord.objects.filter(pk=int(row.key.removeprefix(OUTSIDE_KEY_PREFIX))).first()
    if record is None or not record.proof or record.proof_type != "application/pdf":
        return None
    with record.proof.open("rb") as proof:
        return f"bukti-{outside_certificate_number(record)}.pdf", proof.read()


def _document(row: SiasnOutbox) -> tuple[str, bytes] | None:
    """The file uploaded with ``row``'s riwayat (``/upload-dok-rw``): a Pamong certificate, the
    PDF proof of outside learning, or none."""
    if row.key.startswith(OUTSIDE_KEY_PREFIX):
        return _outside_proof(row)
    if row.document_code:
        certificate = Certificate.objects.get(code=row.document_code)
        return f"sertifikat-{certificate.code}.pdf", certificate_pdf(certificate)
    return None


def outbox_record_result(*, evaluation: Evaluation) -> SiasnOutbox | None:
    """A final yearly result → an skp22 record (hasil kerja, perilaku kerja, kuadran, penilai)."""
    if not evaluation.is_final:
        return None
    plan = evaluation.plan
    payload = {
        "tahun": plan.period.year,
        "hasilKerja": evaluation.hasil_kerja,
        "perilakuKerja": evaluation.perilaku_kerja,
        "predikat": evaluation.predikat,
        **_penilai_fields(plan.atasan),
    }
    return _record(
        key=result_key(evaluation.pk),
        kind=SiasnOutbox.Kind.SKP22,
        asn=plan.asn,
        summary=_("SKP %(year)s: %(predikat)s")
        % {"year": plan.period.year, "predikat": evaluation.get_predikat_display()},
        payload=payload,
    )


def _penilai_fields(penilai: ASN | None) -> dict:
    """The penilai fields of an skp22 or kinerja periodik record (the golongan still Pamong's:
    :func:`siasn_payload` turns it into SIASN's id)."""
    return {
        "penilaiNama": penilai.name if penilai else "",
        "penilaiNipNrp": penilai.nip if penilai else "",
        "penilaiGolongan": penilai.golongan if penilai else "",
        "penilaiJabatan": penilai.jabatan.name if penilai else "",
        "penilaiUnorNama": penilai.unit.name if penilai else "",
        "statusPenilai": "ASN",
    }


#: The ``periodik`` reference value of a check-in window, by its number of months (others have no
#: SIASN periodicity: their records are rejected until HR maps one).
PERIODIK_BY_MONTHS = {1: "bulanan", 3: "triwulan"}


def outbox_record_periodic(*, asn: ASN, key: str, payload: dict, summary: str) -> SiasnOutbox:
    """A periodic result → a kinerja periodik record. ``payload`` carries ``tahun``,
    ``tahunMulaiPenilaian``, ``bulanMulaiPenilaian``, ``tahunSelesaiPenilaian``,
    ``bulanSelesaiPenilaian``, Pamong's ``periodik``, ``koefisien`` and ``jenisJabatan`` (turned into
    ``periodikId`` and ``koefisienId`` when sent), ``hasilKerja``, ``perilakuKerja``, ``predikat``
    and the penilai fields of :func:`outbox_record_result`."""
    return _record(key=key, kind=SiasnOutbox.Kind.KINERJA_PERIODIK, asn=asn, summary=summary, payload=payload)


def outbox_record_periodic_assessment(*, assessment: PeriodicAssessment) -> SiasnOutbox:
    """A periodic assessment (final when given) → a kinerja periodik record: the months of its
    check-in window, the ratings and predikat, the penilai who gave it."""
    plan = assessment.plan
    asn = plan.asn
    months = CheckInWindow(
        assessment.year_start, assessment.month_start, assessment.year_end, assessment.month_end
    ).months
    payload = {
        "tahun": plan.period.year,
        "tahunMulaiPenilaian": assessment.year_start,
        "bulanMulaiPenilaian": assessment.month_start,
        "tahunSelesaiPenilaian": assessment.year_end,
        "bulanSelesaiPenilaian": assessment.month_end,
        "periodik": PERIODIK_BY_MONTHS.get(months, f"{months}_bulan"),
        "koefisien": asn.jabatan.code,
        "jenisJabatan": asn.jabatan.kind,
        "hasilKerja": assessment.hasil_kerja,
        "perilakuKerja": assessment.perilaku_kerja,
        "predikat": assessment.predikat,
        **_penilai_fields(assessment.assessed_by or plan.atasan),
    }
    return outbox_record_periodic(
        asn=asn,
        key=periodic_key(assessment.pk),
        payload=payload,
        summary=_("Kinerja periodik %(checkin)s %(year)s: %(predikat)s")
        % {
            "checkin": assessment.checkin.label,
            "year": plan.period.year,
            "predikat": assessment.get_predikat_display(),
        },
    )


def outbox_backfill(*, since: datetime.datetime) -> int:
    """Record every completion, final result and periodic assessment since ``since`` that has no
    outbox row yet."""
    if not siasn_enabled():
        return 0
    sources = (
        (
            unqueued_completions().filter(completed_at__gte=since).select_related("asn", "course"),
            lambda enrolment: outbox_record_course(enrolment=enrolment),
        ),
        (
            unqueued_outside().filter(decided_at__gte=since).select_related("asn"),
            lambda record: outbox_record_outside(record=record),
        ),
        (
            unqueued_results()
            .filter(finalised_at__gte=since)
            .select_related("plan__asn", "plan__period", "plan__atasan__jabatan", "plan__atasan__unit"),
            lambda evaluation: outbox_record_result(evaluation=evaluation),
        ),
        (
            unqueued_periodic().filter(finalised_at__gte=since).select_related(*PERIODIC_RELATED),
            lambda assessment: outbox_record_periodic_assessment(assessment=assessment),
        ),
    )
    created = 0
    for records, record in sources:
        for item in records:
            with transaction.atomic():
                created += record(item) is not None
    return created


def unqueued_completions() -> QuerySet[Enrolment]:
    """Completed enrolments with a certificate and no outbox row (reconciliation, backfill)."""
    return Enrolment.objects.filter(completed_at__isnull=False, certificate__isnull=False).exclude(
        _queued(COURSE_KEY_PREFIX)
    )


def unqueued_outside() -> QuerySet[OutsideRecord]:
    """Verified outside learning with no outbox row."""
    return OutsideRecord.objects.filter(status=OutsideRecord.Status.VERIFIED).exclude(
        _queued(OUTSIDE_KEY_PREFIX)
    )


def unqueued_results() -> QuerySet[Evaluation]:
    """Final results with no outbox row."""
    return Evaluation.objects.filter(status=Evaluation.Status.FINAL).exclude(_queued(RESULT_KEY_PREFIX))


#: What :func:`outbox_record_periodic_assessment` reads of an assessment, in one query.
PERIODIC_RELATED = (
    "plan__asn__jabatan",
    "plan__period",
    "checkin",
    "assessed_by__jabatan",
    "assessed_by__unit",
    "plan__atasan__jabatan",
    "plan__atasan__unit",
)


def unqueued_periodic() -> QuerySet[PeriodicAssessment]:
    """Periodic assessments (final when given) with no outbox row."""
    return PeriodicAssessment.objects.exclude(_queued(PERIODIC_KEY_PREFIX))


def _queued(prefix: str) -> Exists:
    return Exists(SiasnOutbox.objects.filter(key=Concat(Value(prefix), Cast(OuterRef("pk"), CharField()))))


def outbox_resend(*, row: SiasnOutbox, actor) -> SiasnOutbox:
    """HR sends a rejected record again (after correcting the data or a mapping)."""
    updated = SiasnOutbox.objects.filter(pk=row.pk, status=SiasnOutbox.Status.REJECTED).update(
        status=SiasnOutbox.Status.PENDING, next_attempt_at=timezone.now(), last_error="", error_field=""
    )
    if not updated:
        raise ValidationError(_("Catatan ini tidak dalam status ditolak; tidak ada yang dikirim ulang."))
    row.refresh_from_db()
    return row


# --- sending ---------------------------------------------------------------------------------------


@dataclass
class SendCounts:
    sent: int = 0
    reconciled: int = 0
    rejected: int = 0
    retry: int = 0

    def as_dict(self) -> dict:
        return dict(self.__dict__)


def outbox_send_due(
    *, now: datetime.datetime | None = None, limit: int = 50, client: SiasnClient | None = None
) -> SendCounts:
    """Send the due rows (see the module docstring)."""
    counts = SendCounts()
    if client is None:
        if not siasn_enabled():
            return counts
        client = siasn_client()
    now = now or timezone.now()
    for pk, attempt_id in _claim(now=now, limit=limit):
        _send_one(pk=pk, attempt_id=attempt_id, client=client, now=now, counts=counts)
    return counts


def lease() -> datetime.timedelta:
    """How long a claimed row belongs to its attempt; after that another run may take it over
    (``settings.PAMONG_SIASN_LEASE_SECONDS``, from ``SIASN_LEASE_SECONDS``, 10 minutes by default)."""
    return datetime.timedelta(seconds=settings.PAMONG_SIASN_LEASE_SECONDS)


def _claim(*, now: datetime.datetime, limit: int) -> list[tuple[int, str]]:
    claimed = []
    with transaction.atomic():
        due = (
            SiasnOutbox.objects.select_for_update(skip_locked=True)
            .filter(
                Q(status=SiasnOutbox.Status.PENDING, next_attempt_at__lte=now)
                | Q(status=SiasnOutbox.Status.SENDING, lease_until__lte=now)
            )
            .order_by("next_attempt_at", "pk")[:limit]
        )
        for row in due:
            attempt_id = str(uuid.uuid4())
            SiasnOutbox.objects.filter(pk=row.pk).update(
                status=SiasnOutbox.Status.SENDING,
                attempt_id=attempt_id,
                attempts=row.attempts + 1,
                lease_until=now + lease(),
            )
            claimed.append((row.pk, attempt_id))
    return claimed


def _mine(pk: int, attempt_id: str):
    return SiasnOutbox.objects.filter(pk=pk, attempt_id=attempt_id, status=SiasnOutbox.Status.SENDING)


def _send_one(*, pk: int, attempt_id: str, client: SiasnClient, now, counts: SendCounts) -> None:
    row = SiasnOutbox.objects.select_related("asn").get(pk=pk)
    try:
        if not row.riwayat_id:
            payload = siasn_payload(row=row, client=client)
            found = _find_in_siasn(row=row, payload=payload, client=client) if row.attempts > 1 else None
            riwayat_id = found or client.save(row.kind, payload)
            if found:
                counts.reconciled += 1
            if not _mine(pk, attempt_id).update(riwayat_id=riwayat_id):
                return  # superseded by a later attempt
            row.riwayat_id = riwayat_id
        document = None if row.document_uploaded else _document(row)
        if document is not None:
            filename, content = document
            client.upload_dok_rw(riwayat_id=row.riwayat_id, kind=row.kind, filename=filename, content=content)
            _mine(pk, attempt_id).update(document_uploaded=True)
        if _mine(pk, attempt_id).update(
            status=SiasnOutbox.Status.SENT,
            sent_at=timezone.now(),
            lease_until=None,
            last_error="",
            error_field="",
        ):
            counts.sent += 1
    except SiasnRejected as exc:
        _mine(pk, attempt_id).update(
            status=SiasnOutbox.Status.REJECTED,
            last_error=exc.message[:2000],
            error_field=exc.field[:60],
            lease_until=None,
        )
        counts.rejected += 1
    except SiasnUnavailable as exc:
        wait = _backoff(attempts=row.attempts, retry_after=exc.retry_after)
        _mine(pk, attempt_id).update(
            status=SiasnOutbox.Status.PENDING,
            next_attempt_at=now + wait,
            last_error=str(exc)[:2000],
            lease_until=None,
        )
        counts.retry += 1


def _backoff(*, attempts: int, retry_after: float | None) -> datetime.timedelta:
    if retry_after is not None:
        return datetime.timedelta(seconds=retry_after)
    return min(BACKOFF_BASE * (2 ** max(attempts - 1, 0)), BACKOFF_MAX)


def pns_orang_id(*, asn: ASN, client: SiasnClient) -> str:
    """SIASN's id of ``asn``: stored, or read once from data-utama."""
    known = SiasnIdentity.objects.filter(asn=asn).values_list("pns_orang_id", flat=True).first()
    if known:
        return known
    try:
        data = client.data_utama(asn.nip)
    except SiasnNotFound:
        raise SiasnRejected(
            _("NIP %(nip)s tidak ditemukan di SIASN.") % {"nip": asn.nip}, field="nipBaru"
        ) from None
    orang_id = str(data.get("id") or "")
    if not orang_id:
        raise SiasnRejected(
            _("SIASN tidak memberikan id orang untuk NIP %(nip)s.") % {"nip": asn.nip}, field="id"
        )
    SiasnIdentity.objects.update_or_create(asn=asn, defaults={"pns_orang_id": orang_id})
    return orang_id


def _reference(kind: str, value: str, field: str, *, fallback: str = "") -> str:
    """SIASN's id for Pamong's ``value`` (or, when that has no row, for ``fallback``)."""
    values = [value, fallback] if fallback else [value]
    rows = dict(
        ReferenceMapping.objects.filter(kind=kind, pamong_value__in=values).values_list(
            "pamong_value", "siasn_id"
        )
    )
    found = next((rows[v] for v in values if rows.get(v)), "")
    if not found:
        raise SiasnRejected(
            _("Belum ada pemetaan %(kind)s untuk nilai “%(value)s” (admin: SIASN → pemetaan referensi).")
            % {"kind": ReferenceMapping.Kind(kind).label, "value": value},
            field=field,
        )
    return found


def siasn_payload(*, row: SiasnOutbox, client: SiasnClient) -> dict:
    """The body of the save call: Pamong's values of ``row.payload`` turned into SIASN's codes."""
    data = dict(row.payload)
    orang_id = pns_orang_id(asn=row.asn, client=client)
    if row.kind == SiasnOutbox.Kind.KURSUS:
        data["jenisKursusId"] = _reference(
            ReferenceMapping.Kind.JENIS_KURSUS, data.pop("jenisKursus"), "jenisKursusId"
        )
        data.update(
            pnsOrangId=orang_id,
            instansiId=client.config.get("INSTANSI_ID", ""),
            jenisKursus="",
            jenisKursusSertipikat="",
            lokasiId="",
            jenisDiklatId="",
        )
        return data
    hasil, perilaku, predikat = data.pop("hasilKerja"), data.pop("perilakuKerja"), data.pop("predikat")
    data.update(
        hasilKinerjaNilai=int(_reference(ReferenceMapping.Kind.NILAI, hasil, "hasilKinerjaNilai")),
        perilakuKerjaNilai=int(_reference(ReferenceMapping.Kind.NILAI, perilaku, "perilakuKerjaNilai")),
        kuadranKinerjaNilai=int(_reference(ReferenceMapping.Kind.KUADRAN, predikat, "kuadranKinerjaNilai")),
        penilaiGolongan=GOLONGAN_PNS_ID.get(data.get("penilaiGolongan", ""), ""),
    )
    if row.kind == SiasnOutbox.Kind.SKP22:
        data["pnsDinilaiOrang"] = orang_id
    else:
        data["pnsDinilaiId"] = orang_id
        data["penilaiJabatanNama"] = data.pop("penilaiJabatan", "")
        data["periodikId"] = _reference(ReferenceMapping.Kind.PERIODIK, data.pop("periodik"), "periodikId")
        jabatan, jenis = data.pop("koefisien"), data.pop("jenisJabatan", "")
        data["koefisienId"] = _reference(
            ReferenceMapping.Kind.KOEFISIEN, jabatan, "koefisienId", fallback=f"jenis:{jenis}"
        )
    return data


def _find_in_siasn(*, row: SiasnOutbox, payload: dict, client: SiasnClient) -> str | None:
    """The id of the record in SIASN's riwayat that ``payload`` would create, if it is there."""
    for item in client.riwayat(row.kind, row.asn.nip):
        if riwayat_matches(kind=row.kind, item=item, payload=payload):
            return str(item.get("id") or "") or None
    return None


def riwayat_matches(*, kind: str, item: dict, payload: dict) -> bool:
    """Whether a riwayat row of SIASN is the record of ``payload`` (its natural key: the certificate
    number of a kursus, the year of an SKP, year and months of a kinerja periodik)."""
    if kind == SiasnOutbox.Kind.KURSUS:
        return str(item.get("nomorSertipikat") or "") == str(payload.get("nomorSertipikat"))
    if kind == SiasnOutbox.Kind.SKP22:
        return str(item.get("tahun") or "") == str(payload.get("tahun"))
    return all(
        str(item.get(k) or "") == str(payload.get(k))
        for k in ("tahun", "bulanMulaiPenilaian", "bulanSelesaiPenilaian")
    )
