"""The talent 9-box (*manajemen talenta*, PermenPANRB 3/2020) kept as data: one table each.

Two axes:

* **kinerja** (performance) comes from the *predikat kinerja* of the chosen period
  (:data:`KINERJA_BY_PREDIKAT`): Sangat Baik → di atas ekspektasi; Baik → sesuai ekspektasi;
  Butuh Perbaikan, Kurang/Misconduct and Sangat Kurang → di bawah ekspektasi. The three values are
  :class:`performance.models.Rating`'s own codes.
* **potensial** (potential) is *rendah*, *menengah* or *tinggi*: the result of a potential
  assessment HR records for that year (:class:`pamong.hr.models.PotentialAssessment`), which wins,
  or else the person's competency fit (JPM %, see :mod:`competencies.selectors`) banded by the
  thresholds of :class:`pamong.hr.models.TalentSettings` (default: rendah < 70 % ≤ menengah
  < 85 % ≤ tinggi).

The box numbers are those of the national talent-management guidance (:data:`NINE_BOX`)::

    potensial \\ kinerja   di bawah   sesuai   di atas
    tinggi                    6         8        9
    menengah                  3         5        7
    rendah                    1         2        4

Each box carries the recommended actions of PermenPANRB 3/2020 (:data:`RECOMMENDATIONS`, national,
the regulation's complete list) and a development recommendation (Pamong's default, local); the
latter is what "tambahkan ke rencana pengembangan" adds to the person's plan. The thresholds of the
potential axis are local too (:class:`pamong.hr.models.TalentSettings`).
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from pamong.people.regulation import PAMONG_DEFAULT, PERMENPANRB_3_2020, RuleKind

# Performance codes (performance.models.Rating values) and potential codes, lowest first.
DI_BAWAH, SESUAI, DI_ATAS = "di_bawah", "sesuai", "di_atas"
RENDAH, MENENGAH, TINGGI = "rendah", "menengah", "tinggi"

KINERJA_LEVELS = (DI_BAWAH, SESUAI, DI_ATAS)
POTENSIAL_LEVELS = (RENDAH, MENENGAH, TINGGI)

KINERJA_LABELS = {
    DI_BAWAH: _("Di bawah ekspektasi"),
    SESUAI: _("Sesuai ekspektasi"),
    DI_ATAS: _("Di atas ekspektasi"),
}
POTENSIAL_LABELS = {RENDAH: _("Rendah"), MENENGAH: _("Menengah"), TINGGI: _("Tinggi")}

#: Predikat kinerja (performance.models.Predikat values) → kinerja axis of the 9-box.
KINERJA_BY_PREDIKAT: dict[str, str] = {
    "sangat_baik": DI_ATAS,
    "baik": SESUAI,
    "butuh_perbaikan": DI_BAWAH,
    "kurang": DI_BAWAH,
    "sangat_kurang": DI_BAWAH,
}

#: (potensial, kinerja) → box number, exactly as the national guidance numbers them.
NINE_BOX: dict[tuple[str, str], int] = {
    (TINGGI, DI_BAWAH): 6,
    (TINGGI, SESUAI): 8,
    (TINGGI, DI_ATAS): 9,
    (MENENGAH, DI_BAWAH): 3,
    (MENENGAH, SESUAI): 5,
    (MENENGAH, DI_ATAS): 7,
    (RENDAH, DI_BAWAH): 1,
    (RENDAH, SESUAI): 2,
    (RENDAH, DI_ATAS): 4,
}


#: Where the recommendations come from. The box numbers and the recommended actions per box are
#: those of PermenPANRB 3/2020 (national); the box names and the development recommendation that
#: "tambahkan ke rencana pengembangan" adds to a plan are Pamong's defaults (local).
RECOMMENDATIONS_SOURCE = PERMENPANRB_3_2020
DEVELOPMENT_SOURCE = PAMONG_DEFAULT


@dataclass(frozen=True)
class Box:
    number: int
    potensial: str
    kinerja: str
    name: str
    recommendations: tuple[str, ...]
    development: str

    @property
    def potensial_label(self) -> str:
        return str(POTENSIAL_LABELS[self.potensial])

    @property
    def kinerja_label(self) -> str:
        return str(KINERJA_LABELS[self.kinerja])

    @property
    def action(self) -> str:
        """The PermenPANRB 3/2020 recommendations of the box, as one sentence."""
        return "; ".join(str(r) for r in self.recommendations) + "."

    @property
    def action_source(self) -> str:
        return f"{RuleKind.NATIONAL.label}: {RECOMMENDATIONS_SOURCE}"

    @property
    def development_source(self) -> str:
        return f"{RuleKind.LOCAL.label}: {DEVELOPMENT_SOURCE}"


#: Box number → recommended actions, the complete list of PermenPANRB 3/2020 (national).
RECOMMENDATIONS: dict[int, tuple[str, ...]] = {
    9: (
        _("Dipromosikan dan dipertahankan"),
        _("Masuk kelompok rencana suksesi instansi/nasional"),
        _("Penghargaan"),
    ),
    8: (
        _("Dipertahankan"),
        _("Masuk kelompok rencana suksesi instansi"),
        _("Rotasi/perluasan jabatan"),
        _("Bimbingan kinerja"),
    ),
    7: (
        _("Dipertahankan"),
        _("Masuk kelompok rencana suksesi instansi"),
        _("Rotasi/pengayaan jabatan"),
        _("Pengembangan kompetensi"),
        _("Tugas belajar"),
    ),
    6: (
        _("Penempatan yang sesuai"),
        _("Bimbingan kinerja"),
        _("Konseling kinerja"),
    ),
    5: (
        _("Penempatan yang sesuai"),
        _("Bimbingan kinerja"),
        _("Pengembangan kompetensi"),
    ),
    4: (
        _("Rotasi"),
        _("Pengembangan kompetensi"),
    ),
    3: (
        _("Bimbingan kinerja"),
        _("Konseling kinerja"),
        _("Pengembangan kompetensi"),
        _("Penempatan yang sesuai"),
    ),
    2: (
        _("Bimbingan kinerja"),
        _("Pengembangan kompetensi"),
        _("Penempatan yang sesuai"),
    ),
    1: (_("Diproses sesuai ketentuan peraturan perundang-undangan"),),
}

#: Box number → (name, development recommendation): Pamong's defaults (local).
_BOX_TEXT: dict[int, tuple[str, str]] = {
    9: (
        _("Bintang"),
        _("Program akselerasi: penugasan khusus lintas unit dan mentoring oleh pimpinan tinggi."),
    ),
    8: (_("Potensial tinggi"), _("Penugasan khusus dengan coaching atasan untuk meningkatkan hasil kerja.")),
    7: (
        _("Kinerja tinggi"),
        _("Pelatihan kompetensi manajerial untuk menutup kesenjangan dan menaikkan potensi."),
    ),
    6: (_("Potensial belum optimal"), _("Coaching kinerja oleh atasan dan rencana perbaikan hasil kerja.")),
    5: (_("Inti"), _("Pengembangan kompetensi sesuai kesenjangan terhadap standar jabatan.")),
    4: (_("Profesional handal"), _("Pelatihan untuk menutup kesenjangan kompetensi jabatan.")),
    3: (_("Perlu bimbingan"), _("Coaching kinerja dan pelatihan teknis sesuai jabatan.")),
    2: (_("Perlu pengembangan"), _("Pelatihan kompetensi dasar jabatan dan mentoring rekan senior.")),
    1: (_("Perlu penanganan"), _("Program pembinaan kinerja dan kompetensi dasar dengan pemantauan atasan.")),
}

#: Box number → :class:`Box` (axes, name, recommended actions, development recommendation).
BOXES: dict[int, Box] = {
    number: Box(
        number, potensial, kinerja, _BOX_TEXT[number][0], RECOMMENDATIONS[number], _BOX_TEXT[number][1]
    )
    for (potensial, kinerja), number in NINE_BOX.items()
}


def box_for(*, potensial: str | None, kinerja: str | None) -> int | None:
    """The box number of a (potensial, kinerja) pair; ``None`` when an axis is unknown."""
    return NINE_BOX.get((potensial, kinerja))


def grid_rows() -> list[list[Box]]:
    """The boxes as displayed: tinggi on top, di bawah ekspektasi on the left."""
    return [[BOXES[NINE_BOX[(pot, kin)]] for kin in KINERJA_LEVELS] for pot in reversed(POTENSIAL_LEVELS)]
