"""SCORM lessons: packages are checked before anything is saved, unpacked on the default storage,
served only to enrolled learners under the package CSP, and tracked by an idempotent commit API
whose completion takes the path of every lesson (completion event, JP, certificate, xAPI)."""

from __future__ import annotations

import io
import json
import stat
import zipfile
from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.storage import default_storage
from django.test import Client
from django.urls import reverse

from learning import events, lesson_content, services
from learning.models import Enrolment, LessonCompletion, ScormAttempt, ScormPackage, Statement
from learning.selectors import scorm_runtime_for
from learning.xapi import statement_json
from tests.factories.content import attach, make_scorm_package, scorm_zip, upload
from tests.factories.learning import lessons_of, make_course

COMPLETED = "http://adlnet.gov/expapi/verbs/completed"


def _stored_files() -> set[str]:
    root = Path(settings.MEDIA_ROOT) / "scorm"
    return {str(p) for p in root.rglob("*") if p.is_file()} if root.exists() else set()


def _zip(entries: dict[str, bytes], *, symlink: str | None = None) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, data in entries.items():
            archive.writestr(name, data)
        if symlink:
            info = zipfile.ZipInfo(symlink)
            info.create_system = 3
            info.external_attr = (stat.S_IFLNK | 0o777) << 16
            archive.writestr(info, "/etc/passwd")
    return buffer.getvalue()


def _base_entries(version: str = "1.2") -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(scorm_zip(version))) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def _bomb() -> bytes:
    entries = _base_entries()
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in entries.items():
            archive.writestr(name, data)
        archive.writestr("sco/video.bin", b"\0" * (3 * 1024 * 1024))  # compresses to a few KB
    return buffer.getvalue()


BAD_PACKAGES = {
    "not a zip": (lambda: b"PK-tidak-benar", "bukan arsip zip"),
    "no manifest": (lambda: scorm_zip(drop=("imsmanifest.xml",)), "imsmanifest.xml tidak ditemukan"),
    "unparsable manifest": (
        lambda: scorm_zip(manifest="<manifest><unclosed></manifest>"),
        "bukan XML yang sah",
    ),
    "entity expansion": (
        lambda: scorm_zip(
            manifest='<?xml version="1.0"?><!DOCTYPE m [<!ENTITY a "aaaa">]><manifest>&a;</manifest>'
        ),
        "bukan XML yang sah",
    ),
    "wrong version": (
        lambda: scorm_zip(manifest=_base_entries()["imsmanifest.xml"].decode().replace(">1.2<", ">1.1<")),
        "Versi SCORM “1.1” tidak didukung",
    ),
    "no launchable sco": (
        lambda: scorm_zip(drop=("sco/index.html",)),
        "tidak memiliki SCO yang dapat dijalankan",
    ),
    "sco type asset": (
        lambda: scorm_zip(
            manifest=_base_entries()["imsmanifest.xml"]
            .decode()
            .replace('scormtype="sco"', 'scormtype="asset"')
        ),
        "tidak memiliki SCO yang dapat dijalankan",
    ),
    "parent path": (
        lambda: scorm_zip(extra={"../luar.html": b"x"}),
        "jalur berkas yang tidak aman: “../luar.html”",
    ),
    "absolute path": (lambda: scorm_zip(extra={"/etc/cron.d/x": b"x"}), "jalur berkas yang tidak aman"),
    "backslash path": (
        lambda: scorm_zip(extra={"sco\\..\\..\\x.html": b"x"}),
        "jalur berkas yang tidak aman",
    ),
    "symlink": (lambda: _zip(_base_entries(), symlink="sco/tautan"), "tautan simbolik “sco/tautan”"),
    "too many files": (
        lambda: scorm_zip(extra={f"sco/f{i}.txt": b"x" for i in range(30)}),
        "berisi 34 berkas; batasnya 20",
    ),
    "zip bomb": (_bomb, "melebihi batas 2 MB"),
}


@pytest.fixture
def small_limits(settings):
    settings.PAMONG_SCORM_MAX_FILES = 20
    settings.PAMONG_SCORM_MAX_UNPACKED_BYTES = 2 * 1024 * 1024


