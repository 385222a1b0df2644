from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class HrConfig(AppConfig):
    """HR's view of one person and of a whole unit: competency and performance side by side."""

    name = "pamong.hr"
    label = "hr"
    verbose_name = _("Kepegawaian (HR)")

    def ready(self) -> None:
        # In ready(), not at the top: the receivers import models, which need the app registry.
        from . import receivers  # noqa: F401  (connects the receivers)
        from .triggers import triggers_reinstall

        post_migrate.connect(triggers_reinstall, sender=self, dispatch_uid="hr.triggers_reinstall")
