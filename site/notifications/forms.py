from django import forms
from django.utils.translation import gettext_lazy as _

from .kinds import ALL_KINDS, MODE_CHOICES


class PreferenceForm(forms.Form):
    """One choice per kind; a locked kind is shown but disabled (always sent immediately)."""

    def __init__(self, *args, rows: list[dict], **kwargs):
        super().__init__(*args, **kwargs)
        for row in rows:
            kind = row["kind"]
            self.fields[kind.code] = forms.ChoiceField(
                label=kind.label,
                choices=MODE_CHOICES,
                initial=row["mode"],
                disabled=kind.locked,
                required=False,  # a kind left out of the form keeps its mode
                help_text=_("Wajib: selalu dikirim segera.") if kind.locked else "",
            )

    def modes(self) -> dict[str, str]:
        return {
            kind.code: self.cleaned_data[kind.code]
            for kind in ALL_KINDS
            if not kind.locked and self.cleaned_data.get(kind.code)
        }
