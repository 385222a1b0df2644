from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _

from pamong import checks  # noqa: F401  (registers the deployment checks)

from .roles import ensure_role_groups


class PeopleConfig(AppConfig):
    name = "pamong.people"
    label = "people"
    verbose_name = _("Organisasi dan pegawai")

    def ready(self) -> None:
        # After the last app has migrated, so every permission the groups need exists.
        post_migrate.connect(ensure_role_groups, dispatch_uid="pamong.people.ensure_role_groups")