@pytest.mark.parametrize("reason", sorted(BAD_PACKAGES))
def test_bad_package_is_refused_with_its_reason_and_leaves_nothing(db, small_limits, reason):
    build, message = BAD_PACKAGES[reason]
    before = _stored_files()
    with pytest.raises(lesson_content.ContentRejected) as refused:
        lesson_content.scorm_package_create(user=None, title="Paket", upload=upload("paket.zip", build()))
    assert message in str(refused.value)
    assert not ScormPackage.objects.exists()
    assert _stored_files() == before


def test_upload_larger_than_the_limit_is_refused_before_reading(db, settings):
    settings.PAMONG_SCORM_MAX_UPLOAD_BYTES = 1000
    with pytest.raises(lesson_content.ContentRejected, match="melebihi batas unggah"):
        lesson_content.scorm_package_create(user=None, title="Paket", upload=upload("p.zip", scorm_zip()))
    assert not ScormPackage.objects.exists()


def test_failure_after_writing_files_deletes_them(db, monkeypatch):
    before = _stored_files()

    def broken(**kwargs):
        raise RuntimeError("database gone")

    monkeypatch.setattr(ScormPackage.objects, "create", broken)
    with pytest.raises(RuntimeError):
        lesson_content.scorm_package_create(user=None, title="Paket", upload=upload("p.zip", scorm_zip()))
    assert _stored_files() == before


@pytest.mark.parametrize("version", ["1.2", "2004"])
def test_good_package_is_unpacked_on_the_default_storage(db, version):
    package = make_scorm_package(version=version, mastery=80 if version == "1.2" else None)
    assert package.version == version
    assert package.launch_path == "sco/index.html"
    assert package.file_count == 4
    for name in package.files:
        assert name.startswith(package.folder)
        assert default_storage.exists(name)
    assert (package.mastery_score is not None) == (version == "1.2")


def test_deleting_a_package_deletes_its_files(db, django_capture_on_commit_callbacks):
    package = make_scorm_package()
    names = list(package.files)
    with django_capture_on_commit_callbacks(execute=True):
        package.delete()
    assert not any(default_storage.exists(name) for name in names)


# --------------------------------------------------------------------------------------------------
# A SCORM lesson for staff_a
# --------------------------------------------------------------------------------------------------


@pytest.fixture
def scorm_lesson(world):
    def build(version: str = "1.2", mastery: int | None = None):
        course = make_course(modules=1, lessons=1, jp=3)
        services.enrolment_self_create(user=world.staff_a.user, course=course)
        lesson = attach(
            lessons_of(course)[0], scorm_package=make_scorm_package(version=version, mastery=mastery)
        )
        return lesson

    return build


COMMIT_12 = {
    "cmi.core.lesson_status": "passed",
    "cmi.core.lesson_location": "akhir",
    "cmi.suspend_data": "langkah=9",
    "cmi.core.score.raw": "85",
    "cmi.core.score.min": "0",
    "cmi.core.score.max": "100",
    "cmi.core.session_time": "0000:01:30.00",
    "cmi.core.exit": "",
}
COMMIT_2004 = {
    "cmi.completion_status": "completed",
    "cmi.success_status": "passed",
    "cmi.location": "akhir",
    "cmi.suspend_data": "langkah=9",
    "cmi.score.raw": "90",
    "cmi.score.min": "0",
    "cmi.score.max": "100",
    "cmi.score.scaled": "0.9",
    "cmi.session_time": "PT1M30S",
}


