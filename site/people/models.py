"""Organisation and people: the spine every other app hangs from.

Domain words kept in Indonesian:

* *instansi* — a government agency: a provincial OPD (e.g. Dinas Pendidikan) or a kabupaten/kota
  government;
* *unit kerja* — an organisational unit inside an instansi, nested as a tree;
* *jabatan* — a position, of one of five kinds (JPT, administrator, pengawas, pelaksana,
  fungsional);
* *ASN* — a civil servant, PNS (career) or PPPK (contract); *atasan* — the direct supervisor;
* *golongan/ruang* — a PNS rank such as ``III/b``.
"""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from .nip import nip_errors, nip_sex

#: PNS ranks (golongan/ruang), lowest first.
GOLONGAN_PNS = [
    f"{g}/{r}" for g, rs in (("I", "abcd"), ("II", "abcd"), ("III", "abcd"), ("IV", "abcde")) for r in rs
]
#: PPPK grades I–XVII.
GOLONGAN_PPPK = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII", "XIII", "XIV", "XV",
                 "XVI", "XVII"]  # fmt: skip


class Instansi(models.Model):
    class Kind(models.TextChoices):
        OPD = "opd", _("Perangkat daerah provinsi")
        KABKOTA = "kabkota", _("Pemerintah kabupaten/kota")

    code = models.CharField(_("kode"), max_length=20, unique=True)
    name = models.CharField(_("nama"), max_length=200)
    short_name = models.CharField(_("nama singkat"), max_length=60, blank=True)
    kind = models.CharField(_("jenis"), max_length=10, choices=Kind.choices, default=Kind.OPD)

    class Meta:
        verbose_name = _("instansi")
        verbose_name_plural = _("instansi")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class UnitKerja(models.Model):
    wagtail_reference_index_ignore = True  # a record, not content: see pamong.people.models.ASN

    instansi = models.ForeignKey(
        Instansi, on_delete=models.PROTECT, related_name="units", verbose_name=_("instansi")
    )
    parent = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
        verbose_name=_("induk"),
    )
    code = models.CharField(_("kode"), max_length=50)
    name = models.CharField(_("nama"), max_length=200)
    serves_public = models.BooleanField(
        _("melayani publik"), default=False, help_text=_("Unit layanan yang menerima umpan balik masyarakat.")
    )

    class Meta:
        verbose_name = _("unit kerja")
        verbose_name_plural = _("unit kerja")
        ordering = ["instansi__name", "code"]
        constraints = [
            models.UniqueConstraint(fields=["instansi", "code"], name="unit_code_unique_in_instansi")
        ]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        if self.parent_id and self.parent.instansi_id != self.instansi_id:
            raise ValidationError({"parent": _("Unit induk harus berada dalam instansi yang sama.")})
        node, seen = self.parent, {self.pk}
        while node is not None:
            if node.pk in seen:
                raise ValidationError({"parent": _("Unit induk membentuk siklus.")})
            seen.add(node.pk)
            node = node.parent


class Jabatan(models.Model):
    wagtail_reference_index_ignore = True  # a record, not content: see pamong.people.models.ASN

    class Kind(models.TextChoices):
        JPT = "jpt", _("Jabatan Pimpinan Tinggi")
        ADMINISTRATOR = "administrator", _("Administrator")
        PENGAWAS = "pengawas", _("Pengawas")
        PELAKSANA = "pelaksana", _("Pelaksana")
        FUNGSIONAL = "fungsional", _("Fungsional")

    instansi = models.ForeignKey(
        Instansi, on_delete=models.PROTECT, related_name="jabatan_set", verbose_name=_("instansi")
    )
    unit = models.ForeignKey(
        UnitKerja, on_delete=models.PROTECT, related_name="jabatan_set", verbose_name=_("unit")
    )
    code = models.CharField(_("kode"), max_length=50)
    name = models.CharField(_("nama"), max_length=200)
    kind = models.CharField(_("jenis jabatan"), max_length=20, choices=Kind.choices)

    class Meta:
        verbose_name = _("jabatan")
        verbose_name_plural = _("jabatan")
        ordering = ["instansi__name", "code"]
        constraints = [
            models.UniqueConstraint(fields=["instansi", "code"], name="jabatan_code_unique_in_instansi")
        ]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        if self.unit_id and self.instansi_id and self.unit.instansi_id != self.instansi_id:
            raise ValidationError({"unit": _("Unit harus berada dalam instansi jabatan ini.")})


