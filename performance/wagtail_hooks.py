"""Admin (Wagtail) for HR: periods, the indicator catalogue, thresholds and weights, reward and
sanction rules, the distribution pattern, the predikat matrix (view) and public feedback moderation.
Every rule listing shows where each row comes from (national regulation or local choice, and its
source; see :mod:`pamong.people.regulation`).

The model permissions go to BKPSDM (HR provinsi) after every migrate (see ``apps.py``); HR of one
instansi works in the scoped front-end pages under ``/kinerja/`` (moderation, proposals, audit).
"""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.views.generic import CreateView, IndexView
from wagtail.admin.viewsets.model import ModelViewSet, ModelViewSetGroup

from pamong.people.access import scope_for

from . import services
from .models import (
    DistributionRule,
    EvaluationSettings,
    FollowUpRule,
    Indicator,
    Period,
    PredikatMatrixCell,
    PublicFeedback,
)


def _joined(*related: str) -> type[IndexView]:
    class JoinedIndexView(IndexView):
        def get_base_queryset(self):
            return super().get_base_queryset().select_related(*related)

    return JoinedIndexView


class PeriodCreateView(CreateView):
    """A new period gets its check-ins (quarterly by default) from the service."""

    def save_instance(self):
        instance = super().save_instance()
        services.checkin_create_for(period=instance)
        return instance


class PeriodViewSet(ModelViewSet):
    model = Period
    icon = "date"
    menu_label = _("Periode")
    list_display = ["name", "year", "instansi", "status"]
    list_filter = ["status", "year"]
    form_fields = ["name", "year", "instansi", "starts_on", "ends_on", "checkins_per_year", "status"]
    add_view_class = PeriodCreateView
    index_view_class = _joined("instansi")


class IndicatorViewSet(ModelViewSet):
    model = Indicator
    icon = "list-ul"
    menu_label = _("Katalog indikator")
    list_display = ["name", "instansi", "unit_of_measure", "direction", "category", "is_active"]
    list_filter = ["instansi", "category", "direction", "is_active"]
    search_fields = ["name", "code"]
    search_backend_name = None
    form_fields = [
        "instansi",
        "code",
        "name",
        "unit_of_measure",
        "direction",
        "category",
        "description",
        "is_active",
    ]
    index_view_class = _joined("instansi")


class FollowUpRuleViewSet(ModelViewSet):
    model = FollowUpRule
    icon = "pick"
    menu_label = _("Aturan penghargaan dan sanksi")
    list_display = [
        "name",
        "kind",
        "instansi",
        "trigger_predikat",
        "trigger_indicator",
        "consequence",
        "source_kind",
        "source",
        "is_active",
    ]
    list_filter = ["kind", "consequence", "source_kind", "instansi", "is_active"]
    form_fields = [
        "instansi",
        "name",
        "kind",
        "trigger_predikat",
        "trigger_indicator",
        "trigger_comparison",
        "trigger_achievement_pct",
        "consequence",
        "tpp_percent",
        "source",
        "source_kind",
        "is_active",
    ]
    index_view_class = _joined("instansi", "trigger_indicator")


class EvaluationSettingsViewSet(ModelViewSet):
    model = EvaluationSettings
    icon = "cog"
    menu_label = _("Ambang dan bobot penilaian")
    list_display = [
        "__str__",
        "hasil_di_atas_pct",
        "hasil_sesuai_pct",
        "weight_atasan",
        "min_group_size",
        "source_kind",
        "source",
    ]
    form_fields = [
        "instansi",
        "source",
        "source_kind",
        "hasil_di_atas_pct",
        "hasil_sesuai_pct",
        "perilaku_di_atas_score",
        "perilaku_sesuai_score",
        "weight_atasan",
        "weight_peer",
        "weight_subordinate",
        "weight_public",
        "weight_self",
        "min_group_size",
    ]
    index_view_class = _joined("instansi")


class DistributionRuleViewSet(ModelViewSet):
    model = DistributionRule
    icon = "table"
    menu_label = _("Pola distribusi predikat")
    list_display = ["description", "org_predikat", "min_pct", "max_pct", "min_count", "source_kind", "source"]
    list_filter = ["org_predikat", "source_kind"]
    form_fields = [
        "org_predikat",
        "predikat_codes",
        "min_pct",
        "max_pct",
        "min_count",
        "description",
        "source",
        "source_kind",
    ]


class PredikatMatrixViewSet(ModelViewSet):
    model = PredikatMatrixCell
    icon = "table"
    menu_label = _("Matriks predikat")
    list_display = ["hasil_kerja", "perilaku_kerja", "predikat", "source_kind", "source"]
    form_fields = ["predikat"]


class PublicFeedbackViewSet(ModelViewSet):
    model = PublicFeedback
    icon = "comment"
    menu_label = _("Umpan balik masyarakat")
    list_display = ["created_at", "channel", "rating", "status"]
    list_filter = ["status", "rating"]
    form_fields = ["status"]
    index_view_class = _joined("channel__unit")
    list_per_page = 50


class PerformanceGroup(ModelViewSetGroup):
    menu_label = _("Kinerja")
    menu_icon = "doc-full"
    menu_order = 310
    items = (
        PeriodViewSet("kinerja_periode"),
        IndicatorViewSet("kinerja_indikator"),
        FollowUpRuleViewSet("kinerja_aturan"),
        EvaluationSettingsViewSet("kinerja_pengaturan"),
        DistributionRuleViewSet("kinerja_distribusi"),
        PredikatMatrixViewSet("kinerja_matriks"),
        PublicFeedbackViewSet("kinerja_umpan_balik"),
    )


@hooks.register("register_admin_viewset")
def register_performance_admin():
    return PerformanceGroup()


class HRMenuItem(MenuItem):
    def is_shown(self, request):
        return scope_for(request.user).is_hr


@hooks.register("register_admin_menu_item")
def register_performance_frontend_link():
    return HRMenuItem(
        _("Kinerja: moderasi & usulan"), reverse("performance:dashboard"), icon_name="link", order=311
    )
