"""The course catalogue as Wagtail pages.

``CourseIndexPage`` (``/pelatihan/``) → ``CoursePage`` → ``ModulePage`` → ``LessonPage``. Modules
and lessons are ordered by the page tree. Authors (humas, trainers) edit them in the Wagtail admin
under the "Persetujuan Humas" workflow (set up by ``seed_learning``).
"""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.http import Http404
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext_lazy as _
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from taggit.models import TaggedItemBase
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index
from wagtail.url_routing import RouteResult

from ..blocks import LessonStreamBlock
from ..rules import DEFAULT_ISSUER, Delivery, EnrolmentPolicy


class CourseIndexPage(Page):
    """The catalogue: live courses, filtered by tag and delivery type."""

    intro = models.TextField(_("pengantar"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro")]
    parent_page_types = ["home.HomePage"]
    subpage_types = ["learning.CoursePage"]
    max_count = 1

    class Meta:
        verbose_name = _("katalog pelatihan")

    def route(self, request, path_components):
        """Resolve a course, module or lesson in one query (by ``url_path``) instead of one per level."""
        if not path_components:
            return super().route(request, path_components)
        model = {1: CoursePage, 2: ModulePage, 3: LessonPage}.get(len(path_components))
        if model is None:
            raise Http404
        url_path = self.url_path + "/".join(path_components) + "/"
        page = model.objects.filter(url_path=url_path, live=True).first()
        if page is None:
            raise Http404
        return RouteResult(page)

    def get_context(self, request, *args, **kwargs):
        from ..selectors import catalogue_for  # the selectors import these models (a real cycle)

        context = super().get_context(request, *args, **kwargs)
        context.update(
            catalogue_for(
                index=self,
                user=request.user,
                tag=request.GET.get("tag", "").strip(),
                delivery=request.GET.get("delivery", "").strip(),
                request=request,
            )
        )
        return context


class CourseTag(TaggedItemBase):
    content_object = ParentalKey("learning.CoursePage", on_delete=models.CASCADE, related_name="tagged_items")


class CoursePage(Page):
    """A course: what it teaches, how many JP it is worth and who may enrol."""

    summary = models.TextField(_("ringkasan"), max_length=600)
    objectives = models.TextField(_("tujuan pembelajaran"), blank=True, help_text=_("Satu tujuan per baris."))
    jp = models.PositiveSmallIntegerField(
        _("JP"),
        default=2,
        validators=[MinValueValidator(1), MaxValueValidator(200)],
        help_text=_("Jam pelajaran (1 JP = 45 menit) yang diakui saat pelatihan selesai."),
    )
    delivery = models.CharField(
        _("metode penyelenggaraan"), max_length=12, choices=Delivery.choices, default=Delivery.E_LEARNING
    )
    tags = ClusterTaggableManager(through=CourseTag, blank=True, verbose_name=_("tag"))
    cover_image = models.ForeignKey(
        "wagtailimages.Image",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("gambar sampul"),
    )
    prerequisites = ParentalManyToManyField(
        "self",
        symmetrical=False,
        blank=True,
        related_name="required_by",
        verbose_name=_("pelatihan prasyarat"),
        help_text=_("Pelatihan yang harus diselesaikan sebelum mendaftar."),
    )
    enrolment_policy = models.CharField(
        _("pendaftaran"), max_length=12, choices=EnrolmentPolicy.choices, default=EnrolmentPolicy.OPEN
    )
    show_correct_answers = models.BooleanField(
        _("tampilkan jawaban benar dan pembahasan"),
        default=True,
        help_text=_(
            "Hanya setelah peserta lulus kuis atau setelah percobaan terakhirnya; tidak pernah setelah "
            "percobaan yang gagal selama masih ada kesempatan."
        ),
    )
    organiser = models.CharField(
        _("penyelenggara"),
        max_length=200,
        blank=True,
        help_text=_("Instansi penerbit sertifikat; kosong berarti BKPSDM Provinsi Jambi."),
    )

    content_panels = Page.content_panels + [
        FieldPanel("summary"),
        FieldPanel("objectives"),
        FieldPanel("cover_image"),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("jp"), FieldPanel("delivery")]),
                FieldPanel("organiser"),
                FieldPanel("tags"),
            ],
            heading=_("Penyelenggaraan"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("enrolment_policy"),
                FieldPanel("prerequisites", widget=forms.CheckboxSelectMultiple),
                FieldPanel("show_correct_answers"),
            ],
            heading=_("Pendaftaran dan kuis"),
        ),
    ]
    search_fields = Page.search_fields + [
        index.SearchField("summary"),
        index.SearchField("objectives"),
        index.AutocompleteField("summary"),
        index.FilterField("delivery"),
        index.RelatedFields("tags", [index.SearchField("name")]),
    ]
    parent_page_types = ["learning.CourseIndexPage"]
    subpage_types = ["learning.ModulePage"]

    class Meta:
        verbose_name = _("pelatihan")
        verbose_name_plural = _("pelatihan")

    @property
    def objective_list(self) -> list[str]:
        return [line.strip(" -•\t") for line in self.objectives.splitlines() if line.strip(" -•\t")]

    @property
    def issuer(self) -> str:
        return self.organiser or DEFAULT_ISSUER

    @property
    def is_open(self) -> bool:
        return self.enrolment_policy == EnrolmentPolicy.OPEN

    def get_context(self, request, *args, **kwargs):
        from ..selectors import course_context_for  # the selectors import these models (a real cycle)

        context = super().get_context(request, *args, **kwargs)
        context.update(course_context_for(course=self, user=request.user, request=request))
        return context


