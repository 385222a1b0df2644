"""Rules of the competencies app kept as data (one table each, every cell tested).

Domain words: *kompetensi manajerial*, *sosial kultural* and *teknis* are the three kinds of
competency of PermenPANRB 38/2017; a *standar kompetensi jabatan* is the level a position
(*jabatan*) requires per competency; *JPM* (job-person match) says how well a person fits the
standard of their position; *JP* (jam pelajaran, 45 minutes) counts competency development
(the JP target of a person — 20 JP for a PNS, an instansi's own target for a PPPK — is
:func:`learning.selectors.jp_target_for`).
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

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


JPM_HELP = _(
    "JPM (job-person match) = 100 × jumlah min(level saat ini, level standar) ÷ jumlah level standar, "
    "untuk kompetensi yang dipersyaratkan jabatan, dibulatkan satu desimal. Kompetensi yang belum "
    "pernah dinilai dihitung level 0; level di atas standar tidak menambah nilai; kompetensi dengan "
    "level standar lebih tinggi berbobot lebih besar. Kesenjangan = level standar − level saat ini "
    "(bila positif). Rumus dan kategori JPM adalah praktik umum penilaian kompetensi, bukan angka "
    "yang ditetapkan peraturan; kategorinya dapat diubah."
)
