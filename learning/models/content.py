"""Packaged lesson content: SCORM packages and videos, and what each learner did with them.

A :class:`ScormPackage` is an uploaded SCORM 1.2 or 2004 zip, unpacked on the default storage
(``default_storage``: a shared folder or S3) under ``scorm/<key>/``; a :class:`LessonVideo` is a
video file (MP4 or WebM) with WebVTT captions and a transcript. A lesson shows one of them
(``LessonPage.scorm_package`` / ``LessonPage.video``). Uploads go through
:mod:`learning.lesson_content`, which checks everything before writing anything.

:class:`ScormAttempt` holds the run-time data a SCO commits (one row per learner, lesson and
package); :class:`VideoWatch` the seconds of a video a learner has actually watched.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class UploadedContent(models.Model):
    """What every uploaded lesson content has: a title, who uploaded it and when."""

    title = models.CharField(_("judul"), max_length=255)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        editable=False,
    )
    uploaded_at = models.DateTimeField(_("diunggah"), editable=False)

    class Meta:
        abstract = True


class ScormPackage(UploadedContent):
    class Version(models.TextChoices):
        SCORM_12 = "1.2", _("SCORM 1.2")
        SCORM_2004 = "2004", _("SCORM 2004")

    version = models.CharField(_("versi"), max_length=4, choices=Version.choices, editable=False)
    key = models.CharField(max_length=32, unique=True, editable=False, help_text="Folder under scorm/.")
    launch_path = models.CharField(_("berkas awal"), max_length=1000, editable=False)
    mastery_score = models.DecimalField(
        _("nilai kelulusan"), max_digits=7, decimal_places=2, null=True, blank=True, editable=False
    )
    file_count = models.PositiveIntegerField(_("jumlah berkas"), default=0, editable=False)
    unpacked_bytes = models.PositiveBigIntegerField(_("ukuran"), default=0, editable=False)
    files = models.JSONField(default=list, editable=False, help_text="Storage names of the unpacked files.")

    class Meta:
        verbose_name = _("paket SCORM")
        verbose_name_plural = _("paket SCORM")

    def __str__(self) -> str:
        return f"{self.title} ({self.get_version_display()})"

    @property
    def folder(self) -> str:
        return f"scorm/{self.key}/"


class ScormAttempt(models.Model):
    """The run-time data of one learner in one SCORM lesson (resumed on every visit)."""

    enrolment = models.ForeignKey(
        "learning.Enrolment", on_delete=models.CASCADE, related_name="scorm_attempts"
    )
    lesson = models.ForeignKey("learning.LessonPage", on_delete=models.CASCADE, related_name="+")
    package = models.ForeignKey(ScormPackage, on_delete=models.CASCADE, related_name="attempts")
    lesson_status = models.CharField(max_length=20, blank=True, help_text="SCORM 1.2 cmi.core.lesson_status")
    completion_status = models.CharField(
        max_length=20, blank=True, help_text="SCORM 2004 cmi.completion_status"
    )
    success_status = models.CharField(max_length=20, blank=True, help_text="SCORM 2004 cmi.success_status")
    score_raw = models.DecimalField(max_digits=9, decimal_places=2, null=True, blank=True)
    score_min = models.DecimalField(max_digits=9, decimal_places=2, null=True, blank=True)
    score_max = models.DecimalField(max_digits=9, decimal_places=2, null=True, blank=True)
    score_scaled = models.DecimalField(max_digits=6, decimal_places=4, null=True, blank=True)
    location = models.CharField(max_length=1000, blank=True)
    suspend_data = models.TextField(blank=True)
    session_key = models.CharField(max_length=64, blank=True, help_text="The player session last committed.")
    earlier_seconds = models.PositiveIntegerField(
        default=0, help_text="Time of the sessions before this one."
    )
    session_seconds = models.PositiveIntegerField(default=0, help_text="Time of the current session.")
    commits = models.PositiveIntegerField(default=0)
    started_at = models.DateTimeField()
    updated_at = models.DateTimeField()
    completed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("data SCORM peserta")
        verbose_name_plural = _("data SCORM peserta")
        constraints = [
            models.UniqueConstraint(fields=["enrolment", "lesson", "package"], name="scorm_attempt_unique")
        ]

    def __str__(self) -> str:
        return f"{self.enrolment_id} · {self.lesson_id} · {self.package_id}"

    @property
    def total_seconds(self) -> int:
        return self.earlier_seconds + self.session_seconds


class LessonVideo(UploadedContent):
    """A video file played from the site's own origin, with captions (WebVTT) and a transcript."""

    class Kind(models.TextChoices):
        MP4 = "mp4", "MP4"
        WEBM = "webm", "WebM"

    file = models.FileField(_("berkas video"), upload_to="videos/", max_length=255, editable=False)
    kind = models.CharField(_("jenis"), max_length=4, choices=Kind.choices, editable=False)
    size = models.PositiveBigIntegerField(_("ukuran"), default=0, editable=False)
    duration_seconds = models.DecimalField(
        _("durasi (detik)"), max_digits=9, decimal_places=2, editable=False
    )
    captions = models.FileField(
        _("teks (WebVTT)"), upload_to="videos/captions/", max_length=255, editable=False
    )
    transcript = models.TextField(_("transkrip"), help_text=_("Ditampilkan di bawah video."))

    class Meta:
        verbose_name = _("video pelajaran")
        verbose_name_plural = _("video pelajaran")

    def __str__(self) -> str:
        return self.title

    @property
    def mime_type(self) -> str:
        return f"video/{self.kind}"


class VideoWatch(models.Model):
    """The parts of a video a learner has watched: ``watched`` is a list of ``[start, end]`` second
    ranges, merged; what counts is their union, so replaying a minute never counts twice."""

    enrolment = models.ForeignKey(
        "learning.Enrolment", on_delete=models.CASCADE, related_name="video_watches"
    )
    lesson = models.ForeignKey("learning.LessonPage", on_delete=models.CASCADE, related_name="+")
    video = models.ForeignKey(LessonVideo, on_delete=models.CASCADE, related_name="watches")
    watched = models.JSONField(default=list)
    watched_seconds = models.DecimalField(max_digits=9, decimal_places=2, default=0)
    updated_at = models.DateTimeField()
    completed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("tontonan video")
        verbose_name_plural = _("tontonan video")
        constraints = [
            models.UniqueConstraint(fields=["enrolment", "lesson", "video"], name="video_watch_unique")
        ]

    def __str__(self) -> str:
        return f"{self.enrolment_id} · {self.lesson_id} · {self.video_id}"
