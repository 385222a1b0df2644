"""Writes for packaged lesson content: SCORM packages and videos, and the learners' tracking of them.

Uploads are checked completely before anything is written (:mod:`learning.scorm`,
:mod:`learning.video`); the files are then written to the default storage and the row created in one
transaction; if anything fails after the first file was written, every file written is deleted
again. A rejected upload raises :class:`ContentRejected` whose text is the reason for the trainer.

Tracking (:func:`scorm_commit`, :func:`video_watch_report`) writes under the learner's enrolment
lock and completes the lesson through :func:`learning.services.lesson_complete`, the path every
lesson takes, so module and course completions, JP, certificates, the completion event and the xAPI
statements follow as for any lesson.

One module, a little longer than most: upload, storage and tracking of the two kinds of packaged
content share the one transaction-and-cleanup pattern written here once.
"""

from __future__ import annotations

import datetime
import posixpath
import uuid
import zipfile
from decimal import Decimal, InvalidOperation
from typing import IO

from django.conf import settings
from django.core.files import File
from django.core.files.storage import default_storage
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from pamong.formats import megabytes

from . import scorm, video
from .models import LessonCompletion, LessonPage, LessonVideo, ScormAttempt, ScormPackage, VideoWatch
from .services import LearningError, enrolment_for_page_locked, lesson_complete


class ContentRejected(LearningError):
    """An upload or a tracking report was refused; ``str(error)`` says why (Indonesian)."""


def _write_files(writes: list[tuple[str, IO[bytes]]]) -> list[str]:
    """Save each ``(name, stream)`` on the default storage under exactly that name; on any failure
    delete what was written and re-raise."""
    written: list[str] = []
    try:
        for name, stream in writes:
            saved = default_storage.save(name, File(stream, name=posixpath.basename(name)))
            written.append(saved)
            if saved != name:
                raise OSError(f"storage renamed {name!r} to {saved!r}")
    except BaseException:
        _delete_files(written)
        raise
    return written


def _delete_files(names: list[str]) -> None:
    for name in names:
        default_storage.delete(name)


def _created_or_cleaned(written: list[str], create):
    """Run ``create()`` in a transaction; when it fails, the files written for it go too."""
    try:
        with transaction.atomic():
            return create()
    except BaseException:
        _delete_files(written)
        raise


# --------------------------------------------------------------------------------------------------
# SCORM
# --------------------------------------------------------------------------------------------------


def scorm_package_create(
    *, user, title: str, upload: IO[bytes], now: datetime.datetime | None = None
) -> ScormPackage:
    """Check an uploaded SCORM zip, unpack it to ``scorm/<key>/`` and record it (all or nothing)."""
    title = (title or "").strip()
    if not title:
        raise ContentRejected(_("Isi judul paket."))
    size = getattr(upload, "size", None)
    if size is not None and size > settings.PAMONG_SCORM_MAX_UPLOAD_BYTES:
        raise ContentRejected(
            _("Paket berukuran %(size)s, melebihi batas unggah %(max)s.")
            % {"size": megabytes(size), "max": megabytes(settings.PAMONG_SCORM_MAX_UPLOAD_BYTES)}
        )
    try:
        inspected = scorm.package_inspect(upload)
    except scorm.PackageRejected as error:
        raise ContentRejected(str(error)) from None
    now = now or timezone.now()
    key = uuid.uuid4().hex
    upload.seek(0)
    with zipfile.ZipFile(upload) as archive:
        writes = []
        for info in inspected.entries:
            writes.append((f"scorm/{key}/{posixpath.normpath(info.filename)}", archive.open(info)))
        try:
            written = _write_files(writes)
        finally:
            for _name, stream in writes:
                stream.close()
    return _created_or_cleaned(
        written,
        lambda: ScormPackage.objects.create(
            title=title[:255],
            version=inspected.version,
            key=key,
            launch_path=inspected.launch_path,
            mastery_score=inspected.mastery_score,
            file_count=len(written),
            unpacked_bytes=inspected.unpacked_bytes,
            files=written,
            uploaded_by=user,
            uploaded_at=now,
        ),
    )


def scorm_package_files_delete(*, package: ScormPackage) -> None:
    """Delete the unpacked files of a package whose row is gone (after its deletion commits)."""
    _delete_files(list(package.files))


