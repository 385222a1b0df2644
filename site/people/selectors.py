"""Reads of organisation and people data."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import UNUSABLE_PASSWORD_PREFIX
from django.db.models import CharField, Q, QuerySet, Value
from django.db.models.functions import Concat

from .access import scope_for, visible_asn
from .models import ASN, Instansi, UnitKerja
from .roles import GROUP_HR_INSTANSI, GROUP_HR_PROVINSI


def asn_list_for(
    *, user, query: str = "", instansi_id: int | None = None, unit_id: int | None = None
) -> QuerySet[ASN]:
    """Active and inactive ASN visible to ``user``, filtered, ordered by name, with only the columns
    a list row shows. Indexes ``asn_name_order`` and ``asn_instansi_name_order`` serve the order with
    and without the instansi filter, so a page reads its 50 rows, not the province."""
    qs = (
        visible_asn(user)
        .select_related("unit", "jabatan")
        .only("pk", "name", "nip", "instansi_id", "unit__name", "jabatan__name")
    )
    order = ["name", "pk"]
    if query:
        qs = qs.filter(Q(name__icontains=query) | Q(nip__startswith=query))
        if len(query) >= 3:
            # The same order through an expression: PostgreSQL then finds the matches with the
            # trigram index (three letters at least) and sorts only them. Ordered by the column, it
            # walks the name index, crossing most of the province for a common name (``siti`` at
            # 90,000 ASN: 176 ms against 28 ms). One or two letters match nearly everybody: there the
            # name index finds a page's 50 rows at once.
            order[0] = Concat("name", Value(""), output_field=CharField())
    if instansi_id:
        qs = qs.filter(instansi_id=instansi_id)
    if unit_id:
        qs = qs.filter(unit_id=unit_id)
    return qs.order_by(*order)


def instansi_choices_for(*, user) -> QuerySet[Instansi]:
    """The instansi a user may filter HR lists by: every one for BKPSDM, their own for HR."""
    hr = scope_for(user).hr_instansi_ids()
    qs = Instansi.objects.only("pk", "name").order_by("name")
    return qs if hr is None else qs.filter(pk__in=hr)


def asn_subordinates(*, asn: ASN) -> QuerySet[ASN]:
    return asn.bawahan.filter(is_active=True).select_related("jabatan", "unit").order_by("name")


# --- accounts: activation -----------------------------------------------------------------------


def never_set_password_q(prefix: str = "") -> Q:
    """Users who have never chosen a password (imported logins get an unusable one)."""
    return Q(**{f"{prefix}password__startswith": UNUSABLE_PASSWORD_PREFIX}) | Q(**{f"{prefix}password": ""})


def activation_user_for(*, nip: str, email: str):
    """The login of the active ASN with this NIP and this email on record, when it has never had a
    password; else ``None``. The email is compared case-insensitively."""
    nip, email = nip.strip(), email.strip()
    if not nip or not email:
        return None
    asn = (
        ASN.objects.filter(nip=nip, is_active=True, user__is_active=True, user__email__iexact=email)
        .filter(never_set_password_q("user__"))
        .select_related("user")
        .first()
    )
    return asn.user if asn else None


def unit_subtree_ids(*, unit: UnitKerja) -> list[int]:
    """``unit`` and every unit below it (one query for the instansi's units)."""
    children: dict[int | None, list[int]] = {}
    for pk, parent_id in UnitKerja.objects.filter(instansi_id=unit.instansi_id).values_list(
        "pk", "parent_id"
    ):
        children.setdefault(parent_id, []).append(pk)
    found, todo = [], [unit.pk]
    while todo:
        pk = todo.pop()
        if pk in found:
            continue
        found.append(pk)
        todo.extend(children.get(pk, []))
    return found


def letter_candidates_in_unit(*, unit: UnitKerja) -> QuerySet[ASN]:
    """Active ASN of ``unit`` and its sub-units who have not activated their account yet."""
    return (
        ASN.objects.filter(unit_id__in=unit_subtree_ids(unit=unit), is_active=True, user__is_active=True)
        .filter(never_set_password_q("user__"))
        .select_related("unit", "jabatan", "instansi")
        .order_by("unit__code", "name", "pk")
    )


def asn_awaiting_activation(*, instansi_ids: set[int] | None) -> QuerySet[ASN]:
    """Active ASN (of ``instansi_ids``; ``None`` = every instansi) whose login was never used: no
    password of their own yet (imported ASN get an unusable one) and never signed in (an SSO login
    counts as use)."""
    qs = ASN.objects.filter(is_active=True, user__last_login__isnull=True).filter(
        never_set_password_q("user__")
    )
    return qs if instansi_ids is None else qs.filter(instansi_id__in=instansi_ids)


def hr_user_ids_for_instansi(*, instansi_id: int) -> list[int]:
    """The logins of the pengelola kepegawaian of one instansi (who hear of its objections and public
    feedback); BKPSDM when the instansi has none."""
    users = get_user_model().objects.filter(is_active=True)
    ids = list(
        users.filter(groups__name=GROUP_HR_INSTANSI, asn__instansi_id=instansi_id).values_list(
            "pk", flat=True
        )
    )
    return ids or list(users.filter(groups__name=GROUP_HR_PROVINSI).values_list("pk", flat=True))
