from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class CompetenciesConfig(AppConfig):
    name = "competencies"
    verbose_name = _("Kompetensi")

    def ready(self) -> None:
        from learning.events import completed

        from . import receivers
        from .permissions import grant_competency_permissions

        completed.connect(receivers.on_completed, dispatch_uid="competencies.on_completed")
        post_migrate.connect(grant_competency_permissions, dispatch_uid="competencies.grant_permissions")
