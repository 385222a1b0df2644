"""Packaged lesson content in Chromium: a learner works through a real SCORM 1.2 package and a real
SCORM 2004 package (saves half-way, closes the tab, reopens and resumes where they left, then
finishes), and watches a short video lesson with captions to the end. Each completion then shows in
/belajar/, the JP ledger and the xAPI export.

The packages are built by ``tests.factories.content`` (a SCO that discovers the runtime through
``window.parent``); the runtime is the vendored scorm-again; the video is a 4-second WebM fixture.
"""

from __future__ import annotations

import pytest
from django.contrib.auth.hashers import make_password
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import expect

from competencies.selectors import jp_ledger
from learning import services
from learning.models import Enrolment, LessonCompletion, ScormAttempt, VideoWatch
from tests.browser.conftest import sign_in
from tests.factories.content import attach, make_lesson_video, make_scorm_package
from tests.factories.learning import lessons_of, make_course

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

PASSWORD = "Paket-2026!"


def _learner(world):
    asn = world.staff_a
    asn.user.password = make_password(PASSWORD)
    asn.user.save(update_fields=["password"])
    return asn


def _course_with(world, asn, *, title: str, jp: int, **content):
    course = make_course(title=title, modules=1, lessons=1, jp=jp)
    services.enrolment_self_create(user=asn.user, course=course)
    return course, attach(lessons_of(course)[0], **content)


def _shows_everywhere(journey, world, asn, course, lesson):
    """The completion in /belajar/, the JP ledger and the HR's xAPI export."""
    enrolment = Enrolment.objects.get(asn=asn, course=course)
    assert enrolment.completed_at is not None and enrolment.jp_credited == course.jp
    journey.goto(reverse("learning:dashboard"))
    expect(journey.page.locator("main")).to_contain_text(course.title)
    ledger = jp_ledger(asn=asn, year=timezone.localdate().year)
    assert any(entry.title == course.title and entry.jp == course.jp for entry in ledger.entries)
    hr = Client()
    hr.force_login(world.hr_a.user)
    statements = hr.get(reverse("learning:xapi_export")).json()["statements"]
    lesson_iri = f"/xapi/activities/lesson/{lesson.pk}"
    done = [
        s
        for s in statements
        if s["object"]["id"].endswith(lesson_iri) and s["verb"]["id"].endswith("completed")
    ]
    assert len(done) == 1 and done[0]["result"]["completion"] is True
    return done[0]


@pytest.mark.parametrize("version", ["1.2", "2004"])
def test_learner_completes_a_scorm_lesson_and_resumes_after_closing(journey, world, version):
    asn = _learner(world)
    package = make_scorm_package(version=version, title=f"Paket SCORM {version}")
    course, lesson = _course_with(world, asn, title=f"Pelatihan SCORM {version}", jp=2, scorm_package=package)
    page = journey.page

    sign_in(journey, asn.user.username, PASSWORD)
    journey.goto(lesson.url)
    frame = page.frame_locator("iframe.scorm-frame")
    expect(frame.locator("#resume")).to_contain_text(f"entry=;location=;suspend=;student={asn.nip}")
    journey.key_page(f"scorm {version} dibuka")
    frame.get_by_role("button", name="Simpan").click()
    expect(frame.locator("#state")).to_have_text("disimpan")
    attempt = ScormAttempt.objects.get(enrolment__asn=asn, lesson=lesson)
    assert attempt.location == "halaman-3" and attempt.suspend_data == "langkah=3;jawaban=a,b"
    assert attempt.completed_at is None

    # Close the tab; a new one resumes where the learner left off.
    page.close()
    page = journey.page = page.context.new_page()
    journey.goto(lesson.url)
    frame = page.frame_locator("iframe.scorm-frame")
    expect(frame.locator("#resume")).to_contain_text(
        "entry=resume;location=halaman-3;suspend=langkah=3;jawaban=a,b"
    )
    expect(page.locator("#scorm-status")).to_contain_text("Melanjutkan dari posisi terakhir")
    frame.get_by_role("button", name="Selesai").click()
    expect(frame.locator("#state")).to_have_text("selesai")

    attempt.refresh_from_db()
    assert attempt.completed_at is not None
    assert attempt.total_seconds == 40 + 90  # two player sessions
    assert LessonCompletion.objects.get(lesson=lesson).via == LessonCompletion.Via.SCORM
    statement = _shows_everywhere(journey, world, asn, course, lesson)
    assert statement["result"]["success"] is True
    assert statement["result"]["score"]["raw"] == (85 if version == "1.2" else 90)
    journey.goto(lesson.url)
    expect(page.locator(".lesson-status")).to_contain_text("Pelajaran ini sudah selesai.")
    journey.key_page(f"scorm {version} selesai")
    journey.assert_no_csp_violation()


def test_learner_watches_a_video_lesson_with_captions(journey, world, settings):
    asn = _learner(world)
    video = make_lesson_video(title="Video orientasi")
    course, lesson = _course_with(world, asn, title="Pelatihan video", jp=1, video=video)
    page = journey.page

    sign_in(journey, asn.user.username, PASSWORD)
    journey.goto(lesson.url)
    player = page.locator("video.lesson-video-player")
    expect(player.locator("track[kind=captions][srclang=id]")).to_have_count(1)
    expect(page.locator(".video-transcript")).to_contain_text("Selamat datang di pelajaran video.")
    journey.key_page("video pelajaran")
    # The captions load and their first cue is the transcript's first line.
    page.wait_for_function("() => document.querySelector('video').readyState >= 1")
    cues = page.evaluate(
        """() => new Promise(resolve => {
            const track = document.querySelector('video').textTracks[0];
            track.mode = 'hidden';
            const poll = () => track.cues && track.cues.length ? resolve(track.cues[0].text) : setTimeout(poll, 100);
            poll();
        })"""
    )
    assert cues == "Selamat datang di pelajaran video."

    page.evaluate("() => { document.querySelector('video').muted = true; }")
    page.evaluate("() => { document.querySelector('video').play(); }")
    page.wait_for_function("() => document.querySelector('video').ended", timeout=20_000)
    expect(page.locator("#video-status")).to_contain_text("Pelajaran selesai.", timeout=10_000)

    watch = VideoWatch.objects.get(enrolment__asn=asn, lesson=lesson)
    assert watch.completed_at is not None
    assert float(watch.watched_seconds) >= 0.9 * float(video.duration_seconds)
    assert LessonCompletion.objects.get(lesson=lesson).via == LessonCompletion.Via.VIDEO
    _shows_everywhere(journey, world, asn, course, lesson)
    journey.assert_no_csp_violation()
