"""Notifications: one row per (recipient, idempotency key), the sends of each channel, preferences.

A *notification* is what a person sees in the inbox (``/saya/notifikasi/``) and what the email
channel sends. It is recorded once per recipient under an idempotency ``key`` (unique together with
the recipient), so repeating a job or a service call never notifies twice.
"""

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from .kinds import KIND_CHOICES, KINDS, MODE_CHOICES


class Notification(models.Model):
    class Email(models.TextChoices):
        PENDING = "pending", _("Menunggu dikirim")
        SENDING = "sending", _("Sedang dikirim")
        SENT = "sent", _("Terkirim")
        FAILED = "failed", _("Gagal")
        DIGEST = "digest", _("Menunggu ringkasan harian")
        OFF = "off", _("Tidak dikirim (preferensi)")
        NO_ADDRESS = "no_address", _("Tidak ada alamat email")

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="notifications",
        # No index of its own: the unique (recipient, key) and the inbox index both start with it.
        db_index=False,
        verbose_name=_("penerima"),
    )
    kind = models.CharField(_("jenis"), max_length=40, choices=KIND_CHOICES)
    key = models.CharField(_("kunci idempotensi"), max_length=200)
    params = models.JSONField(_("parameter"), default=dict, blank=True)
    link = models.CharField(_("tautan"), max_length=500)
    subject_type = models.ForeignKey(
        ContentType, on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    subject_id = models.PositiveBigIntegerField(null=True, blank=True)
    created_at = models.DateTimeField(_("dibuat"), auto_now_add=True)
    read_at = models.DateTimeField(_("dibaca"), null=True, blank=True)
    email_state = models.CharField(
        _("status email"), max_length=12, choices=Email.choices, default=Email.PENDING
    )
    #: When a worker claimed it for sending (``sending``); its lease runs from here (delivery.py).
    email_claimed_at = models.DateTimeField(_("diambil untuk dikirim"), null=True, blank=True, editable=False)

    class Meta:
        verbose_name = _("notifikasi")
        verbose_name_plural = _("notifikasi")
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["recipient", "key"], name="notification_once_per_key"),
        ]
        indexes = [
            # The bell: unread count of one person (one index range, bounded).
            models.Index(
                fields=["recipient"], condition=Q(read_at__isnull=True), name="notification_unread_idx"
            ),
            # The inbox, newest first.
            models.Index(fields=["recipient", "-created_at", "-id"], name="notification_inbox_idx"),
            # The email worker's queue and the digest.
            models.Index(
                fields=["id"], condition=Q(email_state="pending"), name="notification_email_pending_idx"
            ),
            models.Index(
                fields=["recipient"], condition=Q(email_state="digest"), name="notification_email_digest_idx"
            ),
            # Batches being sent, by claim time: the next run takes over those whose lease ran out.
            models.Index(
                fields=["email_claimed_at"],
                condition=Q(email_state="sending"),
                name="notification_email_sending_idx",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def title(self) -> str:
        kind = KINDS.get(self.kind)
        return kind.render_title(self.params) if kind else self.kind

    @property
    def detail(self) -> str:
        """Optional lines under the title (a reminder's list of pending work)."""
        return (self.params or {}).get("detail", "")

    @property
    def is_read(self) -> bool:
        return self.read_at is not None


class Delivery(models.Model):
    """One send through a channel other than the inbox (email today; WhatsApp or SMS later)."""

    class Status(models.TextChoices):
        SENT = "sent", _("Terkirim")
        FAILED = "failed", _("Gagal")

    channel = models.CharField(_("kanal"), max_length=20)
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+", verbose_name=_("penerima")
    )
    notification = models.ForeignKey(
        Notification, on_delete=models.CASCADE, null=True, blank=True, related_name="deliveries"
    )
    is_digest = models.BooleanField(_("ringkasan harian"), default=False)
    address = models.CharField(_("alamat"), max_length=254)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices)
    error = models.TextField(_("galat"), blank=True)
    created_at = models.DateTimeField(_("waktu"), auto_now_add=True)

    class Meta:
        verbose_name = _("pengiriman notifikasi")
        verbose_name_plural = _("pengiriman notifikasi")
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.channel} → {self.address}: {self.status}"


class Preference(models.Model):
    """A person's email mode for one kind; no row means the kind's default."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="notification_preferences",
        verbose_name=_("pengguna"),
    )
    kind = models.CharField(_("jenis"), max_length=40, choices=KIND_CHOICES)
    mode = models.CharField(_("email"), max_length=10, choices=MODE_CHOICES)

    class Meta:
        verbose_name = _("preferensi notifikasi")
        verbose_name_plural = _("preferensi notifikasi")
        constraints = [models.UniqueConstraint(fields=["user", "kind"], name="notification_preference_once")]

    def __str__(self) -> str:
        return f"{self.user_id} {self.kind}: {self.mode}"
