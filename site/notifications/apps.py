from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NotificationsConfig(AppConfig):
    name = "pamong.notifications"
    label = "notifications"
    verbose_name = _("Notifikasi")

    def ready(self) -> None:
        # Imported here: the moderation module imports models, which cannot load before the registry.
        from .moderation import connect_moderation

        connect_moderation()
