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
        """The one row, or the defaults (unsaved) while nobody has changed them: a page that reads
        the thresholds never writes (creating the row on a GET fired the table's trigger, which
        marks every unit for recomputation: the province's next HR pages recomputed all 2,298)."""
        row = cls.objects.order_by("pk").first()
        return row if row is not None else cls()


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


class UnitChange(models.Model):
    """A unit kerja whose figures (:class:`UnitFigure`, :class:`TalentPlacement`) are out of date.

    Rows are written by database triggers (:mod:`pamong.hr.triggers`) in the same transaction as
    the change of the underlying data, whatever wrote it (a service, a bulk ``UPDATE``, an import
    in SQL), and removed by :func:`pamong.hr.figures.figures_refresh` once the unit is recomputed.
    ``version`` is bumped by every change: the row lock it takes keeps a refresh from deleting the
    mark of a change it has not seen yet."""

    unit = models.OneToOneField(
        "people.UnitKerja", on_delete=models.CASCADE, primary_key=True, related_name="+", db_constraint=False
    )
    version = models.BigIntegerField(default=1)

    class Meta:
        verbose_name = _("unit kerja yang angkanya perlu diperbarui")
        verbose_name_plural = _("unit kerja yang angkanya perlu diperbarui")

    def __str__(self) -> str:
        return f"{self.unit_id} v{self.version}"


class FigureFields(models.Model):
    """One counted figure: ``metric`` (what is counted) and ``key`` (which bar) for the ASN of one
    jabatan kind and ``year`` (0: not tied to a year). See :mod:`pamong.hr.figures` for the metrics."""

    jabatan_kind = models.CharField(max_length=20)
    year = models.PositiveSmallIntegerField()
    metric = models.CharField(max_length=16)
    key = models.CharField(max_length=40, blank=True)
    value = models.BigIntegerField()

    class Meta:
        abstract = True


class UnitFigure(FigureFields):
    """Figures of one unit kerja (kept up to date by :mod:`pamong.hr.figures`)."""

    unit = models.ForeignKey("people.UnitKerja", on_delete=models.CASCADE, related_name="+")
    instansi = models.ForeignKey("people.Instansi", on_delete=models.CASCADE, related_name="+")

    class Meta:
        verbose_name = _("angka unit kerja")
        verbose_name_plural = _("angka unit kerja")
        constraints = [
            models.UniqueConstraint(
                fields=["unit", "jabatan_kind", "year", "metric", "key"], name="unitfigure_unique"
            )
        ]
        indexes = [models.Index(fields=["instansi", "year", "metric"], name="unitfigure_instansi_year")]

    def __str__(self) -> str:
        return f"{self.unit_id} {self.year} {self.metric}:{self.key}={self.value}"


class InstansiFigure(FigureFields):
    """The sum of the :class:`UnitFigure` rows of one instansi (what instansi and province pages read)."""

    instansi = models.ForeignKey("people.Instansi", on_delete=models.CASCADE, related_name="+")

    class Meta:
        verbose_name = _("angka instansi")
        verbose_name_plural = _("angka instansi")
        constraints = [
            models.UniqueConstraint(
                fields=["instansi", "jabatan_kind", "year", "metric", "key"], name="instansifigure_unique"
            )
        ]
        indexes = [models.Index(fields=["year", "metric"], name="instansifigure_year_metric")]

    def __str__(self) -> str:
        return f"{self.instansi_id} {self.year} {self.metric}:{self.key}={self.value}"


class TalentPlacement(models.Model):
    """One ASN placed in a 9-box cell for a year (only placed ASN have a row): the paginated,
    indexed list behind each cell. Kept with the unit's figures by :mod:`pamong.hr.figures`."""

    asn = models.ForeignKey("people.ASN", on_delete=models.CASCADE, related_name="+")
    year = models.PositiveSmallIntegerField()
    box = models.PositiveSmallIntegerField()
    name = models.CharField(max_length=200)
    unit = models.ForeignKey("people.UnitKerja", on_delete=models.CASCADE, related_name="+")
    instansi = models.ForeignKey("people.Instansi", on_delete=models.CASCADE, related_name="+")
    jabatan_kind = models.CharField(max_length=20)

    class Meta:
        verbose_name = _("penempatan talenta")
        verbose_name_plural = _("penempatan talenta")
        constraints = [models.UniqueConstraint(fields=["asn", "year"], name="talentplacement_unique")]
        indexes = [
            models.Index(fields=["year", "-box", "name", "asn"], name="talent_year_box_name"),
            models.Index(fields=["instansi", "year", "-box", "name", "asn"], name="talent_inst_box_name"),
            models.Index(fields=["unit", "year", "-box", "name", "asn"], name="talent_unit_box_name"),
        ]

    def __str__(self) -> str:
        return f"{self.asn_id} {self.year}: {self.box}"


class JpShortfall(models.Model):
    """One active ASN below their JP target in a year of :func:`pamong.hr.figures.jp_years` (only
    they have a row): the paged, indexed list of the JP compliance report. Kept with the unit's
    figures by :mod:`pamong.hr.figures`; ``jp_minimum`` is the target of that year's rules."""

    asn = models.ForeignKey("people.ASN", on_delete=models.CASCADE, related_name="+")
    year = models.PositiveSmallIntegerField()
    name = models.CharField(max_length=200)
    unit = models.ForeignKey("people.UnitKerja", on_delete=models.CASCADE, related_name="+")
    instansi = models.ForeignKey("people.Instansi", on_delete=models.CASCADE, related_name="+")
    jabatan_kind = models.CharField(max_length=20)
    jp_courses = models.PositiveIntegerField()
    jp_activities = models.PositiveIntegerField()
    jp_minimum = models.PositiveIntegerField()

    class Meta:
        verbose_name = _("ASN di bawah minimal JP")
        verbose_name_plural = _("ASN di bawah minimal JP")
        constraints = [models.UniqueConstraint(fields=["asn", "year"], name="jpshortfall_unique")]
        indexes = [
            models.Index(fields=["year", "unit", "name", "asn"], name="jpshort_year_unit_name"),
            models.Index(fields=["instansi", "year", "unit", "name", "asn"], name="jpshort_inst_unit_name"),
            models.Index(fields=["unit", "year", "name", "asn"], name="jpshort_unit_name"),
        ]

    def __str__(self) -> str:
        return f"{self.asn_id} {self.year}: {self.jp_total}/{self.jp_minimum} JP"

    @property
    def jp_total(self) -> int:
        return self.jp_courses + self.jp_activities
