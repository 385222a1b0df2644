"""Evaluation results, objections (keberatan), the audit log, organisation predikat and follow-up."""

from __future__ import annotations

from django.apps import apps
from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from .choices import OrgPredikat, Predikat, Rating


class Evaluation(models.Model):
    """The result of one SKP: proposals, the atasan's decision, the predikat and its explanation.

    ``explanation`` is the transparency snapshot (per-indicator achievement, shown group averages,
    thresholds, weights, the matrix cell) taken when the atasan rates; once ``status`` is final the
    row is never changed except through an accepted objection.
    """

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draf penilaian")
        FINAL = "final", _("Final")

    plan = models.OneToOneField("performance.Plan", on_delete=models.CASCADE, related_name="evaluation")
    status = models.CharField(_("status"), max_length=8, choices=Status.choices, default=Status.DRAFT)
    achievement_pct = models.DecimalField(_("capaian (%)"), max_digits=7, decimal_places=2, null=True)
    perilaku_score = models.DecimalField(_("skor perilaku"), max_digits=4, decimal_places=2, null=True)
    proposed_hasil_kerja = models.CharField(max_length=10, choices=Rating.choices, blank=True)
    proposed_perilaku_kerja = models.CharField(max_length=10, choices=Rating.choices, blank=True)
    hasil_kerja = models.CharField(_("rating hasil kerja"), max_length=10, choices=Rating.choices)
    perilaku_kerja = models.CharField(_("rating perilaku kerja"), max_length=10, choices=Rating.choices)
    hasil_kerja_reason = models.TextField(_("alasan mengubah usulan hasil kerja"), blank=True)
    perilaku_kerja_reason = models.TextField(_("alasan mengubah usulan perilaku kerja"), blank=True)
    predikat = models.CharField(_("predikat kinerja"), max_length=20, choices=Predikat.choices)
    explanation = models.JSONField(_("penjelasan"), default=dict, blank=True)
    evaluated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    evaluated_at = models.DateTimeField(null=True, blank=True)
    finalised_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    finalised_at = models.DateTimeField(null=True, blank=True)
    finalise_override_reason = models.TextField(
        _("alasan finalisasi dengan pengecualian"),
        blank=True,
        help_text=_(
            "Diisi pengelola kepegawaian bila hasil difinalkan sebelum periode berakhir atau "
            "sebelum semua realisasi diisi."
        ),
    )

    class Meta:
        verbose_name = _("hasil penilaian")
        verbose_name_plural = _("hasil penilaian")
        indexes = [models.Index(fields=["status", "predikat"], name="evaluation_status_predikat")]

    def __str__(self) -> str:
        return self.get_predikat_display()

    def get_absolute_url(self) -> str:
        return reverse("performance:result", args=[self.plan_id])

    @property
    def is_final(self) -> bool:
        return self.status == self.Status.FINAL


