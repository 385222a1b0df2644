"""Quizzes and the question bank.

A :class:`Quiz` asks either its own questions (``Question.quiz``, the original inline questions)
or draws ``draw_count`` random questions per attempt from a :class:`QuestionBank` (optionally only
those with a tag or a difficulty). Questions live in exactly one of the two (a check constraint).

Question kinds and how a :class:`Choice` row serves each:

* single / multiple / true-false — the choices, ``is_correct`` marking the right ones;
* matching — each choice is a pair: ``text`` (left) is matched with ``match`` (right);
* ordering — the choices in their correct order (``sort_order``), shown shuffled;
* short answer — each choice's ``text`` is an accepted answer (compared ignoring case and spaces);
* numeric — no choices: ``numeric_answer`` ± ``tolerance``.

The questions of an attempt and the order of their choices are drawn when it starts and stored on
the attempt; scoring happens on the server (:func:`learning.services.attempt_submit`, with the rules
of :mod:`learning.grading`).
"""

from __future__ import annotations

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from taggit.models import TaggedItemBase
from wagtail.models import Orderable


class Difficulty(models.TextChoices):
    EASY = "easy", _("Mudah")
    MEDIUM = "medium", _("Sedang")
    HARD = "hard", _("Sulit")


class QuestionBank(models.Model):
    """Questions on one topic, shared by the quizzes that draw from it."""

    title = models.CharField(_("topik"), max_length=200, unique=True)
    description = models.TextField(_("keterangan"), blank=True)

    class Meta:
        verbose_name = _("bank soal")
        verbose_name_plural = _("bank soal")
        ordering = ["title"]

    def __str__(self) -> str:
        return self.title


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
    bank = models.ForeignKey(
        QuestionBank,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="quizzes",
        verbose_name=_("ambil soal dari bank"),
        help_text=_(
            "Bila diisi, setiap percobaan mengambil soal acak dari bank ini, bukan soal kuis sendiri."
        ),
    )
    draw_count = models.PositiveSmallIntegerField(
        _("jumlah soal per percobaan"), default=0, validators=[MaxValueValidator(200)]
    )
    draw_tag = models.CharField(
        _("hanya soal bertag"), max_length=100, blank=True, help_text=_("Kosong berarti semua tag.")
    )
    draw_difficulty = models.CharField(
        _("hanya tingkat kesulitan"),
        max_length=8,
        choices=Difficulty.choices,
        blank=True,
        help_text=_("Kosong berarti semua tingkat."),
    )

    class Meta:
        verbose_name = _("kuis")
        verbose_name_plural = _("kuis")
        ordering = ["title"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(bank__isnull=True, draw_count=0)
                | models.Q(bank__isnull=False, draw_count__gte=1),
                name="quiz_bank_draws_questions",
            )
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def draws_from_bank(self) -> bool:
        return self.bank_id is not None


class QuestionTag(TaggedItemBase):
    content_object = ParentalKey("learning.Question", on_delete=models.CASCADE, related_name="tagged_items")


class Question(ClusterableModel):
    class Kind(models.TextChoices):
        SINGLE = "single", _("Pilihan tunggal")
        MULTIPLE = "multiple", _("Pilihan ganda (lebih dari satu jawaban)")
        TRUE_FALSE = "true_false", _("Benar/salah")
        MATCHING = "matching", _("Menjodohkan")
        ORDERING = "ordering", _("Mengurutkan")
        SHORT = "short", _("Isian singkat")
        NUMERIC = "numeric", _("Angka")

    quiz = models.ForeignKey(
        Quiz,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="questions",
        verbose_name=_("kuis"),
    )
    bank = models.ForeignKey(
        QuestionBank,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="questions",
        verbose_name=_("bank soal"),
    )
    text = models.TextField(_("pertanyaan"))
    kind = models.CharField(_("jenis"), max_length=12, choices=Kind.choices, default=Kind.SINGLE)
    difficulty = models.CharField(
        _("tingkat kesulitan"), max_length=8, choices=Difficulty.choices, default=Difficulty.MEDIUM
    )
    tags = ClusterTaggableManager(through=QuestionTag, blank=True, verbose_name=_("tag"))
    numeric_answer = models.DecimalField(
        _("jawaban angka"), max_digits=16, decimal_places=4, null=True, blank=True
    )
    tolerance = models.DecimalField(
        _("toleransi (±)"),
        max_digits=16,
        decimal_places=4,
        default=0,
        validators=[MinValueValidator(0)],
        help_text=_("Jawaban angka dianggap benar bila selisihnya paling banyak sebesar ini."),
    )
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
        constraints = [
            models.CheckConstraint(
                condition=models.Q(quiz__isnull=False, bank__isnull=True)
                | models.Q(quiz__isnull=True, bank__isnull=False),
                name="question_in_quiz_or_bank",
            )
        ]

    def __str__(self) -> str:
        return self.text[:80]


class Choice(Orderable):
    question = ParentalKey(Question, on_delete=models.CASCADE, related_name="choices")
    text = models.CharField(_("pilihan"), max_length=300)
    is_correct = models.BooleanField(_("jawaban benar"), default=False)
    match = models.CharField(
        _("pasangan"), max_length=300, blank=True, help_text=_("Hanya untuk soal menjodohkan.")
    )

    class Meta(Orderable.Meta):
        verbose_name = _("pilihan jawaban")
        verbose_name_plural = _("pilihan jawaban")

    def __str__(self) -> str:
        return self.text
