"""The 9-box recommendations are the complete list of PermenPANRB 3/2020, box by box, labelled as
national; the box names and development recommendations are Pamong's defaults, labelled local."""

from __future__ import annotations

import pytest
from django.urls import reverse

from pamong.hr import talent

from .conftest import YEAR

PERMENPANRB_3_2020 = {
    9: ["Dipromosikan dan dipertahankan", "Masuk kelompok rencana suksesi instansi/nasional", "Penghargaan"],
    8: [
        "Dipertahankan",
        "Masuk kelompok rencana suksesi instansi",
        "Rotasi/perluasan jabatan",
        "Bimbingan kinerja",
    ],
    7: [
        "Dipertahankan",
        "Masuk kelompok rencana suksesi instansi",
        "Rotasi/pengayaan jabatan",
        "Pengembangan kompetensi",
        "Tugas belajar",
    ],
    6: ["Penempatan yang sesuai", "Bimbingan kinerja", "Konseling kinerja"],
    5: ["Penempatan yang sesuai", "Bimbingan kinerja", "Pengembangan kompetensi"],
    4: ["Rotasi", "Pengembangan kompetensi"],
    3: ["Bimbingan kinerja", "Konseling kinerja", "Pengembangan kompetensi", "Penempatan yang sesuai"],
    2: ["Bimbingan kinerja", "Pengembangan kompetensi", "Penempatan yang sesuai"],
    1: ["Diproses sesuai ketentuan peraturan perundang-undangan"],
}


@pytest.mark.parametrize("number", sorted(PERMENPANRB_3_2020))
def test_recommendations_per_box(number):
    box = talent.BOXES[number]
    assert [str(r) for r in box.recommendations] == PERMENPANRB_3_2020[number]
    assert box.action == "; ".join(PERMENPANRB_3_2020[number]) + "."


def test_sources_are_labelled():
    box = talent.BOXES[9]
    assert box.action_source == "Peraturan nasional: PermenPANRB 3/2020"
    assert box.development_source == "Kebijakan lokal (dapat diubah): Default Pamong (dapat diubah)"


def test_box_1_is_not_a_penalty_pamong_decides():
    assert "peraturan perundang-undangan" in talent.BOXES[1].action
    assert "disiplin" not in talent.BOXES[1].action


def test_talent_page_shows_the_regulation_and_the_local_defaults(hr_world, client_for):
    w = hr_world.world
    body = client_for(w.hr_a.user).get(reverse("hr:talent"), {"tahun": YEAR, "kotak": 9}).content.decode()
    assert "PermenPANRB 3/2020" in body
    assert "Peraturan nasional: PermenPANRB 3/2020" in body
    assert "Tugas belajar" in body  # box 7 in the table of every box
    assert "Kebijakan lokal (dapat diubah)" in body
