from django.apps import AppConfig
from django.db.models.signals import m2m_changed, post_delete, post_migrate, post_save
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
        self._connect_scope_invalidation()

    @staticmethod
    def _connect_scope_invalidation() -> None:
        """The cached scope rows (access.py) follow every ASN record, role group and membership
        change made through the ORM; the bulk writers call ``scopes_changed`` themselves."""
        from django.contrib.auth import get_user_model
        from django.contrib.auth.models import Group

        from .access import scopes_changed
        from .models import ASN

        user_model = get_user_model()
        for model in (ASN, Group):
            post_save.connect(scopes_changed, sender=model, dispatch_uid=f"scope-save-{model._meta.label}")
        for model in (ASN, Group, user_model):
            post_delete.connect(
                scopes_changed, sender=model, dispatch_uid=f"scope-delete-{model._meta.label}"
            )
        m2m_changed.connect(scopes_changed, sender=user_model.groups.through, dispatch_uid="scope-groups")
