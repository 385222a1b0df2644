from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ApiConfig(AppConfig):
    """The read-only REST API under ``/api/v1/``: the same data and the same scoping as the UI."""

    name = "pamong.api"
    label = "api"
    verbose_name = _("API")
