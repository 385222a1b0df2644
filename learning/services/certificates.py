"""Certificates: issued once on completion, revoked by HR with a reason."""

from __future__ import annotations

import datetime
import secrets

from django.utils import timezone
from django.utils.translation import gettext as _

from ..models import (
    Certificate,
    CoursePage,
    Enrolment,
)
from .errors import LearningError


def certificate_issue(*, enrolment: Enrolment, course: CoursePage, now: datetime.datetime) -> Certificate:
    """Issue the certificate of a completed enrolment (once), copying the printed fields."""
    asn = enrolment.asn
    certificate, _created = Certificate.objects.get_or_create(
        enrolment=enrolment,
        defaults={
            "code": secrets.token_urlsafe(18),
            "holder_name": asn.name,
            "holder_nip": asn.nip,
            "course_title": course.title,
            "jp": course.jp,
            "completed_at": enrolment.completed_at or now,
            "issuer": course.issuer,
            "issued_at": now,
        },
    )
    return certificate


def certificate_revoke(
    *, user, certificate: Certificate, reason: str, now: datetime.datetime | None = None
) -> Certificate:
    """HR of the holder's instansi (or BKPSDM) revokes a certificate, with a reason."""
    reason = (reason or "").strip()
    if not reason:
        raise LearningError(_("Tuliskan alasan pencabutan."))
    if certificate.revoked_at is not None:
        raise LearningError(_("Sertifikat ini sudah dicabut."))
    now = now or timezone.now()
    # one conditional UPDATE: of two HR users revoking at once, exactly one records the reason
    if not Certificate.objects.filter(pk=certificate.pk, revoked_at__isnull=True).update(
        revoked_at=now, revoked_reason=reason, revoked_by=user
    ):
        raise LearningError(_("Sertifikat ini baru saja dicabut oleh pengguna lain."))
    certificate.refresh_from_db()
    return certificate
