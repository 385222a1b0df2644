"""What Pamong keeps about SIASN: code mappings, pull runs with their differences, the outbox.

* :class:`UnorMapping`, :class:`JabatanMapping`, :class:`ReferenceMapping` — SIASN's codes (unit
  organisasi *unor*, jabatan, reference tables such as jenis kursus or kuadran nilai) against
  Pamong's; data, edited by BKPSDM in the admin.
* :class:`SiasnPullRun` / :class:`SiasnPullDifference` — one ``siasn_pull`` of an instansi and
  every difference (or error) it found, shown to the instansi's HR.
* :class:`SiasnOutbox` — one record to send to SIASN (a riwayat kursus, an SKP, a kinerja periodik), written in the
  transaction of the event it comes from and sent exactly once by the worker
  (:mod:`pamong.siasn.outbox`).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class UnorMapping(models.Model):
    """A SIASN *unor* (unit organisasi) id ↔ a Pamong unit kerja."""

    wagtail_reference_index_ignore = True  # a record, not content: see pamong.people.models.ASN

    siasn_unor_id = models.CharField(_("id unor SIASN"), max_length=64, unique=True)
    siasn_name = models.CharField(_("nama unor di SIASN"), max_length=255, blank=True)
    unit = models.ForeignKey(
        "people.UnitKerja", on_delete=models.CASCADE, related_name="+", verbose_name=_("unit kerja")
    )

    class Meta:
        verbose_name = _("pemetaan unor SIASN")
        verbose_name_plural = _("pemetaan unor SIASN")
        ordering = ["siasn_unor_id"]

    def __str__(self) -> str:
        return f"{self.siasn_unor_id} → {self.unit}"


class JabatanMapping(models.Model):
    """A SIASN jabatan id (struktural, fungsional or pelaksana) ↔ a Pamong jabatan."""

    wagtail_reference_index_ignore = True  # a record, not content: see pamong.people.models.ASN

    siasn_jabatan_id = models.CharField(_("id jabatan SIASN"), max_length=64, unique=True)
    siasn_name = models.CharField(_("nama jabatan di SIASN"), max_length=255, blank=True)
    jabatan = models.ForeignKey(
        "people.Jabatan", on_delete=models.CASCADE, related_name="+", verbose_name=_("jabatan")
    )

    class Meta:
        verbose_name = _("pemetaan jabatan SIASN")
        verbose_name_plural = _("pemetaan jabatan SIASN")
        ordering = ["siasn_jabatan_id"]

    def __str__(self) -> str:
        return f"{self.siasn_jabatan_id} → {self.jabatan}"


class ReferenceMapping(models.Model):
    """A value of Pamong (a predikat, a rating, a kind of learning) ↔ the id of a SIASN reference
    table (``kuadranNilai``, ``perilakuDanKinerja``, ``jenisKursus``, ``periodik``, ``koefisien``).
    ``source`` says where the SIASN id comes from.

    ``periodik`` maps how often periodic assessments are held (``bulanan``, ``triwulan``: the
    months of a check-in) and is national; ``koefisien`` maps a jabatan (its Pamong code, or
    ``jenis:<kind>`` for every jabatan of one kind) to the angka kredit koefisien of its jenjang,
    which each instansi maps for its own jabatan fungsional."""

    class Kind(models.TextChoices):
        KUADRAN = "kuadran", _("Kuadran nilai (predikat kinerja)")
        NILAI = "nilai", _("Hasil kerja dan perilaku kerja")
        JENIS_KURSUS = "jenis_kursus", _("Jenis kursus")
        PERIODIK = "periodik", _("Periode penilaian kinerja periodik")
        KOEFISIEN = "koefisien", _("Koefisien jabatan (kinerja periodik)")

    kind = models.CharField(_("tabel referensi"), max_length=20, choices=Kind.choices)
    pamong_value = models.CharField(_("nilai di Pamong"), max_length=60)
    siasn_id = models.CharField(_("id di SIASN"), max_length=64)
    siasn_name = models.CharField(_("nama di SIASN"), max_length=255, blank=True)
    source = models.CharField(_("sumber"), max_length=255, blank=True)

    class Meta:
        verbose_name = _("pemetaan referensi SIASN")
        verbose_name_plural = _("pemetaan referensi SIASN")
        ordering = ["kind", "pamong_value"]
        constraints = [
            models.UniqueConstraint(fields=["kind", "pamong_value"], name="siasn_reference_unique_value")
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.pamong_value} → {self.siasn_id}"


class SiasnPullRun(models.Model):
    """One comparison of an instansi's ASN with SIASN, applied or not."""

    wagtail_reference_index_ignore = True  # a record, not content: see pamong.people.models.ASN

    class Status(models.TextChoices):
        APPLIED = "applied", _("Diterapkan")
        UNCHANGED = "unchanged", _("Tidak ada perbedaan")
        DRY_RUN = "dry_run", _("Uji coba (tidak diterapkan)")
        REJECTED = "rejected", _("Ditolak: ada kesalahan, tidak ada yang diubah")
        FAILED = "failed", _("Gagal menghubungi SIASN")

    instansi = models.ForeignKey(
        "people.Instansi", on_delete=models.CASCADE, related_name="+", verbose_name=_("instansi")
    )
    started_at = models.DateTimeField(_("mulai"))
    finished_at = models.DateTimeField(_("selesai"), null=True, blank=True)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices)
    dry_run = models.BooleanField(_("uji coba"), default=False)
    asn_count = models.PositiveIntegerField(_("ASN dibandingkan"), default=0)
    changed_count = models.PositiveIntegerField(_("ASN berubah"), default=0)
    error_count = models.PositiveIntegerField(_("kesalahan"), default=0)
    message = models.TextField(_("keterangan"), blank=True)
    triggered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("dijalankan oleh"),
    )

    class Meta:
        verbose_name = _("penarikan data SIASN")
        verbose_name_plural = _("penarikan data SIASN")
        ordering = ["-started_at", "-pk"]
        indexes = [models.Index(fields=["instansi", "started_at"], name="siasn_pull_instansi_time")]

    def __str__(self) -> str:
        return f"{self.instansi} {self.started_at:%Y-%m-%d %H:%M} ({self.get_status_display()})"


