"""Reads of learning done outside Pamong, already scoped (writes: :mod:`learning.outside`)."""

from __future__ import annotations

from django.db.models import Prefetch, QuerySet
from django.http import Http404

from pamong.people.access import can_manage_instansi, instansi_scope_q, scope_for

from .models import OutsideRecord, OutsideRecordEvent

_TRAIL = Prefetch("events", queryset=OutsideRecordEvent.objects.select_related("actor").order_by("at", "pk"))


def outside_records_of(*, asn_id: int) -> QuerySet[OutsideRecord]:
    """An ASN's own records, newest first, with their audit trail."""
    return OutsideRecord.objects.filter(asn_id=asn_id).prefetch_related(_TRAIL)


def outside_queue(*, user, status: str = OutsideRecord.Status.PENDING) -> QuerySet[OutsideRecord]:
    """Records of the instansi ``user`` manages as HR in one status (pending: oldest first, so
    the queue is worked in order; decided: newest first), with the audit trail."""
    qs = (
        OutsideRecord.objects.filter(status=status)
        .select_related("asn", "asn__unit")
        .prefetch_related(_TRAIL)
    )
    q = instansi_scope_q(user, prefix="asn__instansi_id")
    if q is not None:
        qs = qs.filter(q)
    return (
        qs.order_by("created_at", "pk")
        if status == OutsideRecord.Status.PENDING
        else qs.order_by("-decided_at", "-pk")
    )


def outside_record_for(*, user, pk: int) -> OutsideRecord:
    """A record its owner or HR of the owner's instansi may open; anyone else gets 404."""
    record = OutsideRecord.objects.select_related("asn").filter(pk=pk).first()
    if record is None:
        raise Http404
    if scope_for(user).asn_id != record.asn_id and not can_manage_instansi(user, record.asn.instansi_id):
        raise Http404
    return record
