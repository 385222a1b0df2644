from django.apps import AppConfig
from django.db.models.signals import post_delete, post_migrate, post_save, pre_save
from django.utils.translation import gettext_lazy as _

from learning.events import completed
from pamong.people.signals import asn_positions_changed


class CompetenciesConfig(AppConfig):
    name = "competencies"
    verbose_name = _("Kompetensi")

    def ready(self) -> None:
        # Here, not at the top: these modules import models, which cannot load before the app registry.
        from . import receivers
        from .models import PositionStandard
        from .permissions import grant_competency_permissions

        completed.connect(receivers.on_completed, dispatch_uid="competencies.on_completed")
        asn_positions_changed.connect(
            receivers.on_asn_positions_changed, dispatch_uid="competencies.on_asn_positions_changed"
        )
        # Standards edited one by one keep the stored fit current (bulk writes call fit_refresh).
        pre_save.connect(
            receivers.on_standard_pre_save, sender=PositionStandard, dispatch_uid="competencies.std_pre"
        )
        post_save.connect(
            receivers.on_standard_saved, sender=PositionStandard, dispatch_uid="competencies.std_save"
        )
        post_delete.connect(
            receivers.on_standard_deleted, sender=PositionStandard, dispatch_uid="competencies.std_delete"
        )
        post_migrate.connect(grant_competency_permissions, dispatch_uid="competencies.grant_permissions")
