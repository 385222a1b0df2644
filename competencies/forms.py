"""Forms of the competencies app (the plan editor, the atasan's decision, the HR report filters)."""

from __future__ import annotations

from django import forms
from django.db.models import Q
from django.http import Http404
from django.utils.translation import gettext_lazy
from django.utils.translation import gettext_lazy as _

from learning.models import CoursePage
from pamong.people.access import scope_for
from pamong.people.models import Instansi, UnitKerja

from .models import Activity, Competency

LEVEL_CHOICES = [("", _("—"))] + [(n, str(n)) for n in range(1, 6)]


class GoalForm(forms.Form):
    competency = forms.ModelChoiceField(
        label=_("Kompetensi"),
        queryset=Competency.objects.none(),
        required=False,
        empty_label=_("(tanpa kompetensi)"),
    )
    target_level = forms.TypedChoiceField(
        label=_("Level sasaran"), choices=LEVEL_CHOICES, coerce=int, empty_value=None, required=False
    )
    title = forms.CharField(label=_("Sasaran (opsional)"), max_length=255, required=False)

    def __init__(self, *args, instansi_id: int | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["competency"].queryset = Competency.objects.filter(
            Q(instansi__isnull=True) | Q(instansi_id=instansi_id), is_active=True
        )


class ActivityForm(forms.Form):
    kind = forms.ChoiceField(label=_("Jenis kegiatan"), choices=Activity.Kind.choices)
    course = forms.ModelChoiceField(
        label=_("Pelatihan katalog"),
        queryset=None,
        required=False,
        empty_label=_("(bukan pelatihan katalog)"),
    )
    title = forms.CharField(label=_("Nama kegiatan (nonklasikal)"), max_length=255, required=False)
    jp = forms.IntegerField(label=_("JP (nonklasikal)"), min_value=0, max_value=200, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["course"].queryset = CoursePage.objects.live().order_by("title")


class ReturnForm(forms.Form):
    comment = forms.CharField(
        label=_("Catatan untuk pemilik rencana"), widget=forms.Textarea(attrs={"rows": 3})
    )


class DoneForm(forms.Form):
    done_on = forms.DateField(label=_("Tanggal selesai"), widget=forms.DateInput(attrs={"type": "date"}))


class StandardImportForm(forms.Form):
    file = forms.FileField(label=_("Berkas CSV"), help_text=_("UTF-8, pemisah koma atau titik koma."))
    dry_run = forms.BooleanField(label=_("Periksa saja, jangan simpan"), required=False)


class LevelReviewForm(forms.Form):
    competency = forms.ModelChoiceField(label=_("Kompetensi"), queryset=Competency.objects.none())
    level = forms.TypedChoiceField(label=_("Level hasil penilaian"), choices=LEVEL_CHOICES[1:], coerce=int)
    note = forms.CharField(label=_("Keterangan"), max_length=300, required=False)

    def __init__(self, *args, instansi_id: int | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["competency"].queryset = Competency.objects.filter(
            Q(instansi__isnull=True) | Q(instansi_id=instansi_id), is_active=True
        )


class ReportFilterForm(forms.Form):
    instansi = forms.ModelChoiceField(
        label=gettext_lazy("Instansi"),
        queryset=Instansi.objects.none(),
        required=False,
        empty_label=gettext_lazy("Semua instansi"),
    )
    unit = forms.ModelChoiceField(
        label=gettext_lazy("Unit kerja"),
        queryset=UnitKerja.objects.none(),
        required=False,
        empty_label=gettext_lazy("Semua unit"),
    )

    def __init__(self, *args, instansi_ids: set[int] | None, instansi_id: int | None, **kwargs):
        super().__init__(*args, **kwargs)
        instansi = Instansi.objects.order_by("name")
        units = UnitKerja.objects.order_by("code")
        if instansi_ids is not None:
            instansi = instansi.filter(pk__in=instansi_ids)
            units = units.filter(instansi_id__in=instansi_ids)
        # Units of the chosen instansi only: at provincial scale a list of every unit would not load.
        units = units.filter(instansi_id=instansi_id) if instansi_id else units.none()
        self.fields["instansi"].queryset = instansi
        self.fields["unit"].queryset = units


def _int_or_none(value):
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


def report_filters(request) -> tuple[set[int] | None, int | None, int | None]:
    """The user's instansi scope and the chosen instansi/unit; anything outside the scope is 404."""
    instansi_ids = scope_for(request.user).hr_instansi_ids()
    instansi_id = _int_or_none(request.GET.get("instansi"))
    unit_id = _int_or_none(request.GET.get("unit"))
    if instansi_id is not None and (
        not Instansi.objects.filter(pk=instansi_id).exists()
        or (instansi_ids is not None and instansi_id not in instansi_ids)
    ):
        raise Http404
    if unit_id is not None:
        unit = UnitKerja.objects.filter(pk=unit_id).values("instansi_id").first()
        if unit is None or (instansi_ids is not None and unit["instansi_id"] not in instansi_ids):
            raise Http404
        instansi_id = instansi_id or unit["instansi_id"]
    if instansi_id is None and instansi_ids is not None and len(instansi_ids) == 1:
        instansi_id = next(iter(instansi_ids))
    return instansi_ids, instansi_id, unit_id
