"""``{% api_tokens %}``: the signed-in user's API tokens on "Akun saya", each with a revoke button."""

from __future__ import annotations

from django import template
from rest_framework.authtoken.models import Token

from pamong.api.auth import token_expires_at, token_is_expired

register = template.Library()


@register.inclusion_tag("api/token_list.html", takes_context=True)
def api_tokens(context):
    user = context["request"].user
    rows = [
        {
            "prefix": token.key[:6],
            "created": token.created,
            "expires": token_expires_at(token),
            "expired": token_is_expired(token),
        }
        for token in Token.objects.filter(user=user)
    ]
    return {"tokens": rows, "request": context["request"], "csrf_token": context.get("csrf_token")}
