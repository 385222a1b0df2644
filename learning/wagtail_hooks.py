"""Admin for the learning app: quizzes, question banks and questions (snippets), a quiz's item
analysis, the instansi PPPK JP targets (a local rule, with its source), and a link to HR
assignment."""

from __future__ import annotations

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.menu import MenuItem
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel, ObjectList
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.admin.widgets import Button
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from pamong.people.access import scope_for

from . import admin_views
from .models import PppkJpTarget, Question, QuestionBank, Quiz


class QuestionForm(WagtailAdminModelForm):
    """Checks a question as a whole: in a quiz or in a bank (one of the two), and choices that fit
    its kind (see :mod:`learning.models.quiz` for how each kind uses them)."""

    def clean(self):
        data = super().clean()
        if bool(data.get("quiz")) == bool(data.get("bank")):
            self.add_error(None, _("Letakkan soal pada satu kuis atau pada satu bank soal, tidak keduanya."))
        formset = self.formsets.get("choices")
        if formset is None or any(f.errors for f in formset.forms):
            return data
        rows = [
            f.cleaned_data
            for f in formset.forms
            if f.cleaned_data and not f.cleaned_data.get("DELETE") and f.cleaned_data.get("text")
        ]
        for message in question_choice_errors(
            kind=data.get("kind"), rows=rows, numeric_answer=data.get("numeric_answer")
        ):
            self.add_error(None, message)
        return data


def question_choice_errors(*, kind: str | None, rows: list[dict], numeric_answer) -> list[str]:
    """What is wrong with the choices ``rows`` (their cleaned data) of a question of ``kind``."""
    Kind = Question.Kind
    correct = sum(1 for row in rows if row.get("is_correct"))
    if kind == Kind.NUMERIC:
        return [] if numeric_answer is not None else [_("Isi jawaban angka untuk soal angka.")]
    if kind == Kind.SHORT:
        return [] if rows else [_("Tuliskan paling sedikit satu jawaban yang diterima (satu per pilihan).")]
    if len(rows) < 2:
        return [_("Soal membutuhkan paling sedikit dua pilihan jawaban.")]
    if kind == Kind.MATCHING:
        if any(not (row.get("match") or "").strip() for row in rows):
            return [_("Isi pasangan untuk setiap butir soal menjodohkan.")]
        return []
    if kind == Kind.ORDERING:
        return []
    if kind == Kind.TRUE_FALSE and len(rows) != 2:
        return [_("Soal benar/salah memiliki tepat dua pilihan: Benar dan Salah.")]
    if kind == Kind.MULTIPLE and correct < 1:
        return [_("Tandai paling sedikit satu jawaban benar.")]
    if kind != Kind.MULTIPLE and correct != 1:
        return [_("Tandai tepat satu jawaban benar.")]
    return []


class QuizForm(WagtailAdminModelForm):
    """A quiz drawing from a bank asks for at least one question, and no more than the bank holds
    with the chosen tag and difficulty."""

    def clean(self):
        data = super().clean()
        bank, count = data.get("bank"), data.get("draw_count") or 0
        if bank is None:
            if count:
                self.add_error("draw_count", _("Pilih bank soal, atau kosongkan jumlah soal per percobaan."))
            return data
        if count < 1:
            self.add_error("draw_count", _("Tentukan berapa soal diambil dari bank untuk setiap percobaan."))
            return data
        pool = Question.objects.filter(bank=bank)
        if data.get("draw_tag"):
            pool = pool.filter(tags__name=data["draw_tag"])
        if data.get("draw_difficulty"):
            pool = pool.filter(difficulty=data["draw_difficulty"])
        available = pool.distinct().count()
        if available < count:
            self.add_error(
                "draw_count",
                _("Bank “%(bank)s” hanya memiliki %(n)d soal yang sesuai.")
                % {"bank": bank.title, "n": available},
            )
        return data


class QuestionBankViewSet(SnippetViewSet):
    model = QuestionBank
    icon = "folder-open-inverse"
    menu_label = _("Bank soal")
    list_display = ["title", "description"]
    search_fields = ["title", "description"]
    panels = [FieldPanel("title"), FieldPanel("description")]


