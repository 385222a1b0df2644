"""Reconciliation per instansi: what Pamong holds, what was sent, what SIASN has, what differs.

:func:`reconcile_instansi` asks SIASN for the riwayat (kursus, skp22, kinerja periodik) of every
ASN of the instansi with a sent record and marks each sent outbox row ``confirmed_at`` when SIASN
has it (the same natural key as the exactly-once check: certificate number, year, year and months) or clears it when SIASN does not.
:func:`reconciliation_summary` reads the page: every Pamong record of the instansi in one of the
states below, counted, and the ones that do not agree listed.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from pamong.people.models import Instansi

from .client import SiasnClient, siasn_client
from .models import SiasnOutbox
from .outbox import (
    riwayat_matches,
    unqueued_completions,
    unqueued_outside,
    unqueued_periodic,
    unqueued_results,
)

#: How many disagreeing items the page lists (the counts are always complete).
LIST_LIMIT = 200

STATES = {
    "agree": _("Sesuai: terkirim dan ada di SIASN"),
    "unconfirmed": _("Terkirim, belum terlihat di SIASN"),
    "waiting": _("Menunggu dikirim"),
    "rejected": _("Ditolak SIASN"),
    "missing": _("Belum masuk antrean"),
}


def reconcile_instansi(*, instansi: Instansi, client: SiasnClient | None = None) -> dict:
    """Check every sent record of the instansi against SIASN's riwayat; counts of confirmed/missing."""
    client = client or siasn_client()
    rows = list(
        SiasnOutbox.objects.filter(instansi=instansi, status=SiasnOutbox.Status.SENT).select_related("asn")
    )
    seen: dict[tuple[str, str], list[dict]] = {}
    confirmed, missing = [], []
    for row in rows:
        key = (row.kind, row.asn.nip)
        if key not in seen:
            seen[key] = client.riwayat(row.kind, row.asn.nip)
        payload = {**row.payload, "nomorSertipikat": row.document_code or row.payload.get("nomorSertipikat")}
        there = any(
            str(item.get("id") or "") == row.riwayat_id
            or riwayat_matches(kind=row.kind, item=item, payload=payload)
            for item in seen[key]
        )
        (confirmed if there else missing).append(row.pk)
    now = timezone.now()
    SiasnOutbox.objects.filter(pk__in=confirmed).update(confirmed_at=now)
    SiasnOutbox.objects.filter(pk__in=missing).update(confirmed_at=None)
    return {"confirmed": len(confirmed), "missing": len(missing)}


@dataclass(frozen=True)
class ReconciliationItem:
    state: str
    pk: int | None  # the outbox row, when there is one
    nip: str
    name: str
    summary: str
    detail: str

    @property
    def state_label(self) -> str:
        return str(STATES[self.state])


def _state(row: SiasnOutbox) -> str:
    if row.status == SiasnOutbox.Status.SENT:
        return "agree" if row.confirmed_at else "unconfirmed"
    if row.status == SiasnOutbox.Status.REJECTED:
        return "rejected"
    return "waiting"


def reconciliation_summary(*, instansi: Instansi) -> dict:
    """Counts per state (in :data:`STATES` order) and up to :data:`LIST_LIMIT` disagreeing items."""
    counts = dict.fromkeys(STATES, 0)
    items: list[ReconciliationItem] = []
    rows = SiasnOutbox.objects.filter(instansi=instansi).select_related("asn").order_by("asn__name", "pk")
    for row in rows.iterator(chunk_size=500):
        state = _state(row)
        counts[state] += 1
        if state != "agree" and len(items) < LIST_LIMIT:
            detail = row.last_error + (f" ({row.error_field})" if row.error_field else "")
            items.append(ReconciliationItem(state, row.pk, row.asn.nip, row.asn.name, row.summary, detail))
    # each kind of record without an outbox row, with its ASN and the words that name it
    unsent = [
        (
            unqueued_completions().filter(asn__instansi=instansi).select_related("asn", "course"),
            lambda r: (r.asn, r.course.title),
        ),
        (
            unqueued_outside().filter(asn__instansi=instansi).select_related("asn"),
            lambda r: (r.asn, r.title),
        ),
        (
            unqueued_results()
            .filter(plan__asn__instansi=instansi)
            .select_related("plan__asn", "plan__period"),
            lambda r: (r.plan.asn, r.plan.period.name),
        ),
        (
            unqueued_periodic()
            .filter(plan__asn__instansi=instansi)
            .select_related("plan__asn", "plan__period", "checkin"),
            lambda r: (r.plan.asn, f"{r.checkin.label} — {r.plan.period.name}"),
        ),
    ]
    for queryset, describe in unsent:
        counts["missing"] += queryset.count()
        for record in queryset[: max(LIST_LIMIT - len(items), 0)]:
            asn, summary = describe(record)
            items.append(ReconciliationItem("missing", None, asn.nip, asn.name, summary, ""))
    total = sum(counts.values())
    return {
        "counts": [(key, STATES[key], counts[key]) for key in STATES],
        "total": total,
        "in_agreement": total > 0 and counts["agree"] == total,
        "items": items,
    }
