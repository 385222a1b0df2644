"""The periodic performance assessment (*penilaian kinerja periodik*).

Besides the yearly result, PermenPANRB 6/2022 (national) has the atasan assess each ASN during the
year, monthly or quarterly as the instansi chooses: a rating of hasil kerja and of perilaku kerja
giving a *predikat kinerja periodik* through the same matrix as the yearly result
(:class:`~performance.models.PredikatMatrixCell`). In Pamong the assessment belongs to one SKP and
one of its period's check-ins; the months it covers are the check-in's window
(:func:`performance.selectors.checkin_window`), stored on the row when it is given so that what was
sent to SIASN (``/kinerjaperiodik/save``) never changes afterwards.
"""

from __future__ import annotations

from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from .choices import Predikat, Rating


class PeriodicAssessment(models.Model):
    """One periodic assessment of an SKP for one check-in; final as soon as it is given."""

    plan = models.ForeignKey(
        "performance.Plan",
        on_delete=models.CASCADE,
        related_name="periodic_assessments",
        verbose_name=_("SKP"),
    )
    checkin = models.ForeignKey(
        "performance.CheckIn",
        on_delete=models.CASCADE,
        related_name="periodic_assessments",
        verbose_name=_("check-in"),
    )
    hasil_kerja = models.CharField(_("rating hasil kerja"), max_length=10, choices=Rating.choices)
    perilaku_kerja = models.CharField(_("rating perilaku kerja"), max_length=10, choices=Rating.choices)
    predikat = models.CharField(_("predikat kinerja periodik"), max_length=20, choices=Predikat.choices)
    notes = models.TextField(_("catatan atasan"), blank=True)
    year_start = models.PositiveSmallIntegerField(_("tahun mulai penilaian"))
    month_start = models.PositiveSmallIntegerField(_("bulan mulai penilaian"))
    year_end = models.PositiveSmallIntegerField(_("tahun selesai penilaian"))
    month_end = models.PositiveSmallIntegerField(_("bulan selesai penilaian"))
    assessed_by = models.ForeignKey(
        "people.ASN",
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("pejabat penilai"),
    )
    finalised_at = models.DateTimeField(_("ditetapkan pada"), db_index=True)

    class Meta:
        verbose_name = _("penilaian kinerja periodik")
        verbose_name_plural = _("penilaian kinerja periodik")
        ordering = ["plan", "checkin__number"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "checkin"], name="periodic_assessment_one_per_checkin")
        ]

    def __str__(self) -> str:
        return f"{self.checkin} — {self.get_predikat_display()}"

    def get_absolute_url(self) -> str:
        return reverse("performance:plan_periodic", args=[self.plan_id])