class SiasnPullDifference(models.Model):
    """One difference between SIASN and Pamong for one ASN (or one reason the run was refused)."""

    class Field(models.TextChoices):
        UNIT = "unit", _("Unit kerja")
        JABATAN = "jabatan", _("Jabatan")
        GOLONGAN = "golongan", _("Golongan/ruang")
        ATASAN = "atasan", _("Atasan langsung")
        STATUS = "status", _("Status kepegawaian")
        INSTANSI = "instansi", _("Instansi")
        RECORD = "record", _("Data")

    run = models.ForeignKey(SiasnPullRun, on_delete=models.CASCADE, related_name="differences")
    nip = models.CharField(_("NIP"), max_length=18)
    name = models.CharField(_("nama"), max_length=200, blank=True)
    field = models.CharField(_("data"), max_length=10, choices=Field.choices)
    pamong_value = models.CharField(_("di Pamong"), max_length=255, blank=True)
    siasn_value = models.CharField(_("di SIASN"), max_length=255, blank=True)
    reason = models.TextField(_("alasan"))
    is_error = models.BooleanField(_("kesalahan"), default=False)

    class Meta:
        verbose_name = _("perbedaan data SIASN")
        verbose_name_plural = _("perbedaan data SIASN")
        ordering = ["run", "-is_error", "nip", "field"]

    def __str__(self) -> str:
        return f"{self.nip} {self.field}"


class SiasnOutbox(models.Model):
    """One record for SIASN, sent exactly once (see :mod:`pamong.siasn.outbox`).

    ``key`` is the idempotency key (``kursus:enrolment:12``, ``skp22:evaluation:7``): the event
    writes the row only once, however often it is announced. ``attempt_id`` names the attempt that
    marked the row ``sending``; after a crash the next attempt first looks in SIASN's riwayat for
    the record before sending it again.
    """

    wagtail_reference_index_ignore = True  # a record, not content: see pamong.people.models.ASN

    class Kind(models.TextChoices):
        KURSUS = "kursus", _("Riwayat kursus")
        SKP22 = "skp22", _("SKP tahunan")
        KINERJA_PERIODIK = "kinerjaperiodik", _("Kinerja periodik")

    class Status(models.TextChoices):
        PENDING = "pending", _("Menunggu dikirim")
        SENDING = "sending", _("Sedang dikirim")
        SENT = "sent", _("Terkirim")
        REJECTED = "rejected", _("Ditolak SIASN")

    key = models.CharField(_("kunci"), max_length=80, unique=True)
    kind = models.CharField(_("jenis"), max_length=16, choices=Kind.choices)
    asn = models.ForeignKey("people.ASN", on_delete=models.CASCADE, related_name="+", verbose_name=_("ASN"))
    instansi = models.ForeignKey(
        "people.Instansi", on_delete=models.CASCADE, related_name="+", verbose_name=_("instansi")
    )
    summary = models.CharField(_("ringkasan"), max_length=255)
    payload = models.JSONField(_("data dikirim"), default=dict)
    document_code = models.CharField(_("kode dokumen"), max_length=40, blank=True)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.PENDING)
    attempt_id = models.CharField(_("percobaan"), max_length=36, blank=True)
    attempts = models.PositiveSmallIntegerField(_("jumlah percobaan"), default=0)
    next_attempt_at = models.DateTimeField(_("percobaan berikutnya"))
    lease_until = models.DateTimeField(_("dikunci sampai"), null=True, blank=True)
    riwayat_id = models.CharField(_("id riwayat SIASN"), max_length=64, blank=True)
    document_uploaded = models.BooleanField(_("dokumen terunggah"), default=False)
    last_error = models.TextField(_("kesalahan terakhir"), blank=True)
    error_field = models.CharField(_("kolom yang ditolak"), max_length=60, blank=True)
    created_at = models.DateTimeField(_("dibuat"), auto_now_add=True)
    sent_at = models.DateTimeField(_("terkirim"), null=True, blank=True)
    confirmed_at = models.DateTimeField(_("dikonfirmasi di SIASN"), null=True, blank=True)

    class Meta:
        verbose_name = _("antrean kirim SIASN")
        verbose_name_plural = _("antrean kirim SIASN")
        ordering = ["-created_at", "-pk"]
        indexes = [
            models.Index(fields=["status", "next_attempt_at"], name="siasn_outbox_due"),
            models.Index(fields=["instansi", "status"], name="siasn_outbox_instansi"),
        ]

    def __str__(self) -> str:
        return self.summary


class SiasnIdentity(models.Model):
    """SIASN's own id of an ASN (``pnsOrangId``, data-utama's ``id``), learnt on a pull or the
    first send; the riwayat endpoints want it rather than the NIP."""

    asn = models.OneToOneField(
        "people.ASN", on_delete=models.CASCADE, related_name="siasn_identity", verbose_name=_("ASN")
    )
    pns_orang_id = models.CharField(_("id orang SIASN"), max_length=64)

    class Meta:
        verbose_name = _("identitas SIASN")
        verbose_name_plural = _("identitas SIASN")

    def __str__(self) -> str:
        return self.pns_orang_id
