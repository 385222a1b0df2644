"""The audit log of performance writes: who, when, what, before and after."""

from __future__ import annotations

from django.db.models import Model

from pamong.people.models import ASN

from ..models import AUDIT_ACTIONS, AuditEntry
from ..tallies import tally_after_audit


def _snapshot(obj: Model | None, fields: list[str]) -> dict | None:
    if obj is None:
        return None
    out = {}
    for name in fields:
        value = getattr(obj, name)
        out[name] = value if isinstance(value, (str, int, float, bool, type(None))) else str(value)
    return out


def audit_record(
    *,
    actor,
    action: str,
    obj: Model,
    asn: ASN | None,
    before: dict | None,
    after: dict | None,
    instansi_id: int | None = None,
) -> AuditEntry:
    """Append one audit entry (who, when, what, before and after); ``action`` is one of
    :data:`performance.models.AUDIT_ACTIONS`, so the audit log never shows a raw code. A change that
    alters the period counts marks the instansi's period tallies stale (see :mod:`performance.tallies`)."""
    if action not in AUDIT_ACTIONS:
        raise ValueError(f"audit action {action!r} has no label in AUDIT_ACTIONS")
    entry = AuditEntry.objects.create(
        actor=actor if getattr(actor, "pk", None) else None,
        action=action,
        object_type=obj._meta.model_name,
        object_id=obj.pk,
        asn=asn,
        instansi_id=asn.instansi_id if asn else instansi_id,
        before=before,
        after=after,
    )
    tally_after_audit(action=action, instansi_id=entry.instansi_id)
    return entry
