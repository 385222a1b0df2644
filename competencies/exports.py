"""The one downloadable table of ASN below their position standard: the unit gap report of the admin
(:mod:`competencies.admin_views`) and HR's reports (:mod:`pamong.hr.views`) both download it."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from django.utils.translation import gettext as _

from .selectors import FitRow


def below_standard_header() -> list[str]:
    """The column titles of :func:`below_standard_cells` (in the active language)."""
    return [
        _("NIP"),
        _("Nama"),
        _("Instansi"),
        _("Unit kerja"),
        _("Jabatan"),
        _("Kompetensi dipersyaratkan"),
        _("Memenuhi"),
        _("JPM (%)"),
        _("Jumlah kesenjangan"),
    ]


def below_standard_cells(rows: Iterable[FitRow]) -> Iterator[list]:
    """One list of cells per row of :func:`competencies.selectors.below_standard`."""
    for row in rows:
        yield [
            row.asn.nip,
            row.asn.name,
            row.asn.instansi.name,
            row.asn.unit.name,
            row.asn.jabatan.name,
            row.required,
            row.met,
            row.jpm,
            row.gap_total,
        ]
