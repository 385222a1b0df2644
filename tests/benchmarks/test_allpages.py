"""The pass over every page (benchmarks/allpages.py): its URL list is the permission matrix's."""

import re
from pathlib import Path

import pytest

import tests.security.targets as targets
from benchmarks.allpages import MISSING, ROLE_LOGINS, bench_objects, candidates, page_url
from benchmarks.pages import LOGINS
from tests.security.targets import build_objects, url_for
from tests.security.test_permission_matrix import MATRIX, ROLES


def test_every_get_row_some_role_may_open_is_measured_once_per_chosen_role():
    chosen = candidates()
    keys = {c.key for c in chosen}
    expected = {
        key
        for key, case in MATRIX.items()
        if case.method == "get"
        and not key.startswith(("api:", "wagtail"))
        and 200 in case.expected().values()
    }
    assert keys == expected
    assert len(chosen) == len({(c.key, c.role) for c in chosen})
    for c in chosen:
        assert MATRIX[c.key].expected()[c.role] == 200, c


def test_public_pages_as_the_public_and_hr_pages_as_instansi_hr_and_bkpsdm():
    by_key: dict[str, list[str]] = {}
    for c in candidates():
        by_key.setdefault(c.key, []).append(c.role)
    assert by_key["login"] == ["anonymous"]
    assert by_key["hr:dashboard"] == ["hr_same", "bkpsdm"]
    assert by_key["hr:talent_settings"] == ["bkpsdm"]
    assert by_key["performance:proposal_list"] == ["hr_same", "bkpsdm"]
    assert by_key["hr:profile"][1:] == ["hr_same", "bkpsdm"]


def test_every_role_is_played_by_a_demo_login():
    assert set(ROLE_LOGINS) == set(ROLES)
    assert all(who == "anonymous" or who in LOGINS for who in ROLE_LOGINS.values())
    assert LOGINS["bkpsdm"] == "bkpsdm"


@pytest.fixture
def objects(world, tmp_path, settings):
    """The permission matrix's objects (tests/security/targets.py)."""
    settings.MEDIA_ROOT = tmp_path
    return build_objects(world)


def test_urls_are_the_matrix_own_and_lessons_use_the_course_slugs(objects, world):
    assert page_url("performance:period_detail", objects, world) == url_for(
        "performance:period_detail", objects, world
    )
    lesson = objects["lesson"]
    assert page_url("learning:lesson", objects, world) == lesson.url
    assert page_url("learning:module", objects, world) == lesson.get_parent().url


def test_a_page_whose_object_the_data_lacks_has_no_url(objects, world):
    objects = dict(objects, period=MISSING, lesson=MISSING)
    assert page_url("performance:period_detail", objects, world) is None
    assert page_url("learning:lesson", objects, world) is None
    assert page_url("people:account", objects, world) == "/akun/"


def test_a_kind_the_benchmark_objects_lack_leaves_every_other_page_measured(objects, world):
    """url_for builds every key's arguments at once: one object kind missing from the benchmark's
    objects (the SCORM lesson, once) must not leave every page without a URL."""
    partial = {k: v for k, v in objects.items() if k not in ("scorm_lesson", "video_lesson", "session")}
    assert page_url("performance:period_detail", partial, world) == url_for(
        "performance:period_detail", objects, world
    )
    assert page_url("learning:scorm_file", partial, world) is None


def test_benchmark_objects_name_every_kind_the_matrix_urls_read(objects, world):
    """Every object kind ``url_for`` reads is looked up in the benchmark data (MISSING when absent)."""
    read = set(re.findall(r'o\["([a-z_]+)"\]', Path(targets.__file__).read_text()))
    found, _world = bench_objects(learner=world.staff_a.user.username)
    assert read <= set(found), read - set(found)
