"""Admin for the learning app: quizzes and their questions (snippets), the instansi PPPK JP
targets (a local rule, with its source), scheduled sessions of courses, and links to HR
assignment and to the verification of outside learning."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.menu import MenuItem
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel, ObjectList
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from pamong.people.access import scope_for

from .models import CourseSession, PppkJpTarget, Question, Quiz


class QuestionForm(WagtailAdminModelForm):
    """Checks the choices as a whole: one correct choice (two choices for true/false), or at least
    one correct choice for a multiple-answer question."""

    def clean(self):
        data = super().clean()
        formset = self.formsets.get("choices")
        if formset is None or any(f.errors for f in formset.forms):
            return data
        rows = [
            f.cleaned_data
            for f in formset.forms
            if f.cleaned_data and not f.cleaned_data.get("DELETE") and f.cleaned_data.get("text")
        ]
        correct = sum(1 for row in rows if row.get("is_correct"))
        kind = data.get("kind")
        if len(rows) < 2:
            self.add_error(None, _("Soal membutuhkan paling sedikit dua pilihan jawaban."))
        elif kind == Question.Kind.TRUE_FALSE and len(rows) != 2:
            self.add_error(None, _("Soal benar/salah memiliki tepat dua pilihan: Benar dan Salah."))
        elif kind == Question.Kind.MULTIPLE and correct < 1:
            self.add_error(None, _("Tandai paling sedikit satu jawaban benar."))
        elif kind != Question.Kind.MULTIPLE and correct != 1:
            self.add_error(None, _("Tandai tepat satu jawaban benar."))
        return data


class QuizViewSet(SnippetViewSet):
    model = Quiz
    icon = "tasks"
    menu_label = _("Kuis")
    list_display = ["title", "pass_mark", "max_attempts"]
    search_fields = ["title", "description"]
    panels = [
        FieldPanel("title"),
        FieldPanel("description"),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("pass_mark"), FieldPanel("max_attempts")]),
                FieldRowPanel([FieldPanel("shuffle_questions"), FieldPanel("shuffle_choices")]),
            ],
            heading=_("Aturan"),
        ),
    ]


class QuestionViewSet(SnippetViewSet):
    model = Question
    icon = "help"
    menu_label = _("Soal")
    list_display = ["text", "quiz", "kind"]
    list_filter = ["quiz", "kind"]
    search_fields = ["text"]
    edit_handler = ObjectList(
        [
            FieldRowPanel([FieldPanel("quiz"), FieldPanel("kind"), FieldPanel("sort_order")]),
            FieldPanel("text"),
            InlinePanel("choices", label=_("Pilihan jawaban"), min_num=2),
            FieldPanel("explanation"),
        ],
        base_form_class=QuestionForm,
    )

    def get_queryset(self, request):
        return Question.objects.select_related("quiz")  # the "quiz" column: no query per row


class LearningViewSetGroup(SnippetViewSetGroup):
    items = (QuizViewSet, QuestionViewSet)
    menu_icon = "tasks"
    menu_label = _("Kuis pelatihan")
    menu_name = "kuis-pelatihan"


register_snippet(LearningViewSetGroup)


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


class CourseSessionViewSet(ModelViewSet):
    """Scheduled classroom or online sessions of a course (BKPSDM); registrations and attendance
    are never edited here — they are the participants' and the trainer's actions."""

    model = CourseSession
    icon = "date"
    menu_label = _("Sesi pelatihan")
    menu_order = 320
    add_to_admin_menu = True
    list_display = ["title", "course", "starts_at", "capacity", "jp", "trainer"]
    list_filter = ["course"]
    search_fields = ["title", "place"]
    form_fields = [
        "course",
        "title",
        "place",
        "room_url",
        "starts_at",
        "ends_at",
        "capacity",
        "registration_opens_at",
        "registration_closes_at",
        "cancel_cutoff_hours",
        "jp",
        "trainer",
    ]

    def get_queryset(self, request):
        return CourseSession.objects.select_related("course", "trainer")


@hooks.register("register_admin_viewset")
def register_course_session_viewset():
    return CourseSessionViewSet("sesi_pelatihan")


@hooks.register("register_admin_menu_item")
def register_outside_queue_menu_item():
    return HRMenuItem(
        _("Verifikasi pembelajaran luar"), reverse("learning:outside_queue"), icon_name="doc-full", order=901
    )
