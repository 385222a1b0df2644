from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class StartConfig(AppConfig):
    """The personal start page (``/saya/``): what needs the signed-in person now, from every app.

    It sits at the top of the layers (people → learning, socialization → competencies →
    performance → hr, api, start) and only reads, through each app's selectors.
    """

    name = "pamong.start"
    label = "start"
    verbose_name = _("Beranda saya")
