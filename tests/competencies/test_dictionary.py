"""The PermenPANRB 38/2017 dictionary loaded by the data migration, and the rules kept as data."""

import pytest

from competencies import rules
from competencies.dictionary import PERMENPANRB_38_2017
from competencies.models import Competency, CompetencyLevel

pytestmark = pytest.mark.django_db

EXPECTED = {
    "M.1": "Integritas",
    "M.2": "Kerja Sama",
    "M.3": "Komunikasi",
    "M.4": "Orientasi pada Hasil",
    "M.5": "Pelayanan Publik",
    "M.6": "Pengembangan Diri dan Orang Lain",
    "M.7": "Mengelola Perubahan",
    "M.8": "Pengambilan Keputusan",
    "SK.1": "Perekat Bangsa",
}


def test_nine_competencies_with_five_levels_each():
    loaded = dict(Competency.objects.filter(instansi__isnull=True).values_list("code", "name"))
    assert loaded == EXPECTED
    assert Competency.objects.get(code="SK.1").kind == "sosial_kultural"
    assert set(Competency.objects.filter(code__startswith="M.").values_list("kind", flat=True)) == {
        "manajerial"
    }
    for competency in Competency.objects.all():
        levels = list(CompetencyLevel.objects.filter(competency=competency).order_by("level"))
        assert [lv.level for lv in levels] == [1, 2, 3, 4, 5]
        for lv in levels:
            assert lv.description and len(lv.indicator_list) >= 3


def test_source_data_matches_database():
    for code, name, _kind, definition, levels in PERMENPANRB_38_2017:
        competency = Competency.objects.get(code=code)
        assert (competency.name, competency.definition) == (name, definition)
        assert len(levels) == 5
    assert CompetencyLevel.objects.get(competency__code="M.1", level=1).description.startswith(
        "Mampu bertindak sesuai nilai, norma, etika organisasi"
    )


def test_standard_level_table_every_cell():
    assert rules.STANDARD_LEVEL_BY_KIND == {
        "jpt": 4,
        "administrator": 3,
        "pengawas": 3,
        "pelaksana": 2,
        "fungsional": 2,
    }
    assert rules.TECHNICAL_LEVEL_BY_KIND == {
        "jpt": 4,
        "administrator": 3,
        "pengawas": 3,
        "pelaksana": 2,
        "fungsional": 3,
    }
