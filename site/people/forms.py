from django import forms
from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm

from .models import ASN
from .signals import asn_positions_changed_send


class ASNAdminForm(WagtailAdminModelForm):
    """Create or edit an ASN in the admin; a new ASN gets a login named after the NIP."""

    email = forms.EmailField(label=_("email"), required=False)

    class Meta:
        model = ASN
        fields = [
            "nip",
            "name",
            "employment_type",
            "golongan",
            "instansi",
            "unit",
            "jabatan",
            "atasan",
            "is_active",
        ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields["email"].initial = self.instance.user.email
            self.fields["nip"].disabled = True

    def clean(self):
        cleaned = super().clean()
        nip = cleaned.get("nip")
        if nip and not self.instance.pk and get_user_model().objects.filter(username=nip).exists():
            self.add_error("nip", _("Sudah ada akun dengan NIP ini."))
        return cleaned

    def _post_clean(self):
        # ASN.clean() needs a user to exist only at save time; give the instance a placeholder.
        if not self.instance.pk and not self.instance.user_id:
            self.instance.user = get_user_model()(username=self.cleaned_data.get("nip") or "")
        super()._post_clean()

    @transaction.atomic
    def save(self, commit=True):
        asn = super().save(commit=False)
        user = asn.user
        user.email = self.cleaned_data.get("email") or user.email
        if not user.pk:
            user.username = asn.nip
            user.set_unusable_password()
        first, _sep, rest = asn.name.partition(" ")
        user.first_name, user.last_name = first[:150], rest.split(",")[0][:150]
        user.save()
        asn.user = user
        if commit:
            asn.save()
            if "jabatan" in self.changed_data or not self.instance.pk:
                asn_positions_changed_send(asn_ids=[asn.pk])
        return asn
