"""Receivers of other apps' events. Only translation into a service call happens here."""

from __future__ import annotations

import datetime


def on_completed(sender, *, kind, user, course, module, completed_at: datetime.datetime, jp: int, **kwargs):
    """``learning.events.completed`` → :func:`competencies.services.training_completion_record`."""
    from pamong.people.models import ASN

    from .services import training_completion_record

    asn = ASN.objects.filter(user_id=user.pk).first()
    if asn is None:
        return
    training_completion_record(asn=asn, course=course, module=module, completed_at=completed_at, jp=jp)
