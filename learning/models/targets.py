"""JP targets that are data: an instansi's own target for its PPPK.

The national minimum is for PNS only — 20 JP of competency development a year (PP 11/2017 as
amended by PP 17/2020, and Peraturan LAN 10/2018): :data:`learning.rules.JP_ANNUAL_MINIMUM`.
No national rule sets a minimum for PPPK, so a PPPK is measured against a target only when their
instansi sets one here (:func:`learning.selectors.jp_target_for`).
"""

from __future__ import annotations

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from pamong.people.regulation import INSTANSI_POLICY, RuleBasis


class PppkJpTarget(RuleBasis):
    """The JP a year an instansi expects of its PPPK (optional; a local rule)."""

    instansi = models.OneToOneField(
        "people.Instansi",
        on_delete=models.CASCADE,
        related_name="pppk_jp_target",
        verbose_name=_("instansi"),
    )
    jp = models.PositiveSmallIntegerField(
        _("target JP per tahun"), validators=[MinValueValidator(1), MaxValueValidator(200)]
    )
    source = models.CharField(
        _("sumber aturan"),
        max_length=200,
        default=INSTANSI_POLICY,
        help_text=_("Keputusan instansi yang menetapkan target ini."),
    )

    class Meta:
        verbose_name = _("target JP PPPK instansi")
        verbose_name_plural = _("target JP PPPK instansi")
        ordering = ["instansi__name"]

    def __str__(self) -> str:
        return f"{self.instansi}: {self.jp} JP"
