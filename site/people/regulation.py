"""Where a rule comes from: a national regulation, or a local choice.

Every regulatory table in Pamong (the predikat matrix, the distribution pattern, the reward and
sanction rules, the thresholds and 360° weights, the JPM formula and bands, the JP targets, the
9-box) records its basis in two columns, so that the admin and every explanation shown to users
can say which rules the law sets and which ones Jambi (or Pamong's defaults) chose:

* ``source`` — the regulation or decision, e.g. ``"PermenPANRB 6/2022"``;
* ``source_kind`` — :class:`RuleKind`: *national* (what a national regulation says) or *local*
  (the province's own policy, an instansi's choice, or a Pamong default that HR may change).

The spellings of the sources used by the default data are the constants below (one of each).
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class RuleKind(models.TextChoices):
    NATIONAL = "national", _("Peraturan nasional")
    LOCAL = "local", _("Kebijakan lokal (dapat diubah)")


# National regulations.
PERMENPANRB_6_2022 = "PermenPANRB 6/2022"
SE_MENPANRB_3_2023 = "SE MenPANRB 3/2023"
SE_MENPANRB_20_2021 = "SE MenPANRB 20/2021"
PERMENPANRB_3_2020 = "PermenPANRB 3/2020"
PERMENPANRB_38_2017 = "PermenPANRB 38/2017"
PP_94_2021 = "PP 94/2021"
JP_PNS_REGULATION = "PP 11/2017 jo. PP 17/2020; Peraturan LAN 10/2018 (PNS)"

# Local choices.
JAMBI_POLICY = "Kebijakan Provinsi Jambi"
JAMBI_TPP = "Kebijakan Provinsi Jambi (TPP ditetapkan dengan Peraturan Gubernur)"
JAMBI_DISCIPLINE = "Kebijakan Provinsi Jambi; hukuman disiplin diproses sesuai PP 94/2021"
PAMONG_DEFAULT = "Default Pamong (dapat diubah)"
INSTANSI_POLICY = "Kebijakan instansi"
JPM_PRACTICE = "Praktik umum penilaian kompetensi ASN; Default Pamong (dapat diubah)"


class RuleBasis(models.Model):
    """Abstract: the ``source`` and ``source_kind`` columns of a regulatory table's rows."""

    source = models.CharField(
        _("sumber aturan"),
        max_length=200,
        default="",
        help_text=_("Peraturan atau keputusan yang menjadi dasar, mis. PermenPANRB 6/2022 atau Pergub."),
    )
    source_kind = models.CharField(
        _("sifat aturan"), max_length=10, choices=RuleKind.choices, default=RuleKind.LOCAL
    )

    class Meta:
        abstract = True

    @property
    def is_national(self) -> bool:
        return self.source_kind == RuleKind.NATIONAL

    @property
    def basis_label(self) -> str:
        """``"Peraturan nasional: PermenPANRB 6/2022"`` — the label shown next to a rule."""
        kind = str(self.get_source_kind_display())
        return f"{kind}: {self.source}" if self.source else kind
