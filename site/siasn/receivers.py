"""Receivers of other apps' events. Only translation into an outbox write happens here."""

from __future__ import annotations

from django.db import transaction

from learning import events as learning_events
from learning.models import Enrolment

from .client import siasn_enabled
from .outbox import (
    outbox_record_course,
    outbox_record_outside,
    outbox_record_periodic_assessment,
    outbox_record_result,
)


def on_completed(sender, *, kind, user, course, module, completed_at, jp, **kwargs):
    """``learning.events.completed`` (a course) → a riwayat kursus in the outbox."""
    if kind != learning_events.COURSE or not siasn_enabled():
        return
    enrolment = (
        Enrolment.objects.filter(asn__user_id=user.pk, course_id=course.pk)
        .select_related("asn", "course")
        .first()
    )
    if enrolment is None:
        return
    with transaction.atomic():
        row = outbox_record_course(enrolment=enrolment)
    if row is not None:
        _send_soon()


def on_outside_verified(sender, *, record, **kwargs):
    """``learning.events.outside_verified`` → a riwayat kursus in the outbox, in the same
    transaction as the verification."""
    if siasn_enabled():
        _send_after_commit(outbox_record_outside(record=record))


def on_result_finalised(sender, *, evaluation, **kwargs):
    """``performance.events.result_finalised`` → an skp22 record in the outbox, in the same
    transaction as the finalisation."""
    if siasn_enabled():
        _send_after_commit(outbox_record_result(evaluation=evaluation))


def on_periodic_assessment_finalised(sender, *, assessment, **kwargs):
    """``performance.events.periodic_assessment_finalised`` → a kinerja periodik record in the
    outbox, in the same transaction as the assessment."""
    if siasn_enabled():
        _send_after_commit(outbox_record_periodic_assessment(assessment=assessment))


def _send_after_commit(row) -> None:
    """A record written to the outbox (``row``; ``None`` when it was there already) is sent once
    the writer's transaction commits."""
    if row is not None:
        transaction.on_commit(_send_soon)


def _send_soon() -> None:
    # tasks imports outbox, which imports this module's neighbours: imported here to keep the
    # receivers importable from apps.ready() before the task backends are configured
    from .tasks import siasn_outbox_send

    siasn_outbox_send.enqueue()
