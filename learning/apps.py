from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LearningConfig(AppConfig):
    name = "learning"
    verbose_name = _("Pelatihan")

    def ready(self) -> None:
        from . import notifications  # noqa: F401 (registers the notification audiences)
