"""Admin for the learning app: quizzes, question banks and questions (snippets), a quiz's item
analysis, SCORM packages and lesson videos (snippets whose upload goes through
:mod:`learning.lesson_content`), the instansi PPPK JP targets (a local rule, with its source),
scheduled sessions of courses, and links to HR assignment and to the verification of outside
learning.

One module, about the limit: Wagtail discovers an app's admin in ``wagtail_hooks``; each viewset is
short and they share the menu group.
"""

from __future__ import annotations

from django import forms
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.menu import MenuItem
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel, ObjectList
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.admin.widgets import Button
from wagtail.log_actions import log
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import CreateView, SnippetViewSet, SnippetViewSetGroup

from pamong.people.access import scope_for

from . import admin_views, lesson_content
from .models import CourseSession, LessonVideo, PppkJpTarget, Question, QuestionBank, Quiz, ScormPackage


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


class ScormPackageForm(WagtailAdminModelForm):
    """The title, and on creation the zip (checked and unpacked by the service, not by the form)."""

    package_file = forms.FileField(
        label=_("berkas paket (zip)"),
        required=False,
        help_text=_(
            "Paket SCORM 1.2 atau SCORM 2004 hasil ekspor alat penyusun materi, dengan imsmanifest.xml."
        ),
        widget=forms.ClearableFileInput(attrs={"accept": ".zip,application/zip"}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields.pop("package_file", None)  # a package is replaced by uploading a new one


class LessonVideoForm(WagtailAdminModelForm):
    """Title and transcript, and on creation the video and its captions (checked by the service)."""

    video_file = forms.FileField(
        label=_("berkas video (MP4 atau WebM)"),
        required=False,
        widget=forms.ClearableFileInput(attrs={"accept": "video/mp4,video/webm"}),
    )
    captions_file = forms.FileField(
        label=_("teks video (WebVTT, .vtt)"),
        required=False,
        help_text=_("Teks berbahasa Indonesia yang tampil di video (untuk peserta tunarungu)."),
        widget=forms.ClearableFileInput(attrs={"accept": ".vtt,text/vtt"}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields.pop("video_file", None)
            self.fields.pop("captions_file", None)


class UploadCreateView(CreateView):
    """A snippet created by a service from uploaded files: the service checks everything and writes
    all or nothing; its refusal is shown on the form (nothing was saved)."""

    upload_fields: tuple[str, ...] = ()
    error_field = ""

    def create(self, form):
        raise NotImplementedError

    def _refused(self, form):
        self.produced_error_message = self.get_error_message()
        return self.form_invalid(form)

    def form_valid(self, form):
        self.form = form
        missing = [name for name in self.upload_fields if not form.cleaned_data.get(name)]
        for name in missing:
            form.add_error(name, _("Pilih berkasnya."))
        if missing:
            return self._refused(form)
        try:
            self.object = self.create(form)
        except lesson_content.ContentRejected as error:
            form.add_error(self.error_field, str(error))
            return self._refused(form)
        log(instance=self.object, action="wagtail.create", user=self.request.user)
        response = self.save_action()
        hook_response = self.run_after_hook()
        return hook_response if hook_response is not None else response


class ScormPackageCreateView(UploadCreateView):
    upload_fields = ("package_file",)
    error_field = "package_file"

    def create(self, form):
        return lesson_content.scorm_package_create(
            user=self.request.user, title=form.cleaned_data["title"], upload=form.cleaned_data["package_file"]
        )


class LessonVideoCreateView(UploadCreateView):
    upload_fields = ("video_file", "captions_file")
    error_field = None  # the reason names the file it is about

    def create(self, form):
        return lesson_content.video_create(
            user=self.request.user,
            title=form.cleaned_data["title"],
            transcript=form.cleaned_data["transcript"],
            video_upload=form.cleaned_data["video_file"],
            captions_upload=form.cleaned_data["captions_file"],
        )


class ScormPackageViewSet(SnippetViewSet):
    model = ScormPackage
    icon = "folder-inverse"
    menu_label = _("Paket SCORM")
    add_view_class = ScormPackageCreateView
    list_display = ["title", "version", "file_count", "uploaded_at"]
    search_fields = ["title"]
    edit_handler = ObjectList(
        [FieldPanel("title"), FieldPanel("package_file")], base_form_class=ScormPackageForm
    )


class LessonVideoViewSet(SnippetViewSet):
    model = LessonVideo
    icon = "media"
    menu_label = _("Video pelajaran")
    add_view_class = LessonVideoCreateView
    list_display = ["title", "kind", "duration_seconds", "uploaded_at"]
    search_fields = ["title", "transcript"]
    edit_handler = ObjectList(
        [
            FieldPanel("title"),
            FieldPanel("video_file"),
            FieldPanel("captions_file"),
            FieldPanel("transcript"),
        ],
        base_form_class=LessonVideoForm,
    )


class LearningViewSetGroup(SnippetViewSetGroup):
    items = (QuizViewSet, QuestionBankViewSet, QuestionViewSet, ScormPackageViewSet, LessonVideoViewSet)
    menu_icon = "tasks"
    menu_label = _("Materi pelatihan")
    menu_name = "materi-pelatihan"


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
