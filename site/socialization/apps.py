from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SocializationConfig(AppConfig):
    name = "pamong.socialization"
    label = "socialization"
    verbose_name = _("Sosialisasi kebijakan")

    def ready(self) -> None:
        # Imported here: both modules import models, which cannot load before the app registry.
        from . import notifications, signals  # noqa: F401 (notifications registers its audience)

        signals.connect()
