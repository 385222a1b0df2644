"""Regulatory tables kept as data (rows loaded by the data migration ``0002_regulatory_data``).

Nothing in views or services decides a predikat, a threshold or a consequence with ``if``
chains: they read these rows.

Each row says where it comes from (:class:`pamong.people.regulation.RuleBasis`): the predikat
matrix (PermenPANRB 6/2022), the BerAKHLAK values (SE MenPANRB 20/2021) and the distribution
pattern (SE MenPANRB 3/2023) are national; the thresholds (110 %/90 %, 4/3), the 360° weights
(60/20/10/10) and the reward/sanction rules (TPP +10 %/−10 %/−25 %, piagam, calon promosi) are
local choices — Jambi's policy or Pamong defaults — that HR may change. A written warning
(*teguran tertulis*) is a disciplinary penalty with its own process under PP 94/2021: a sanction
rule can only refer the case to that process, never impose it.
"""

from __future__ import annotations

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from pamong import formats
from pamong.people.regulation import JAMBI_POLICY, RuleBasis

from .choices import OrgPredikat, Predikat, Rating


class PredikatMatrixCell(RuleBasis):
    """One cell of the PermenPANRB 6/2022 matrix: hasil kerja × perilaku kerja → predikat."""

    hasil_kerja = models.CharField(_("rating hasil kerja"), max_length=10, choices=Rating.choices)
    perilaku_kerja = models.CharField(_("rating perilaku kerja"), max_length=10, choices=Rating.choices)
    predikat = models.CharField(_("predikat kinerja"), max_length=20, choices=Predikat.choices)

    class Meta:
        verbose_name = _("sel matriks predikat")
        verbose_name_plural = _("matriks predikat")
        constraints = [
            models.UniqueConstraint(fields=["hasil_kerja", "perilaku_kerja"], name="predikat_cell_unique")
        ]

    def __str__(self) -> str:
        return f"{self.get_hasil_kerja_display()} × {self.get_perilaku_kerja_display()} → {self.get_predikat_display()}"


class BerakhlakValue(RuleBasis):
    """One of the seven BerAKHLAK core values, rated in the 360° perilaku kerja assessment."""

    code = models.SlugField(_("kode"), max_length=40, unique=True)
    order = models.PositiveSmallIntegerField(_("urutan"), default=0)
    name = models.CharField(_("nama"), max_length=80)
    summary = models.CharField(_("panduan perilaku"), max_length=300)

    class Meta:
        verbose_name = _("nilai BerAKHLAK")
        verbose_name_plural = _("nilai BerAKHLAK")
        ordering = ["order"]

    def __str__(self) -> str:
        return self.name


class BehaviourIndicator(models.Model):
    value = models.ForeignKey(
        BerakhlakValue, on_delete=models.CASCADE, related_name="indicators", verbose_name=_("nilai")
    )
    order = models.PositiveSmallIntegerField(_("urutan"), default=0)
    text = models.CharField(_("indikator perilaku"), max_length=300)

    class Meta:
        verbose_name = _("indikator perilaku")
        verbose_name_plural = _("indikator perilaku")
        ordering = ["value__order", "order"]

    def __str__(self) -> str:
        return self.text


