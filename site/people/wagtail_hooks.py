"""Admin for the organisation: instansi, unit kerja, jabatan and ASN (BKPSDM and administrators).

Choosers replace plain selects for units, positions and ASN: at provincial scale a select of 90,000
ASN or 6,000 positions would not load.
"""

from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.ui.tables import Column
from wagtail.admin.views.generic import IndexView
from wagtail.admin.views.generic.chooser import ChooseResultsView, ChooseView, ChosenMultipleView, ChosenView
from wagtail.admin.viewsets.chooser import ChooserViewSet
from wagtail.admin.viewsets.model import ModelViewSet, ModelViewSetGroup

from .access import admin_queryset
from .forms import ASNAdminForm
from .models import ASN, Instansi, Jabatan, UnitKerja


class ScopedChooseView(ChooseView):
    def get_object_list(self):
        return admin_queryset(super().get_object_list(), self.request.user)


class ScopedChooseResultsView(ChooseResultsView):
    def get_object_list(self):
        return admin_queryset(super().get_object_list(), self.request.user)


class ScopedChosenView(ChosenView):
    def get_object(self, pk):
        return admin_queryset(self.model_class.objects.all(), self.request.user).get(pk=pk)


class ScopedChosenMultipleView(ChosenMultipleView):
    def get_objects(self, pks):
        return admin_queryset(self.model_class.objects.filter(pk__in=pks), self.request.user)


class ScopedChooserViewSet(ChooserViewSet):
    """A chooser that lists, searches and returns only what ``pamong.people.access`` lets the
    user see (HR of an instansi: its own ASN and units; humas: no ASN at all)."""

    choose_view_class = ScopedChooseView
    choose_results_view_class = ScopedChooseResultsView
    chosen_view_class = ScopedChosenView
    chosen_multiple_view_class = ScopedChosenMultipleView


class UnitChooserViewSet(ScopedChooserViewSet):
    model = UnitKerja
    icon = "group"
    choose_one_text = _("Pilih unit kerja")
    choose_another_text = _("Pilih unit kerja lain")
    edit_item_text = _("Ubah unit kerja")
    search_fields = ["name", "code"]
    url_filter_parameters = ["instansi"]


class JabatanChooserViewSet(ScopedChooserViewSet):
    model = Jabatan
    icon = "tag"
    choose_one_text = _("Pilih jabatan")
    choose_another_text = _("Pilih jabatan lain")
    edit_item_text = _("Ubah jabatan")
    search_fields = ["name", "code"]
    url_filter_parameters = ["instansi", "unit"]


class ASNChooserViewSet(ScopedChooserViewSet):
    model = ASN
    icon = "user"
    choose_one_text = _("Pilih ASN")
    choose_another_text = _("Pilih ASN lain")
    edit_item_text = _("Ubah ASN")
    search_fields = ["name", "nip"]
    url_filter_parameters = ["instansi"]


def index_view_joining(*related: str) -> type[IndexView]:
    """An index view class whose rows come with ``related`` joined (no query per row), limited to
    what the user may see (:func:`pamong.people.access.admin_queryset`)."""

    class JoinedIndexView(IndexView):
        def get_base_queryset(self):
            return admin_queryset(super().get_base_queryset().select_related(*related), self.request.user)

    return JoinedIndexView


unit_chooser = UnitChooserViewSet("unit_chooser")
jabatan_chooser = JabatanChooserViewSet("jabatan_chooser")
asn_chooser = ASNChooserViewSet("asn_chooser")


class InstansiViewSet(ModelViewSet):
    model = Instansi
    icon = "site"
    menu_label = _("Instansi")
    list_display = ["name", "code", "kind"]
    list_filter = ["kind"]
    search_fields = ["name", "code"]
    search_backend_name = None
    form_fields = ["code", "name", "short_name", "kind"]


class UnitKerjaViewSet(ModelViewSet):
    model = UnitKerja
    icon = "group"
    menu_label = _("Unit kerja")
    list_display = ["name", "code", "instansi", "parent", "serves_public"]
    list_filter = ["instansi", "serves_public"]
    search_fields = ["name", "code"]
    search_backend_name = None
    form_fields = ["instansi", "parent", "code", "name", "serves_public"]
    index_view_class = index_view_joining("instansi", "parent")
    list_per_page = 50


class JabatanViewSet(ModelViewSet):
    model = Jabatan
    icon = "tag"
    menu_label = _("Jabatan")
    list_display = ["name", "code", "kind", "unit", "instansi"]
    list_filter = ["kind", "instansi"]
    search_fields = ["name", "code"]
    search_backend_name = None
    form_fields = ["instansi", "unit", "code", "name", "kind"]
    index_view_class = index_view_joining("instansi", "unit")
    list_per_page = 50


class ASNViewSet(ModelViewSet):
    model = ASN
    icon = "user"
    menu_label = _("ASN")
    list_display = [
        "name",
        "nip",
        Column("jabatan", label=_("jabatan")),
        Column("instansi", label=_("instansi")),
        "employment_type",
        "is_active",
    ]
    list_filter = ["instansi", "employment_type", "is_active"]
    search_fields = ["name", "nip"]
    search_backend_name = None
    list_per_page = 50

    index_view_class = index_view_joining("jabatan", "instansi")

    def get_form_class(self, for_update=False):
        return ASNAdminForm


class OrganisationGroup(ModelViewSetGroup):
    menu_label = _("Kepegawaian")
    menu_icon = "group"
    menu_order = 300
    items = (
        InstansiViewSet("instansi"),
        UnitKerjaViewSet("unit_kerja"),
        JabatanViewSet("jabatan"),
        ASNViewSet("asn"),
    )


@hooks.register("register_admin_viewset")
def register_people_admin():
    return [unit_chooser, jabatan_chooser, asn_chooser, OrganisationGroup()]
