"""Access rules: the one place that decides who may see what.

Every view asks this module. Object-level denials are 404 (an object outside a user's scope is
indistinguishable from one that does not exist); role-level denials are 403.

Scopes, widest first:

* administrator and BKPSDM (HR provinsi): every ASN;
* HR instansi: every ASN of the HR user's own instansi;
* atasan: direct reports and their direct reports (two levels), evaluates direct reports only;
* ASN: themselves.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from functools import cache, wraps

from django.contrib.auth import get_user_model
from django.contrib.auth.views import redirect_to_login
from django.core.cache import cache as shared_cache
from django.core.exceptions import PermissionDenied
from django.db import connections, router
from django.db.models import Q, QuerySet
from django.http import Http404

from pamong.fragments import versions_replace

from .models import ASN, Jabatan, UnitKerja
from .roles import GROUP_HR_INSTANSI, GROUP_HR_PROVINSI, GROUP_HUMAS_EDITOR, GROUP_HUMAS_MODERATOR


@dataclass(frozen=True)
class Scope:
    """What one user is, computed once per request."""

    user_id: int | None
    asn_id: int | None
    instansi_id: int | None
    is_admin: bool = False
    is_hr_provinsi: bool = False
    is_hr_instansi: bool = False
    is_humas_editor: bool = False
    is_humas_moderator: bool = False
    is_atasan: bool = False

    @property
    def is_hr(self) -> bool:
        return self.is_admin or self.is_hr_provinsi or self.is_hr_instansi

    @property
    def is_humas(self) -> bool:
        return self.is_admin or self.is_humas_editor or self.is_humas_moderator

    @property
    def roles(self) -> list[str]:
        flags = {
            "asn": self.asn_id is not None,
            "atasan": self.is_atasan,
            "hr_instansi": self.is_hr_instansi,
            "hr_provinsi": self.is_hr_provinsi,
            "humas": self.is_humas_editor or self.is_humas_moderator,
            "admin": self.is_admin,
        }
        return [role for role, on in flags.items() if on]

    def hr_instansi_ids(self) -> set[int] | None:
        """Instansi this user manages as HR: ``None`` means all, an empty set means none."""
        if self.is_admin or self.is_hr_provinsi:
            return None
        if self.is_hr_instansi and self.instansi_id:
            return {self.instansi_id}
        return set()


ANONYMOUS = Scope(user_id=None, asn_id=None, instansi_id=None)


def scope_for(user) -> Scope:
    """The user's :class:`Scope`, cached on the user object for the rest of the request."""
    if user is None or not user.is_authenticated:
        return ANONYMOUS
    cached = getattr(user, "_pamong_scope", None)
    if cached is not None:
        return cached
    row = _scope_row_cached(user.pk)
    asn_id = row["asn_id"]
    scope = Scope(
        user_id=user.pk,
        asn_id=asn_id,
        instansi_id=row["instansi_id"],
        is_admin=user.is_superuser,
        is_hr_provinsi=row["hr_provinsi"],
        is_hr_instansi=row["hr_instansi"] and asn_id is not None,
        is_humas_editor=row["humas_editor"],
        is_humas_moderator=row["humas_moderator"],
        is_atasan=asn_id is not None and row["has_reports"],
    )
    user._pamong_scope = scope
    return scope


_SCOPE_ROLES = (
    ("hr_provinsi", GROUP_HR_PROVINSI),
    ("hr_instansi", GROUP_HR_INSTANSI),
    ("humas_editor", GROUP_HUMAS_EDITOR),
    ("humas_moderator", GROUP_HUMAS_MODERATOR),
)


@cache
def _scope_sql() -> str:
    """The scope query, written once: every signed-in request runs it, and building it through the
    ORM (an annotation per role, each an ``Exists`` over the group memberships) cost more CPU than
    the rest of a typical page's queries together. Plain SQL that SQLite and PostgreSQL both run."""
    user_model = get_user_model()
    memberships = user_model.groups.through._meta.db_table
    group_table = user_model.groups.field.related_model._meta.db_table
    role = (
        f"EXISTS (SELECT 1 FROM {memberships} m JOIN {group_table} g ON g.id = m.group_id "
        f"WHERE m.user_id = u.id AND g.name = %s)"
    )
    asn = ASN._meta.db_table
    return (
        f"SELECT a.id, a.instansi_id, "
        f"EXISTS (SELECT 1 FROM {asn} r WHERE r.atasan_id = a.id AND r.is_active = %s), "
        + ", ".join([role] * len(_SCOPE_ROLES))
        + f" FROM {user_model._meta.db_table} u LEFT JOIN {asn} a ON a.user_id = u.id WHERE u.id = %s"
    )


def _scope_row(user_id: int) -> dict:
    """Everything a scope needs, in one query: the ASN profile, reports and role groups."""
    using = router.db_for_read(get_user_model())
    with connections[using].cursor() as cursor:
        cursor.execute(_scope_sql(), [True, *(name for _key, name in _SCOPE_ROLES), user_id])
        row = cursor.fetchone()
    if row is None:
        raise get_user_model().DoesNotExist(user_id)
    asn_id, instansi_id, has_reports, *roles = row
    return {
        "asn_id": asn_id,
        "instansi_id": instansi_id,
        "has_reports": bool(has_reports),
        **{key: bool(on) for (key, _name), on in zip(_SCOPE_ROLES, roles, strict=True)},
    }


#: The version every cached scope row carries (:func:`scopes_changed` replaces it) and the seconds a
#: row stays in the shared cache (a safety net: the version decides whether it is current).
SCOPE_VERSION_KEY = "people:scope-version"
SCOPE_TIMEOUT = 600


