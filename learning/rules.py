"""Rules of the learning app kept as data.

*JP* (jam pelajaran) is a lesson hour of 45 minutes. PP 11/2017 as amended by PP 17/2020 (and
Peraturan LAN 10/2018) requires every **PNS** to complete at least :data:`JP_ANNUAL_MINIMUM` JP of
competency development per calendar year. There is no such national minimum for PPPK: a PPPK has a
target only when their instansi sets one (:class:`learning.models.PppkJpTarget`); see
:func:`learning.selectors.jp_target_for`.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from pamong.people.regulation import JP_PNS_REGULATION

#: Minimum JP of competency development per PNS per calendar year (national rule; not for PPPK).
JP_ANNUAL_MINIMUM = 20
#: Where :data:`JP_ANNUAL_MINIMUM` comes from.
JP_ANNUAL_MINIMUM_SOURCE = JP_PNS_REGULATION

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
