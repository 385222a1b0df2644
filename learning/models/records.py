"""What learners did. Every row belongs to one ASN through its :class:`Enrolment`.

Writes happen only in :mod:`learning.services`; reads in :mod:`learning.selectors`.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Enrolment(models.Model):
    """One ASN on one course. ``jp_credited`` is set (to the course's JP) when the course is completed."""

    class Source(models.TextChoices):
        SELF = "self", _("Daftar mandiri")
        ASSIGNED = "assigned", _("Penugasan")

    asn = models.ForeignKey(
        "people.ASN", on_delete=models.CASCADE, related_name="enrolments", verbose_name=_("ASN")
    )
    course = models.ForeignKey(
        "learning.CoursePage",
        on_delete=models.CASCADE,
        related_name="enrolments",
        verbose_name=_("pelatihan"),
    )
    source = models.CharField(_("asal"), max_length=10, choices=Source.choices, default=Source.SELF)
    assigned_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("ditugaskan oleh"),
    )
    due_date = models.DateField(_("batas waktu"), null=True, blank=True)
    enrolled_at = models.DateTimeField(_("terdaftar"))
    progress = models.PositiveSmallIntegerField(_("kemajuan (%)"), default=0)
    completed_at = models.DateTimeField(_("selesai"), null=True, blank=True)
    jp_credited = models.PositiveSmallIntegerField(_("JP diakui"), default=0)

    class Meta:
        verbose_name = _("peserta pelatihan")
        verbose_name_plural = _("peserta pelatihan")
        constraints = [models.UniqueConstraint(fields=["asn", "course"], name="enrolment_unique_asn_course")]
        indexes = [
            models.Index(fields=["asn", "completed_at"], name="enrolment_asn_completed"),
            models.Index(fields=["course", "completed_at"], name="enrolment_course_completed"),
        ]

    def __str__(self) -> str:
        return f"{self.asn_id} · {self.course_id}"

    @property
    def is_complete(self) -> bool:
        return self.completed_at is not None


class LessonCompletion(models.Model):
    class Via(models.TextChoices):
        MARKED = "marked", _("Ditandai selesai")
        QUIZ = "quiz", _("Lulus kuis")
        SCORM = "scorm", _("Paket SCORM selesai")
        VIDEO = "video", _("Video ditonton")

    enrolment = models.ForeignKey(Enrolment, on_delete=models.CASCADE, related_name="lesson_completions")
    lesson = models.ForeignKey("learning.LessonPage", on_delete=models.CASCADE, related_name="+")
    via = models.CharField(max_length=8, choices=Via.choices, default=Via.MARKED)
    completed_at = models.DateTimeField()

    class Meta:
        verbose_name = _("pelajaran selesai")
        verbose_name_plural = _("pelajaran selesai")
        constraints = [
            models.UniqueConstraint(fields=["enrolment", "lesson"], name="lesson_completion_unique")
        ]

    def __str__(self) -> str:
        return f"{self.enrolment_id} · {self.lesson_id}"


class ModuleCompletion(models.Model):
    enrolment = models.ForeignKey(Enrolment, on_delete=models.CASCADE, related_name="module_completions")
    module = models.ForeignKey("learning.ModulePage", on_delete=models.CASCADE, related_name="+")
    completed_at = models.DateTimeField()

    class Meta:
        verbose_name = _("modul selesai")
        verbose_name_plural = _("modul selesai")
        constraints = [
            models.UniqueConstraint(fields=["enrolment", "module"], name="module_completion_unique")
        ]

    def __str__(self) -> str:
        return f"{self.enrolment_id} · {self.module_id}"


