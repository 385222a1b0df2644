"""Events the people app announces to the apps built on it.

``asn_positions_changed``
    sent after a transaction that created ASN or moved ASN to another jabatan commits, with
    ``asn_ids`` (a list of ASN primary keys). The competencies app refreshes the stored
    job-person match of those ASN. Sent by the CSV import and the organisation admin; set-based
    writers elsewhere that change positions must send it too.
"""

from django.db import transaction
from django.dispatch import Signal

asn_positions_changed = Signal()


def asn_positions_changed_send(*, asn_ids) -> None:
    """Send :data:`asn_positions_changed` once the current transaction commits."""
    ids = sorted(set(asn_ids))
    if ids:
        transaction.on_commit(lambda: asn_positions_changed.send(sender=None, asn_ids=ids))