class EvaluationSettings(RuleBasis):
    """Proposal thresholds and 360° weights. One default row; an instansi may have its own."""

    is_default = models.BooleanField(_("bawaan"), default=False)
    #: Thresholds and weights are local choices; a national regulation sets none of them.
    source = models.CharField(
        _("sumber aturan"),
        max_length=200,
        default=JAMBI_POLICY,
        help_text=_("Peraturan atau keputusan yang menjadi dasar, mis. PermenPANRB 6/2022 atau Pergub."),
    )
    instansi = models.OneToOneField(
        "people.Instansi",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="performance_settings",
        verbose_name=_("instansi"),
    )
    hasil_di_atas_pct = models.DecimalField(
        _("capaian minimal 'di atas ekspektasi' (%)"), max_digits=6, decimal_places=2, default=Decimal("110")
    )
    hasil_sesuai_pct = models.DecimalField(
        _("capaian minimal 'sesuai ekspektasi' (%)"), max_digits=6, decimal_places=2, default=Decimal("90")
    )
    perilaku_di_atas_score = models.DecimalField(
        _("skor perilaku minimal 'di atas ekspektasi'"),
        max_digits=4,
        decimal_places=2,
        default=Decimal("4.00"),
    )
    perilaku_sesuai_score = models.DecimalField(
        _("skor perilaku minimal 'sesuai ekspektasi'"),
        max_digits=4,
        decimal_places=2,
        default=Decimal("3.00"),
    )
    weight_atasan = models.PositiveSmallIntegerField(_("bobot atasan (%)"), default=60)
    weight_peer = models.PositiveSmallIntegerField(_("bobot rekan kerja (%)"), default=20)
    weight_subordinate = models.PositiveSmallIntegerField(_("bobot bawahan (%)"), default=10)
    weight_public = models.PositiveSmallIntegerField(_("bobot masyarakat (%)"), default=10)
    weight_self = models.PositiveSmallIntegerField(_("bobot diri sendiri (%)"), default=0)
    min_group_size = models.PositiveSmallIntegerField(
        _("jumlah penilai minimal per kelompok anonim"), default=3, validators=[MinValueValidator(3)]
    )

    class Meta:
        verbose_name = _("pengaturan penilaian")
        verbose_name_plural = _("pengaturan penilaian")
        constraints = [
            models.UniqueConstraint(
                fields=["is_default"], condition=Q(is_default=True), name="one_default_evaluation_settings"
            ),
            models.CheckConstraint(
                condition=Q(is_default=True, instansi__isnull=True)
                | Q(is_default=False, instansi__isnull=False),
                name="evaluation_settings_default_xor_instansi",
            ),
        ]

    def __str__(self) -> str:
        return str(self.instansi) if self.instansi_id else str(_("Pengaturan bawaan"))

    def clean(self) -> None:
        errors = {}
        if self.hasil_sesuai_pct >= self.hasil_di_atas_pct:
            errors["hasil_sesuai_pct"] = _("Batas 'sesuai' harus lebih kecil dari batas 'di atas'.")
        if self.perilaku_sesuai_score >= self.perilaku_di_atas_score:
            errors["perilaku_sesuai_score"] = _("Batas 'sesuai' harus lebih kecil dari batas 'di atas'.")
        if self.min_group_size < 3:
            errors["min_group_size"] = _("Anonimitas memerlukan paling sedikit 3 penilai.")
        if errors:
            raise ValidationError(errors)

    def weights(self) -> dict[str, int]:
        return {
            "atasan": self.weight_atasan,
            "peer": self.weight_peer,
            "subordinate": self.weight_subordinate,
            "public": self.weight_public,
            "self": self.weight_self,
        }


class DistributionRule(RuleBasis):
    """One constraint of the predikat distribution pattern (SE MenPANRB 3/2023).

    For an organisation with ``org_predikat``, the share of employees whose predikat is in
    ``predikat_codes`` must be at least ``min_pct`` and at most ``max_pct`` percent, and at
    least ``min_count`` employees ("harus ada").
    """

    org_predikat = models.CharField(_("predikat organisasi"), max_length=20, choices=OrgPredikat.choices)
    predikat_codes = models.CharField(
        _("predikat pegawai"), max_length=120, help_text=_("Kode predikat dipisah koma.")
    )
    min_pct = models.DecimalField(_("minimal (%)"), max_digits=5, decimal_places=2, null=True, blank=True)
    max_pct = models.DecimalField(_("maksimal (%)"), max_digits=5, decimal_places=2, null=True, blank=True)
    min_count = models.PositiveSmallIntegerField(_("minimal jumlah pegawai"), null=True, blank=True)
    description = models.CharField(_("uraian"), max_length=300)

    class Meta:
        verbose_name = _("aturan pola distribusi")
        verbose_name_plural = _("pola distribusi predikat")
        ordering = ["org_predikat", "pk"]

    def __str__(self) -> str:
        return self.description

    @property
    def codes(self) -> list[str]:
        return [c.strip() for c in self.predikat_codes.split(",") if c.strip()]


