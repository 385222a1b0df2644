"""Periods, the indicator catalogue, SKP plans, realisations, evidence and atasan feedback."""

from __future__ import annotations

import secrets

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from pamong.storage import private_storage


class Period(models.Model):
    """An annual evaluation period with check-ins (quarterly by default).

    Without an instansi the period is province-wide and managed by BKPSDM; with one, by that
    instansi's HR.
    """

    class Status(models.TextChoices):
        PLANNING = "planning", _("Perencanaan")
        RUNNING = "running", _("Berjalan")
        EVALUATION = "evaluation", _("Evaluasi")
        CLOSED = "closed", _("Ditutup")

    name = models.CharField(_("nama"), max_length=120)
    year = models.PositiveSmallIntegerField(_("tahun"))
    instansi = models.ForeignKey(
        "people.Instansi",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="performance_periods",
        verbose_name=_("instansi"),
        help_text=_("Kosong: periode seluruh pemerintah provinsi."),
    )
    starts_on = models.DateField(_("mulai"))
    ends_on = models.DateField(_("selesai"))
    checkins_per_year = models.PositiveSmallIntegerField(_("jumlah pemantauan (check-in)"), default=4)
    status = models.CharField(_("status"), max_length=12, choices=Status.choices, default=Status.PLANNING)
    closed_at = models.DateTimeField(_("ditutup pada"), null=True, blank=True)
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("periode kinerja")
        verbose_name_plural = _("periode kinerja")
        ordering = ["-year", "name"]
        constraints = [
            models.UniqueConstraint(fields=["year", "instansi"], name="period_year_instansi_unique"),
            models.UniqueConstraint(
                fields=["year"], condition=Q(instansi__isnull=True), name="period_year_province_unique"
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("performance:period_detail", args=[self.pk])

    @property
    def is_open_for_evaluation(self) -> bool:
        return self.status in (self.Status.RUNNING, self.Status.EVALUATION)


class CheckIn(models.Model):
    period = models.ForeignKey(Period, on_delete=models.CASCADE, related_name="checkins")
    number = models.PositiveSmallIntegerField(_("ke-"))
    label = models.CharField(_("label"), max_length=40)
    due_on = models.DateField(_("tenggat"))

    class Meta:
        verbose_name = _("pemantauan (check-in)")
        verbose_name_plural = _("pemantauan (check-in)")
        ordering = ["period", "number"]
        constraints = [models.UniqueConstraint(fields=["period", "number"], name="checkin_number_unique")]

    def __str__(self) -> str:
        return self.label


class Indicator(models.Model):
    """A performance indicator in an instansi's catalogue (no instansi: available to everyone)."""

    class Direction(models.TextChoices):
        HIGHER = "higher", _("Makin tinggi makin baik")
        LOWER = "lower", _("Makin rendah makin baik")

    class Category(models.TextChoices):
        KEHADIRAN = "kehadiran", _("Kehadiran")
        KUALITAS_PELAYANAN = "kualitas_pelayanan", _("Kualitas pelayanan")
        INOVASI = "inovasi", _("Inovasi")
        RESPONSIVITAS = "responsivitas_aduan", _("Responsivitas aduan")
        HASIL_LAYANAN = "hasil_layanan", _("Hasil layanan")
        LINGKUNGAN = "lingkungan", _("Lingkungan hidup")
        LAINNYA = "lainnya", _("Lainnya")

    instansi = models.ForeignKey(
        "people.Instansi",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="indicators",
        verbose_name=_("instansi"),
        help_text=_("Kosong: indikator umum untuk semua instansi."),
    )
    code = models.SlugField(_("kode"), max_length=40)
    name = models.CharField(_("nama"), max_length=200)
    unit_of_measure = models.CharField(_("satuan"), max_length=40)
    direction = models.CharField(_("arah"), max_length=6, choices=Direction.choices, default=Direction.HIGHER)
    category = models.CharField(_("kategori"), max_length=30, choices=Category.choices)
    description = models.TextField(_("cara mengukur"), blank=True)
    is_active = models.BooleanField(_("aktif"), default=True)

    class Meta:
        verbose_name = _("indikator kinerja")
        verbose_name_plural = _("katalog indikator kinerja")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["instansi", "code"], name="indicator_code_unique_in_instansi"),
            models.UniqueConstraint(
                fields=["code"], condition=Q(instansi__isnull=True), name="indicator_code_unique_global"
            ),
        ]

    def __str__(self) -> str:
        return self.name


