"""Forms: input shape only; business rules live in :mod:`performance.services`."""

from __future__ import annotations

from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from .models import CheckIn, Indicator, PlannedResult, Rating


class IndicatorAddForm(forms.Form):
    kind = forms.ChoiceField(label=_("Jenis hasil kerja"), choices=PlannedResult.Kind.choices)
    description = forms.CharField(label=_("Rencana hasil kerja"), max_length=300)
    indicator = forms.ModelChoiceField(label=_("Indikator"), queryset=Indicator.objects.none())
    target = forms.DecimalField(label=_("Target"), max_digits=12, decimal_places=2, min_value=0.01)
    weight = forms.DecimalField(label=_("Bobot"), max_digits=5, decimal_places=2, min_value=0.01, initial=1)

    def __init__(self, *args, instansi_id: int, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["indicator"].queryset = Indicator.objects.filter(
            Q(instansi__isnull=True) | Q(instansi_id=instansi_id), is_active=True
        ).order_by("name")


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput())
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        single = super().clean
        if isinstance(data, (list, tuple)):
            return [single(d, initial) for d in data]
        return [single(data, initial)] if data else []


class RealisationForm(forms.Form):
    plan_indicator = forms.IntegerField(widget=forms.HiddenInput)
    checkin = forms.ModelChoiceField(label=_("Pemantauan (check-in)"), queryset=CheckIn.objects.none())
    value = forms.DecimalField(label=_("Realisasi"), max_digits=12, decimal_places=2, min_value=0)
    notes = forms.CharField(label=_("Catatan"), required=False, widget=forms.Textarea(attrs={"rows": 2}))
    files = MultipleFileField(label=_("Bukti dukung (PDF, PNG, JPG, XLSX, DOCX; maks. 5 MB)"), required=False)

    def __init__(self, *args, period_id: int, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["checkin"].queryset = CheckIn.objects.filter(period_id=period_id)


class EvaluationForm(forms.Form):
    hasil_kerja = forms.ChoiceField(label=_("Rating hasil kerja"), choices=Rating.choices)
    hasil_kerja_reason = forms.CharField(
        label=_("Alasan jika berbeda dari usulan"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    perilaku_kerja = forms.ChoiceField(label=_("Rating perilaku kerja"), choices=Rating.choices)
    perilaku_kerja_reason = forms.CharField(
        label=_("Alasan jika berbeda dari usulan"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


def _rating_field(label, missing) -> forms.ChoiceField:
    """A rating (di atas / sesuai / di bawah ekspektasi) whose absence or wrong value says ``missing``."""
    return forms.ChoiceField(
        label=label, choices=Rating.choices, error_messages={"required": missing, "invalid_choice": missing}
    )


class PeriodicAssessmentForm(forms.Form):
    """The atasan's periodic assessment of one check-in (the predikat comes from the matrix)."""

    checkin = forms.IntegerField(
        widget=forms.HiddenInput,
        error_messages={
            "required": _("Pilih check-in yang dinilai."),
            "invalid": _("Pilih check-in yang dinilai."),
        },
    )
    hasil_kerja = _rating_field(_("Rating hasil kerja"), _("Pilih rating hasil kerja."))
    perilaku_kerja = _rating_field(_("Rating perilaku kerja"), _("Pilih rating perilaku kerja."))
    notes = forms.CharField(
        label=_("Catatan untuk ASN (tidak wajib)"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class ObjectionDecisionForm(forms.Form):
    accept = forms.TypedChoiceField(
        label=_("Keputusan"),
        choices=[("1", _("Terima keberatan")), ("0", _("Tolak keberatan"))],
        coerce=lambda v: v == "1",
        widget=forms.RadioSelect,
    )
    new_hasil_kerja = forms.ChoiceField(
        label=_("Rating hasil kerja baru"), choices=[("", "—"), *Rating.choices], required=False
    )
    new_perilaku_kerja = forms.ChoiceField(
        label=_("Rating perilaku kerja baru"), choices=[("", "—"), *Rating.choices], required=False
    )
    decision_reason = forms.CharField(label=_("Alasan keputusan"), widget=forms.Textarea(attrs={"rows": 3}))


class PublicFeedbackForm(forms.Form):
    """No login; ``website`` is a honeypot that people never see nor fill."""

    rating = forms.TypedChoiceField(
        label=_("Penilaian Anda atas layanan kami"),
        choices=[(i, str(i)) for i in range(1, 6)],
        coerce=int,
        widget=forms.RadioSelect,
    )
    asn = forms.TypedChoiceField(
        label=_("Petugas yang melayani (opsional)"), required=False, coerce=int, empty_value=None
    )
    comment = forms.CharField(
        label=_("Komentar (opsional)"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    website = forms.CharField(label=_("Jangan diisi"), required=False)

    def __init__(self, *args, staff: list, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["asn"].choices = [("", _("— tidak menyebut nama —"))] + [(a.pk, a.name) for a in staff]
