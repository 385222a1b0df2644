"""Competencies: the dictionary, position standards, individual levels, course links, development
plans (IDP) and training evidence.

* :class:`Competency` / :class:`CompetencyLevel` — the dictionary (*kamus kompetensi*) of
  PermenPANRB 38/2017: managerial, sosial kultural and (per instansi) technical competencies, each
  with five levels, a description and behaviour indicators;
* :class:`PositionStandard` — the *standar kompetensi jabatan*: required level per competency;
* :class:`LevelRecord` (append-only history) and :class:`CurrentLevel` (one row per ASN and
  competency, kept by :mod:`competencies.services`) — the individual profile;
* :class:`CourseCompetency` — which competencies a course or module develops, up to which level,
  and what its completion does (:class:`CompletionRule`);
* :class:`TrainingEvidence` — one completed course/module per ASN, recorded once;
* :class:`LevelProposal` — a level proposed to the atasan by a completion (rule "propose");
* :class:`DevelopmentPlan` / :class:`Goal` / :class:`Activity` — the *rencana pengembangan
  kompetensi* (IDP) per ASN per year.

One module, a little longer than most: the tables of one concept (competency → standard → level →
plan), each short; Django's convention of one models module per app is kept.
"""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel

from pamong.people.regulation import RuleBasis

LEVEL_VALIDATORS = [MinValueValidator(1), MaxValueValidator(5)]


class Competency(ClusterableModel):
    class Kind(models.TextChoices):
        MANAJERIAL = "manajerial", _("Manajerial")
        SOSIAL_KULTURAL = "sosial_kultural", _("Sosial kultural")
        TEKNIS = "teknis", _("Teknis")

    code = models.CharField(_("kode"), max_length=30, unique=True)
    name = models.CharField(_("nama"), max_length=200)
    kind = models.CharField(_("jenis"), max_length=20, choices=Kind.choices)
    definition = models.TextField(_("definisi"))
    instansi = models.ForeignKey(
        "people.Instansi",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="competencies",
        verbose_name=_("instansi"),
        help_text=_("Hanya untuk kompetensi teknis: instansi pemilik kompetensi."),
    )
    sort_order = models.PositiveSmallIntegerField(_("urutan"), default=100)
    is_active = models.BooleanField(_("aktif"), default=True)

    class Meta:
        verbose_name = _("kompetensi")
        verbose_name_plural = _("kamus kompetensi")
        ordering = ["sort_order", "code"]

    def __str__(self) -> str:
        return f"{self.code} {self.name}"

    def clean(self) -> None:
        if self.kind == self.Kind.TEKNIS and not self.instansi_id:
            raise ValidationError({"instansi": _("Kompetensi teknis harus dimiliki satu instansi.")})
        if self.kind != self.Kind.TEKNIS and self.instansi_id:
            raise ValidationError({"instansi": _("Hanya kompetensi teknis yang dimiliki instansi.")})


class CompetencyLevel(models.Model):
    competency = ParentalKey(Competency, on_delete=models.CASCADE, related_name="levels")
    level = models.PositiveSmallIntegerField(_("level"), validators=LEVEL_VALIDATORS)
    description = models.TextField(_("deskripsi"))
    indicators = models.TextField(_("indikator perilaku"), help_text=_("Satu indikator per baris."))

    class Meta:
        verbose_name = _("level kompetensi")
        verbose_name_plural = _("level kompetensi")
        ordering = ["competency", "level"]
        constraints = [
            models.UniqueConstraint(fields=["competency", "level"], name="competency_level_unique")
        ]

    def __str__(self) -> str:
        return f"{self.competency.code} level {self.level}"

    @property
    def indicator_list(self) -> list[str]:
        return [line.strip() for line in self.indicators.splitlines() if line.strip()]


class PositionStandard(models.Model):
    wagtail_reference_index_ignore = True  # a record, not content: see pamong.people.models.ASN

    jabatan = models.ForeignKey(
        "people.Jabatan",
        on_delete=models.CASCADE,
        related_name="competency_standards",
        verbose_name=_("jabatan"),
    )
    competency = models.ForeignKey(
        Competency, on_delete=models.PROTECT, related_name="standards", verbose_name=_("kompetensi")
    )
    required_level = models.PositiveSmallIntegerField(_("level standar"), validators=LEVEL_VALIDATORS)

    class Meta:
        verbose_name = _("standar kompetensi jabatan")
        verbose_name_plural = _("standar kompetensi jabatan")
        ordering = ["jabatan", "competency__sort_order"]
        constraints = [
            models.UniqueConstraint(
                fields=["jabatan", "competency"], name="standard_unique_jabatan_competency"
            )
        ]

    def __str__(self) -> str:
        return f"{self.jabatan} · {self.competency.code} ≥ {self.required_level}"


