"""Video lessons: files checked by content (not name), size and captions before anything is saved;
served to enrolled learners with range requests; done at the configured share of the duration,
counted from watched ranges the server bounds by the real time elapsed. External embeds only for
allowed hosts, and the CSP frame-src follows the list."""

from __future__ import annotations

import datetime
from pathlib import Path

import pytest
from django.conf import settings
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from learning import lesson_content, services
from learning.models import LessonCompletion, LessonVideo, VideoWatch
from pamong.home.blocks import AllowedEmbedBlock
from pamong.security import csp_for_path
from tests.factories.content import CAPTIONS, attach, make_lesson_video, upload, video_bytes
from tests.factories.learning import lessons_of, make_course


def _stored_files() -> set[str]:
    root = Path(settings.MEDIA_ROOT) / "videos"
    return {str(p) for p in root.rglob("*") if p.is_file()} if root.exists() else set()


def _create(video: bytes, captions: bytes = CAPTIONS.encode(), *, name: str = "video.webm"):
    return lesson_content.video_create(
        user=None,
        title="Video",
        transcript="Transkrip.",
        video_upload=upload(name, video),
        captions_upload=upload("teks.vtt", captions),
    )


@pytest.mark.parametrize("kind", ["webm", "mp4"])
def test_video_type_and_duration_come_from_the_content(db, kind):
    lesson_video = make_lesson_video(kind=kind)
    assert lesson_video.kind == kind
    assert float(lesson_video.duration_seconds) == pytest.approx(4.0, abs=0.1)
    assert lesson_video.file.name.endswith(f".{kind}")


BAD_VIDEOS = {
    "text named .mp4": (
        lambda: b"bukan video sama sekali" * 10,
        CAPTIONS.encode(),
        "bukan video MP4 atau WebM",
    ),
    "png named .webm": (
        lambda: b"\x89PNG\r\n\x1a\n" + b"\0" * 64,
        CAPTIONS.encode(),
        "bukan video MP4 atau WebM",
    ),
    "truncated webm": (lambda: video_bytes("webm")[:40], CAPTIONS.encode(), "Durasi video tidak tercantum"),
    "captions without header": (lambda: video_bytes(), b"00:00.000 --> 00:01.000\nHalo\n", "Baris 1"),
    "captions bad timing": (
        lambda: video_bytes(),
        b"WEBVTT\n\n00:00.000 --> 00:01.000\nHalo\n\n00:02 --> 00:03.000\nLagi\n",
        "Baris 6: waktu teks",
    ),
    "captions end before start": (
        lambda: video_bytes(),
        b"WEBVTT\n\n00:05.000 --> 00:01.000\nHalo\n",
        "Baris 3: waktu selesai",
    ),
    "captions without cues": (lambda: video_bytes(), b"WEBVTT\n\nNOTE kosong\n", "tidak memuat satu pun"),
    "captions not utf-8": (
        lambda: video_bytes(),
        "WEBVTT\n\n00:00.000 --> 00:01.000\nçà\n".encode("latin-1"),
        "UTF-8",
    ),
}


@pytest.mark.parametrize("reason", sorted(BAD_VIDEOS))
def test_bad_video_is_refused_with_its_reason_and_leaves_nothing(db, reason):
    build, captions, message = BAD_VIDEOS[reason]
    before = _stored_files()
    with pytest.raises(lesson_content.ContentRejected) as refused:
        _create(build(), captions, name="video.mp4")
    assert message in str(refused.value)
    assert not LessonVideo.objects.exists()
    assert _stored_files() == before


def test_too_large_video_is_refused(db, settings):
    settings.PAMONG_VIDEO_MAX_BYTES = 5000
    with pytest.raises(lesson_content.ContentRejected, match="melebihi batas"):
        _create(video_bytes())
    assert not LessonVideo.objects.exists()


def test_video_without_transcript_is_refused(db):
    with pytest.raises(lesson_content.ContentRejected, match="transkrip"):
        lesson_content.video_create(
            user=None,
            title="Video",
            transcript=" ",
            video_upload=upload("v.webm", video_bytes()),
            captions_upload=upload("t.vtt", CAPTIONS.encode()),
        )


# --------------------------------------------------------------------------------------------------
# Watching
# --------------------------------------------------------------------------------------------------


@pytest.fixture
def video_lesson(world):
    course = make_course(modules=1, lessons=2, jp=2)
    services.enrolment_self_create(user=world.staff_a.user, course=course)
    return attach(lessons_of(course)[0], video=make_lesson_video())


NOW = timezone.now()


def _at(seconds: float) -> datetime.datetime:
    return NOW + datetime.timedelta(seconds=seconds)


def test_lesson_completes_at_ninety_percent_of_the_video(world, video_lesson):
    user = world.staff_a.user
    lesson_content.video_watch_start(user=user, lesson=video_lesson, now=_at(0))
    watch = lesson_content.video_watch_report(user=user, lesson=video_lesson, ranges=[[0, 2]], now=_at(2))
    assert watch.completed_at is None
    # replaying the same seconds counts once
    watch = lesson_content.video_watch_report(user=user, lesson=video_lesson, ranges=[[0, 2]], now=_at(4))
    assert float(watch.watched_seconds) == 2 and watch.completed_at is None
    watch = lesson_content.video_watch_report(user=user, lesson=video_lesson, ranges=[[2, 3.7]], now=_at(6))
    assert watch.completed_at is not None
    completion = LessonCompletion.objects.get(lesson=video_lesson)
    assert completion.via == LessonCompletion.Via.VIDEO


