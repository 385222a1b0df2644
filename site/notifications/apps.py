from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NotificationsConfig(AppConfig):
    name = "pamong.notifications"
    label = "notifications"
    verbose_name = _("Notifikasi")

    def ready(self) -> None:
        # Imported here: the moderation module imports models, which cannot load before the registry.
        from django.db.models.signals import post_delete, post_save

        from .bell import notification_saved_or_deleted
        from .models import Notification
        from .moderation import connect_moderation

        connect_moderation()
        # The bell's cached count follows every recorded, read or deleted notification (bell.py).
        post_save.connect(notification_saved_or_deleted, sender=Notification, dispatch_uid="bell-save")
        post_delete.connect(notification_saved_or_deleted, sender=Notification, dispatch_uid="bell-delete")
