"""Admin for the competencies app: the dictionary (with its levels; every change is in the
viewset's history), position standards, course links (a page chooser limited to courses and
modules), the JPM categories, and the HR pages: gap report, JP compliance report, CSV import of standards."""

from __future__ import annotations

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.admin.ui.tables import Column
from wagtail.admin.viewsets.model import ModelViewSet, ModelViewSetGroup
from wagtail.admin.widgets import AdminPageChooser

from pamong.people.access import scope_for
from pamong.people.wagtail_hooks import index_view_joining

from . import admin_views
from .models import Competency, CourseCompetency, JpmBand, PositionStandard


class CompetencyViewSet(ModelViewSet):
    model = Competency
    icon = "list-ol"
    menu_label = _("Kamus kompetensi")
    list_display = ["code", "name", "kind", Column("instansi", label=_("instansi")), "is_active"]
    list_filter = ["kind", "is_active"]
    search_fields = ["code", "name"]
    search_backend_name = None
    index_view_class = index_view_joining("instansi")
    panels = [
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("code"), FieldPanel("kind")]),
                FieldPanel("name"),
                FieldPanel("definition"),
                FieldRowPanel([FieldPanel("instansi"), FieldPanel("sort_order"), FieldPanel("is_active")]),
            ],
            heading=_("Kompetensi"),
        ),
        InlinePanel("levels", heading=_("Level 1–5"), label=_("level"), min_num=5, max_num=5),
    ]


class PositionStandardViewSet(ModelViewSet):
    model = PositionStandard
    icon = "tag"
    menu_label = _("Standar kompetensi jabatan")
    list_display = [
        Column("jabatan", label=_("jabatan")),
        Column("competency", label=_("kompetensi")),
        "required_level",
    ]
    list_filter = ["competency", "required_level"]
    search_fields = ["jabatan__name", "jabatan__code"]
    search_backend_name = None
    list_per_page = 50
    index_view_class = index_view_joining("jabatan", "competency")
    panels = [FieldPanel("jabatan"), FieldRowPanel([FieldPanel("competency"), FieldPanel("required_level")])]


class CourseCompetencyViewSet(ModelViewSet):
    model = CourseCompetency
    icon = "link"
    menu_label = _("Kompetensi pelatihan")
    list_display = [
        Column("page", label=_("pelatihan atau modul")),
        Column("competency", label=_("kompetensi")),
        "level",
        "rule",
    ]
    list_filter = ["rule", "competency"]
    search_fields = ["page__title"]
    search_backend_name = None
    index_view_class = index_view_joining("page", "competency")
    panels = [
        FieldPanel(
            "page", widget=AdminPageChooser(target_models=["learning.CoursePage", "learning.ModulePage"])
        ),
        FieldRowPanel([FieldPanel("competency"), FieldPanel("level")]),
        FieldPanel("rule"),
    ]


class JpmBandViewSet(ModelViewSet):
    """The JPM categories (local rules: each row shows its source)."""

    model = JpmBand
    icon = "order"
    menu_label = _("Kategori JPM")
    list_display = ["label", "min_pct", "source_kind", "source"]
    form_fields = ["code", "label", "min_pct", "source", "source_kind"]


class CompetencyGroup(ModelViewSetGroup):
    menu_label = _("Kompetensi")
    menu_icon = "list-ol"
    menu_order = 320
    items = (
        CompetencyViewSet("kamus_kompetensi"),
        PositionStandardViewSet("standar_kompetensi"),
        CourseCompetencyViewSet("kompetensi_pelatihan"),
        JpmBandViewSet("kategori_jpm"),
    )


@hooks.register("register_admin_viewset")
def register_competency_viewsets():
    return CompetencyGroup()


@hooks.register("register_admin_urls")
def register_competency_admin_urls():
    return [
        path("kompetensi/kesenjangan/", admin_views.gap_report, name="competencies_gap_report"),
        path("kompetensi/impor-standar/", admin_views.standard_import, name="competencies_standard_import"),
    ]


class HRMenuItem(MenuItem):
    def is_shown(self, request) -> bool:
        return scope_for(request.user).is_hr


@hooks.register("register_reports_menu_item")
def register_gap_report_menu_item():
    return HRMenuItem(
        _("Kesenjangan kompetensi"), reverse("competencies_gap_report"), icon_name="table", order=910
    )


@hooks.register("register_admin_menu_item")
def register_import_menu_item():
    return HRMenuItem(
        _("Impor standar kompetensi"), reverse("competencies_standard_import"), icon_name="upload", order=330
    )