class LevelSource(models.TextChoices):
    ASSESSMENT = "assessment", _("Asesmen")
    TRAINING = "training", _("Bukti pelatihan")
    ATASAN = "atasan", _("Penilaian atasan")


class LevelRecord(models.Model):
    """One change of an ASN's level in one competency. Append-only: never updated or deleted."""

    asn = models.ForeignKey("people.ASN", on_delete=models.CASCADE, related_name="competency_history")
    competency = models.ForeignKey(Competency, on_delete=models.PROTECT, related_name="+")
    level = models.PositiveSmallIntegerField(_("level"), validators=LEVEL_VALIDATORS)
    previous_level = models.PositiveSmallIntegerField(_("level sebelumnya"), null=True, blank=True)
    source = models.CharField(_("sumber"), max_length=12, choices=LevelSource.choices)
    assessed_on = models.DateField(_("tanggal"))
    note = models.CharField(_("keterangan"), max_length=300, blank=True)
    evidence = models.ForeignKey(
        "competencies.TrainingEvidence", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    recorded_at = models.DateTimeField(_("dicatat"), auto_now_add=True)

    class Meta:
        verbose_name = _("riwayat level kompetensi")
        verbose_name_plural = _("riwayat level kompetensi")
        ordering = ["-assessed_on", "-pk"]
        indexes = [models.Index(fields=["asn", "competency"], name="levelrecord_asn_competency")]

    def __str__(self) -> str:
        return f"{self.asn_id} {self.competency_id} → {self.level}"


class CurrentLevel(models.Model):
    """The latest level of an ASN in a competency (mirror of the newest :class:`LevelRecord`)."""

    asn = models.ForeignKey("people.ASN", on_delete=models.CASCADE, related_name="competency_levels")
    competency = models.ForeignKey(Competency, on_delete=models.CASCADE, related_name="+")
    level = models.PositiveSmallIntegerField(_("level"), validators=LEVEL_VALIDATORS)
    source = models.CharField(_("sumber"), max_length=12, choices=LevelSource.choices)
    assessed_on = models.DateField(_("tanggal"))

    class Meta:
        verbose_name = _("level kompetensi saat ini")
        verbose_name_plural = _("level kompetensi saat ini")
        constraints = [
            models.UniqueConstraint(fields=["asn", "competency"], name="current_level_unique_asn_competency")
        ]

    def __str__(self) -> str:
        return f"{self.asn_id} {self.competency_id} = {self.level}"


class CompletionRule(models.TextChoices):
    EVIDENCE = "evidence", _("Catat sebagai bukti saja")
    RAISE = "raise", _("Naikkan level ke level yang dinyatakan (tidak pernah menurunkan)")
    PROPOSE = "propose", _("Usulkan level kepada atasan untuk dikonfirmasi")


class CourseCompetency(models.Model):
    """A course or module develops a competency up to ``level``; ``rule`` says what completion does."""

    page = models.ForeignKey(
        "wagtailcore.Page",
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("pelatihan atau modul"),
        limit_choices_to={"content_type__model__in": ("coursepage", "modulepage")},
    )
    competency = models.ForeignKey(
        Competency, on_delete=models.CASCADE, related_name="course_links", verbose_name=_("kompetensi")
    )
    level = models.PositiveSmallIntegerField(
        _("sampai level"), validators=LEVEL_VALIDATORS, help_text=_("Level tertinggi yang dikembangkan.")
    )
    rule = models.CharField(
        _("aturan saat selesai"),
        max_length=10,
        choices=CompletionRule.choices,
        default=CompletionRule.EVIDENCE,
    )

    class Meta:
        verbose_name = _("kompetensi pelatihan")
        verbose_name_plural = _("kompetensi pelatihan")
        constraints = [
            models.UniqueConstraint(fields=["page", "competency"], name="course_competency_unique")
        ]

    def __str__(self) -> str:
        return f"{self.page_id} → {self.competency_id} ({self.level})"

    def clean(self) -> None:
        if self.page_id:
            content_type = self.page.content_type
            if (content_type.app_label, content_type.model) not in (
                ("learning", "coursepage"),
                ("learning", "modulepage"),
            ):
                raise ValidationError({"page": _("Pilih halaman pelatihan atau modul.")})


class TrainingEvidence(models.Model):
    """A completed course or module of an ASN, recorded once (unique per ASN and page)."""

    asn = models.ForeignKey("people.ASN", on_delete=models.CASCADE, related_name="training_evidence")
    page = models.ForeignKey("wagtailcore.Page", on_delete=models.CASCADE, related_name="+")
    course = models.ForeignKey("wagtailcore.Page", on_delete=models.CASCADE, related_name="+")
    title = models.CharField(_("judul"), max_length=255)
    completed_at = models.DateTimeField(_("selesai"))
    jp = models.PositiveSmallIntegerField(_("JP"), default=0)
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("bukti pelatihan")
        verbose_name_plural = _("bukti pelatihan")
        ordering = ["-completed_at"]
        constraints = [models.UniqueConstraint(fields=["asn", "page"], name="evidence_unique_asn_page")]

    def __str__(self) -> str:
        return f"{self.asn_id} · {self.title}"


class LevelProposal(models.Model):
    """A level proposed by a completion (rule "propose"), waiting for the atasan's confirmation."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Menunggu konfirmasi")
        CONFIRMED = "confirmed", _("Dikonfirmasi")
        REJECTED = "rejected", _("Ditolak")

    asn = models.ForeignKey("people.ASN", on_delete=models.CASCADE, related_name="level_proposals")
    competency = models.ForeignKey(Competency, on_delete=models.CASCADE, related_name="+")
    level = models.PositiveSmallIntegerField(validators=LEVEL_VALIDATORS)
    evidence = models.ForeignKey(TrainingEvidence, on_delete=models.CASCADE, related_name="proposals")
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("usulan level kompetensi")
        verbose_name_plural = _("usulan level kompetensi")
        constraints = [
            models.UniqueConstraint(
                fields=["evidence", "competency"], name="proposal_unique_evidence_competency"
            )
        ]

    def __str__(self) -> str:
        return f"{self.asn_id} {self.competency_id} → {self.level} ({self.status})"


class DevelopmentPlan(models.Model):
    """The *rencana pengembangan kompetensi* (IDP) of one ASN for one calendar year."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draf")
        SUBMITTED = "submitted", _("Diajukan")
        RETURNED = "returned", _("Dikembalikan")
        APPROVED = "approved", _("Disetujui")
        COMPLETED = "completed", _("Selesai")

    asn = models.ForeignKey("people.ASN", on_delete=models.CASCADE, related_name="development_plans")
    year = models.PositiveSmallIntegerField(_("tahun"))
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.DRAFT)
    return_comment = models.TextField(_("catatan pengembalian"), blank=True)
    submitted_at = models.DateTimeField(null=True, blank=True)
    decided_at = models.DateTimeField(null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    completed_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("rencana pengembangan kompetensi")
        verbose_name_plural = _("rencana pengembangan kompetensi")
        ordering = ["-year", "asn__name"]
        constraints = [models.UniqueConstraint(fields=["asn", "year"], name="plan_unique_asn_year")]
        indexes = [models.Index(fields=["status", "year"], name="plan_status_year")]

    def __str__(self) -> str:
        return f"IDP {self.year} · {self.asn_id}"

    def get_absolute_url(self) -> str:
        return reverse("competencies:plan_detail", args=[self.pk])

    @property
    def is_editable(self) -> bool:
        return self.status in (self.Status.DRAFT, self.Status.RETURNED)


class Goal(models.Model):
    class Status(models.TextChoices):
        OPEN = "open", _("Berjalan")
        DONE = "done", _("Tercapai")

    plan = models.ForeignKey(DevelopmentPlan, on_delete=models.CASCADE, related_name="goals")
    competency = models.ForeignKey(
        Competency,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("kompetensi"),
    )
    title = models.CharField(_("sasaran"), max_length=255)
    target_level = models.PositiveSmallIntegerField(
        _("level sasaran"), null=True, blank=True, validators=LEVEL_VALIDATORS
    )
    mandatory = models.BooleanField(_("wajib"), default=False)
    reason = models.CharField(_("alasan"), max_length=300, blank=True)
    source = models.CharField(
        _("asal"),
        max_length=100,
        blank=True,
        help_text="Who added a mandatory goal, e.g. performance.followup:12.",
    )
    status = models.CharField(_("status"), max_length=6, choices=Status.choices, default=Status.OPEN)
    done_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("sasaran pengembangan")
        verbose_name_plural = _("sasaran pengembangan")
        ordering = ["-mandatory", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["plan", "source"], condition=~models.Q(source=""), name="goal_unique_plan_source"
            )
        ]

    def __str__(self) -> str:
        return self.title


