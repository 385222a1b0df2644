from decimal import Decimal

from django import forms
from django.utils.translation import gettext_lazy as _

from .models import PotentialAssessment


class TalentSettingsForm(forms.Form):
    medium_from = forms.DecimalField(
        label=_("Potensial menengah mulai JPM (%)"),
        min_value=Decimal("0"),
        max_value=Decimal("100"),
        decimal_places=2,
    )
    high_from = forms.DecimalField(
        label=_("Potensial tinggi mulai JPM (%)"),
        min_value=Decimal("0"),
        max_value=Decimal("100"),
        decimal_places=2,
    )

    def clean(self):
        data = super().clean()
        lo, hi = data.get("medium_from"), data.get("high_from")
        if lo is not None and hi is not None and lo >= hi:
            raise forms.ValidationError(_("Ambang potensial tinggi harus lebih besar dari ambang menengah."))
        return data


class PotentialAssessmentForm(forms.Form):
    year = forms.IntegerField(label=_("Tahun"), min_value=2000, max_value=2100)
    level = forms.ChoiceField(label=_("Potensial"), choices=PotentialAssessment.Level.choices)
    note = forms.CharField(label=_("Keterangan (misalnya sumber asesmen)"), max_length=300, required=False)