class Objection(models.Model):
    """A keberatan against a finalised result, decided by the atasan's own atasan."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Menunggu keputusan")
        ACCEPTED = "accepted", _("Diterima")
        REJECTED = "rejected", _("Ditolak")

    evaluation = models.ForeignKey(Evaluation, on_delete=models.CASCADE, related_name="objections")
    filed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    filed_at = models.DateTimeField(auto_now_add=True)
    reason = models.TextField(_("alasan keberatan"))
    decider = models.ForeignKey(
        "people.ASN",
        on_delete=models.SET_NULL,
        null=True,
        related_name="objections_to_decide",
        verbose_name=_("atasan pejabat penilai"),
    )
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.PENDING)
    decision_reason = models.TextField(_("alasan keputusan"), blank=True)
    new_hasil_kerja = models.CharField(
        _("rating hasil kerja baru"), max_length=10, choices=Rating.choices, blank=True
    )
    new_perilaku_kerja = models.CharField(
        _("rating perilaku kerja baru"), max_length=10, choices=Rating.choices, blank=True
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("keberatan")
        verbose_name_plural = _("keberatan")
        ordering = ["-filed_at"]

    def __str__(self) -> str:
        return f"{_('Keberatan')} #{self.pk}"

    def get_absolute_url(self) -> str:
        return reverse("performance:objection_detail", args=[self.pk])


#: Every audit action with the words HR reads in the audit log (never the raw code).
#: :func:`performance.services.audit_record` refuses an action missing here.
AUDIT_ACTIONS = {
    "period.status": _("Status periode diubah"),
    "period.close": _("Periode ditutup"),
    "plan.create": _("SKP dibuat"),
    "plan.add_indicator": _("Indikator ditambahkan"),
    "plan.agree": _("SKP disepakati"),
    "realisation.record": _("Realisasi dicatat"),
    "rater.assign_peers": _("Penilai rekan ditetapkan"),
    "rating.submit": _("Penilaian perilaku dikirim"),
    "public_feedback.moderate": _("Umpan balik masyarakat dimoderasi"),
    "evaluation.save": _("Evaluasi disimpan"),
    "evaluation.finalise": _("Hasil evaluasi difinalkan"),
    "periodic.finalise": _("Penilaian kinerja periodik ditetapkan"),
    "objection.file": _("Keberatan diajukan"),
    "evaluation.objection_accepted": _("Evaluasi diubah karena keberatan diterima"),
    "objection.decide": _("Keberatan diputuskan"),
    "followup.decide": _("Usulan tindak lanjut diputuskan"),
    "org_predikat.set": _("Predikat organisasi ditetapkan"),
}


class AuditEntry(models.Model):
    """Who changed what, when, with the state before and after (as JSON)."""

    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    action = models.CharField(_("tindakan"), max_length=60)
    object_type = models.CharField(_("objek"), max_length=60)
    object_id = models.PositiveBigIntegerField(null=True)
    asn = models.ForeignKey("people.ASN", on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    instansi = models.ForeignKey(
        "people.Instansi", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    before = models.JSONField(null=True, blank=True)
    after = models.JSONField(null=True, blank=True)

    class Meta:
        verbose_name = _("catatan audit kinerja")
        verbose_name_plural = _("log audit kinerja")
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["instansi", "created_at"], name="audit_instansi_time")]

    def __str__(self) -> str:
        return f"{self.action} {self.object_type}#{self.object_id}"

    @property
    def action_label(self) -> str:
        """The action in words (``"SKP disepakati"``), the code itself only for an unknown one."""
        return str(AUDIT_ACTIONS.get(self.action, self.action))

    @property
    def object_label(self) -> str:
        """The changed object's kind in words (its model's verbose name)."""
        try:
            return str(apps.get_model("performance", self.object_type)._meta.verbose_name)
        except LookupError:
            return self.object_type


class OrganisationPredikat(models.Model):
    """The predikat of an instansi's own performance, which selects its distribution pattern."""

    period = models.ForeignKey("performance.Period", on_delete=models.CASCADE, related_name="org_predikats")
    instansi = models.ForeignKey("people.Instansi", on_delete=models.CASCADE, related_name="+")
    predikat = models.CharField(_("predikat organisasi"), max_length=20, choices=OrgPredikat.choices)

    class Meta:
        verbose_name = _("predikat organisasi")
        verbose_name_plural = _("predikat organisasi")
        constraints = [models.UniqueConstraint(fields=["period", "instansi"], name="org_predikat_unique")]

    def __str__(self) -> str:
        return self.get_predikat_display()


class FollowUpProposal(models.Model):
    """A reward or sanction proposed on closing a period; HR approves or rejects it."""

    class Status(models.TextChoices):
        PROPOSED = "proposed", _("Diusulkan")
        APPROVED = "approved", _("Disetujui")
        REJECTED = "rejected", _("Ditolak")

    class DevelopmentStatus(models.TextChoices):
        NONE = "", _("—")
        APPLIED = "applied", _("Sasaran pengembangan ditambahkan")
        WAITING = "waiting", _("Menunggu modul kompetensi")

    period = models.ForeignKey("performance.Period", on_delete=models.CASCADE, related_name="proposals")
    asn = models.ForeignKey("people.ASN", on_delete=models.CASCADE, related_name="followup_proposals")
    rule = models.ForeignKey("performance.FollowUpRule", on_delete=models.PROTECT, related_name="proposals")
    evaluation = models.ForeignKey(
        Evaluation, on_delete=models.SET_NULL, null=True, blank=True, related_name="proposals"
    )
    basis = models.CharField(_("dasar usulan"), max_length=300)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.PROPOSED)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    note = models.TextField(_("catatan"), blank=True)
    certificate_code = models.CharField(
        _("kode verifikasi"), max_length=24, unique=True, null=True, blank=True
    )
    development_status = models.CharField(
        _("tindak lanjut pengembangan"),
        max_length=10,
        choices=DevelopmentStatus.choices,
        blank=True,
        default="",
    )

    class Meta:
        verbose_name = _("usulan penghargaan/sanksi")
        verbose_name_plural = _("usulan penghargaan dan sanksi")
        ordering = ["asn__name", "rule__kind"]
        constraints = [
            models.UniqueConstraint(fields=["period", "asn", "rule"], name="one_proposal_per_rule")
        ]
        indexes = [models.Index(fields=["period", "status"], name="proposal_period_status")]

    def __str__(self) -> str:
        return f"{self.rule} — {self.asn_id}"
