"""Where the rules come from: each rule that decides a predikat, with its national or local source."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Q
from django.utils.translation import gettext as _

from pamong import formats
from pamong.people.regulation import RuleKind

from ..models import BerakhlakValue, DistributionRule, FollowUpRule, PredikatMatrixCell
from ..scoring import settings_for


@dataclass(frozen=True)
class RuleBasisRow:
    """One rule as explained to users: what it is, national or local, and its source."""

    title: str
    detail: str
    source: str
    source_kind: str
    source_kind_label: str

    @property
    def is_national(self) -> bool:
        return self.source_kind == RuleKind.NATIONAL


def _basis_row(title, detail, row) -> RuleBasisRow:
    return RuleBasisRow(
        title=str(title),
        detail=str(detail),
        source=row.source,
        source_kind=row.source_kind,
        source_kind_label=str(row.get_source_kind_display()),
    )


def rule_bases_for(*, instansi_id: int | None) -> list[RuleBasisRow]:
    """The rules that decide a predikat and what follows it for an ASN of ``instansi_id``, each
    with its basis: the national ones first (matrix, BerAKHLAK, distribution pattern), then the
    local ones (thresholds and weights, the active reward and sanction rules). Five queries."""
    rows: list[RuleBasisRow] = []
    matrix = PredikatMatrixCell.objects.order_by("pk").first()
    if matrix is not None:
        rows.append(
            _basis_row(_("Matriks predikat kinerja"), _("Hasil kerja × perilaku kerja → predikat."), matrix)
        )
    value = BerakhlakValue.objects.order_by("order").first()
    if value is not None:
        rows.append(_basis_row(_("Nilai dasar BerAKHLAK"), _("Aspek penilaian perilaku kerja."), value))
    distribution = DistributionRule.objects.order_by("pk").first()
    if distribution is not None:
        rows.append(
            _basis_row(
                _("Pola distribusi predikat"),
                _("Sebaran predikat pegawai menurut predikat organisasi."),
                distribution,
            )
        )
    s = settings_for(instansi_id=instansi_id)
    weights = s.weights()
    rows.append(
        _basis_row(
            _("Ambang usulan rating dan bobot 360°"),
            _(
                "Hasil kerja: di atas ekspektasi bila capaian ≥ %(up)s, sesuai bila ≥ %(mid)s. "
                "Perilaku kerja: di atas bila skor ≥ %(pup)s, sesuai bila ≥ %(pmid)s. Bobot penilai: "
                "atasan %(a)s, rekan %(p)s, bawahan %(b)s, masyarakat %(m)s."
            )
            % {
                "up": formats.percent(s.hasil_di_atas_pct),
                "mid": formats.percent(s.hasil_sesuai_pct),
                "pup": s.perilaku_di_atas_score,
                "pmid": s.perilaku_sesuai_score,
                "a": formats.percent(weights["atasan"]),
                "p": formats.percent(weights["peer"]),
                "b": formats.percent(weights["subordinate"]),
                "m": formats.percent(weights["public"]),
            },
            s,
        )
    )
    rules = FollowUpRule.objects.filter(is_active=True).filter(
        Q(instansi__isnull=True) | Q(instansi_id=instansi_id)
    )
    for rule in rules.select_related("trigger_indicator").order_by("kind", "name"):
        detail = f"{rule.trigger_text} → {rule.get_consequence_display()}"
        if rule.tpp_percent is not None:
            detail += f" ({rule.tpp_percent.normalize():f}%)"
        rows.append(_basis_row(rule.name, detail, rule))
    return rows