#: What a SCO may commit, per SCORM version: (element, attempt field).
_FIELDS = {
    scorm.VERSION_12: {
        "cmi.core.lesson_status": "lesson_status",
        "cmi.core.lesson_location": "location",
        "cmi.suspend_data": "suspend_data",
        "cmi.core.score.raw": "score_raw",
        "cmi.core.score.min": "score_min",
        "cmi.core.score.max": "score_max",
        "cmi.core.session_time": "session_time",
    },
    scorm.VERSION_2004: {
        "cmi.completion_status": "completion_status",
        "cmi.success_status": "success_status",
        "cmi.location": "location",
        "cmi.suspend_data": "suspend_data",
        "cmi.score.raw": "score_raw",
        "cmi.score.min": "score_min",
        "cmi.score.max": "score_max",
        "cmi.score.scaled": "score_scaled",
        "cmi.session_time": "session_time",
    },
}
_VOCABULARY = {
    "lesson_status": {"passed", "completed", "failed", "incomplete", "browsed", "not attempted"},
    "completion_status": {"completed", "incomplete", "not attempted", "unknown"},
    "success_status": {"passed", "failed", "unknown"},
}
_LIMITS = {"location": 1000, "suspend_data": 64000}


def _clean_commit(version: str, data: dict) -> dict:
    """The known elements of a flattened cmi commit, checked; unknown elements are ignored."""
    if not isinstance(data, dict):
        raise ContentRejected(_("Data SCORM harus berupa objek JSON."))
    cleaned: dict = {}
    for element, field in _FIELDS[version].items():
        if element not in data or data[element] is None:
            continue
        value = data[element]
        if not isinstance(value, str | int | float) or isinstance(value, bool):
            raise ContentRejected(_("%(element)s: nilai tidak sah.") % {"element": element})
        value = str(value).strip() if field != "suspend_data" else str(value)
        if field in _VOCABULARY:
            if value == "":
                continue
            if value not in _VOCABULARY[field]:
                raise ContentRejected(
                    _("%(element)s: “%(value)s” bukan nilai yang sah.")
                    % {"element": element, "value": value[:40]}
                )
        elif field in _LIMITS:
            if len(value) > _LIMITS[field]:
                raise ContentRejected(
                    _("%(element)s: lebih dari %(n)d karakter.") % {"element": element, "n": _LIMITS[field]}
                )
        elif field.startswith("score_"):
            if value == "":
                value = None
            else:
                try:
                    value = Decimal(value)
                except InvalidOperation:
                    raise ContentRejected(
                        _("%(element)s: “%(value)s” bukan angka.") % {"element": element, "value": value[:40]}
                    ) from None
                if (
                    not value.is_finite()
                    or abs(value) >= 10**7
                    or (field == "score_scaled" and abs(value) > 1)
                ):
                    raise ContentRejected(_("%(element)s: nilai di luar rentang.") % {"element": element})
        elif field == "session_time":
            seconds = scorm.session_seconds(value)
            if seconds is None:
                raise ContentRejected(
                    _("%(element)s: “%(value)s” bukan durasi SCORM.")
                    % {"element": element, "value": value[:40]}
                )
            value = seconds
        cleaned[field] = value
    return cleaned


def _scorm_result(attempt: ScormAttempt, *, passed: bool | None) -> dict:
    """The xAPI result of a completed SCORM lesson (score only when consistent, as xAPI requires)."""
    result: dict = {"completion": True, "duration": scorm.iso_duration(attempt.total_seconds)}
    if passed is not None:
        result["success"] = passed
    score: dict = {}
    raw, low, high = attempt.score_raw, attempt.score_min, attempt.score_max
    if raw is not None:
        if low is not None and high is not None and low <= raw <= high and low < high:
            score.update(
                raw=float(raw),
                min=float(low),
                max=float(high),
                scaled=round(float((raw - low) / (high - low)), 4),
            )
        elif low is None and high is None and 0 <= raw <= 100:
            score.update(raw=float(raw), min=0, max=100, scaled=round(float(raw) / 100, 4))
    if attempt.score_scaled is not None:
        score["scaled"] = float(attempt.score_scaled)
    if score:
        result["score"] = score
    return result