@pytest.mark.parametrize("version", ["1.2", "2004"])
def test_completion_takes_the_path_of_every_lesson(
    world, scorm_lesson, version, django_capture_on_commit_callbacks
):
    lesson = scorm_lesson(version)
    user = world.staff_a.user
    heard = []

    def receiver(sender, **kwargs):
        heard.append((kwargs["kind"], kwargs["jp"]))

    events.completed.connect(receiver, dispatch_uid="test-scorm")
    try:
        with django_capture_on_commit_callbacks(execute=True):
            attempt = lesson_content.scorm_commit(
                user=user,
                lesson=lesson,
                data=COMMIT_12 if version == "1.2" else COMMIT_2004,
                session_key="s1",
            )
    finally:
        events.completed.disconnect(dispatch_uid="test-scorm")
    assert attempt.completed_at is not None and attempt.total_seconds == 90
    completion = LessonCompletion.objects.get(lesson=lesson)
    assert completion.via == LessonCompletion.Via.SCORM
    enrolment = Enrolment.objects.get(asn=world.staff_a)
    assert enrolment.completed_at is not None and enrolment.jp_credited == 3
    assert ("course", 3) in heard
    statement = Statement.objects.get(verb=COMPLETED, object_type="lesson", object_ref=lesson.pk)
    data = statement_json(statement, asn_name="Staf A", asn_nip=world.staff_a.nip)
    assert data["result"]["completion"] is True and data["result"]["success"] is True
    assert data["result"]["duration"] == "PT1M30S"
    assert 0 <= data["result"]["score"]["scaled"] <= 1


def test_commits_are_idempotent_and_sessions_add_up(world, scorm_lesson):
    lesson = scorm_lesson("1.2")
    user = world.staff_a.user
    first = {"cmi.core.lesson_status": "incomplete", "cmi.core.session_time": "0000:00:40.00"}
    for _ in range(3):
        attempt = lesson_content.scorm_commit(user=user, lesson=lesson, data=first, session_key="pagi")
    assert attempt.total_seconds == 40 and attempt.completed_at is None
    attempt = lesson_content.scorm_commit(
        user=user, lesson=lesson, data={"cmi.core.session_time": "0000:00:20.00"}, session_key="siang"
    )
    assert attempt.total_seconds == 60
    assert ScormAttempt.objects.count() == 1
    assert not LessonCompletion.objects.exists()


def test_mastery_score_decides_passed(world, scorm_lesson):
    lesson = scorm_lesson("1.2", mastery=90)
    data = {"cmi.core.lesson_status": "completed", "cmi.core.score.raw": "85"}
    attempt = lesson_content.scorm_commit(user=world.staff_a.user, lesson=lesson, data=data, session_key="s")
    assert attempt.completed_at is None
    data["cmi.core.score.raw"] = "95"
    attempt = lesson_content.scorm_commit(user=world.staff_a.user, lesson=lesson, data=data, session_key="s")
    assert attempt.completed_at is not None


def test_failed_2004_attempt_does_not_complete(world, scorm_lesson):
    lesson = scorm_lesson("2004")
    data = {"cmi.completion_status": "completed", "cmi.success_status": "failed"}
    attempt = lesson_content.scorm_commit(user=world.staff_a.user, lesson=lesson, data=data, session_key="s")
    assert attempt.completed_at is None and not LessonCompletion.objects.exists()


@pytest.mark.parametrize(
    "data, message",
    [
        ({"cmi.core.lesson_status": "hebat"}, "bukan nilai yang sah"),
        ({"cmi.core.score.raw": "banyak"}, "bukan angka"),
        ({"cmi.core.session_time": "90 detik"}, "bukan durasi SCORM"),
        ({"cmi.suspend_data": "x" * 64001}, "lebih dari 64000 karakter"),
        ({"cmi.core.lesson_location": ["a"]}, "nilai tidak sah"),
    ],
)
def test_bad_commit_is_refused_and_saves_nothing(world, scorm_lesson, data, message):
    lesson = scorm_lesson("1.2")
    with pytest.raises(lesson_content.ContentRejected, match=message):
        lesson_content.scorm_commit(user=world.staff_a.user, lesson=lesson, data=data, session_key="s")
    assert not ScormAttempt.objects.exists()


def test_marking_a_scorm_lesson_done_by_hand_is_refused(world, scorm_lesson):
    lesson = scorm_lesson("1.2")
    with pytest.raises(services.LearningError, match="paket SCORM"):
        services.lesson_mark_complete(user=world.staff_a.user, lesson=lesson)


