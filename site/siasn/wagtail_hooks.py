"""Admin of the SIASN link: code mappings (BKPSDM edits, HR of an instansi reads), pull runs with
their differences and the outbox (read-only: their status changes only through the services),
each list limited to the instansi the user manages (:mod:`pamong.people.access`)."""

from django.shortcuts import get_object_or_404
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.views.generic import IndexView, InspectView
from wagtail.admin.viewsets.model import ModelViewSet, ModelViewSetGroup
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy

from pamong.people.access import instansi_scope_q

from .models import JabatanMapping, ReferenceMapping, SiasnOutbox, SiasnPullRun, UnorMapping


class ReadOnlyPolicy(ModelPermissionPolicy):
    """Only viewing: records written by the services are never edited in the admin."""

    def user_has_permission(self, user, action):
        return action == "view" and super().user_has_permission(user, action)

    def user_has_permission_for_instance(self, user, action, instance):
        return self.user_has_permission(user, action)


register_permission_policy(SiasnPullRun, ReadOnlyPolicy(SiasnPullRun))
register_permission_policy(SiasnOutbox, ReadOnlyPolicy(SiasnOutbox))


def scoped_index(prefix: str, *related: str) -> type[IndexView]:
    """An index view limited to the instansi the user manages (through ``prefix``)."""

    class ScopedIndexView(IndexView):
        def get_base_queryset(self):
            queryset = super().get_base_queryset().select_related(*related)
            q = instansi_scope_q(self.request.user, prefix=prefix)
            return queryset if q is None else queryset.filter(q)

    return ScopedIndexView


class PullRunInspectView(InspectView):
    template_name = "siasn/admin/pull_run_inspect.html"

    def get_object(self, queryset=None):
        q = instansi_scope_q(self.request.user, prefix="instansi_id")
        queryset = SiasnPullRun.objects.all() if q is None else SiasnPullRun.objects.filter(q)
        return get_object_or_404(queryset, pk=self.pk)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["differences"] = self.object.differences.all()
        return context


class UnorMappingViewSet(ModelViewSet):
    model = UnorMapping
    icon = "group"
    menu_label = _("Pemetaan unor")
    list_display = ["siasn_unor_id", "siasn_name", "unit"]
    search_fields = ["siasn_unor_id", "siasn_name"]
    search_backend_name = None
    form_fields = ["siasn_unor_id", "siasn_name", "unit"]
    index_view_class = scoped_index("unit__instansi_id", "unit")


class JabatanMappingViewSet(ModelViewSet):
    model = JabatanMapping
    icon = "tag"
    menu_label = _("Pemetaan jabatan")
    list_display = ["siasn_jabatan_id", "siasn_name", "jabatan"]
    search_fields = ["siasn_jabatan_id", "siasn_name"]
    search_backend_name = None
    form_fields = ["siasn_jabatan_id", "siasn_name", "jabatan"]
    index_view_class = scoped_index("jabatan__instansi_id", "jabatan")


class ReferenceMappingViewSet(ModelViewSet):
    model = ReferenceMapping
    icon = "list-ul"
    menu_label = _("Pemetaan referensi")
    list_display = ["kind", "pamong_value", "siasn_id", "siasn_name", "source"]
    list_filter = ["kind"]
    search_backend_name = None
    form_fields = ["kind", "pamong_value", "siasn_id", "siasn_name", "source"]


class PullRunViewSet(ModelViewSet):
    model = SiasnPullRun
    icon = "download"
    menu_label = _("Penarikan data")
    list_display = ["instansi", "started_at", "status", "asn_count", "changed_count", "error_count"]
    list_filter = ["status", "instansi"]
    search_backend_name = None
    inspect_view_enabled = True
    inspect_view_class = PullRunInspectView
    inspect_view_fields = ["instansi", "started_at", "finished_at", "status", "asn_count", "changed_count",
                           "error_count", "message", "triggered_by"]  # fmt: skip
    form_fields = ["message"]  # never used: the policy allows no add or change
    index_view_class = scoped_index("instansi_id", "instansi")


class OutboxViewSet(ModelViewSet):
    model = SiasnOutbox
    icon = "upload"
    menu_label = _("Antrean kirim")
    list_display = [
        "summary",
        "asn",
        "instansi",
        "status",
        "attempts",
        "last_error",
        "error_field",
        "sent_at",
    ]
    list_filter = ["status", "kind", "instansi"]
    search_fields = ["summary", "asn__nip", "asn__name"]
    search_backend_name = None
    inspect_view_enabled = True
    form_fields = ["summary"]  # never used: the policy allows no add or change
    index_view_class = scoped_index("instansi_id", "asn", "instansi")


class SiasnViewSetGroup(ModelViewSetGroup):
    menu_label = _("SIASN")
    menu_icon = "resubmit"
    items = (
        PullRunViewSet,
        OutboxViewSet,
        UnorMappingViewSet,
        JabatanMappingViewSet,
        ReferenceMappingViewSet,
    )


@hooks.register("register_admin_viewset")
def register_siasn_viewsets():
    return SiasnViewSetGroup()