def scorm_commit(
    *,
    user,
    lesson: LessonPage,
    data: dict,
    session_key: str,
    now: datetime.datetime | None = None,
) -> ScormAttempt:
    """Store what the learner's SCO committed (a flattened cmi object) and complete the lesson when the
    package's rules say it is done (:func:`learning.scorm.attempt_is_complete`).

    Idempotent: a commit sets values, it never adds to them; the session time of one player session
    (``session_key``, new on every opening of the lesson) replaces that session's earlier value, and
    a new session starts from the total of the earlier ones. Bad data is refused before any write.
    """
    if not lesson.scorm_package_id:
        raise ContentRejected(_("Pelajaran ini tidak memuat paket SCORM."))
    session_key = (session_key or "").strip()
    if not session_key or len(session_key) > 64:
        raise ContentRejected(_("Sesi pemutar SCORM tidak dikenali; muat ulang halaman pelajaran."))
    package = ScormPackage.objects.get(pk=lesson.scorm_package_id)
    cleaned = _clean_commit(package.version, data)
    now = now or timezone.now()
    with transaction.atomic():
        enrolment = enrolment_for_page_locked(user=user, page=lesson)
        attempt, _created = ScormAttempt.objects.get_or_create(
            enrolment=enrolment,
            lesson=lesson,
            package=package,
            defaults={"started_at": now, "updated_at": now, "session_key": session_key},
        )
        if attempt.session_key != session_key:
            attempt.earlier_seconds += attempt.session_seconds
            attempt.session_seconds = 0
            attempt.session_key = session_key
        session = cleaned.pop("session_time", None)
        if session is not None:
            attempt.session_seconds = session
        for field, value in cleaned.items():
            setattr(attempt, field, value)
        attempt.commits += 1
        attempt.updated_at = now
        done = scorm.attempt_is_complete(
            version=package.version,
            lesson_status=attempt.lesson_status,
            completion_status=attempt.completion_status,
            success_status=attempt.success_status,
            score_raw=attempt.score_raw,
            mastery_score=package.mastery_score,
        )
        newly_done = done and attempt.completed_at is None
        if newly_done:
            attempt.completed_at = now
        attempt.save()
        if newly_done:
            if package.version == scorm.VERSION_12:
                passed = {"passed": True, "failed": False}.get(attempt.lesson_status)
            else:
                passed = {"passed": True, "failed": False}.get(attempt.success_status)
            lesson_complete(
                user=user,
                lesson=lesson,
                via=LessonCompletion.Via.SCORM,
                now=now,
                result=_scorm_result(attempt, passed=passed),
            )
    return attempt


# --------------------------------------------------------------------------------------------------
# Video
# --------------------------------------------------------------------------------------------------


def video_create(
    *,
    user,
    title: str,
    transcript: str,
    video_upload: IO[bytes],
    captions_upload: IO[bytes],
    now: datetime.datetime | None = None,
) -> LessonVideo:
    """Check a video (type by content, size, duration) and its WebVTT captions, then store both and
    record the video (all or nothing)."""
    title, transcript = (title or "").strip(), (transcript or "").strip()
    if not title:
        raise ContentRejected(_("Isi judul video."))
    if not transcript:
        raise ContentRejected(_("Isi transkrip video: peserta yang tidak dapat mendengar membutuhkannya."))
    try:
        inspected = video.video_inspect(video_upload)
        video.captions_check(captions_upload)
    except video.MediaRejected as error:
        raise ContentRejected(str(error)) from None
    now = now or timezone.now()
    key = uuid.uuid4().hex
    video_name = f"videos/{key}.{inspected.kind}"
    captions_name = f"videos/captions/{key}.vtt"
    video_upload.seek(0)
    captions_upload.seek(0)
    written = _write_files([(video_name, video_upload), (captions_name, captions_upload)])
    return _created_or_cleaned(
        written,
        lambda: LessonVideo.objects.create(
            title=title[:255],
            file=video_name,
            kind=inspected.kind,
            size=inspected.size,
            duration_seconds=inspected.duration_seconds,
            captions=captions_name,
            transcript=transcript,
            uploaded_by=user,
            uploaded_at=now,
        ),
    )


def video_files_delete(*, lesson_video: LessonVideo) -> None:
    """Delete the files of a video whose row is gone (after its deletion commits)."""
    _delete_files([name for name in (lesson_video.file.name, lesson_video.captions.name) if name])


