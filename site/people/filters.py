"""The one organisation filter of the HR and humas pages: an instansi and a unit kerja chosen in a
GET request, checked against what the user may see, and the form that offers them.

Used by the HR dashboard and 9-box (:mod:`pamong.hr.selectors`), the competency gap report
(:mod:`competencies.admin_views`), the socialization coverage and JP compliance reports
(:mod:`pamong.hr.admin_views`). ``instansi_ids`` is always the user's scope as the page
computes it (``None``: every instansi), e.g. :meth:`pamong.people.access.Scope.hr_instansi_ids`.
"""

from __future__ import annotations

from dataclasses import dataclass

from django import forms
from django.http import Http404
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _

from pamong.fragments import content_key

from .access import scope_for
from .models import Instansi, UnitKerja


@dataclass(frozen=True)
class OrganisationFilter:
    """The instansi and unit chosen, both inside the scope. ``unit_instansi_id`` is the instansi of
    the chosen unit (a page may take it as the instansi when none was chosen)."""

    instansi_id: int | None = None
    unit_id: int | None = None
    unit_instansi_id: int | None = None


def int_or_none(value) -> int | None:
    """``value`` as an integer, or ``None`` when it is not one (a GET parameter typed by hand)."""
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


def organisation_filter_from(*, params, instansi_ids: set[int] | None) -> OrganisationFilter:
    """Read ``instansi`` and ``unit`` from GET ``params``. An instansi or unit that does not exist,
    lies outside ``instansi_ids`` or does not match the chosen instansi is a 404 (it does not exist
    for this user); HR of one instansi always gets that instansi. At most one query."""
    instansi_id = int_or_none(params.get("instansi"))
    if instansi_ids is not None and len(instansi_ids) == 1 and instansi_id is None:
        instansi_id = next(iter(instansi_ids))
    if instansi_id is not None and instansi_ids is not None and instansi_id not in instansi_ids:
        raise Http404
    unit_id = int_or_none(params.get("unit"))
    unit_instansi_id = None
    if unit_id is not None:
        unit = UnitKerja.objects.filter(pk=unit_id).values("instansi_id").first()
        if unit is None or (instansi_ids is not None and unit["instansi_id"] not in instansi_ids):
            raise Http404
        if instansi_id is not None and unit["instansi_id"] != instansi_id:
            raise Http404
        unit_instansi_id = unit["instansi_id"]
    elif (
        instansi_id is not None
        and instansi_ids is None
        and not Instansi.objects.filter(pk=instansi_id).exists()
    ):
        raise Http404
    return OrganisationFilter(instansi_id, unit_id, unit_instansi_id)


class OrganisationFilterForm(forms.Form):
    """Instansi and unit kerja to filter a page by, offered within ``instansi_ids``.

    Units are offered for the chosen instansi (or the only one of the scope); province-wide,
    without a chosen instansi, only the chosen unit is offered and the help text asks for an
    instansi first (thousands of units would not load)."""

    instansi = forms.ModelChoiceField(
        label=_("Instansi"), queryset=Instansi.objects.none(), required=False, empty_label=_("Semua instansi")
    )
    unit = forms.ModelChoiceField(
        label=_("Unit kerja"), queryset=UnitKerja.objects.none(), required=False, empty_label=_("Semua unit")
    )

    def __init__(
        self,
        *args,
        instansi_ids: set[int] | None,
        instansi_id: int | None = None,
        unit_id: int | None = None,
        **kwargs,
    ):
        super().__init__(*args, **kwargs)
        instansi = Instansi.objects.order_by("name")
        units = UnitKerja.objects.select_related("instansi").order_by("instansi__name", "name")
        if instansi_ids is not None:
            instansi = instansi.filter(pk__in=instansi_ids)
            units = units.filter(instansi_id__in=instansi_ids)
        if instansi_id is not None:
            units = units.filter(instansi_id=instansi_id)
        elif instansi_ids is None or len(instansi_ids) > 1:
            units = units.filter(pk=unit_id) if unit_id else units.none()
            self.fields["unit"].help_text = _("Pilih instansi dahulu untuk menyaring per unit.")
            self.fields["unit"].label_from_instance = lambda u: (
                f"{u.instansi.short_name or u.instansi.name} · {u.name}"
            )
        self.fields["instansi"].queryset = instansi
        self.fields["unit"].queryset = units
        self._province_units = instansi_id is None and (instansi_ids is None or len(instansi_ids) > 1)

    @cached_property
    def render_key(self) -> str:
        """A digest of everything the fields show (labels, options, chosen values), the key of their
        cached HTML (``includes/admin_filter_fields.html``). Reading it turns the options into plain
        lists read with ``values_list`` (the same two queries as rendering the model choices did),
        which the fields render on a cache miss."""
        instansi, unit = self.fields["instansi"], self.fields["unit"]
        instansi.choices = [("", instansi.empty_label), *instansi.queryset.values_list("pk", "name")]
        if self._province_units:
            rows = unit.queryset.values_list("pk", "name", "instansi__short_name", "instansi__name")
            options = [(pk, f"{short or inst_name} · {name}") for pk, name, short, inst_name in rows]
        else:
            options = list(unit.queryset.values_list("pk", "name"))
        unit.choices = [("", unit.empty_label), *options]
        return content_key(
            "organisation-filter",
            self.is_bound,
            [
                (f.name, f.id_for_label, str(f.label), str(f.help_text), f.value())
                + tuple((value, str(label)) for value, label in f.field.choices)
                for f in self
            ],
        )


def report_filters(request) -> tuple[set[int] | None, int | None, int | None]:
    """An HR report's filter: the user's instansi scope (:meth:`~pamong.people.access.Scope.hr_instansi_ids`)
    and the chosen instansi and unit (the instansi of a chosen unit when none was picked); anything
    outside the scope is a 404."""
    instansi_ids = scope_for(request.user).hr_instansi_ids()
    org = organisation_filter_from(params=request.GET, instansi_ids=instansi_ids)
    return instansi_ids, org.instansi_id or org.unit_instansi_id, org.unit_id


def report_filter_form(
    request, *, instansi_ids: set[int] | None, instansi_id: int | None, unit_id: int | None
):
    """The :class:`OrganisationFilterForm` of an HR report, bound to the request's GET."""
    return OrganisationFilterForm(
        request.GET or None, instansi_ids=instansi_ids, instansi_id=instansi_id, unit_id=unit_id
    )
