"""Forms of the competencies app (the plan editor and the atasan's decision)."""

from __future__ import annotations

from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from learning.models import CoursePage

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
