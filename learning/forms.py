from __future__ import annotations

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from pamong.people.models import Instansi, Jabatan, UnitKerja

from .models import CoursePage


class AssignmentForm(forms.Form):
    """HR assigns a course to an instansi, a unit or a jabatan (exactly one), with a due date."""

    course = forms.ModelChoiceField(label=_("Pelatihan"), queryset=CoursePage.objects.none())
    instansi = forms.ModelChoiceField(label=_("Instansi"), queryset=Instansi.objects.none(), required=False)
    unit = forms.ModelChoiceField(label=_("Unit kerja"), queryset=UnitKerja.objects.none(), required=False)
    jabatan = forms.ModelChoiceField(label=_("Jabatan"), queryset=Jabatan.objects.none(), required=False)
    due_date = forms.DateField(
        label=_("Batas waktu"), widget=forms.DateInput(attrs={"type": "date"}), input_formats=["%Y-%m-%d"]
    )

    def __init__(self, *args, hr_instansi_ids: set[int] | None, units_of: int | None = None, **kwargs):
        """``units_of``: the instansi whose units and jabatan are offered. Province-wide HR (BKPSDM)
        chooses it first: all of the province's would be thousands of options (2,298 units and
        6,161 jabatan at Jambi scale), which no one can pick from and every page view paid for."""
        super().__init__(*args, **kwargs)
        self.fields["course"].queryset = CoursePage.objects.live().order_by("title")
        instansi = Instansi.objects.order_by("name")
        units = UnitKerja.objects.select_related("instansi").order_by("instansi__name", "name")
        jabatan = Jabatan.objects.select_related("instansi").order_by("instansi__name", "name")
        if hr_instansi_ids is not None:
            instansi = instansi.filter(pk__in=hr_instansi_ids)
            units = units.filter(instansi_id__in=hr_instansi_ids)
            jabatan = jabatan.filter(instansi_id__in=hr_instansi_ids)
        if units_of is not None:
            units = units.filter(instansi_id=units_of)
            jabatan = jabatan.filter(instansi_id=units_of)
        elif hr_instansi_ids is None:
            units, jabatan = units.none(), jabatan.none()
            hint = _("Pilih instansi di bagian atas halaman untuk menampilkan unit kerja dan jabatannya.")
            self.fields["unit"].help_text = self.fields["jabatan"].help_text = hint
        self.fields["instansi"].queryset = instansi
        self.fields["unit"].queryset = units
        self.fields["unit"].label_from_instance = lambda u: (
            f"{u.name} — {u.instansi.short_name or u.instansi.name}"
        )
        self.fields["jabatan"].queryset = jabatan
        self.fields["jabatan"].label_from_instance = lambda j: (
            f"{j.name} — {j.instansi.short_name or j.instansi.name}"
        )

    def clean_due_date(self):
        due = self.cleaned_data["due_date"]
        if due < timezone.localdate():
            raise forms.ValidationError(_("Batas waktu tidak boleh sebelum hari ini."))
        return due

    def clean(self):
        data = super().clean()
        chosen = [name for name in ("instansi", "unit", "jabatan") if data.get(name)]
        if len(chosen) != 1:
            raise forms.ValidationError(_("Pilih tepat satu sasaran: instansi, unit kerja atau jabatan."))
        return data


class RevokeForm(forms.Form):
    reason = forms.CharField(
        label=_("Alasan pencabutan"), widget=forms.Textarea(attrs={"rows": 3}), max_length=1000
    )