class StepServeMixin:
    """Modules and lessons are for enrolled learners: others are sent to log in or to the course."""

    def serve(self, request, *args, **kwargs):
        preview = getattr(request, "is_preview", False)
        if not preview and not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        context = self.get_context(request, *args, **kwargs)
        if not preview and context["enrolment"] is None:
            messages.info(request, _("Daftarlah pada pelatihan ini untuk membuka materinya."))
            outline = context["outline"]
            return redirect(outline.course_url if outline else "/pelatihan/")
        request.is_preview = preview
        return TemplateResponse(request, self.get_template(request, *args, **kwargs), context)


class ModulePage(StepServeMixin, Page):
    """A module of a course, optionally closed by a test (a quiz that must be passed)."""

    intro = models.TextField(_("pengantar"), blank=True)
    test_quiz = models.ForeignKey(
        "learning.Quiz",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("tes modul"),
        help_text=_("Bila diisi, modul selesai setelah tes ini lulus."),
    )

    content_panels = Page.content_panels + [FieldPanel("intro"), FieldPanel("test_quiz")]
    search_fields = Page.search_fields + [index.SearchField("intro")]
    parent_page_types = ["learning.CoursePage"]
    subpage_types = ["learning.LessonPage"]

    class Meta:
        verbose_name = _("modul")
        verbose_name_plural = _("modul")

    def get_context(self, request, *args, **kwargs):
        # cache and selectors import these models (a real cycle)
        from ..cache import quiz_facts
        from ..selectors import step_context_for

        context = super().get_context(request, *args, **kwargs)
        context.update(step_context_for(page=self, user=request.user, request=request))
        context["test_quiz"] = quiz_facts(self.test_quiz_id)
        return context


class LessonPage(StepServeMixin, Page):
    """A lesson. Complete when the learner marks it, or, if it holds a quiz, when that quiz is passed."""

    body = StreamField(LessonStreamBlock(), verbose_name=_("isi"))
    required = models.BooleanField(
        _("wajib"), default=True, help_text=_("Pelajaran wajib harus selesai agar pelatihan selesai.")
    )
    duration_minutes = models.PositiveSmallIntegerField(_("perkiraan durasi (menit)"), default=15)
    quiz = models.ForeignKey(
        "learning.Quiz",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
        help_text="The quiz of the body's quiz block, kept here so progress needs no StreamField parsing.",
    )
    scorm_package = models.ForeignKey(
        "learning.ScormPackage",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="lessons",
        verbose_name=_("paket SCORM"),
        help_text=_("Bila diisi, pelajaran selesai saat paket SCORM melaporkan selesai atau lulus."),
    )
    video = models.ForeignKey(
        "learning.LessonVideo",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="lessons",
        verbose_name=_("video"),
        help_text=_("Bila diisi, pelajaran selesai setelah video ditonton sampai porsi yang ditetapkan."),
    )

    content_panels = Page.content_panels + [
        FieldRowPanel([FieldPanel("required"), FieldPanel("duration_minutes")]),
        MultiFieldPanel(
            [FieldPanel("scorm_package"), FieldPanel("video")],
            heading=_("Konten paket (pilih salah satu)"),
        ),
        FieldPanel("body"),
    ]
    search_fields = Page.search_fields + [index.SearchField("body")]
    parent_page_types = ["learning.ModulePage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("pelajaran")
        verbose_name_plural = _("pelajaran")

    def clean(self):
        super().clean()
        kinds = [self.scorm_package_id, self.video_id, self.quiz_id_from_body()]
        if sum(1 for kind in kinds if kind) > 1:
            raise ValidationError(
                _("Satu pelajaran hanya dapat memuat salah satu: paket SCORM, video, atau kuis.")
            )

    def save(self, *args, **kwargs):
        self.quiz_id = self.quiz_id_from_body()
        return super().save(*args, **kwargs)

    @property
    def completes_by_itself(self) -> bool:
        """Whether the lesson is completed by its content (quiz, SCORM, video), not by the learner's mark."""
        return bool(self.quiz_id or self.scorm_package_id or self.video_id)

    def quiz_id_from_body(self) -> int | None:
        for block in self.body.raw_data:
            if block.get("type") == "quiz":
                value = block.get("value") or {}
                return value.get("quiz") or None
        return None

    def get_context(self, request, *args, **kwargs):
        # cache and selectors import these models (a real cycle)
        from ..cache import lesson_body_parts
        from ..selectors import step_context_for

        context = super().get_context(request, *args, **kwargs)
        context.update(step_context_for(page=self, user=request.user, request=request))
        context["body_parts"] = lesson_body_parts(self, preview=getattr(request, "is_preview", False))
        if self.scorm_package_id or self.video_id:
            from ..selectors import scorm_runtime_for, video_progress_for

            enrolment = context["enrolment"]
            if self.scorm_package_id:
                asn = enrolment.asn if enrolment is not None else None
                context["scorm"] = scorm_runtime_for(lesson=self, enrolment=enrolment, asn=asn)
            else:
                context["video"] = video_progress_for(lesson=self, enrolment=enrolment)
        return context
