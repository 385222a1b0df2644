from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _

from pamong.people.roles import GROUP_HR_PROVINSI

#: Admin permissions given to BKPSDM (HR provinsi) after every migrate.
HR_PROVINSI_PERMISSIONS = [
    f"{action}_{model}"
    for model in (
        "period",
        "indicator",
        "followuprule",
        "evaluationsettings",
        "distributionrule",
        "publicfeedback",
    )
    for action in ("add", "change", "view")
] + ["view_predikatmatrixcell"]


def grant_performance_permissions(**kwargs) -> None:
    # not at the top: apps.py is imported before the app registry is ready, models only after
    from django.contrib.auth.models import Group, Permission

    group = Group.objects.filter(name=GROUP_HR_PROVINSI).first()
    if group is None:
        return
    group.permissions.add(
        *Permission.objects.filter(
            content_type__app_label="performance", codename__in=HR_PROVINSI_PERMISSIONS
        )
    )


class PerformanceConfig(AppConfig):
    name = "performance"
    verbose_name = _("Kinerja")

    def ready(self) -> None:
        # not at the top: notifications imports the models, which need the ready app registry
        from . import notifications  # noqa: F401 (registers the notification audiences)

        post_migrate.connect(
            grant_performance_permissions,
            sender=self,
            dispatch_uid="performance.grant_performance_permissions",
        )