class QuizViewSet(SnippetViewSet):
    model = Quiz
    icon = "tasks"
    menu_label = _("Kuis")
    list_display = ["title", "pass_mark", "max_attempts", "bank"]
    search_fields = ["title", "description"]
    edit_handler = ObjectList(
        [
            FieldPanel("title"),
            FieldPanel("description"),
            MultiFieldPanel(
                [
                    FieldRowPanel([FieldPanel("pass_mark"), FieldPanel("max_attempts")]),
                    FieldRowPanel([FieldPanel("shuffle_questions"), FieldPanel("shuffle_choices")]),
                ],
                heading=_("Aturan"),
            ),
            MultiFieldPanel(
                [
                    FieldRowPanel([FieldPanel("bank"), FieldPanel("draw_count")]),
                    FieldRowPanel([FieldPanel("draw_tag"), FieldPanel("draw_difficulty")]),
                ],
                heading=_("Soal dari bank (opsional)"),
            ),
        ],
        base_form_class=QuizForm,
    )

    def get_queryset(self, request):
        return Quiz.objects.select_related("bank")  # the "bank" column: no query per row


class QuestionViewSet(SnippetViewSet):
    model = Question
    icon = "help"
    menu_label = _("Soal")
    list_display = ["text", "quiz", "bank", "kind", "difficulty"]
    list_filter = ["bank", "quiz", "kind", "difficulty"]
    search_fields = ["text"]
    edit_handler = ObjectList(
        [
            FieldRowPanel([FieldPanel("quiz"), FieldPanel("bank")]),
            FieldRowPanel([FieldPanel("kind"), FieldPanel("difficulty"), FieldPanel("sort_order")]),
            FieldPanel("tags"),
            FieldPanel("text"),
            InlinePanel(
                "choices",
                label=_("Pilihan jawaban"),
                help_text=_(
                    "Pilihan ganda: tandai jawaban benar. Menjodohkan: isi butir dan pasangannya. "
                    "Mengurutkan: tulis butir dalam urutan yang benar. Isian singkat: setiap pilihan "
                    "adalah jawaban yang diterima (huruf besar/kecil dan spasi diabaikan). Angka: tanpa pilihan."
                ),
            ),
            FieldRowPanel([FieldPanel("numeric_answer"), FieldPanel("tolerance")]),
            FieldPanel("explanation"),
        ],
        base_form_class=QuestionForm,
    )

    def get_queryset(self, request):
        return Question.objects.select_related("quiz", "bank")  # the columns: no query per row


class LearningViewSetGroup(SnippetViewSetGroup):
    items = (QuizViewSet, QuestionBankViewSet, QuestionViewSet)
    menu_icon = "tasks"
    menu_label = _("Kuis pelatihan")
    menu_name = "kuis-pelatihan"


register_snippet(LearningViewSetGroup)


@hooks.register("register_admin_urls")
def register_item_analysis_url():
    return [
        path(
            "kuis-pelatihan/analisis/<int:quiz_id>/",
            admin_views.quiz_item_analysis,
            name="learning_item_analysis",
        )
    ]


@hooks.register("register_snippet_listing_buttons")
def item_analysis_button(snippet, user, next_url=None):
    if isinstance(snippet, Quiz) and scope_for(user).is_humas:
        yield Button(
            _("Analisis soal"),
            url=reverse("learning_item_analysis", args=[snippet.pk]),
            icon_name="table",
            priority=40,
        )


class HRMenuItem(MenuItem):
    def is_shown(self, request):
        return scope_for(request.user).is_hr


@hooks.register("register_admin_menu_item")
def register_assignment_menu_item():
    return HRMenuItem(_("Penugasan pelatihan"), reverse("learning:assign"), icon_name="group", order=900)


class PppkJpTargetViewSet(ModelViewSet):
    """An instansi's JP target for its PPPK: optional (no national minimum for PPPK), local."""

    model = PppkJpTarget
    icon = "time"
    menu_label = _("Target JP PPPK instansi")
    menu_order = 330
    add_to_admin_menu = True
    list_display = ["instansi", "jp", "source_kind", "source"]
    form_fields = ["instansi", "jp", "source", "source_kind"]


@hooks.register("register_admin_viewset")
def register_pppk_jp_target_viewset():
    return PppkJpTargetViewSet("target_jp_pppk")
