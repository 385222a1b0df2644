"""API tokens that expire (``PAMONG_API_TOKEN_LIFETIME`` after they were issued), are deleted when
their owner's password changes, and can be revoked from "Akun saya"."""

from __future__ import annotations

import datetime

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from rest_framework import exceptions
from rest_framework.authentication import TokenAuthentication
from rest_framework.authtoken.models import Token


def token_expires_at(token: Token) -> datetime.datetime:
    return token.created + settings.PAMONG_API_TOKEN_LIFETIME


def token_is_expired(token: Token, now: datetime.datetime | None = None) -> bool:
    return token_expires_at(token) <= (now or timezone.now())


class ExpiringTokenAuthentication(TokenAuthentication):
    """DRF's token authentication, refusing (401) a token past its lifetime."""

    def authenticate_credentials(self, key):
        user, token = super().authenticate_credentials(key)
        if token_is_expired(token):
            raise exceptions.AuthenticationFailed(_("Token sudah kedaluwarsa. Minta token baru."))
        return user, token
