"""Admin permissions of the competencies app for the role groups (created after ``migrate``).

BKPSDM provinsi edits the dictionary, the position standards, the course links and the JPM bands; HR of an
instansi may view them (and edit the standards of their own instansi through the CSV import,
which is scoped by :mod:`pamong.people.access`).
"""

from __future__ import annotations

from django.apps import apps
from django.contrib.auth.models import Group, Permission

from pamong.people.roles import GROUP_HR_INSTANSI, GROUP_HR_PROVINSI

MODELS = ("competency", "positionstandard", "coursecompetency", "jpmband")


def grant_competency_permissions(sender=None, **kwargs) -> None:
    with_models = [config for config in apps.get_app_configs() if config.models_module is not None]
    if sender is not None and sender is not with_models[-1]:
        return  # once, after the last app has migrated and every permission exists
    wanted = {
        GROUP_HR_PROVINSI: [f"{a}_{m}" for m in MODELS for a in ("add", "change", "delete", "view")],
        GROUP_HR_INSTANSI: [f"view_{m}" for m in MODELS],
    }
    for name, codenames in wanted.items():
        group, _created = Group.objects.get_or_create(name=name)
        perms = Permission.objects.filter(content_type__app_label="competencies", codename__in=codenames)
        group.permissions.add(*perms)
