from django import forms
from django.contrib.auth import get_user_model
from django.contrib.auth.forms import AuthenticationForm, PasswordResetForm, SetPasswordMixin
from django.db import transaction
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.forms.auth import LoginForm as WagtailLoginForm

from .models import ASN, Instansi, UnitKerja
from .selectors import letter_candidates_in_unit
from .services import CodeRefused, activation_code_check
from .signals import asn_positions_changed_send

#: Letters printed in one go (one PDF page each).
LETTERS_MAX = 2000


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


# --- accounts -----------------------------------------------------------------------------------


def _nip_field() -> forms.CharField:
    return forms.CharField(
        label=_("NIP"),
        max_length=18,
        widget=forms.TextInput(attrs={"autocomplete": "username", "inputmode": "numeric"}),
    )


class ActivationRequestForm(forms.Form):
    """NIP and the email HR has on record (the page answers the same whether they match or not)."""

    nip = _nip_field()
    email = forms.EmailField(
        label=_("Email yang terdaftar"),
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )


class ActivationCodeForm(SetPasswordMixin, forms.Form):
    """NIP, the code from the HR letter and the new password, in one step."""

    nip = _nip_field()
    kode = forms.CharField(
        label=_("Kode aktivasi"),
        max_length=20,
        help_text=_("Sepuluh huruf dan angka pada surat aktivasi, misalnya ABCDE-23456."),
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "autocapitalize": "characters"}),
    )
    new_password1, new_password2 = SetPasswordMixin.create_password_fields(
        label1=_("Kata sandi baru"), label2=_("Ulangi kata sandi baru")
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.record = None

    def clean(self):
        cleaned = super().clean()
        nip, kode = cleaned.get("nip"), cleaned.get("kode")
        if nip and kode:
            try:
                self.record = activation_code_check(nip=nip, code=kode)
            except CodeRefused as refused:
                self.add_error("kode", refused)
                return cleaned
            self.validate_passwords("new_password1", "new_password2")
            self.validate_password_for_user(self.record.asn.user, "new_password2")
        return cleaned


class ActivationLettersForm(forms.Form):
    """A unit (its sub-units included) or a list of NIPs, one per line — not both."""

    unit = forms.ModelChoiceField(
        label=_("Unit kerja (beserta sub-unitnya)"), queryset=UnitKerja.objects.none(), required=False
    )
    nips = forms.CharField(
        label=_("Atau daftar NIP, satu per baris"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 6, "inputmode": "numeric"}),
    )

    def __init__(self, *args, instansi: Instansi, **kwargs):
        super().__init__(*args, **kwargs)
        self.instansi = instansi
        self.fields["unit"].queryset = UnitKerja.objects.filter(instansi=instansi).order_by("code")
        self.asns: list[ASN] = []

    def clean(self):
        cleaned = super().clean()
        unit, text = cleaned.get("unit"), (cleaned.get("nips") or "").strip()
        if self.errors:
            return cleaned
        if bool(unit) == bool(text):
            raise forms.ValidationError(_("Pilih satu unit kerja atau tempel daftar NIP (salah satu saja)."))
        if unit:
            self.asns = list(letter_candidates_in_unit(unit=unit)[: LETTERS_MAX + 1])
            if not self.asns:
                self.add_error("unit", _("Semua ASN aktif di unit ini sudah mengaktifkan akunnya."))
        else:
            self.asns = self._asns_from_list(text)
        if len(self.asns) > LETTERS_MAX:
            raise forms.ValidationError(
                _("Paling banyak %(n)s surat sekali cetak; pilih unit yang lebih kecil.") % {"n": LETTERS_MAX}
            )
        return cleaned

    def _asns_from_list(self, text: str) -> list[ASN]:
        lines = [(number, line.strip()) for number, line in enumerate(text.splitlines(), start=1)]
        lines = [(number, nip) for number, nip in lines if nip]
        found = {
            asn.nip: asn
            for asn in ASN.objects.filter(
                instansi=self.instansi,
                nip__in=[nip for _n, nip in lines],
                is_active=True,
                user__is_active=True,
            ).select_related("user", "unit", "jabatan", "instansi")
        }
        errors, asns, seen = [], [], set()
        for number, nip in lines:
            asn = found.get(nip)
            if asn is None:
                errors.append(
                    _("Baris %(n)s: NIP %(nip)s tidak ditemukan di antara ASN aktif instansi ini.")
                    % {"n": number, "nip": nip}
                )
            elif asn.user.password and asn.user.has_usable_password():
                errors.append(
                    _("Baris %(n)s: %(name)s (NIP %(nip)s) sudah mengaktifkan akunnya.")
                    % {"n": number, "name": asn.name, "nip": nip}
                )
            elif nip not in seen:
                seen.add(nip)
                asns.append(asn)
        if errors:
            self.add_error("nips", errors)
        return asns


class PasswordResetRequestForm(PasswordResetForm):
    """Django's reset form, with an Indonesian label."""

    email = forms.EmailField(
        label=_("Alamat email akun"), max_length=254, widget=forms.EmailInput(attrs={"autocomplete": "email"})
    )


#: The answer to a wrong user name or password, on the site's login and the Wagtail admin's alike:
#: Django's Indonesian catalogue says "Masukkan nama pengguna Nama pengguna dan sandi yang benar".
INVALID_LOGIN = _(
    "Nama pengguna atau kata sandi salah. Periksa keduanya (huruf besar dan kecil dibedakan), lalu coba lagi."
)


class LoginForm(AuthenticationForm):
    """The site's login form (``/masuk/``), with a failure message that reads naturally."""

    error_messages = {**AuthenticationForm.error_messages, "invalid_login": INVALID_LOGIN}


class AdminLoginForm(WagtailLoginForm):
    """The Wagtail admin's login form (``WAGTAILADMIN_USER_LOGIN_FORM``), same failure message."""

    error_messages = {**WagtailLoginForm.error_messages, "invalid_login": INVALID_LOGIN}
