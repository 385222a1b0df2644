"""The roles of Pamong and the Django groups that carry them.

========================  =====================================================================
role                      how a user gets it
========================  =====================================================================
ASN                       has an :class:`~pamong.people.models.ASN` profile; sees own data
Atasan                    an ASN who is someone's ``atasan``; sees direct reports and the level
                          below them; evaluates direct reports
HR instansi               member of :data:`GROUP_HR_INSTANSI`; manages the ASN of own instansi
HR provinsi (BKPSDM)      member of :data:`GROUP_HR_PROVINSI`; manages every instansi
Humas                     member of :data:`GROUP_HUMAS_EDITOR` or :data:`GROUP_HUMAS_MODERATOR`
Administrator             a superuser
========================  =====================================================================

The groups are created (idempotently) after every ``migrate``; page permissions for humas are
granted where the pages are created.
"""

from __future__ import annotations

from django.apps import apps
from django.utils.translation import gettext_lazy as _

GROUP_HR_INSTANSI = "Pengelola Kepegawaian Instansi"
GROUP_HR_PROVINSI = "BKPSDM Provinsi"
GROUP_HUMAS_EDITOR = "Humas Editor"
GROUP_HUMAS_MODERATOR = "Humas Moderator"

ROLE_LABELS = {
    "asn": _("ASN"),
    "atasan": _("Atasan"),
    "hr_instansi": _("Pengelola kepegawaian instansi"),
    "hr_provinsi": _("BKPSDM provinsi"),
    "humas": _("Humas"),
    "admin": _("Administrator"),
}

#: Model permissions per group, as ``app_label.codename``. Admin access is granted to all four.
GROUP_PERMISSIONS: dict[str, list[str]] = {
    GROUP_HR_INSTANSI: ["wagtailadmin.access_admin"],
    GROUP_HR_PROVINSI: [
        "wagtailadmin.access_admin",
        *[
            f"people.{action}_{model}"
            for model in ("instansi", "unitkerja", "jabatan", "asn")
            for action in ("add", "change", "view")
        ],
        *[f"learning.{action}_pppkjptarget" for action in ("add", "change", "delete", "view")],
        *[f"learning.{action}_coursesession" for action in ("add", "change", "delete", "view")],
    ],
    GROUP_HUMAS_EDITOR: ["wagtailadmin.access_admin", "wagtailimages.add_image", "wagtaildocs.add_document"],
    GROUP_HUMAS_MODERATOR: [
        "wagtailadmin.access_admin",
        "wagtailimages.add_image",
        "wagtailimages.change_image",
        "wagtaildocs.add_document",
        "wagtaildocs.change_document",
    ],
}


def ensure_role_groups(sender=None, **kwargs) -> None:
    """Create the role groups and give them their permissions (safe to run any number of times).

    Connected to ``post_migrate``; acts once, when the last installed app has been migrated.
    """
    role_permissions_grant(sender=sender, wanted=GROUP_PERMISSIONS)


def role_permissions_grant(*, sender, wanted: dict[str, list[str]]) -> None:
    """Give each role group (created when missing) the permissions ``wanted`` names as
    ``app_label.codename``; for an app's own ``post_migrate`` receiver. Acts once, when the last
    installed app has been migrated (every permission exists then), or at once when ``sender`` is
    ``None``. Permissions that do not exist are skipped."""
    # Not at the top: pamong.people.apps imports this module before the app registry is ready,
    # and importing auth's models then raises AppRegistryNotReady.
    from django.contrib.auth.models import Group, Permission

    with_models = [config for config in apps.get_app_configs() if config.models_module is not None]
    if sender is not None and sender is not with_models[-1]:
        return

    for name, perms in wanted.items():
        group, _created = Group.objects.get_or_create(name=name)
        found = []
        for perm in perms:
            app_label, codename = perm.split(".")
            permission = Permission.objects.filter(
                content_type__app_label=app_label, codename=codename
            ).first()
            if permission is not None:
                found.append(permission)
        group.permissions.add(*found)