class Activity(models.Model):
    """A planned development activity: a catalogue course, or a non-classical activity with its JP."""

    class Kind(models.TextChoices):
        COURSE = "course", _("Pelatihan katalog")
        COACHING = "coaching", _("Coaching")
        MENTORING = "mentoring", _("Mentoring")
        JOB_SHADOWING = "job_shadowing", _("Job shadowing")
        SELF_STUDY = "self_study", _("Belajar mandiri")
        SEMINAR = "seminar", _("Seminar/lokakarya")
        DETASERING = "detasering", _("Detasering/magang")

    goal = models.ForeignKey(Goal, on_delete=models.CASCADE, related_name="activities")
    kind = models.CharField(_("jenis kegiatan"), max_length=14, choices=Kind.choices)
    course = models.ForeignKey(
        "learning.CoursePage",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("pelatihan"),
    )
    title = models.CharField(_("kegiatan"), max_length=255)
    jp = models.PositiveSmallIntegerField(_("JP"), default=0, validators=[MaxValueValidator(200)])
    done_on = models.DateField(_("tanggal selesai"), null=True, blank=True)
    #: A non-classical activity reported done is verified by HR like any outside learning: its JP
    #: count through this record (learning's JP credits) once verified, never through the activity.
    outside_record = models.OneToOneField(
        "learning.OutsideRecord", on_delete=models.SET_NULL, null=True, blank=True, related_name="activity"
    )

    class Meta:
        verbose_name = _("kegiatan pengembangan")
        verbose_name_plural = _("kegiatan pengembangan")
        ordering = ["pk"]
        indexes = [models.Index(fields=["course", "done_on"], name="activity_course_done")]

    def __str__(self) -> str:
        return self.title

    @property
    def is_done(self) -> bool:
        return self.done_on is not None

    @property
    def is_course(self) -> bool:
        return self.kind == self.Kind.COURSE


