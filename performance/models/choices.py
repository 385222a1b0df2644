"""Choice lists shared by the performance models.

Domain words kept in Indonesian:

* *predikat kinerja* — the final grade of one ASN for one period (PermenPANRB 6/2022): Sangat Baik,
  Baik, Butuh Perbaikan, Kurang/Misconduct, Sangat Kurang;
* *hasil kerja* — the work-results rating, *perilaku kerja* — the behaviour rating; each is
  di bawah / sesuai / di atas ekspektasi;
* *SKP* (Sasaran Kinerja Pegawai) — the yearly performance plan of one ASN;
* *BerAKHLAK* — the seven core values of the civil service;
* *keberatan* — an objection against a finalised result;
* *TPP* (Tambahan Penghasilan Pegawai) — the regional performance allowance.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Rating(models.TextChoices):
    DI_BAWAH = "di_bawah", _("Di bawah ekspektasi")
    SESUAI = "sesuai", _("Sesuai ekspektasi")
    DI_ATAS = "di_atas", _("Di atas ekspektasi")


class Predikat(models.TextChoices):
    SANGAT_BAIK = "sangat_baik", _("Sangat Baik")
    BAIK = "baik", _("Baik")
    BUTUH_PERBAIKAN = "butuh_perbaikan", _("Butuh Perbaikan")
    KURANG = "kurang", _("Kurang/Misconduct")
    SANGAT_KURANG = "sangat_kurang", _("Sangat Kurang")


class OrgPredikat(models.TextChoices):
    """The organisation's own predikat, which selects the distribution pattern (SE MenPANRB 3/2023)."""

    ISTIMEWA = "istimewa", _("Istimewa")
    BAIK = "baik", _("Baik")
    BUTUH_PERBAIKAN = "butuh_perbaikan", _("Butuh Perbaikan/Cukup")
    KURANG = "kurang", _("Kurang")
    SANGAT_KURANG = "sangat_kurang", _("Sangat Kurang")


class RaterGroup(models.TextChoices):
    ATASAN = "atasan", _("Atasan")
    PEER = "peer", _("Rekan kerja")
    SUBORDINATE = "subordinate", _("Bawahan")
    SELF = "self", _("Diri sendiri")
    PUBLIC = "public", _("Masyarakat")


#: Groups whose members stay anonymous: shown only as an average, only with enough raters.
ANONYMOUS_GROUPS = (RaterGroup.PEER, RaterGroup.SUBORDINATE, RaterGroup.PUBLIC)
