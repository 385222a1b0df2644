"""CSV import of position standards: all or nothing, ``line N, column C: reason``, scope."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command

from competencies.importer import standard_import_apply, standard_import_parse
from competencies.models import PositionStandard
from tests.factories.competencies import make_technical

pytestmark = pytest.mark.django_db


def _codes(world):
    return world.instansi_a.code, world.staff_a.jabatan.code, world.staff_b.jabatan.code


def test_valid_file_imports_and_second_run_changes_nothing(world):
    a, job_a, job_b = _codes(world)
    text = f"instansi;jabatan;kompetensi;level\n{a};{job_a};M.1;2\n{a};{job_a};m.4;3\nDLH;{job_b};SK.1;1\n"
    plan = standard_import_parse(text=text)
    assert plan.errors == []
    standard_import_apply(plan=plan)
    assert PositionStandard.objects.count() == 3
    assert (
        PositionStandard.objects.get(jabatan=world.staff_a.jabatan, competency__code="M.4").required_level
        == 3
    )
    again = standard_import_parse(text=text)
    assert (len(again.to_create), len(again.to_update), again.unchanged) == (0, 0, 3)


def test_errors_are_line_numbered_and_nothing_is_written(world):
    a, job_a, job_b = _codes(world)
    tech_b = make_technical(instansi=world.instansi_b)
    text = "\n".join(
        [
            "instansi,jabatan,kompetensi,level",
            f"{a},{job_a},M.1,2",  # fine
            f"{a},{job_a},M.4,7",  # level out of range
            f"{a},NOPE,M.5,2",  # unknown jabatan
            f"{a},{job_a},X.9,2",  # unknown competency
            f"{a},{job_a},M.1,3",  # duplicate of line 2
            f"{a},{job_a},{tech_b.code},2",  # technical competency of another instansi
            "ZZZ,J1,M.1,1",  # unknown instansi
            f"{a},{job_a},M.2",  # wrong number of columns
        ]
    )
    plan = standard_import_parse(text=text)
    assert [str(e).split(":")[0] for e in plan.errors] == [
        "line 3, column level",
        "line 4, column jabatan",
        "line 5, column kompetensi",
        "line 6, column kompetensi",
        "line 7, column kompetensi",
        "line 8, column instansi",
        "line 9, column level",  # the first missing cell
    ]
    assert "baris 2" in str(plan.errors[3])
    with pytest.raises(ValueError):
        standard_import_apply(plan=plan)
    assert PositionStandard.objects.count() == 0


def test_missing_header_column(world):
    plan = standard_import_parse(text="instansi,jabatan,level\nDINKES,J,1\n")
    assert str(plan.errors[0]).startswith("line 1, column kompetensi")


def test_hr_of_one_instansi_cannot_import_another(world, client_for):
    _a, job_a, job_b = _codes(world)
    text = f"instansi,jabatan,kompetensi,level\nDLH,{job_b},M.1,2\n"
    client = client_for(world.hr_a.user)
    response = client.post(
        "/admin/kompetensi/impor-standar/", {"file": SimpleUploadedFile("s.csv", text.encode())}
    )
    assert response.status_code == 200
    assert response.context["errors"][0].startswith("line 2, column instansi")
    assert PositionStandard.objects.count() == 0
    ok = f"instansi,jabatan,kompetensi,level\nDINKES,{job_a},M.1,2\n"
    response = client.post(
        "/admin/kompetensi/impor-standar/", {"file": SimpleUploadedFile("s.csv", ok.encode())}
    )
    assert response.status_code == 302
    assert PositionStandard.objects.count() == 1


def test_management_command(world, tmp_path, capsys):
    a, job_a, _job_b = _codes(world)
    bad = tmp_path / "bad.csv"
    bad.write_text(f"instansi,jabatan,kompetensi,level\n{a},{job_a},M.1,0\n", encoding="utf-8")
    with pytest.raises(CommandError):
        call_command("import_standar_kompetensi", str(bad))
    assert "line 2, column level" in capsys.readouterr().err
    good = tmp_path / "good.csv"
    good.write_text(f"\ufeffinstansi,jabatan,kompetensi,level\n{a},{job_a},M.1,2\n", encoding="utf-8")
    call_command("import_standar_kompetensi", str(good), "--dry-run")
    assert PositionStandard.objects.count() == 0
    call_command("import_standar_kompetensi", str(good))
    assert PositionStandard.objects.count() == 1


def test_field_over_the_csv_limit_and_control_characters_are_line_errors(world):
    import csv

    a, job_a, _job_b = _codes(world)
    huge = "M" * (csv.field_size_limit() + 10)
    plan = standard_import_parse(
        text=f"instansi,jabatan,kompetensi,level\n{a},{job_a},M.1,2\n{a},{job_a},{huge},2\n"
    )
    assert [str(e).split(":")[0] for e in plan.errors] == ["line 3, column kompetensi"]
    plan = standard_import_parse(text=f"instansi,jabatan,kompetensi,level\n{a},{job_a}\x00,M.1,2\n")
    assert [str(e).split(":")[0] for e in plan.errors] == ["line 2, column jabatan"]
    assert "U+0000" in str(plan.errors[0])
    assert not PositionStandard.objects.exists()
