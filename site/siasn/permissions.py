"""Admin permissions of the SIASN app for the role groups (created after ``migrate``).

BKPSDM provinsi edits the code mappings; HR of an instansi views the mappings, the pull runs and
the outbox (the admin lists are limited to their instansi by :mod:`pamong.people.access`).
"""

from __future__ import annotations

from pamong.people.roles import GROUP_HR_INSTANSI, GROUP_HR_PROVINSI

MAPPINGS = ("unormapping", "jabatanmapping", "referencemapping")
RECORDS = ("siasnpullrun", "siasnoutbox")


def grant_siasn_permissions(sender=None, **kwargs) -> None:
    from django.apps import apps
    from django.contrib.auth.models import Group, Permission

    with_models = [config for config in apps.get_app_configs() if config.models_module is not None]
    if sender is not None and sender is not with_models[-1]:
        return  # once, after the last app has migrated and every permission exists
    wanted = {
        GROUP_HR_PROVINSI: [f"{a}_{m}" for m in MAPPINGS for a in ("add", "change", "delete", "view")]
        + [f"view_{m}" for m in RECORDS],
        GROUP_HR_INSTANSI: [f"view_{m}" for m in (*MAPPINGS, *RECORDS)],
    }
    for name, codenames in wanted.items():
        group, _created = Group.objects.get_or_create(name=name)
        perms = Permission.objects.filter(content_type__app_label="siasn", codename__in=codenames)
        group.permissions.add(*perms)
