"""Admin (Wagtail) for HR: periods, the indicator catalogue, thresholds and weights, reward and
sanction rules, the distribution pattern, the predikat matrix (view) and public feedback moderation.
Every rule listing shows where each row comes from (national regulation or local choice, and its
source; see :mod:`pamong.people.regulation`).

The model permissions go to BKPSDM (HR provinsi) after every migrate (see ``apps.py``); HR of one
instansi works in the scoped front-end pages under ``/kinerja/`` (moderation, proposals, audit).

No form here edits a status: a period moves on (and is closed, with its follow-up proposals,
``closed_at`` and the audit entry) only through :func:`performance.services.period_advance`, and
public feedback is moderated only through :func:`performance.services.public_feedback_moderate`
(tests/test_admin_status_fields.py walks every admin form of the project).
"""

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.menu import MenuItem
from wagtail.admin.views.generic import CreateView, EditView, IndexView
from wagtail.admin.viewsets.model import ModelViewSet, ModelViewSetGroup
from wagtail.admin.widgets.button import Button

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


class PeriodEditView(EditView):
    """The status is not a field: the header links to the period page, whose button calls the
    service (next stage, or closing with follow-up proposals and an audit entry)."""

    @cached_property
    def header_more_buttons(self):
        return [
            Button(
                _("Ubah status periode (%(s)s)") % {"s": self.object.get_status_display()},
                url=reverse("performance:period_detail", args=[self.object.pk]),
                icon_name="date",
                priority=5,
            ),
            *super().header_more_buttons,
        ]


class PeriodViewSet(ModelViewSet):
    model = Period
    icon = "date"
    menu_label = _("Periode")
    list_display = ["name", "year", "instansi", "status"]
    list_filter = ["status", "year"]
    form_fields = ["name", "year", "instansi", "starts_on", "ends_on", "checkins_per_year"]
    add_view_class = PeriodCreateView
    edit_view_class = PeriodEditView
    copy_view_enabled = False
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


class PublicFeedbackModerationForm(WagtailAdminModelForm):
    """No model field: the decision goes to the moderation service."""

    decision = forms.ChoiceField(
        label=_("keputusan moderasi"),
        choices=[("approve", _("Setujui")), ("reject", _("Tolak"))],
        widget=forms.RadioSelect,
    )

    class Meta:
        model = PublicFeedback
        fields = []


class PublicFeedbackModerateView(EditView):
    """Approve or reject through :func:`services.public_feedback_moderate` (once, audited)."""

    def form_valid(self, form):
        try:
            services.public_feedback_moderate(
                feedback=self.object,
                approve=form.cleaned_data["decision"] == "approve",
                actor=self.request.user,
            )
        except ValidationError as exc:
            form.add_error(None, exc)
            self.produced_error_message = " ".join(exc.messages)
            return self.form_invalid(form)
        messages.success(self.request, _("Umpan balik dimoderasi."))
        return redirect(self.index_url_name)


class PublicFeedbackViewSet(ModelViewSet):
    """Answers come from the public form: no add view; "edit" is the moderation decision."""

    model = PublicFeedback
    icon = "comment"
    menu_label = _("Umpan balik masyarakat")
    list_display = ["created_at", "channel", "rating", "status"]
    list_filter = ["status", "rating"]
    index_view_class = _joined("channel__unit")
    edit_view_class = PublicFeedbackModerateView
    copy_view_enabled = False
    list_per_page = 50

    def get_form_class(self, for_update=False):
        return PublicFeedbackModerationForm

    def get_common_view_kwargs(self, **kwargs):
        return super().get_common_view_kwargs(**{"add_url_name": None, **kwargs})

    def get_urlpatterns(self):
        return [p for p in super().get_urlpatterns() if p.name != "add"]


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