class FollowUpRule(RuleBasis):
    """A reward or sanction rule: a trigger (a predikat, or an indicator's achievement) → a consequence."""

    class Kind(models.TextChoices):
        REWARD = "reward", _("Penghargaan")
        SANCTION = "sanction", _("Sanksi")

    class Consequence(models.TextChoices):
        CERTIFICATE = "certificate", _("Piagam penghargaan")
        TPP_INCREASE = "tpp_increase", _("Penghargaan finansial (tambahan TPP)")
        PROMOTION_CANDIDATE = "promotion_candidate", _("Masuk daftar calon promosi")
        TPP_REDUCTION = "tpp_reduction", _("Pemotongan TPP")
        #: Not a penalty Pamong imposes: the case goes to the disciplinary process of PP 94/2021.
        WARNING = "warning", _("Diteruskan ke pemeriksaan disiplin (diproses sesuai PP 94/2021)")
        DEVELOPMENT_GOAL = "development_goal", _("Sasaran pengembangan wajib")

    class Comparison(models.TextChoices):
        GTE = "gte", _("capaian paling sedikit")
        LT = "lt", _("capaian kurang dari")

    instansi = models.ForeignKey(
        "people.Instansi",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="followup_rules",
        verbose_name=_("instansi"),
        help_text=_("Kosong: berlaku untuk semua instansi."),
    )
    name = models.CharField(_("nama"), max_length=200)
    kind = models.CharField(_("jenis"), max_length=10, choices=Kind.choices)
    trigger_predikat = models.CharField(
        _("pemicu: predikat"), max_length=20, choices=Predikat.choices, blank=True
    )
    trigger_indicator = models.ForeignKey(
        "performance.Indicator",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="followup_rules",
        verbose_name=_("pemicu: indikator"),
    )
    trigger_comparison = models.CharField(
        _("perbandingan"), max_length=3, choices=Comparison.choices, blank=True
    )
    trigger_achievement_pct = models.DecimalField(
        _("capaian indikator (%)"), max_digits=6, decimal_places=2, null=True, blank=True
    )
    consequence = models.CharField(_("konsekuensi"), max_length=30, choices=Consequence.choices)
    tpp_percent = models.DecimalField(
        _("persentase TPP"), max_digits=5, decimal_places=2, null=True, blank=True
    )
    is_active = models.BooleanField(_("aktif"), default=True)

    class Meta:
        verbose_name = _("aturan penghargaan/sanksi")
        verbose_name_plural = _("aturan penghargaan dan sanksi")
        ordering = ["kind", "name"]
        constraints = [
            models.CheckConstraint(
                condition=(~Q(trigger_predikat="") & Q(trigger_indicator__isnull=True))
                | (Q(trigger_predikat="") & Q(trigger_indicator__isnull=False)),
                name="followup_rule_one_trigger",
            )
        ]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        errors = {}
        if bool(self.trigger_predikat) == bool(self.trigger_indicator_id):
            errors["trigger_predikat"] = _("Pilih tepat satu pemicu: predikat atau indikator.")
        if self.trigger_indicator_id and (
            not self.trigger_comparison or self.trigger_achievement_pct is None
        ):
            errors["trigger_achievement_pct"] = _("Pemicu indikator memerlukan perbandingan dan capaian.")
        if (
            self.consequence in (self.Consequence.TPP_INCREASE, self.Consequence.TPP_REDUCTION)
            and self.tpp_percent is None
        ):
            errors["tpp_percent"] = _("Isi persentase TPP.")
        if errors:
            raise ValidationError(errors)

    @property
    def trigger_text(self) -> str:
        if self.trigger_predikat:
            return str(_("Predikat %(p)s")) % {"p": self.get_trigger_predikat_display()}
        return str(_("%(ind)s: %(cmp)s %(pct)s")) % {
            "ind": self.trigger_indicator.name if self.trigger_indicator_id else "?",
            "cmp": self.get_trigger_comparison_display(),
            "pct": formats.percent(self.trigger_achievement_pct),
        }
