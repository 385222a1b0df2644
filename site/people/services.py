"""Writes for accounts: activation (by email or by an HR letter's code) and the attempt limits.

* ``activation_email_send`` — one email with a single-use link when the NIP/email pair matches an
  active ASN who has never set a password; nothing (and no difference to the caller's page) else.
* ``activation_letters_issue`` — a fresh code per ASN (the previous one stops working), stored as a
  keyed hash, with one audit entry for the batch.
* ``activation_code_redeem`` — the code's owner chooses a password; the code is spent in one
  conditional UPDATE, so two submissions of the same code cannot both succeed.
* ``account_attempt_throttled`` — counts an attempt per client and per NIP (cache-based).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.crypto import salted_hmac
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django.utils.translation import gettext as _

from pamong import formats
from pamong.ratelimit import attempt_limit_exceeded

from .models import ASN, AccountAuditEntry, ActivationCode, Instansi, UnitKerja
from .selectors import activation_user_for
from .tokens import activation_token_generator

#: Letters a code is made of: no 0/O, 1/I/L, so it reads and types back without doubt.
CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
CODE_LENGTH = 10


def absolute_url(path: str) -> str:
    """``path`` on the configured site (``settings.PAMONG_BASE_URL``), never the request's host."""
    return settings.PAMONG_BASE_URL.rstrip("/") + path


# --- attempt limits -----------------------------------------------------------------------------


def account_attempt_throttled(*, form: str, client: str, nip: str = "") -> bool:
    """Count one attempt on ``form`` for the client (and the NIP, when given); True when either is
    over its limit (``settings.PAMONG_ACCOUNT_RATE_LIMITS``)."""
    limits = settings.PAMONG_ACCOUNT_RATE_LIMITS
    limit, window = limits["client"]
    over = attempt_limit_exceeded(key=f"acct:{form}:client:{_digest(client)}", limit=limit, window=window)
    nip = nip.strip()
    if nip:
        limit, window = limits["nip"]
        over = (
            attempt_limit_exceeded(key=f"acct:{form}:nip:{_digest(nip)}", limit=limit, window=window) or over
        )
    return over


def _digest(value: str) -> str:
    return hashlib.sha256(value.encode()).hexdigest()[:32]


# --- activation by email ------------------------------------------------------------------------


