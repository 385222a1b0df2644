"""Classroom and online sessions of a course, and who registered for them.

A :class:`CourseSession` is one scheduled meeting of a course (a *kelas* in a room, or an online
room): its place or room link, times, capacity, registration window, JP and trainer. An ASN's
:class:`SessionRegistration` is registered, on the waiting list, or cancelled; attendance is recorded
on it once. Writes happen only in :mod:`learning.sessions`.
"""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _


class CourseSession(models.Model):
    course = models.ForeignKey(
        "learning.CoursePage", on_delete=models.CASCADE, related_name="sessions", verbose_name=_("pelatihan")
    )
    title = models.CharField(_("nama sesi"), max_length=200, help_text=_("Misalnya “Angkatan I”."))
    place = models.CharField(_("tempat"), max_length=255, blank=True)
    room_url = models.URLField(_("tautan ruang daring"), blank=True)
    starts_at = models.DateTimeField(_("mulai"))
    ends_at = models.DateTimeField(_("selesai"))
    capacity = models.PositiveSmallIntegerField(
        _("kapasitas"), validators=[MinValueValidator(1), MaxValueValidator(2000)]
    )
    registration_opens_at = models.DateTimeField(_("pendaftaran dibuka"))
    registration_closes_at = models.DateTimeField(_("pendaftaran ditutup"))
    cancel_cutoff_hours = models.PositiveSmallIntegerField(
        _("batas pembatalan (jam sebelum mulai)"), default=24, validators=[MaxValueValidator(720)]
    )
    jp = models.PositiveSmallIntegerField(
        _("JP"),
        validators=[MinValueValidator(1), MaxValueValidator(200)],
        help_text=_("JP bagian tatap muka; tidak boleh melebihi JP pelatihan."),
    )
    trainer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("pengajar"),
        help_text=_("Pengguna yang mengambil presensi."),
    )

    class Meta:
        verbose_name = _("sesi pelatihan")
        verbose_name_plural = _("sesi pelatihan")
        ordering = ["starts_at", "pk"]
        indexes = [models.Index(fields=["course", "starts_at"], name="session_course_start")]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_at__gt=models.F("starts_at")), name="session_ends_after_start"
            ),
            models.CheckConstraint(
                condition=models.Q(registration_closes_at__gt=models.F("registration_opens_at")),
                name="session_registration_window",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.course.title} · {self.title}"

    def clean(self) -> None:
        errors = {}
        if not self.place.strip() and not self.room_url:
            errors["place"] = _("Isi tempat atau tautan ruang daring.")
        if self.starts_at and self.ends_at and self.ends_at <= self.starts_at:
            errors["ends_at"] = _("Waktu selesai harus setelah waktu mulai.")
        if self.registration_opens_at and self.registration_closes_at:
            if self.registration_closes_at <= self.registration_opens_at:
                errors["registration_closes_at"] = _("Pendaftaran harus ditutup setelah dibuka.")
            elif self.starts_at and self.registration_closes_at > self.starts_at:
                errors["registration_closes_at"] = _("Pendaftaran harus ditutup sebelum sesi dimulai.")
        if self.course_id and self.jp and self.jp > self.course.jp:
            errors["jp"] = _("JP sesi (%(s)s) melebihi JP pelatihan (%(c)s).") % {
                "s": self.jp,
                "c": self.course.jp,
            }
        if errors:
            raise ValidationError(errors)


class SessionRegistration(models.Model):
    """One ASN on one session. ``jp_credited`` is the session's JP, set when attendance is recorded."""

    class Status(models.TextChoices):
        REGISTERED = "registered", _("Terdaftar")
        WAITING = "waiting", _("Daftar tunggu")
        CANCELLED = "cancelled", _("Dibatalkan")

    # PROTECT: a session with registrations is not deleted (its attendance credited JP)
    session = models.ForeignKey(CourseSession, on_delete=models.PROTECT, related_name="registrations")
    asn = models.ForeignKey("people.ASN", on_delete=models.CASCADE, related_name="session_registrations")
    enrolment = models.ForeignKey(
        "learning.Enrolment", on_delete=models.CASCADE, related_name="session_registrations"
    )
    status = models.CharField(_("status"), max_length=10, choices=Status.choices)
    registered_at = models.DateTimeField(_("mendaftar"))
    promoted_at = models.DateTimeField(_("naik dari daftar tunggu"), null=True, blank=True)
    cancelled_at = models.DateTimeField(_("dibatalkan"), null=True, blank=True)
    attended_at = models.DateTimeField(_("hadir"), null=True, blank=True)
    marked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    jp_credited = models.PositiveSmallIntegerField(_("JP diakui"), default=0)

    class Meta:
        verbose_name = _("pendaftaran sesi")
        verbose_name_plural = _("pendaftaran sesi")
        ordering = ["registered_at", "pk"]
        constraints = [models.UniqueConstraint(fields=["session", "asn"], name="session_registration_unique")]
        indexes = [models.Index(fields=["session", "status", "registered_at"], name="session_reg_queue")]

    def __str__(self) -> str:
        return f"{self.session_id} · {self.asn_id} ({self.status})"

    @property
    def attended(self) -> bool:
        return self.attended_at is not None
