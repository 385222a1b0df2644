from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class SiasnConfig(AppConfig):
    name = "pamong.siasn"
    label = "siasn"
    verbose_name = _("SIASN")

    def ready(self) -> None:
        from learning.events import completed, outside_verified
        from performance.events import periodic_assessment_finalised, result_finalised

        from . import receivers
        from .permissions import grant_siasn_permissions

        completed.connect(receivers.on_completed, dispatch_uid="siasn.on_completed")
        outside_verified.connect(receivers.on_outside_verified, dispatch_uid="siasn.on_outside_verified")
        result_finalised.connect(receivers.on_result_finalised, dispatch_uid="siasn.on_result_finalised")
        periodic_assessment_finalised.connect(
            receivers.on_periodic_assessment_finalised, dispatch_uid="siasn.on_periodic_assessment_finalised"
        )
        post_migrate.connect(grant_siasn_permissions, dispatch_uid="siasn.grant_permissions")