def video_watch_start(*, user, lesson: LessonPage, now: datetime.datetime | None = None) -> VideoWatch:
    """The player started: the clock that bounds the next report of watched time starts now."""
    if not lesson.video_id:
        raise ContentRejected(_("Pelajaran ini tidak memuat video."))
    now = now or timezone.now()
    with transaction.atomic():
        enrolment = enrolment_for_page_locked(user=user, page=lesson)
        watch, created = VideoWatch.objects.get_or_create(
            enrolment=enrolment, lesson=lesson, video_id=lesson.video_id, defaults={"updated_at": now}
        )
        if not created:
            VideoWatch.objects.filter(pk=watch.pk).update(updated_at=now)
            watch.updated_at = now
    return watch


def _clean_ranges(ranges, duration: float) -> list[list[float]]:
    if not isinstance(ranges, list) or len(ranges) > 200:
        raise ContentRejected(_("Laporan tontonan tidak sah: daftar rentang waktu diperlukan."))
    cleaned = []
    for item in ranges:
        if (
            not isinstance(item, list)
            or len(item) != 2
            or not all(isinstance(x, int | float) and not isinstance(x, bool) for x in item)
        ):
            raise ContentRejected(_("Laporan tontonan tidak sah: setiap rentang berupa [mulai, selesai]."))
        start, end = float(item[0]), float(item[1])
        if start < 0 or end < start or end > duration + settings.PAMONG_VIDEO_SLACK_SECONDS:
            raise ContentRejected(
                _("Laporan tontonan tidak sah: rentang %(start)s–%(end)s detik di luar durasi video.")
                % {"start": round(start, 1), "end": round(end, 1)}
            )
        cleaned.append([start, min(end, duration)])
    return cleaned


def video_watch_report(
    *, user, lesson: LessonPage, ranges: list, now: datetime.datetime | None = None
) -> VideoWatch:
    """Add the ranges of the video the player reports as watched; complete the lesson once the union of
    everything watched reaches ``PAMONG_VIDEO_COMPLETION_PERCENT`` of the video's duration.

    The server does not take the player's word: new watched time may not exceed the real time since
    the previous report (or the start) times ``PAMONG_VIDEO_MAX_RATE`` plus
    ``PAMONG_VIDEO_SLACK_SECONDS``; a report that does is refused and nothing is stored. Reporting
    the same ranges again changes nothing.
    """
    if not lesson.video_id:
        raise ContentRejected(_("Pelajaran ini tidak memuat video."))
    lesson_video = LessonVideo.objects.get(pk=lesson.video_id)
    duration = float(lesson_video.duration_seconds)
    cleaned = _clean_ranges(ranges, duration)
    now = now or timezone.now()
    with transaction.atomic():
        enrolment = enrolment_for_page_locked(user=user, page=lesson)
        watch = (
            VideoWatch.objects.select_for_update(of=("self",), no_key=True)
            .filter(enrolment=enrolment, lesson=lesson, video=lesson_video)
            .first()
        )
        if watch is None:
            raise ContentRejected(_("Putar videonya dari halaman pelajaran terlebih dahulu."))
        merged = video.watched_union([*watch.watched, *cleaned])
        before, after = video.watched_total(watch.watched), video.watched_total(merged)
        elapsed = max(0.0, (now - watch.updated_at).total_seconds())
        allowed = elapsed * settings.PAMONG_VIDEO_MAX_RATE + settings.PAMONG_VIDEO_SLACK_SECONDS
        if after - before > allowed:
            raise ContentRejected(
                _(
                    "Waktu tonton yang dilaporkan (%(claimed)s detik) melebihi waktu yang berlalu; laporan ditolak."
                )
                % {"claimed": round(after - before, 1)}
            )
        if after == before:
            return watch
        share = settings.PAMONG_VIDEO_COMPLETION_PERCENT / 100
        done = after >= duration * share
        newly_done = done and watch.completed_at is None
        watch.watched, watch.watched_seconds, watch.updated_at = merged, Decimal(str(round(after, 2))), now
        if newly_done:
            watch.completed_at = now
        watch.save(update_fields=["watched", "watched_seconds", "updated_at", "completed_at"])
        if newly_done:
            lesson_complete(
                user=user,
                lesson=lesson,
                via=LessonCompletion.Via.VIDEO,
                now=now,
                result={"completion": True, "duration": scorm.iso_duration(round(after))},
            )
    return watch
