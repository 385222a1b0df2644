"""360° perilaku kerja ratings and public feedback.

Anonymity lives in the selectors: nothing that serves a ratee or an atasan returns a rater's
identity or a single peer/subordinate rating (see :mod:`performance.selectors`).
"""

from __future__ import annotations

import secrets

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from .choices import RaterGroup


class RaterAssignment(models.Model):
    """One rater asked to rate one ratee's SKP in one group (atasan, peer, subordinate, self)."""

    plan = models.ForeignKey("performance.Plan", on_delete=models.CASCADE, related_name="rater_assignments")
    rater = models.ForeignKey(
        "people.ASN", on_delete=models.CASCADE, related_name="rating_tasks", verbose_name=_("penilai")
    )
    group = models.CharField(
        _("kelompok"),
        max_length=12,
        choices=[c for c in RaterGroup.choices if c[0] != RaterGroup.PUBLIC],
    )
    assigned_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    submitted_at = models.DateTimeField(_("dikirim"), null=True, blank=True)

    class Meta:
        verbose_name = _("penugasan penilai 360°")
        verbose_name_plural = _("penugasan penilai 360°")
        constraints = [models.UniqueConstraint(fields=["plan", "rater"], name="one_assignment_per_rater")]
        indexes = [models.Index(fields=["rater", "submitted_at"], name="assignment_rater_pending")]

    def __str__(self) -> str:
        return f"{self.get_group_display()} → SKP {self.plan_id}"


class BehaviourRating(models.Model):
    """A 1–5 score on one BerAKHLAK value, part of one submitted assignment."""

    assignment = models.ForeignKey(RaterAssignment, on_delete=models.CASCADE, related_name="ratings")
    value = models.ForeignKey("performance.BerakhlakValue", on_delete=models.PROTECT, related_name="+")
    score = models.PositiveSmallIntegerField(
        _("skor"), validators=[MinValueValidator(1), MaxValueValidator(5)]
    )

    class Meta:
        verbose_name = _("skor perilaku")
        verbose_name_plural = _("skor perilaku")
        constraints = [
            models.UniqueConstraint(fields=["assignment", "value"], name="one_score_per_value"),
            models.CheckConstraint(
                condition=models.Q(score__gte=1, score__lte=5), name="behaviour_score_1_5"
            ),
        ]

    def __str__(self) -> str:
        return str(self.score)


def new_token() -> str:
    return secrets.token_urlsafe(16)


class PublicFeedbackChannel(models.Model):
    """The public feedback form of one service unit (``UnitKerja.serves_public``)."""

    unit = models.OneToOneField(
        "people.UnitKerja", on_delete=models.CASCADE, related_name="feedback_channel", verbose_name=_("unit")
    )
    token = models.CharField(_("token"), max_length=40, unique=True, default=new_token)
    is_active = models.BooleanField(_("aktif"), default=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("formulir umpan balik masyarakat")
        verbose_name_plural = _("formulir umpan balik masyarakat")

    def __str__(self) -> str:
        return str(self.unit)

    def get_absolute_url(self) -> str:
        return reverse("performance:public_feedback", args=[self.token])


class PublicFeedback(models.Model):
    """One answer from the public; counts only after the unit's HR approved it."""

    wagtail_reference_index_ignore = True  # a record, not content: see pamong.people.models.ASN

    class Status(models.TextChoices):
        PENDING = "pending", _("Menunggu moderasi")
        APPROVED = "approved", _("Disetujui")
        REJECTED = "rejected", _("Ditolak")

    channel = models.ForeignKey(PublicFeedbackChannel, on_delete=models.CASCADE, related_name="feedback")
    asn = models.ForeignKey(
        "people.ASN",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="public_feedback",
        verbose_name=_("petugas yang melayani"),
    )
    rating = models.PositiveSmallIntegerField(
        _("nilai"), validators=[MinValueValidator(1), MaxValueValidator(5)]
    )
    comment = models.TextField(_("komentar"), blank=True, max_length=2000)
    created_at = models.DateTimeField(_("dikirim"), auto_now_add=True)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.PENDING)
    moderated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    moderated_at = models.DateTimeField(_("dimoderasi"), null=True, blank=True)

    class Meta:
        verbose_name = _("umpan balik masyarakat")
        verbose_name_plural = _("umpan balik masyarakat")
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(condition=models.Q(rating__gte=1, rating__lte=5), name="public_rating_1_5")
        ]
        indexes = [
            models.Index(fields=["channel", "status"], name="public_feedback_status"),
            models.Index(fields=["asn", "status", "created_at"], name="public_feedback_asn"),
        ]

    def __str__(self) -> str:
        return f"{self.rating}/5"
