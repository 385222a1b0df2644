"""HR's own data: the thresholds of the potential axis and recorded potential assessments.

Everything else HR sees belongs to other apps (people, competencies, performance, learning,
socialization) and is read through their selectors.
"""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from .talent import POTENSIAL_LABELS

PERCENT_VALIDATORS = [MinValueValidator(Decimal("0")), MaxValueValidator(Decimal("100"))]


class TalentSettings(models.Model):
    """The JPM thresholds of the 9-box's potential axis (one row, province-wide, edited by BKPSDM).

    JPM < ``medium_from`` → rendah; ``medium_from`` ≤ JPM < ``high_from`` → menengah; JPM ≥
    ``high_from`` → tinggi.
    """

    medium_from = models.DecimalField(
        _("potensial menengah mulai JPM (%)"),
        max_digits=5,
        decimal_places=2,
        default=Decimal("70"),
        validators=PERCENT_VALIDATORS,
    )
    high_from = models.DecimalField(
        _("potensial tinggi mulai JPM (%)"),
        max_digits=5,
        decimal_places=2,
        default=Decimal("85"),
        validators=PERCENT_VALIDATORS,
    )
    updated_at = models.DateTimeField(auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("ambang potensial talenta")
        verbose_name_plural = _("ambang potensial talenta")

    def __str__(self) -> str:
        return f"{self.medium_from} / {self.high_from}"

    def clean(self) -> None:
        if self.medium_from is not None and self.high_from is not None and self.medium_from >= self.high_from:
            raise ValidationError(_("Ambang potensial tinggi harus lebih besar dari ambang menengah."))

    @classmethod
    def current(cls) -> TalentSettings:
        """The one row (created with the defaults on first use)."""
        row = cls.objects.order_by("pk").first()
        return row if row is not None else cls.objects.create()


class PotentialAssessment(models.Model):
    """A potential level HR records for one ASN and year (e.g. from an assessment centre);
    it overrides the JPM-based potential in the 9-box of that year."""

    class Level(models.TextChoices):
        RENDAH = "rendah", POTENSIAL_LABELS["rendah"]
        MENENGAH = "menengah", POTENSIAL_LABELS["menengah"]
        TINGGI = "tinggi", POTENSIAL_LABELS["tinggi"]

    asn = models.ForeignKey(
        "people.ASN", on_delete=models.CASCADE, related_name="potential_assessments", verbose_name=_("ASN")
    )
    year = models.PositiveSmallIntegerField(_("tahun"))
    level = models.CharField(_("potensial"), max_length=10, choices=Level.choices)
    note = models.CharField(_("keterangan"), max_length=300, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    recorded_at = models.DateTimeField(_("dicatat"), auto_now=True)

    class Meta:
        verbose_name = _("hasil penilaian potensial")
        verbose_name_plural = _("hasil penilaian potensial")
        ordering = ["-year", "asn__name"]
        constraints = [models.UniqueConstraint(fields=["asn", "year"], name="potential_unique_asn_year")]

    def __str__(self) -> str:
        return f"{self.asn_id} {self.year}: {self.level}"
