"""Rules of the competencies app kept as data (one table each, every cell tested).

Domain words: *kompetensi manajerial*, *sosial kultural* and *teknis* are the three kinds of
competency of PermenPANRB 38/2017; a *standar kompetensi jabatan* is the level a position
(*jabatan*) requires per competency; *JPM* (job-person match) says how well a person fits the
standard of their position; *JP* (jam pelajaran, 45 minutes) counts competency development.
"""

from __future__ import annotations

from django.conf import settings
from django.utils.translation import gettext_lazy as _

from learning.rules import JP_ANNUAL_MINIMUM

#: Competency levels of PermenPANRB 38/2017, lowest first.
LEVELS = (1, 2, 3, 4, 5)

#: Default required level of the managerial and sosial kultural competencies per kind of jabatan.
#: Not a regulatory table: PermenPANRB 38/2017 leaves the level of each competency to the
#: instansi's own *standar kompetensi jabatan*; these are the levels commonly set in provincial
#: SKJ documents, used by ``seed_competencies`` and as HR's starting point for a new position.
STANDARD_LEVEL_BY_KIND = {
    "jpt": 4,
    "administrator": 3,
    "pengawas": 3,
    "pelaksana": 2,
    "fungsional": 2,
}

#: Default required level of an instansi's technical competencies per kind of jabatan.
TECHNICAL_LEVEL_BY_KIND = {
    "jpt": 4,
    "administrator": 3,
    "pengawas": 3,
    "pelaksana": 2,
    "fungsional": 3,
}

#: How many of the largest gaps a new development plan is pre-filled with, and how many linked
#: courses are suggested per gap.
SUGGESTED_GOALS = 3
SUGGESTED_COURSES_PER_GOAL = 2


def jp_minimum(employment_type: str) -> int:
    """Minimum JP of competency development per calendar year for a PNS or a PPPK.

    PP 17/2020 (and PermenPANRB 38/2017's development cycle) sets **20 JP per PNS per year**
    (:data:`learning.rules.JP_ANNUAL_MINIMUM`). The same minimum applies to PPPK by default; an
    instansi that sets another one for PPPK configures it with the setting
    ``PAMONG_JP_MINIMUM = {"PNS": 20, "PPPK": 12}`` (read at call time, never at import).
    """
    configured = getattr(settings, "PAMONG_JP_MINIMUM", None) or {}
    return int(configured.get(employment_type, JP_ANNUAL_MINIMUM))


JPM_HELP = _(
    "JPM (job-person match) = 100 × jumlah min(level saat ini, level standar) ÷ jumlah level standar, "
    "untuk kompetensi yang dipersyaratkan jabatan, dibulatkan satu desimal. Kompetensi yang belum "
    "pernah dinilai dihitung level 0; level di atas standar tidak menambah nilai; kompetensi dengan "
    "level standar lebih tinggi berbobot lebih besar. Kesenjangan = level standar − level saat ini "
    "(bila positif). Rumus dan kategori JPM adalah praktik umum penilaian kompetensi, bukan angka "
    "yang ditetapkan peraturan; kategorinya dapat diubah."
)