def activation_email_send(*, nip: str, email: str) -> bool:
    """Send the activation link when the pair matches; True when an email went out."""
    user = activation_user_for(nip=nip, email=email)
    if user is None:
        return False
    path = reverse(
        "people:activation_confirm",
        kwargs={
            "uidb64": urlsafe_base64_encode(force_bytes(user.pk)),
            "token": activation_token_generator.make_token(user),
        },
    )
    context = {
        "user": user,
        "nip": user.asn.nip,
        "name": user.asn.name,
        "link": absolute_url(path),
        "login_url": absolute_url(reverse("login")),
        "days": max(1, settings.PAMONG_ACTIVATION_TIMEOUT // 86400),
    }
    subject = "".join(render_to_string("people/email/activation_subject.txt", context).splitlines())
    body = render_to_string("people/email/activation_body.txt", context)
    send_mail(subject, body, None, [user.email])
    return True


def activation_email_completed(*, user) -> None:
    """Audit: the owner of an emailed link chose a password."""
    asn = ASN.objects.filter(user=user).only("pk", "instansi_id", "nip").first()
    AccountAuditEntry.objects.create(
        actor=user,
        action=AccountAuditEntry.Action.ACTIVATED_BY_EMAIL,
        instansi_id=asn.instansi_id if asn else None,
        asn_count=1,
        details={"nip": asn.nip if asn else user.get_username()},
    )


# --- activation letters -------------------------------------------------------------------------


@dataclass(frozen=True)
class IssuedLetter:
    """One printed letter: the code exists in clear only here, never in the database."""

    asn: ASN
    code: str
    expires_at: dt.datetime

    @property
    def link(self) -> str:
        return (
            absolute_url(reverse("people:activation_code"))
            + f"?nip={self.asn.nip}&kode={code_display(self.code)}"
        )


def code_normalise(code: str) -> str:
    """What the person typed, as stored: upper case, no spaces or dashes."""
    return "".join(ch for ch in code.upper() if ch.isalnum())


def code_display(code: str) -> str:
    """``ABCDE23456`` → ``ABCDE-23456`` (easier to copy from paper)."""
    return f"{code[:5]}-{code[5:]}"


def code_hash(*, asn_id: int, code: str) -> str:
    return salted_hmac("pamong.people.activation_code", f"{asn_id}:{code_normalise(code)}").hexdigest()


def activation_letters_issue(
    *, actor, instansi: Instansi, asns: list[ASN], unit: UnitKerja | None = None
) -> list[IssuedLetter]:
    """New codes for ``asns`` (all of ``instansi``), replacing any earlier ones; one audit entry."""
    if any(asn.instansi_id != instansi.pk for asn in asns):
        raise ValidationError(_("Semua ASN harus berasal dari instansi yang dipilih."))
    now = timezone.now()
    expires = now + dt.timedelta(days=settings.PAMONG_ACTIVATION_CODE_DAYS)
    letters = [
        IssuedLetter(
            asn=asn,
            code="".join(secrets.choice(CODE_ALPHABET) for _i in range(CODE_LENGTH)),
            expires_at=expires,
        )
        for asn in asns
    ]
    with transaction.atomic():
        # Two HR users printing letters for the same people at once: the second waits, then
        # replaces the first one's codes (never a duplicate-key error).
        list(
            ASN.objects.select_for_update()
            .filter(pk__in=[a.pk for a in asns])
            .order_by("pk")
            .values_list("pk")
        )
        ActivationCode.objects.filter(asn__in=[a.pk for a in asns]).delete()
        ActivationCode.objects.bulk_create(
            [
                ActivationCode(
                    asn=letter.asn,
                    code_hash=code_hash(asn_id=letter.asn.pk, code=letter.code),
                    issued_at=now,
                    expires_at=expires,
                    issued_by=actor,
                )
                for letter in letters
            ],
            batch_size=500,
        )
        AccountAuditEntry.objects.create(
            actor=actor,
            action=AccountAuditEntry.Action.LETTERS_ISSUED,
            instansi=instansi,
            asn_count=len(letters),
            details={
                "unit": unit.code if unit else None,
                "nip": [letter.asn.nip for letter in letters],
                "expires": expires.date().isoformat(),
            },
        )
    return letters


class CodeRefused(ValidationError):
    """A code that does not open an account, with the reason in its message."""


def activation_code_check(*, nip: str, code: str) -> ActivationCode:
    """The letter's code record for this NIP and code, or :class:`CodeRefused` saying why."""
    nip, code = nip.strip(), code_normalise(code)
    record = (
        ActivationCode.objects.filter(asn__nip=nip, asn__is_active=True, asn__user__is_active=True)
        .select_related("asn__user")
        .first()
    )
    if record is None or not code or record.code_hash != code_hash(asn_id=record.asn_id, code=code):
        raise CodeRefused(
            _("NIP dan kode aktivasi tidak cocok. Periksa kembali surat aktivasi Anda (kode terbaru)."),
            code="mismatch",
        )
    if record.used_at is not None:
        raise CodeRefused(
            _(
                "Kode aktivasi ini sudah dipakai. Masuk dengan NIP dan kata sandi Anda; jika lupa, "
                "gunakan “Lupa kata sandi” atau minta surat aktivasi baru kepada pengelola kepegawaian."
            ),
            code="used",
        )
    if record.asn.user.has_usable_password() and record.asn.user.password:
        raise CodeRefused(
            _("Akun ini sudah aktif. Masuk dengan NIP dan kata sandi Anda, atau gunakan “Lupa kata sandi”."),
            code="active",
        )
    if record.expires_at <= timezone.now():
        raise CodeRefused(
            _(
                "Kode aktivasi ini sudah kedaluwarsa (berlaku sampai %(date)s). Minta surat aktivasi "
                "baru kepada pengelola kepegawaian instansi Anda."
            )
            % {"date": formats.date_long(record.expires_at)},
            code="expired",
        )
    return record


def activation_code_redeem(*, record: ActivationCode, password: str):
    """Spend the code and set the password, together; a code already spent is refused."""
    user = record.asn.user
    with transaction.atomic():
        spent = ActivationCode.objects.filter(
            pk=record.pk, code_hash=record.code_hash, used_at__isnull=True, expires_at__gt=timezone.now()
        ).update(used_at=timezone.now())
        if spent != 1:
            raise CodeRefused(_("Kode aktivasi ini sudah dipakai."), code="used")
        user.set_password(password)
        user.save(update_fields=["password"])
        AccountAuditEntry.objects.create(
            actor=user,
            action=AccountAuditEntry.Action.ACTIVATED_BY_CODE,
            instansi_id=record.asn.instansi_id,
            asn_count=1,
            details={"nip": record.asn.nip},
        )
    return user