class CompetencyFit(models.Model):
    """Each ASN's stored competency fit: the JPM (see :mod:`competencies.selectors`) and the number of
    required competencies below standard. Kept by :func:`competencies.services.fit_refresh` whenever
    a current level or a position standard changes, so that reports over many ASN read a column
    instead of recomputing the formula. ``jpm`` is ``None`` when the position has no standard."""

    asn = models.OneToOneField(
        "people.ASN", on_delete=models.CASCADE, related_name="competency_fit", verbose_name=_("ASN")
    )
    jpm = models.DecimalField(_("JPM (%)"), max_digits=4, decimal_places=1, null=True, blank=True)
    below_standard_count = models.PositiveSmallIntegerField(_("kompetensi di bawah standar"), default=0)
    updated_at = models.DateTimeField(_("diperbarui"))

    class Meta:
        verbose_name = _("kesesuaian kompetensi")
        verbose_name_plural = _("kesesuaian kompetensi")
        indexes = [models.Index(fields=["jpm"], name="competencyfit_jpm")]

    def __str__(self) -> str:
        return f"{self.asn_id} JPM {self.jpm}"


class JpmBand(RuleBasis):
    """A category of the JPM (see :mod:`competencies.selectors`): a JPM at or above ``min_pct``
    (and below the next band's) falls in this band. Default rows: ≥ 80 % memenuhi syarat,
    68–80 % masih memenuhi syarat, < 68 % kurang memenuhi syarat — the categories commonly used in
    competency assessment reports; not set by a regulation, so kept as data HR may change."""

    code = models.SlugField(_("kode"), max_length=30, unique=True)
    label = models.CharField(_("kategori"), max_length=80)
    min_pct = models.DecimalField(
        _("JPM minimal (%)"),
        max_digits=4,
        decimal_places=1,
        unique=True,
        validators=[MinValueValidator(0), MaxValueValidator(100)],
    )

    class Meta:
        verbose_name = _("kategori JPM")
        verbose_name_plural = _("kategori JPM")
        ordering = ["-min_pct"]

    def __str__(self) -> str:
        return f"{self.label} (≥ {self.min_pct}%)"