class ASN(models.Model):
    """The profile of one civil servant, one-to-one with a login."""

    # Records, not content: Wagtail's reference index (the admin's "usage" of pages, images and
    # documents) is not rewritten on every save of a person, a unit or a SIASN row (each save
    # queued an update task that ran in the request; three of every five saves in the tests).
    wagtail_reference_index_ignore = True

    class EmploymentType(models.TextChoices):
        PNS = "PNS", _("PNS")
        PPPK = "PPPK", _("PPPK")

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="asn", verbose_name=_("akun")
    )
    nip = models.CharField(_("NIP"), max_length=18, unique=True)
    name = models.CharField(_("nama lengkap"), max_length=200)
    employment_type = models.CharField(
        _("jenis kepegawaian"), max_length=4, choices=EmploymentType.choices, default=EmploymentType.PNS
    )
    golongan = models.CharField(_("golongan/ruang"), max_length=8, blank=True)
    instansi = models.ForeignKey(
        Instansi, on_delete=models.PROTECT, related_name="asn_set", verbose_name=_("instansi")
    )
    unit = models.ForeignKey(
        UnitKerja, on_delete=models.PROTECT, related_name="asn_set", verbose_name=_("unit kerja")
    )
    jabatan = models.ForeignKey(
        Jabatan, on_delete=models.PROTECT, related_name="asn_set", verbose_name=_("jabatan")
    )
    atasan = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="bawahan",
        verbose_name=_("atasan langsung"),
    )
    is_active = models.BooleanField(_("aktif"), default=True)
    updated_at = models.DateTimeField(_("diperbarui"), auto_now=True)

    class Meta:
        verbose_name = _("ASN")
        verbose_name_plural = _("ASN")
        ordering = ["name"]
        indexes = [
            models.Index(fields=["instansi", "unit"], name="asn_instansi_unit"),
            models.Index(fields=["unit", "is_active"], name="asn_unit_active"),
            # the ASN list's order, province-wide and within one instansi (pamong.people.selectors)
            models.Index(fields=["name", "id"], name="asn_name_order"),
            models.Index(fields=["instansi", "name", "id"], name="asn_instansi_name_order"),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.nip})"

    def get_absolute_url(self) -> str:
        return reverse("people:asn_detail", args=[self.pk])

    def clean(self) -> None:
        errors: dict[str, list[str]] = {}
        for message in nip_errors(self.nip, employment_type=self.employment_type):
            errors.setdefault("nip", []).append(message)
        allowed = GOLONGAN_PNS if self.employment_type == self.EmploymentType.PNS else GOLONGAN_PPPK
        if self.golongan and self.golongan not in allowed:
            errors.setdefault("golongan", []).append(
                _("Golongan %(g)s tidak berlaku untuk %(t)s.")
                % {"g": self.golongan, "t": self.employment_type}
            )
        if self.unit_id and self.instansi_id and self.unit.instansi_id != self.instansi_id:
            errors.setdefault("unit", []).append(_("Unit kerja bukan bagian dari instansi ini."))
        if self.jabatan_id and self.instansi_id and self.jabatan.instansi_id != self.instansi_id:
            errors.setdefault("jabatan", []).append(_("Jabatan bukan bagian dari instansi ini."))
        if self.atasan_id:
            node, seen = self.atasan, {self.pk}
            while node is not None:
                if node.pk in seen:
                    errors.setdefault("atasan", []).append(_("Rantai atasan membentuk siklus."))
                    break
                seen.add(node.pk)
                node = node.atasan
        if errors:
            raise ValidationError(errors)

    @property
    def sex(self) -> str | None:
        return nip_sex(self.nip) if self.employment_type == self.EmploymentType.PNS else None


class ActivationCode(models.Model):
    """The code on an HR activation letter, for an ASN without email: stored as a keyed hash, single
    use, expiring. One per ASN: issuing a new letter replaces (and so invalidates) the previous code."""

    asn = models.OneToOneField(
        ASN, on_delete=models.CASCADE, related_name="activation_code", verbose_name=_("ASN")
    )
    code_hash = models.CharField(_("hash kode"), max_length=64)
    issued_at = models.DateTimeField(_("diterbitkan"))
    expires_at = models.DateTimeField(_("berlaku sampai"))
    used_at = models.DateTimeField(_("dipakai"), null=True, blank=True)
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("diterbitkan oleh"),
    )

    class Meta:
        verbose_name = _("kode aktivasi")
        verbose_name_plural = _("kode aktivasi")

    def __str__(self) -> str:
        return f"{self.asn_id} ({self.expires_at:%Y-%m-%d})"


class AccountAuditEntry(models.Model):
    """Who did what to accounts, when (e.g. HR issued activation letters for a unit)."""

    class Action(models.TextChoices):
        LETTERS_ISSUED = "letters.issue", _("Surat aktivasi diterbitkan")
        ACTIVATED_BY_CODE = "activation.code", _("Akun diaktifkan dengan kode")
        ACTIVATED_BY_EMAIL = "activation.email", _("Akun diaktifkan lewat email")

    created_at = models.DateTimeField(_("waktu"), auto_now_add=True, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("pelaku"),
    )
    action = models.CharField(_("tindakan"), max_length=40, choices=Action.choices)
    instansi = models.ForeignKey(
        Instansi,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("instansi"),
    )
    asn_count = models.PositiveIntegerField(_("jumlah ASN"), default=0)
    details = models.JSONField(_("rincian"), default=dict, blank=True)

    class Meta:
        verbose_name = _("catatan audit akun")
        verbose_name_plural = _("log audit akun")
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["instansi", "created_at"], name="account_audit_instansi_time")]

    def __str__(self) -> str:
        return f"{self.action} ({self.asn_count})"