def test_share_is_configurable(world, video_lesson, settings):
    settings.PAMONG_VIDEO_COMPLETION_PERCENT = 50
    user = world.staff_a.user
    lesson_content.video_watch_start(user=user, lesson=video_lesson, now=_at(0))
    watch = lesson_content.video_watch_report(user=user, lesson=video_lesson, ranges=[[0, 2]], now=_at(2))
    assert watch.completed_at is not None


def test_a_single_done_call_is_not_believed(world, video_lesson, settings):
    settings.PAMONG_VIDEO_SLACK_SECONDS = 0.5
    user = world.staff_a.user
    lesson_content.video_watch_start(user=user, lesson=video_lesson, now=_at(0))
    with pytest.raises(lesson_content.ContentRejected, match="melebihi waktu yang berlalu"):
        lesson_content.video_watch_report(user=user, lesson=video_lesson, ranges=[[0, 4]], now=_at(1))
    assert VideoWatch.objects.get().watched == []
    assert not LessonCompletion.objects.exists()


@pytest.mark.parametrize(
    "ranges, message",
    [
        ([[0, 60]], "di luar durasi video"),
        ([[-1, 2]], "di luar durasi video"),
        ([[3, 1]], "di luar durasi video"),
        ([["0", 2]], "setiap rentang"),
        ("semua", "daftar rentang"),
    ],
)
def test_bad_reports_are_refused(world, video_lesson, ranges, message):
    user = world.staff_a.user
    lesson_content.video_watch_start(user=user, lesson=video_lesson, now=_at(0))
    with pytest.raises(lesson_content.ContentRejected, match=message):
        lesson_content.video_watch_report(user=user, lesson=video_lesson, ranges=ranges, now=_at(100))


def test_report_before_start_is_refused(world, video_lesson):
    with pytest.raises(lesson_content.ContentRejected, match="Putar videonya"):
        lesson_content.video_watch_report(user=world.staff_a.user, lesson=video_lesson, ranges=[[0, 1]])


def test_marking_a_video_lesson_by_hand_is_refused(world, video_lesson):
    with pytest.raises(services.LearningError, match="videonya ditonton"):
        services.lesson_mark_complete(user=world.staff_a.user, lesson=video_lesson)


# --------------------------------------------------------------------------------------------------
# HTTP
# --------------------------------------------------------------------------------------------------


def test_video_is_served_with_ranges_to_the_enrolled_learner_only(world, video_lesson, client_for):
    url = reverse("learning:video_file", args=[video_lesson.pk])
    learner = client_for(world.staff_a.user)
    whole = learner.get(url)
    assert whole.status_code == 200 and whole["Content-Type"] == "video/webm"
    part = learner.get(url, headers={"Range": "bytes=0-99"})
    assert part.status_code == 206 and part["Content-Range"].startswith("bytes 0-99/")
    assert b"".join(part.streaming_content) == video_bytes()[:100]
    assert learner.get(url, headers={"Range": "bytes=999999-"}).status_code == 416
    captions = learner.get(reverse("learning:video_captions", args=[video_lesson.pk]))
    assert captions["Content-Type"] == "text/vtt; charset=utf-8"
    assert client_for(world.staff_a2.user).get(url).status_code == 404
    assert client_for(None).get(url).status_code == 302


def test_lesson_page_has_player_captions_and_transcript(world, video_lesson, client_for):
    html = client_for(world.staff_a.user).get(video_lesson.url).content.decode()
    assert '<track kind="captions" srclang="id"' in html
    assert "video-transcript" in html
    assert "Selamat datang di pelajaran video." in html
    assert "Tandai selesai" not in html


def test_progress_api_answers_the_share_watched(world, video_lesson, client_for):
    learner = client_for(world.staff_a.user)
    assert learner.post(reverse("learning:video_start", args=[video_lesson.pk])).status_code == 200
    response = learner.post(
        reverse("learning:video_progress", args=[video_lesson.pk]),
        {"ranges": [[0, 1]]},
        content_type="application/json",
    )
    assert response.status_code == 200 and response.json() == {"percent": 25, "completed": False}
    refused = learner.post(
        reverse("learning:video_progress", args=[video_lesson.pk]), "[]", content_type="application/json"
    )
    assert refused.status_code == 400 and refused.json()["message"]


# --------------------------------------------------------------------------------------------------
# External embeds
# --------------------------------------------------------------------------------------------------


def test_embed_hosts_are_an_allow_list_that_the_csp_follows(settings):
    settings.PAMONG_EMBED_HOSTS = []
    block = AllowedEmbedBlock()
    with pytest.raises(ValidationError, match="tidak dapat disematkan"):
        block.clean("https://www.youtube.com/watch?v=abc")
    assert "frame-src 'self';" in csp_for_path("/pelatihan/")
    settings.PAMONG_EMBED_HOSTS = ["video.jambiprov.go.id"]
    assert "frame-src 'self' https://video.jambiprov.go.id;" in csp_for_path("/pelatihan/")
    with pytest.raises(ValidationError, match="video.example"):
        block.clean("https://video.example/v/1")
