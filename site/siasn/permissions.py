"""Admin permissions of the SIASN app for the role groups (granted after ``migrate``).

BKPSDM provinsi edits the code mappings; HR of an instansi views the mappings, the pull runs and
the outbox (the admin lists are limited to their instansi by :mod:`pamong.people.access`).
"""

from __future__ import annotations

from pamong.people.roles import GROUP_HR_INSTANSI, GROUP_HR_PROVINSI, role_permissions_grant

MAPPINGS = ("unormapping", "jabatanmapping", "referencemapping")
RECORDS = ("siasnpullrun", "siasnoutbox")


def grant_siasn_permissions(sender=None, **kwargs) -> None:
    role_permissions_grant(
        sender=sender,
        wanted={
            GROUP_HR_PROVINSI: [
                f"siasn.{a}_{m}" for m in MAPPINGS for a in ("add", "change", "delete", "view")
            ]
            + [f"siasn.view_{m}" for m in RECORDS],
            GROUP_HR_INSTANSI: [f"siasn.view_{m}" for m in (*MAPPINGS, *RECORDS)],
        },
    )