def test_resume_state_restores_location_and_suspend_data(world, scorm_lesson):
    lesson = scorm_lesson("2004")
    data = {
        "cmi.location": "halaman-3",
        "cmi.suspend_data": "langkah=3",
        "cmi.completion_status": "incomplete",
    }
    lesson_content.scorm_commit(user=world.staff_a.user, lesson=lesson, data=data, session_key="s")
    enrolment = Enrolment.objects.get(asn=world.staff_a)
    state = scorm_runtime_for(lesson=lesson, enrolment=enrolment, asn=world.staff_a)["state"]
    assert state["cmi.location"] == "halaman-3"
    assert state["cmi.suspend_data"] == "langkah=3"
    assert state["cmi.entry"] == "resume"
    assert state["cmi.learner_id"] == world.staff_a.nip


# --------------------------------------------------------------------------------------------------
# HTTP
# --------------------------------------------------------------------------------------------------


def test_package_files_are_served_to_the_enrolled_learner_under_the_package_csp(
    world, scorm_lesson, client_for
):
    lesson = scorm_lesson("1.2")
    url = reverse("learning:scorm_file", args=[lesson.pk, "sco/index.html"])
    response = client_for(world.staff_a.user).get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "text/html; charset=utf-8"
    csp = response["Content-Security-Policy"]
    assert "sandbox allow-scripts allow-same-origin" in csp and "frame-ancestors 'self'" in csp
    assert response["X-Frame-Options"] == "SAMEORIGIN"
    script = client_for(world.staff_a.user).get(
        reverse("learning:scorm_file", args=[lesson.pk, "sco/sco.js"])
    )
    assert script["Content-Type"] == "text/javascript"
    assert b"LMSInitialize" in b"".join(script.streaming_content)


@pytest.mark.parametrize(
    "path", ["sco/tidak-ada.html", "sco/../../../settings.py", "imsmanifest.xml/../../x"]
)
def test_unknown_or_escaping_paths_are_404(world, scorm_lesson, client_for, path):
    lesson = scorm_lesson("1.2")
    response = client_for(world.staff_a.user).get(reverse("learning:scorm_file", args=[lesson.pk, path]))
    assert response.status_code == 404


def test_package_files_are_hidden_from_learners_not_enrolled(world, scorm_lesson, client_for):
    lesson = scorm_lesson("1.2")
    url = reverse("learning:scorm_file", args=[lesson.pk, "sco/index.html"])
    assert client_for(world.staff_a2.user).get(url).status_code == 404
    assert client_for(world.humas_editor).get(url).status_code == 403
    assert client_for(None).get(url).status_code == 302


def test_commit_api_needs_csrf_and_answers_json(world, scorm_lesson):
    lesson = scorm_lesson("1.2")
    url = reverse("learning:scorm_commit", args=[lesson.pk]) + "?sesi=abc"
    strict = Client(enforce_csrf_checks=True)
    strict.force_login(world.staff_a.user)
    body = json.dumps({"cmi.core.lesson_status": "incomplete"})
    assert strict.post(url, body, content_type="application/json").status_code == 403
    strict.get(lesson.url)  # the lesson page sets the CSRF cookie
    token = strict.cookies[settings.CSRF_COOKIE_NAME].value
    ok = strict.post(url, body, content_type="application/json", headers={"X-CSRFToken": token})
    assert ok.status_code == 200 and ok.json() == {"result": True, "errorCode": 0, "completed": False}
    bad = strict.post(url, "{nope", content_type="application/json", headers={"X-CSRFToken": token})
    assert bad.status_code == 400 and bad.json()["result"] is False


def test_lesson_page_holds_the_player_with_the_vendored_runtime(world, scorm_lesson, client_for):
    lesson = scorm_lesson("2004")
    response = client_for(world.staff_a.user).get(lesson.url)
    html = response.content.decode()
    assert 'sandbox="allow-scripts allow-same-origin"' in html
    assert "vendor/scorm-again/scorm-again.min.js" in html
    assert 'data-version="2004"' in html
    assert "Tandai selesai" not in html