class Plan(models.Model):
    """The SKP of one ASN for one period; agreed by the atasan (draft → agreed)."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draf")
        AGREED = "agreed", _("Disepakati")

    asn = models.ForeignKey(
        "people.ASN", on_delete=models.CASCADE, related_name="plans", verbose_name=_("ASN")
    )
    period = models.ForeignKey(
        Period, on_delete=models.CASCADE, related_name="plans", verbose_name=_("periode")
    )
    atasan = models.ForeignKey(
        "people.ASN",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="evaluated_plans",
        verbose_name=_("pejabat penilai"),
    )
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.DRAFT)
    agreed_at = models.DateTimeField(_("disepakati pada"), null=True, blank=True)
    agreed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(_("dibuat"), auto_now_add=True)

    class Meta:
        verbose_name = _("SKP")
        verbose_name_plural = _("SKP")
        ordering = ["-period__year", "asn__name"]
        constraints = [models.UniqueConstraint(fields=["asn", "period"], name="plan_one_per_asn_period")]
        indexes = [
            models.Index(fields=["period", "status"], name="plan_period_status"),
            models.Index(fields=["atasan", "period"], name="plan_atasan_period"),
        ]

    def __str__(self) -> str:
        return f"SKP {self.period} — {self.asn_id}"

    def get_absolute_url(self) -> str:
        return reverse("performance:plan_detail", args=[self.pk])


class PlannedResult(models.Model):
    """A rencana hasil kerja of an SKP: utama (main) or tambahan (additional)."""

    class Kind(models.TextChoices):
        UTAMA = "utama", _("Utama")
        TAMBAHAN = "tambahan", _("Tambahan")

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="results")
    kind = models.CharField(_("jenis"), max_length=10, choices=Kind.choices, default=Kind.UTAMA)
    description = models.CharField(_("rencana hasil kerja"), max_length=300)
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        verbose_name = _("rencana hasil kerja")
        verbose_name_plural = _("rencana hasil kerja")
        ordering = ["plan", "order", "pk"]

    def __str__(self) -> str:
        return self.description


class PlanIndicator(models.Model):
    """One indicator with its target (and weight) under a planned result."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="plan_indicators")
    result = models.ForeignKey(PlannedResult, on_delete=models.CASCADE, related_name="plan_indicators")
    indicator = models.ForeignKey(
        Indicator, on_delete=models.PROTECT, related_name="plan_indicators", verbose_name=_("indikator")
    )
    target = models.DecimalField(_("target"), max_digits=12, decimal_places=2)
    weight = models.DecimalField(_("bobot"), max_digits=5, decimal_places=2, default=1)

    class Meta:
        verbose_name = _("indikator SKP")
        verbose_name_plural = _("indikator SKP")
        ordering = ["result__order", "pk"]
        constraints = [
            models.CheckConstraint(condition=Q(target__gt=0), name="plan_indicator_target_positive"),
            models.CheckConstraint(condition=Q(weight__gt=0), name="plan_indicator_weight_positive"),
        ]

    def __str__(self) -> str:
        return f"{self.indicator_id}: {self.target}"


class Realisation(models.Model):
    """The value reached for one SKP indicator at one check-in (cumulative for the year)."""

    plan_indicator = models.ForeignKey(PlanIndicator, on_delete=models.CASCADE, related_name="realisations")
    checkin = models.ForeignKey(CheckIn, on_delete=models.CASCADE, related_name="realisations")
    value = models.DecimalField(_("realisasi"), max_digits=12, decimal_places=2)
    notes = models.TextField(_("catatan"), blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    recorded_at = models.DateTimeField(_("dicatat"), auto_now=True)

    class Meta:
        verbose_name = _("realisasi")
        verbose_name_plural = _("realisasi")
        ordering = ["checkin__number"]
        constraints = [
            models.UniqueConstraint(fields=["plan_indicator", "checkin"], name="realisation_one_per_checkin")
        ]

    def __str__(self) -> str:
        return f"{self.value}"


def evidence_upload_to(instance: Evidence, filename: str) -> str:
    return f"kinerja/bukti/{secrets.token_hex(8)}/{filename[-80:]}"


class Evidence(models.Model):
    """A supporting file for a realisation; always served as a download, never inline."""

    realisation = models.ForeignKey(Realisation, on_delete=models.CASCADE, related_name="evidence")
    # Outside MEDIA_ROOT: served only by performance:evidence_download, never from /media/.
    file = models.FileField(
        _("berkas"), upload_to=evidence_upload_to, max_length=200, storage=private_storage
    )
    original_name = models.CharField(_("nama berkas"), max_length=200)
    content_type = models.CharField(_("jenis berkas"), max_length=100)
    size = models.PositiveIntegerField(_("ukuran (bita)"))
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    uploaded_at = models.DateTimeField(_("diunggah"), auto_now_add=True)

    class Meta:
        verbose_name = _("bukti dukung")
        verbose_name_plural = _("bukti dukung")
        ordering = ["uploaded_at"]

    def __str__(self) -> str:
        return self.original_name

    def get_absolute_url(self) -> str:
        return reverse("performance:evidence_download", args=[self.pk])


class FeedbackComment(models.Model):
    """Continuous feedback: a dated comment of the atasan on an SKP."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="comments")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("penulis"),
    )
    text = models.TextField(_("umpan balik"))
    created_at = models.DateTimeField(_("tanggal"), auto_now_add=True)

    class Meta:
        verbose_name = _("umpan balik atasan")
        verbose_name_plural = _("umpan balik atasan")
        ordering = ["created_at"]

    def __str__(self) -> str:
        return self.text[:60]
