from django.apps import AppConfig
from django.conf import settings
from django.db.models.signals import post_save
from django.utils.translation import gettext_lazy as _


class ApiConfig(AppConfig):
    """The read-only REST API under ``/api/v1/``: the same data and the same scoping as the UI."""

    name = "pamong.api"
    label = "api"
    verbose_name = _("API")

    def ready(self) -> None:
        # Imported here: the receiver's module imports a model, which cannot load before the registry.
        from .signals import tokens_delete_on_password_change

        post_save.connect(
            tokens_delete_on_password_change,
            sender=settings.AUTH_USER_MODEL,
            dispatch_uid="pamong.api.tokens_delete_on_password_change",
        )
