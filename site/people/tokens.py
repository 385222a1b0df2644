"""Django's password-reset token machinery, used for the emailed activation link too.

An activation token has its own salt (a password-reset token never activates, nor the other way)
and its own validity, ``settings.PAMONG_ACTIVATION_TIMEOUT`` seconds (three days by default). Like
every such token it is single use: it hashes the user's password, which activation replaces.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth.tokens import PasswordResetTokenGenerator
from django.utils.crypto import constant_time_compare
from django.utils.http import base36_to_int


class ActivationTokenGenerator(PasswordResetTokenGenerator):
    key_salt = "pamong.people.tokens.ActivationTokenGenerator"

    def check_token(self, user, token) -> bool:
        """Django's check with the activation timeout instead of ``PASSWORD_RESET_TIMEOUT``."""
        if not (user and token):
            return False
        try:
            ts_b36, _hash = token.split("-")
            ts = base36_to_int(ts_b36)
        except ValueError:
            return False
        for secret in [self.secret, *self.secret_fallbacks]:
            if constant_time_compare(self._make_token_with_timestamp(user, ts, secret), token):
                break
        else:
            return False
        return (self._num_seconds(self._now()) - ts) <= settings.PAMONG_ACTIVATION_TIMEOUT


activation_token_generator = ActivationTokenGenerator()
