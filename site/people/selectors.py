"""Reads of organisation and people data."""

from __future__ import annotations

from django.contrib.auth.hashers import UNUSABLE_PASSWORD_PREFIX
from django.db.models import Q, QuerySet

from .access import visible_asn
from .models import ASN


def asn_list_for(
    *, user, query: str = "", instansi_id: int | None = None, unit_id: int | None = None
) -> QuerySet[ASN]:
    """Active and inactive ASN visible to ``user``, filtered, with the related rows joined."""
    qs = visible_asn(user).select_related("instansi", "unit", "jabatan", "atasan")
    if query:
        qs = qs.filter(Q(name__icontains=query) | Q(nip__startswith=query))
    if instansi_id:
        qs = qs.filter(instansi_id=instansi_id)
    if unit_id:
        qs = qs.filter(unit_id=unit_id)
    return qs.order_by("name", "pk")


def asn_subordinates(*, asn: ASN) -> QuerySet[ASN]:
    return asn.bawahan.filter(is_active=True).select_related("jabatan", "unit").order_by("name")


def asn_awaiting_activation(*, instansi_ids: set[int] | None) -> QuerySet[ASN]:
    """Active ASN (of ``instansi_ids``; ``None`` = every instansi) whose login was never used: no
    password of their own yet (imported ASN get an unusable one) and never signed in (an SSO login
    counts as use)."""
    qs = ASN.objects.filter(
        is_active=True, user__password__startswith=UNUSABLE_PASSWORD_PREFIX, user__last_login__isnull=True
    )
    return qs if instansi_ids is None else qs.filter(instansi_id__in=instansi_ids)