class QuizAttempt(models.Model):
    """One try at a quiz, on one page (the lesson holding it, or the module it tests).

    ``question_order`` (question ids: the quiz's own, or those drawn from its bank) and
    ``choice_order`` (``{question id: [choice ids]}``, empty for short-answer and numeric questions)
    are drawn when the attempt starts; grading uses exactly these questions. ``answers`` and the
    score are stored when it is submitted; an answer (``{question id: [...]}``) is, by kind: the
    chosen choice ids; ``[text]`` (short answer, numeric as typed); the chosen right-hand text for
    each left item (matching) or the position given to each item (ordering), both in
    ``choice_order``'s order. ``correct`` is ``{question id: bool}``, also kept as
    :class:`AttemptAnswer` rows for item analysis. A submitted attempt never changes again.
    """

    class State(models.TextChoices):
        OPEN = "open", _("Sedang dikerjakan")
        SUBMITTED = "submitted", _("Sudah dikirim")

    enrolment = models.ForeignKey(Enrolment, on_delete=models.CASCADE, related_name="attempts")
    quiz = models.ForeignKey("learning.Quiz", on_delete=models.PROTECT, related_name="attempts")
    page = models.ForeignKey("wagtailcore.Page", on_delete=models.CASCADE, related_name="+")
    number = models.PositiveSmallIntegerField(_("percobaan ke"))
    state = models.CharField(_("status"), max_length=10, choices=State.choices, default=State.OPEN)
    question_order = models.JSONField(default=list)
    choice_order = models.JSONField(default=dict)
    answers = models.JSONField(default=dict, blank=True)
    correct = models.JSONField(default=dict, blank=True)
    score = models.PositiveSmallIntegerField(_("nilai (%)"), null=True, blank=True)
    passed = models.BooleanField(_("lulus"), default=False)
    started_at = models.DateTimeField(_("mulai"))
    submitted_at = models.DateTimeField(_("dikirim"), null=True, blank=True)

    class Meta:
        verbose_name = _("percobaan kuis")
        verbose_name_plural = _("percobaan kuis")
        constraints = [
            models.UniqueConstraint(
                fields=["enrolment", "page", "quiz", "number"], name="attempt_unique_number"
            )
        ]
        indexes = [models.Index(fields=["enrolment", "passed"], name="attempt_enrolment_passed")]

    def __str__(self) -> str:
        return f"{self.quiz_id} #{self.number}"

    def get_absolute_url(self) -> str:
        return reverse("learning:attempt", args=[self.pk])

    @property
    def is_open(self) -> bool:
        return self.state == self.State.OPEN


class AttemptAnswer(models.Model):
    """Whether one question of a submitted attempt was answered correctly: one row per question,
    written with the attempt's score, so item analysis is a grouped query
    (:func:`learning.selectors.item_analysis`)."""

    attempt = models.ForeignKey(QuizAttempt, on_delete=models.CASCADE, related_name="graded_answers")
    question = models.ForeignKey("learning.Question", on_delete=models.CASCADE, related_name="graded_answers")
    is_correct = models.BooleanField()

    class Meta:
        verbose_name = _("jawaban soal")
        verbose_name_plural = _("jawaban soal")
        constraints = [models.UniqueConstraint(fields=["attempt", "question"], name="attempt_answer_unique")]

    def __str__(self) -> str:
        return f"{self.attempt_id} · {self.question_id}"


class Certificate(models.Model):
    """Proof of a completed course. The fields printed on it are copied at issue time."""

    enrolment = models.OneToOneField(Enrolment, on_delete=models.CASCADE, related_name="certificate")
    code = models.CharField(_("kode"), max_length=40, unique=True)
    holder_name = models.CharField(_("nama"), max_length=200)
    holder_nip = models.CharField(_("NIP"), max_length=18)
    course_title = models.CharField(_("pelatihan"), max_length=255)
    jp = models.PositiveSmallIntegerField(_("JP"))
    completed_at = models.DateTimeField(_("tanggal selesai"))
    issuer = models.CharField(_("penerbit"), max_length=200)
    issued_at = models.DateTimeField(_("diterbitkan"))
    revoked_at = models.DateTimeField(_("dicabut"), null=True, blank=True)
    revoked_reason = models.TextField(_("alasan pencabutan"), blank=True)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("sertifikat")
        verbose_name_plural = _("sertifikat")

    def __str__(self) -> str:
        return self.code

    def get_absolute_url(self) -> str:
        return reverse("learning:certificate_verify", args=[self.code])

    def get_pdf_url(self) -> str:
        return reverse("learning:certificate_pdf", args=[self.code])

    @property
    def is_valid(self) -> bool:
        return self.revoked_at is None


class Statement(models.Model):
    """An xAPI-style learning record: ``actor`` (the ASN) ``verb`` ``object`` with an optional result.

    ``timestamp`` is when the learner did it, ``stored`` when Pamong recorded it (the xAPI ``since``
    filter applies to ``stored``). Serialised to xAPI JSON by :func:`learning.xapi.statement_json`.
    """

    asn = models.ForeignKey("people.ASN", on_delete=models.CASCADE, related_name="learning_statements")
    enrolment = models.ForeignKey(
        Enrolment, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    verb = models.CharField(max_length=200)
    object_type = models.CharField(max_length=20)
    object_ref = models.PositiveIntegerField()
    object_name = models.CharField(max_length=255)
    result = models.JSONField(null=True, blank=True)
    timestamp = models.DateTimeField(db_index=True)
    stored = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        verbose_name = _("catatan belajar (xAPI)")
        verbose_name_plural = _("catatan belajar (xAPI)")
        ordering = ["timestamp", "pk"]
        indexes = [models.Index(fields=["asn", "timestamp"], name="statement_asn_time")]

    def __str__(self) -> str:
        return f"{self.asn_id} {self.verb.rsplit('/', 1)[-1]} {self.object_name}"
