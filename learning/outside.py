"""Writes of learning done outside Pamong: an ASN records it with proof, HR of their instansi
verifies or rejects it with a reason, HR imports many at once from CSV.

Only a verified record counts: verifying creates its :class:`~learning.models.JpCredit` (one per
record, a one-to-one row), which the JP ledger and the 20 JP meter read. Every step leaves an
:class:`~learning.models.OutsideRecordEvent` (who, when, what, why). A decision is one conditional
``UPDATE … WHERE status = 'pending'``: of two HR users deciding at once, one wins and the other is
told the record was just decided.

CSV import (HR): header ``nip,penyelenggara,judul,tanggal_mulai,tanggal_selesai,jp`` (any order,
case-insensitive; UTF-8, comma or semicolon, read by :mod:`pamong.csvfile`). Every row is checked
first and reported as ``line N, column C: reason``; then all rows are written in one transaction,
already verified by the importing HR (they vouch for the file) — or none at all.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from pamong.csvfile import CsvError, CsvFile
from pamong.notifications.services import notification_send
from pamong.people.access import can_manage_instansi, scope_for, visible_asn
from pamong.uploads import IMAGES, PDF, upload_check

from .events import outside_verified
from .models import JpCredit, OutsideRecord, OutsideRecordEvent
from .services import LearningError

#: Proof of outside learning: a PDF or an image of the certificate, at most this many bytes
#: (``LEARNING_OUTSIDE_PROOF_MAX_BYTES`` overrides).
PROOF_MAX_BYTES = 5 * 1024 * 1024
PROOF_TYPES = {**PDF, **IMAGES}
COLUMNS = ("nip", "penyelenggara", "judul", "tanggal_mulai", "tanggal_selesai", "jp")
MAX_JP = 200

Status = OutsideRecord.Status
Action = OutsideRecordEvent.Action


def _fields_check(
    *, provider: str, title: str, started_on, ended_on, jp, today: datetime.date
) -> dict[str, str]:
    """Problems with the fields of a record, by field name (empty: all good)."""
    errors: dict[str, str] = {}
    if not provider:
        errors["provider"] = _("Isi nama penyelenggara.")
    if not title:
        errors["title"] = _("Isi nama pelatihan.")
    if started_on is None:
        errors["started_on"] = _("Isi tanggal mulai (TTTT-BB-HH).")
    if ended_on is None:
        errors["ended_on"] = _("Isi tanggal selesai (TTTT-BB-HH).")
    elif ended_on > today:
        errors["ended_on"] = _("Tanggal selesai tidak boleh di masa depan.")
    elif started_on is not None and ended_on < started_on:
        errors["ended_on"] = _("Tanggal selesai sebelum tanggal mulai.")
    if not isinstance(jp, int) or not 1 <= jp <= MAX_JP:
        errors["jp"] = _("JP harus bilangan bulat 1–%(max)s.") % {"max": MAX_JP}
    return errors


def _duplicate_of(*, asn_id: int, title: str, started_on, ended_on) -> OutsideRecord | None:
    """A record of the same training already pending or verified (a double submission)."""
    return (
        OutsideRecord.objects.filter(
            asn_id=asn_id,
            title__iexact=title,
            started_on=started_on,
            ended_on=ended_on,
            status__in=(Status.PENDING, Status.VERIFIED),
        )
        .only("pk", "status")
        .first()
    )


def outside_record_create(
    *,
    user,
    provider: str,
    title: str,
    started_on: datetime.date | None,
    ended_on: datetime.date | None,
    jp: int | None,
    proof=None,
    origin: str = OutsideRecord.Origin.ASN,
    now: datetime.datetime | None = None,
) -> OutsideRecord:
    """An ASN records learning done elsewhere, with its certificate (PDF, JPG or PNG, checked by
    content); it waits for HR's verification. An activity of a development plan reported done
    (``origin="activity"``) may come without a certificate. Raises ``ValidationError`` (by field)."""
    now = now or timezone.now()
    asn_id = scope_for(user).asn_id
    if asn_id is None:
        raise LearningError(_("Hanya ASN yang dapat mencatat pembelajaran."))
    provider, title = (provider or "").strip()[:200], (title or "").strip()[:255]
    errors = _fields_check(
        provider=provider,
        title=title,
        started_on=started_on,
        ended_on=ended_on,
        jp=jp,
        today=timezone.localdate(now),
    )
    content_type = ""
    if proof is None:
        if origin != OutsideRecord.Origin.ACTIVITY:
            errors["proof"] = _("Unggah sertifikat (PDF, JPG atau PNG).")
    else:
        try:
            content_type = upload_check(
                upload=proof,
                types=PROOF_TYPES,
                max_bytes=getattr(settings, "LEARNING_OUTSIDE_PROOF_MAX_BYTES", PROOF_MAX_BYTES),
            )
        except ValidationError as error:
            errors["proof"] = error.messages[0]
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        duplicate = _duplicate_of(asn_id=asn_id, title=title, started_on=started_on, ended_on=ended_on)
        if duplicate is not None:
            raise LearningError(
                _("Pelatihan “%(title)s” dengan tanggal yang sama sudah tercatat (%(status)s).")
                % {"title": title, "status": duplicate.get_status_display()}
            )
        record = OutsideRecord(
            asn_id=asn_id,
            provider=provider,
            title=title,
            started_on=started_on,
            ended_on=ended_on,
            jp=jp,
            origin=origin,
            created_by=user,
            created_at=now,
            proof_type=content_type,
            proof_name=(proof.name[-200:] if proof is not None else ""),
        )
        if proof is not None:
            record.proof.save(proof.name[-100:], proof, save=False)
        record.save()
        OutsideRecordEvent.objects.create(record=record, action=Action.SUBMITTED, actor=user, at=now)
    return record


def outside_record_decide(
    *, user, record: OutsideRecord, verify: bool, reason: str = "", now: datetime.datetime | None = None
) -> OutsideRecord:
    """HR of the ASN's instansi (or BKPSDM) verifies a pending record — its JP then count — or rejects
    it with a reason. The ASN is notified either way."""
    now = now or timezone.now()
    if not can_manage_instansi(user, record.asn.instansi_id):
        raise Http404
    reason = (reason or "").strip()
    if not verify and not reason:
        raise LearningError(_("Tuliskan alasan penolakan agar ASN dapat memperbaikinya."))
    status = Status.VERIFIED if verify else Status.REJECTED
    with transaction.atomic():
        if not OutsideRecord.objects.filter(pk=record.pk, status=Status.PENDING).update(
            status=status, reason="" if verify else reason, decided_by=user, decided_at=now
        ):
            raise LearningError(_("Catatan ini sudah diputuskan oleh pengguna lain."))
        record.refresh_from_db()
        OutsideRecordEvent.objects.create(
            record=record,
            action=Action.VERIFIED if verify else Action.REJECTED,
            actor=user,
            at=now,
            reason=reason,
        )
        if verify:
            _credit(record)
        notification_send(
            kind="outside_decided",
            recipients=[record.asn.user_id],
            key=f"outside_decided:{record.pk}",
            link="/belajar/luar/",
            params={"title": record.title, "decision": record.get_status_display().lower()},
            subject=record,
        )
    return record


def _credit(record: OutsideRecord) -> JpCredit:
    """A verified record's JP credit, and the announcement (``events.outside_verified``) in the same
    transaction: every way a record becomes verified passes here."""
    credit = JpCredit.objects.create(
        asn_id=record.asn_id,
        kind=JpCredit.Kind.OUTSIDE,
        title=f"{record.title} ({record.provider})"[:255],
        earned_on=record.ended_on,
        jp=record.jp,
        outside_record=record,
    )
    outside_verified.send(sender=OutsideRecord, record=record)
    return credit


# --------------------------------------------------------------------------------------------------
# CSV import
# --------------------------------------------------------------------------------------------------


@dataclass
class OutsideImport:
    errors: list[CsvError] = field(default_factory=list)
    rows: list[OutsideRecord] = field(default_factory=list)


def _date(value: str) -> datetime.date | None:
    try:
        return datetime.date.fromisoformat(value)
    except ValueError:
        return None


def outside_import_parse(*, user, text: str) -> OutsideImport:
    """Check every row of ``text``; nothing is written. ASN are looked up by NIP within ``user``'s
    scope (an ASN outside it reads as unknown)."""
    plan = OutsideImport()
    csv_file = CsvFile(text)
    if not csv_file.header(columns=COLUMNS):
        plan.errors.extend(csv_file.errors)
        return plan
    rows = list(csv_file.records())
    plan.errors.extend(csv_file.errors)  # broken records; the others are still checked below
    if not rows and not plan.errors:
        plan.errors.append(CsvError(2, "-", _("Berkas tidak berisi baris data.")))
    asn_by_nip = {
        a.nip: a
        for a in visible_asn(user)
        .filter(nip__in=[v["nip"] for _line, v in rows])
        .only("pk", "nip", "instansi_id")
    }
    today, seen = timezone.localdate(), {}
    for line, v in rows:
        asn = asn_by_nip.get(v["nip"])
        if asn is None or not can_manage_instansi(user, asn.instansi_id):
            plan.errors.append(
                CsvError(
                    line, "nip", _("NIP “%(v)s” tidak dikenal atau di luar lingkup Anda.") % {"v": v["nip"]}
                )
            )
            continue
        jp = int(v["jp"]) if v["jp"].isdigit() else None
        started_on, ended_on = _date(v["tanggal_mulai"]), _date(v["tanggal_selesai"])
        problems = _fields_check(
            provider=v["penyelenggara"],
            title=v["judul"],
            started_on=started_on,
            ended_on=ended_on,
            jp=jp,
            today=today,
        )
        for name, message in problems.items():
            plan.errors.append(CsvError(line, _CSV_COLUMN[name], message))
        if problems:
            continue
        key = (asn.pk, v["judul"].lower(), started_on, ended_on)
        if key in seen:
            plan.errors.append(CsvError(line, "judul", _("Sama dengan baris %(n)s.") % {"n": seen[key]}))
            continue
        seen[key] = line
        if _duplicate_of(asn_id=asn.pk, title=v["judul"], started_on=started_on, ended_on=ended_on):
            plan.errors.append(CsvError(line, "judul", _("Pelatihan ini sudah tercatat untuk ASN tersebut.")))
            continue
        plan.rows.append(
            OutsideRecord(
                asn_id=asn.pk,
                provider=v["penyelenggara"][:200],
                title=v["judul"][:255],
                started_on=started_on,
                ended_on=ended_on,
                jp=jp,
                origin=OutsideRecord.Origin.IMPORT,
            )
        )
    return plan


_CSV_COLUMN = {
    "provider": "penyelenggara",
    "title": "judul",
    "started_on": "tanggal_mulai",
    "ended_on": "tanggal_selesai",
    "jp": "jp",
}


def outside_import(*, user, text: str, now: datetime.datetime | None = None) -> OutsideImport:
    """Import the rows of ``text`` as verified records of ASN in ``user``'s scope, all or nothing:
    with any error nothing is written and ``errors`` lists every one."""
    if not scope_for(user).is_hr:
        raise Http404
    now = now or timezone.now()
    plan = outside_import_parse(user=user, text=text)
    if plan.errors:
        return plan
    with transaction.atomic():
        for record in plan.rows:
            record.status, record.created_by, record.created_at = Status.VERIFIED, user, now
            record.decided_by, record.decided_at = user, now
            record.save()
            OutsideRecordEvent.objects.create(record=record, action=Action.IMPORTED, actor=user, at=now)
            _credit(record)
    return plan
