"""Quizzes: a :class:`Quiz` has :class:`Question` rows, each with :class:`Choice` rows.

A quiz is attached to a lesson (a quiz block in the lesson body) or to a module as its test. The
order of questions and choices is drawn per attempt and stored on the attempt; scoring happens on
the server (:func:`learning.services.attempt_submit`).
"""

from __future__ import annotations

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.models import Orderable


class Quiz(models.Model):
    title = models.CharField(_("judul"), max_length=200)
    description = models.TextField(_("keterangan"), blank=True)
    pass_mark = models.PositiveSmallIntegerField(
        _("nilai lulus (%)"), default=70, validators=[MinValueValidator(1), MaxValueValidator(100)]
    )
    max_attempts = models.PositiveSmallIntegerField(
        _("batas percobaan"), default=3, help_text=_("0 berarti tanpa batas.")
    )
    shuffle_questions = models.BooleanField(_("acak urutan soal"), default=True)
    shuffle_choices = models.BooleanField(_("acak urutan pilihan"), default=True)

    class Meta:
        verbose_name = _("kuis")
        verbose_name_plural = _("kuis")
        ordering = ["title"]

    def __str__(self) -> str:
        return self.title


class Question(ClusterableModel):
    class Kind(models.TextChoices):
        SINGLE = "single", _("Pilihan tunggal")
        MULTIPLE = "multiple", _("Pilihan ganda (lebih dari satu jawaban)")
        TRUE_FALSE = "true_false", _("Benar/salah")

    quiz = models.ForeignKey(Quiz, on_delete=models.CASCADE, related_name="questions", verbose_name=_("kuis"))
    text = models.TextField(_("pertanyaan"))
    kind = models.CharField(_("jenis"), max_length=12, choices=Kind.choices, default=Kind.SINGLE)
    explanation = models.TextField(
        _("pembahasan"),
        blank=True,
        help_text=_("Ditampilkan setelah kuis dikirim bila pelatihan mengizinkan."),
    )
    sort_order = models.PositiveSmallIntegerField(_("urutan"), default=0)

    class Meta:
        verbose_name = _("soal")
        verbose_name_plural = _("soal")
        ordering = ["quiz", "sort_order", "pk"]

    def __str__(self) -> str:
        return self.text[:80]


class Choice(Orderable):
    question = ParentalKey(Question, on_delete=models.CASCADE, related_name="choices")
    text = models.CharField(_("pilihan"), max_length=300)
    is_correct = models.BooleanField(_("jawaban benar"), default=False)

    class Meta(Orderable.Meta):
        verbose_name = _("pilihan jawaban")
        verbose_name_plural = _("pilihan jawaban")

    def __str__(self) -> str:
        return self.text
