"""Learning done outside Pamong, with proof, and the JP credits that are not course completions.

An ASN records an :class:`OutsideRecord` (a programme of LAN, a webinar, another institution's
course) with its certificate; HR of the ASN's instansi verifies or rejects it. Every step is an
:class:`OutsideRecordEvent` (the audit trail). A :class:`JpCredit` is a JP credit that is not a
course completion: an attended session or a verified outside record — each at most once (one-to-one)
— and the JP ledger and the 20 JP meter count them beside completed courses
(:func:`learning.selectors.jp_credits`). Writes happen only in :mod:`learning.outside` and
:mod:`learning.sessions`.
"""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from pamong.storage import private_storage


def _proof_path(instance, filename: str) -> str:
    return f"learning/outside/{instance.asn_id}/{filename}"


class OutsideRecord(models.Model):
    class Status(models.TextChoices):
        PENDING = "pending", _("Menunggu verifikasi")
        VERIFIED = "verified", _("Terverifikasi")
        REJECTED = "rejected", _("Ditolak")

    class Origin(models.TextChoices):
        ASN = "asn", _("Dicatat ASN")
        IMPORT = "import", _("Impor CSV pengelola kepegawaian")
        ACTIVITY = "activity", _("Kegiatan rencana pengembangan")

    asn = models.ForeignKey("people.ASN", on_delete=models.CASCADE, related_name="outside_records")
    provider = models.CharField(_("penyelenggara"), max_length=200)
    title = models.CharField(_("nama pelatihan"), max_length=255)
    started_on = models.DateField(_("tanggal mulai"))
    ended_on = models.DateField(_("tanggal selesai"))
    jp = models.PositiveSmallIntegerField(_("JP"), validators=[MinValueValidator(1), MaxValueValidator(200)])
    proof = models.FileField(_("sertifikat"), storage=private_storage, upload_to=_proof_path, blank=True)
    proof_name = models.CharField(max_length=200, blank=True)
    proof_type = models.CharField(max_length=100, blank=True)
    origin = models.CharField(_("asal"), max_length=10, choices=Origin.choices, default=Origin.ASN)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.PENDING)
    reason = models.TextField(_("alasan penolakan"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(_("dicatat"))
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    decided_at = models.DateTimeField(_("diputuskan"), null=True, blank=True)

    class Meta:
        verbose_name = _("pembelajaran di luar Pamong")
        verbose_name_plural = _("pembelajaran di luar Pamong")
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["status", "created_at"], name="outside_status_created")]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ended_on__gte=models.F("started_on")), name="outside_dates_order"
            )
        ]

    def __str__(self) -> str:
        return f"{self.asn_id} · {self.title}"


class OutsideRecordEvent(models.Model):
    """The audit trail of an outside record: who did what, when, and why."""

    class Action(models.TextChoices):
        SUBMITTED = "submitted", _("Dicatat")
        IMPORTED = "imported", _("Diimpor")
        VERIFIED = "verified", _("Diverifikasi")
        REJECTED = "rejected", _("Ditolak")

    record = models.ForeignKey(OutsideRecord, on_delete=models.CASCADE, related_name="events")
    action = models.CharField(max_length=10, choices=Action.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    at = models.DateTimeField()
    reason = models.TextField(blank=True)

    class Meta:
        verbose_name = _("riwayat pembelajaran di luar Pamong")
        verbose_name_plural = _("riwayat pembelajaran di luar Pamong")
        ordering = ["at", "pk"]

    def __str__(self) -> str:
        return f"{self.record_id} {self.action}"


class JpCredit(models.Model):
    """JP credited outside a course completion: an attended session or a verified outside record."""

    class Kind(models.TextChoices):
        SESSION = "session", _("Sesi tatap muka")
        OUTSIDE = "outside", _("Pembelajaran di luar Pamong")

    asn = models.ForeignKey("people.ASN", on_delete=models.CASCADE, related_name="jp_credits")
    kind = models.CharField(max_length=10, choices=Kind.choices)
    title = models.CharField(max_length=255)
    earned_on = models.DateField(_("tanggal"))
    jp = models.PositiveSmallIntegerField(_("JP"))
    registration = models.OneToOneField(
        "learning.SessionRegistration",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="jp_credit",
    )
    outside_record = models.OneToOneField(
        OutsideRecord, on_delete=models.CASCADE, null=True, blank=True, related_name="jp_credit"
    )

    class Meta:
        verbose_name = _("JP diakui")
        verbose_name_plural = _("JP diakui")
        indexes = [models.Index(fields=["asn", "earned_on"], name="jpcredit_asn_date")]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(registration__isnull=False, outside_record__isnull=True)
                | models.Q(registration__isnull=True, outside_record__isnull=False),
                name="jpcredit_one_source",
            )
        ]

    def __str__(self) -> str:
        return f"{self.asn_id} {self.jp} JP · {self.title}"