def _scope_row_cached(user_id: int) -> dict:
    """:func:`_scope_row` from the shared cache (Redis in production): every signed-in request needs
    it, and it changes only when an ASN record or a role group changes, which replaces the version
    (:func:`scopes_changed`). Version and row are read in one round trip."""
    key = f"people:scope:{user_id}"
    found = shared_cache.get_many([SCOPE_VERSION_KEY, key])
    version = found.get(SCOPE_VERSION_KEY)
    if version is None:
        shared_cache.add(SCOPE_VERSION_KEY, time.time_ns(), timeout=None)
        version = shared_cache.get(SCOPE_VERSION_KEY) or 0
    stored = found.get(key)
    if stored is not None and stored[0] == version:
        return stored[1]
    row = _scope_row(user_id)
    shared_cache.set(key, (version, row), SCOPE_TIMEOUT)
    return row


def scopes_changed(**kwargs) -> None:
    """Make every cached scope row stale: an ASN record (profile link, instansi, atasan, active) or a
    role group membership changed. A signal receiver (connected in :mod:`pamong.people.apps`), also
    called by the writes that send no signals (the importer, the SIASN pull, the demo build). The
    version is replaced at once and again after the commit, so a request that read the rows before
    the commit does not keep them."""
    versions_replace([SCOPE_VERSION_KEY])


def asn_scope_q(user, *, prefix: str = "") -> Q | None:
    """A ``Q`` limiting ASN (reached through ``prefix``) to what ``user`` may see.

    ``None`` means no limit. Other apps use it on their own models, e.g.
    ``Enrolment.objects.filter(asn_scope_q(user, prefix="asn__"))``.
    """
    scope = scope_for(user)
    hr = scope.hr_instansi_ids()
    if hr is None:
        return None
    q = Q(pk__in=[])
    if hr:
        q |= Q(**{f"{prefix}instansi_id__in": hr})
    # one's own profile, unless the instansi clause already holds it: a lone ``instansi_id IN (…)``
    # lets PostgreSQL use the (instansi, …) indexes, an ``OR id = …`` beside it does not
    if scope.asn_id and scope.instansi_id not in hr:
        q |= Q(**{f"{prefix}pk": scope.asn_id})
        if scope.is_atasan:
            q |= Q(**{f"{prefix}atasan_id": scope.asn_id}) | Q(**{f"{prefix}atasan__atasan_id": scope.asn_id})
    return q


def visible_asn(user) -> QuerySet[ASN]:
    """ASN profiles ``user`` may see."""
    q = asn_scope_q(user)
    qs = ASN.objects.all()
    return qs if q is None else qs.filter(q)


def get_visible_asn_or_404(user, **lookup) -> ASN:
    try:
        return visible_asn(user).select_related("instansi", "unit", "jabatan", "atasan", "user").get(**lookup)
    except (ASN.DoesNotExist, ValueError):
        raise Http404 from None


def can_evaluate(user, asn: ASN) -> bool:
    """Only the direct atasan evaluates (administrators may act for anyone)."""
    scope = scope_for(user)
    return scope.is_admin or (scope.asn_id is not None and asn.atasan_id == scope.asn_id)


def can_manage_instansi(user, instansi_id: int) -> bool:
    """HR of that instansi, BKPSDM or an administrator."""
    hr = scope_for(user).hr_instansi_ids()
    return hr is None or instansi_id in hr


def can_run_session(user, *, trainer_id: int) -> bool:
    """A training session's trainer, BKPSDM or an administrator take its attendance and print its
    participant list (HR of an instansi sees its own ASN's registrations, not the room's)."""
    scope = scope_for(user)
    return (
        scope.is_admin or scope.is_hr_provinsi or (scope.user_id is not None and scope.user_id == trainer_id)
    )


def role_required(*roles: str):
    """View decorator: anonymous users go to login, users without any of ``roles`` get 403.

    Role names: ``asn``, ``atasan``, ``hr`` (any HR or admin), ``humas`` (or admin), ``admin``.
    """

    def decorator(view):
        @wraps(view)
        def wrapper(request, *args, **kwargs):
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            scope = scope_for(request.user)
            have = {
                "asn": scope.asn_id is not None,
                "atasan": scope.is_atasan,
                "hr": scope.is_hr,
                "humas": scope.is_humas,
                "admin": scope.is_admin,
            }
            if not any(have[role] for role in roles):
                raise PermissionDenied
            return view(request, *args, **kwargs)

        return wrapper

    return decorator


def instansi_scope_q(user, *, prefix: str = "") -> Q | None:
    """A ``Q`` limiting rows of an instansi (reached through ``prefix``, e.g. ``"instansi_id"`` or
    ``"unit__instansi_id"``) to the instansi ``user`` manages as HR; ``None`` means no limit.
    Everybody else (humas, atasan, ASN) manages none."""
    hr = scope_for(user).hr_instansi_ids()
    if hr is None:
        return None
    return Q(**{f"{prefix}__in": hr}) if hr else Q(pk__in=[])


def admin_queryset(queryset: QuerySet, user) -> QuerySet:
    """``queryset`` limited to what ``user`` may see in the Wagtail admin (choosers, listings,
    reports): ASN as :func:`visible_asn`, units and positions of the instansi the user manages
    as HR. Other models pass through (their admin is permission-gated to BKPSDM)."""
    model = queryset.model
    if issubclass(model, ASN):
        q = asn_scope_q(user)
    elif issubclass(model, UnitKerja | Jabatan):
        q = instansi_scope_q(user, prefix="instansi_id")
    else:
        return queryset
    return queryset if q is None else queryset.filter(q)
