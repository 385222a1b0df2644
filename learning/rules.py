"""Rules of the learning app kept as data.

*JP* (jam pelajaran) is a lesson hour of 45 minutes. PP 17/2020 requires every PNS to complete at
least :data:`JP_ANNUAL_MINIMUM` JP of competency development per calendar year.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

#: Minimum JP of competency development per ASN per calendar year (PP 17/2020).
JP_ANNUAL_MINIMUM = 20

#: Minutes in one JP.
JP_MINUTES = 45

#: Issuer printed on a certificate when the course names no organiser.
DEFAULT_ISSUER = "BKPSDM Provinsi Jambi"


class Delivery(models.TextChoices):
    """How a course is delivered: the classical forms and the non-classical ones of PP 17/2020."""

    E_LEARNING = "e_learning", _("E-learning")
    KLASIKAL = "klasikal", _("Klasikal")
    BLENDED = "blended", _("Blended learning")
    COACHING = "coaching", _("Coaching")
    MENTORING = "mentoring", _("Mentoring")
    SELF_STUDY = "self_study", _("Belajar mandiri")


class EnrolmentPolicy(models.TextChoices):
    OPEN = "open", _("Terbuka (pendaftaran mandiri)")
    ASSIGNMENT = "assignment", _("Hanya melalui penugasan")
