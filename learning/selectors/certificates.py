"""Certificates: who may download one, the learner's own on completing, the public check."""

from __future__ import annotations

from pamong.people.access import asn_scope_q

from ..models import (
    Certificate,
)


def certificate_visible_to(*, user, code: str) -> Certificate | None:
    """The certificate with ``code`` if ``user`` may download it: the holder, their atasan (two
    levels) and HR of their instansi (``pamong.people.access``); otherwise ``None``."""
    qs = Certificate.objects.filter(code=code).select_related("enrolment__asn")
    q = asn_scope_q(user, prefix="enrolment__asn__")
    if q is not None:
        qs = qs.filter(q)
    return qs.first()


def completion_certificate(*, enrolment_id: int, asn_id: int | None) -> Certificate | None:
    """The certificate of the learner's own completed enrolment, for the "course complete" moment."""
    if asn_id is None:
        return None
    return (
        Certificate.objects.filter(enrolment_id=enrolment_id, enrolment__asn_id=asn_id)
        .select_related("enrolment")
        .first()
    )


def certificate_public(*, code: str) -> Certificate | None:
    return Certificate.objects.filter(code=code).first()
