"""Build the demo organisation and its ASN, fast enough for Jambi's 90,000 ASN.

The plan is computed in memory first (deterministic for a given size and seed), then written level
by level with ``bulk_create``: instansi, units (parents first), positions, then ASN from the heads
of instansi down to staff, so every ``atasan`` already has its id when its reports are inserted.
Rows that already exist (matched by code, or by NIP) are left alone, which makes the command
idempotent.
"""

from .build import demo_build, demo_logins
from .plan import (
    DEMO_LOGIN_GROUPS,
    MIN_ASN,
    MIN_STAFF_IN_DEMO_GROUP,
    PASN,
    STAFF_PER_GROUP,
    DemoCounts,
    PInstansi,
    PJabatan,
    PUnit,
    demo_plan,
)

__all__ = [
    "DEMO_LOGIN_GROUPS",
    "MIN_ASN",
    "MIN_STAFF_IN_DEMO_GROUP",
    "PASN",
    "STAFF_PER_GROUP",
    "DemoCounts",
    "PInstansi",
    "PJabatan",
    "PUnit",
    "demo_build",
    "demo_logins",
    "demo_plan",
]
